// The variables of a script that stand for its own directory or the repository root (the SCRIPT_DIR
// idiom), read from its assignments, and what an expansion in front of a word stands for.
#include "gitreorg/rewrite/script_variables.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace gitreorg::rewrite {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// An expression for the directory of the file it is written in.
bool own_dir_expression(std::string_view e) {
  bool shell = e.find("dirname") != std::string_view::npos &&
               (e.find("BASH_SOURCE") != std::string_view::npos || e.find("$0") != std::string_view::npos ||
                e.find("${0}") != std::string_view::npos);
  bool make = e.find("MAKEFILE_LIST") != std::string_view::npos && e.find("$(dir ") != std::string_view::npos;
  return shell || make;
}

bool repo_root_expression(std::string_view e) {
  return e.find("rev-parse") != std::string_view::npos && e.find("--show-toplevel") != std::string_view::npos;
}

}  // namespace

std::optional<std::string_view> expansion_before(std::string_view v, std::size_t close) {
  char c = v[close], o = c == '}' ? '{' : '(';
  int depth = 0;
  for (std::size_t k = close + 1; k-- > 0;) {
    if (v[k] == c) {
      ++depth;
    } else if (v[k] == o && --depth == 0) {
      if (k == 0 || v[k - 1] != '$') return std::nullopt;
      return v.substr(k + 1, close - k - 1);
    }
  }
  return std::nullopt;
}

WordPrefix name_prefix(std::string_view name, const ScriptVariables* vars) {
  std::size_t n = 0;
  while (n < name.size() && is_name_char(name[n])) ++n;
  if (!vars || n == 0) return WordPrefix::unknown;
  std::string id(name.substr(0, n));
  if (vars->own_dir.count(id)) return WordPrefix::own_dir;
  if (vars->repo_root.count(id)) return WordPrefix::root;
  return WordPrefix::unknown;
}

WordPrefix expansion_prefix(std::string_view inside, bool command, const ScriptVariables* vars) {
  if (command && own_dir_expression(inside)) return WordPrefix::own_dir;
  if (command && repo_root_expression(inside)) return WordPrefix::root;
  return name_prefix(inside, vars);
}

ScriptVariables script_variables(std::string_view text) {
  std::unordered_map<std::string, WordPrefix> seen;
  for (std::size_t b = 0; b < text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    b = e + 1;
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos) continue;
    for (std::string_view kw : {"export ", "local ", "readonly ", "declare ", "typeset ", "override "}) {
      if (line.substr(i).starts_with(kw)) {
        i = line.find_first_not_of(" \t", i + kw.size());
        while (i != std::string_view::npos && line[i] == '-') i = line.find_first_not_of(" \t", line.find_first_of(" \t", i));
        break;
      }
    }
    if (i == std::string_view::npos || std::isdigit(static_cast<unsigned char>(line[i]))) continue;
    std::size_t n = i;
    while (n < line.size() && is_name_char(line[n])) ++n;
    if (n == i) continue;
    std::string name(line.substr(i, n - i));
    std::size_t k = line.find_first_not_of(" \t", n);
    if (k == std::string_view::npos) continue;
    std::string_view rest = line.substr(k);
    std::size_t op = rest.starts_with("=") ? 1 : rest.starts_with(":=") || rest.starts_with("?=") ? 2 : rest.starts_with("::=") ? 3 : 0;
    if (!op || rest.substr(op).starts_with("=")) continue;  // `==` is a comparison
    std::string_view rhs = rest.substr(op);
    rhs.remove_prefix(std::min(rhs.size(), rhs.find_first_not_of(" \t") == std::string_view::npos ? rhs.size() : rhs.find_first_not_of(" \t")));
    if (rhs.starts_with("\"")) rhs.remove_prefix(1);
    // The whole value is one `$(...)` or backquoted command: after its end only quotes, `/`, `;` or a comment.
    std::size_t last = rhs.find_last_of(")`");
    WordPrefix kind = WordPrefix::unknown;
    if ((rhs.starts_with("$(") || rhs.starts_with("`")) && last != std::string_view::npos) {
      std::string_view tail = rhs.substr(last + 1);
      std::size_t c = tail.find('#');
      if (c != std::string_view::npos) tail = tail.substr(0, c);
      if (tail.find_first_not_of(" \t\"/;\r") == std::string_view::npos) {
        std::string_view expr = rhs.substr(0, last + 1);
        if (own_dir_expression(expr)) kind = WordPrefix::own_dir;
        else if (repo_root_expression(expr)) kind = WordPrefix::root;
      }
    }
    auto [it, fresh] = seen.emplace(name, kind);
    if (!fresh && it->second != kind) it->second = WordPrefix::unknown;
  }
  ScriptVariables out;
  for (const auto& [name, kind] : seen) {
    if (kind == WordPrefix::own_dir) out.own_dir.insert(name);
    if (kind == WordPrefix::root) out.repo_root.insert(name);
  }
  return out;
}

}  // namespace gitreorg::rewrite
