// What a word in a script is read after: the variables a script assigns from its own directory or
// from the repository root, and the `${...}` / `$(...)` expansion in front of a word.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace gitreorg::rewrite {

// Variables a file assigns from its own directory (`SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" &&
// pwd)"`, `$(dirname "$0")`, `$(dirname "$(readlink -f "$0")")`, Make's `$(dir $(lastword
// $(MAKEFILE_LIST)))`) or from the repository root (`$(git rev-parse --show-toplevel)`). A name
// assigned both ways, or also something else, is in neither.
struct ScriptVariables {
  std::unordered_set<std::string> own_dir, repo_root;
};
ScriptVariables script_variables(std::string_view text);

// What a word is read after.
enum class WordPrefix {
  none,     // nothing: the word itself
  own_dir,  // a variable or expression for the file's own directory
  root,     // one for the repository root
  unknown,  // anything else: `${X}`, `$(pwd)`, `${{ env.X }}`, `file://`
};

// The `${...}` or `$(...)` ending at v[close], without its delimiters; nullopt when `close` ends no expansion.
std::optional<std::string_view> expansion_before(std::string_view v, std::size_t close);
// What the variable whose name starts `name` (`SCRIPT_DIR/../x`) stands for.
WordPrefix name_prefix(std::string_view name, const ScriptVariables* vars);
// What the expansion `inside` (a `$(...)` command when `command`, else a `${...}` name) stands for.
WordPrefix expansion_prefix(std::string_view inside, bool command, const ScriptVariables* vars);

}  // namespace gitreorg::rewrite
