// Path mentions: repository paths written as plain words in scripts, Makefiles, Dockerfiles, Python,
// YAML/JSON manifests, notebooks and Markdown code. Conservative: a word is rewritten only when it
// resolves to a file or directory of the old tree (from the repository root, from the file's own
// directory, or after a `<clone-dir>/` prefix) and its new spelling differs; words that merely look
// like old paths are listed for review, never guessed.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/rewrite/mapped_value.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"
#include "gitreorg/rewrite/script_variables.hpp"

namespace gitreorg::rewrite {

// How path mentions are found in a file, by name (and first line, for `#!` scripts).
enum class MentionFormat {
  none,
  text,      // every word: scripts, Makefiles, Dockerfiles, Python, YAML, sbatch/Slurm files
  json,      // the strings of a JSON document (manifests, `.ipynb` notebooks), escapes kept
  markdown,  // code spans, code blocks and HTML comments only
};
MentionFormat mention_format(std::string_view path, std::string_view content);

// Byte ranges [begin, end) of code block lines and code spans in a Markdown document (md4c).
std::vector<std::pair<std::size_t, std::size_t>> markdown_code_ranges(std::string_view text);

// A directory words are read from: where it was and where it is after the move ("" = root).
struct MentionBase {
  std::string old_dir;
  std::string new_dir;
};


// What happened to one word.
struct MentionOutcome {
  enum class Status { not_a_path, unchanged, rewritten, review };
  Status status = Status::not_a_path;
  std::string replacement;  // when rewritten
  std::string reason;       // when review
};

class PathMentions {
 public:
  // `repo_name` is the clone directory name (`mapping.repository->name`; "" when none); `new_repo_name`
  // the one after the migration, when it changes (an imported repository's clone becomes the host's).
  // `clone_only`: only words after `<repo_name>/` are read (an imported repository's clone named in a
  // host file: `cd awsome-inference/2.projects/x`); nothing else of the file is its path.
  PathMentions(const plan::MoveModel& moves, const core::Tree& old_tree, std::string repo_name,
               std::string new_repo_name = "", bool clone_only = false);

  // One word (as a tokenizer found it). `continued` says it is followed by a pattern or variable
  // (`dir/*.sh`, `dir/${x}`), so a directory must have moved as a whole for a rewrite. `known_path`: the
  // word is a path by its place (`working-directory:`), so a bare directory name counts too. `unit`:
  // the word follows a prefix nobody can resolve (`${X}/`, `$(pwd)/`, `file://`), so it is rewritten
  // only when what it names moved as a unit (a file, or a directory all of whose files moved with it).
  MentionOutcome rewrite_word(std::string_view word, const std::vector<MentionBase>& bases, bool continued,
                              bool known_path = false, bool unit = false) const;

  // Every mention in `text`, a file at `old_path` moving to `new_path`, read in `format`. Words are
  // resolved from the file's directory and from the root. For Markdown, `scan` (when given) supplies
  // the code ranges (when it read the bytes as they are; else they are parsed again), the text of HTML
  // comments (names with spaces written bare included) and the prose, where only words holding an
  // obsolete name are read (`docs` in a sentence is a word, `0.docs` a directory), and a heading's
  // are listed for review, since a heading's text makes its anchor. In scripts and in Markdown code
  // blocks, a trailing comment in a column keeps it (keep_comment_columns).
  std::vector<core::Edit> rewrite_file(std::string_view old_path, std::string_view new_path, std::string_view text,
                                       MentionFormat format, std::vector<ReviewItem>& review,
                                       const markdown::MarkdownScan* scan = nullptr) const;

  // How the words of a range are read. `code`: every word; a name with spaces is one word when
  // quoted, when it is the whole range, or when it holds an obsolete name with a space.
  // `comment`: also the longest run of words joined by spaces that names a path, written bare (HTML
  // comments). `prose`: only words and runs holding an obsolete name (looks_old:
  // `2. Setup Container/x.yaml`). `heading`: as prose, but what would be rewritten is listed for review.
  enum class RangeReading { code, comment, prose, heading };

  // Mentions in the bytes text[begin, end) only, read from `bases` (YAML scalars, code ranges).
  // `lines` indexes `text`; `path` names the file in review items. With `vars`, a word after one of
  // its variables is read from `own` (the file's directory) or from the root.
  void rewrite_range(std::string_view path, std::string_view text, std::size_t begin, std::size_t end,
                     const std::vector<MentionBase>& bases, const core::LineIndex& lines, std::vector<core::Edit>& edits,
                     std::vector<ReviewItem>& review, const ScriptVariables* vars = nullptr,
                     const MentionBase* own = nullptr, RangeReading reading = RangeReading::code) const;

  // Same for a decoded string value whose bytes came from the source (`encode` re-escapes a new
  // word for the source syntax).
  void rewrite_mapped(std::string_view path, std::string_view text, const MappedValue& value,
                      const std::vector<MentionBase>& bases, const core::LineIndex& lines, std::vector<core::Edit>& edits,
                      std::vector<ReviewItem>& review, const ScriptVariables* vars = nullptr,
                      const MentionBase* own = nullptr) const;

  // True if `word` contains a name the move made obsolete: a numbered directory like
  // `5.sagemaker-hyperpod` that moved, or a top-level directory that no longer exists followed by `/`
  // (`3.test_cases/`; a bare `c` is too common a word to mean the directory).
  // With `clone_only`, true if `word` holds `<repo_name>/`.
  bool looks_old(std::string_view word) const;

  // The new name of an old numbered directory named `name` alone (`5.sagemaker-hyperpod`, in prose or
  // a tree diagram), when that is unambiguous: exactly one directory of the old tree has that name, it
  // is not split by the move, and it moved. nullopt otherwise.
  std::optional<std::string> renamed_name(std::string_view name) const;

  // The obsolete names looks_old looks for (numbered directories that moved, top-level directories
  // gone), sorted: a word holds one of them literally or is not old.
  std::vector<std::string> obsolete_names() const;

  const plan::MoveModel& moves() const { return moves_; }
  const std::string& clone_name() const { return repo_name_; }

 private:
  bool moved_wholly(const std::string& dir) const;
  void scan(std::string_view value, const std::vector<MentionBase>& bases, const ScriptVariables* vars,
            const MentionBase* own, const std::function<void(std::size_t, std::size_t, const MentionOutcome&)>& found,
            RangeReading reading = RangeReading::code) const;

  const plan::MoveModel& moves_;
  const core::Tree& tree_;
  std::string repo_name_;
  std::string new_repo_name_;  // "" = repo_name_
  std::unordered_set<std::string> numbered_names_, gone_top_dirs_;
  std::unordered_map<std::string, std::vector<std::string>> numbered_dirs_;  // name -> old directories so named
  bool spaced_old_names_ = false;  // an obsolete name holds a space (`2. Setup Container`)
  bool clone_only_ = false;
  mutable std::unordered_map<std::string, bool> wholly_;
};

// The "path-mention" row of the table of kinds.
bool path_mention_applies(const FileInput& file, const RewriteContext& ctx);
KindResult path_mention_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite
