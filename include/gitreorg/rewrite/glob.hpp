// Path patterns that select files (GitHub workflow filters, CODEOWNERS / .gitignore / .gitattributes
// lines), and how to carry one across a move: the new patterns must match, on the new tree, exactly
// the moved images of the files the old pattern matched on the old tree — no more, no less.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/plan/move_model.hpp"

namespace re2 {
class RE2;
}

namespace gitreorg::rewrite {

enum class GlobDialect {
  // GitHub's filter syntax: `*` not crossing `/`, `**`, `?` and `+` quantify the previous character,
  // `[...]`, a leading `!` negates, `\` escapes.
  github_filter,
  // gitignore and CODEOWNERS: `?` is one character, a leading `/` or a `/` inside anchors to the
  // file's directory, a trailing `/` matches directories only, a pattern matching a directory matches
  // every file below it.
  gitignore,
  // .gitattributes: like gitignore, but a pattern applies to the files it names, not to files below
  // a directory it names.
  gitattributes,
};

// One parsed pattern.
class Glob {
 public:
  // nullopt when the pattern cannot be compiled.
  static std::optional<Glob> parse(std::string_view text, GlobDialect dialect);

  // True when the file `path` (relative to the pattern's base directory) is selected; negation is
  // not applied here (see `negated`).
  bool matches(std::string_view path) const;
  // The two halves of matches: the path itself, and (gitignore and CODEOWNERS only) the directory
  // `dir` or one above it, which selects every file below: matches(p) is
  // matches_itself(p) || matches_directory(parent_dir(p)). Files of one directory share the second.
  bool matches_itself(std::string_view path) const;
  bool matches_directory(std::string_view dir) const;
  // gitignore: the directory `dir` itself matches (a trailing-`/` pattern too), not through one above.
  bool matches_as_directory(std::string_view dir) const;

  const std::string& text() const { return text_; }
  GlobDialect dialect() const { return dialect_; }
  bool negated() const { return negated_; }
  // The leading segments of the pattern that are plain names ("" when it starts with a wildcard),
  // and the pattern after them (without the separating `/`).
  const std::string& literal_prefix() const { return prefix_; }
  const std::string& rest() const { return rest_; }
  // False for gitignore patterns without a `/` (they match a name at any depth).

  // The same pattern (negation, leading and trailing `/`) with `prefix` (a literal directory or file,
  // written plainly) in place of the literal prefix and `rest` after it.
  std::string with_prefix(std::string_view prefix, std::string_view rest) const;

  // The same pattern answering every match with its regex: the straightforward computation its
  // shortcuts are tested against.
  Glob without_shortcuts() const;

 private:
  // The shapes most patterns have, answered by comparing strings instead of running the regex: after
  // the literal prefix, nothing (`a/b`), `**` (`a/**`), `**/name` (`a/**/README.md`, and a gitignore
  // `name` at any depth) or `**/*ending` (`**/*.py`, a gitignore `*.pyc`).
  enum class Shortcut : unsigned char { none, literal, below, name, suffix };
  static Shortcut shortcut_of(std::string_view rest, GlobDialect dialect);
  // RE2::FullMatch of the pattern's regex on `s`; quick_match answers it without the regex, or
  // nullopt where `s` holds bytes whose reading is RE2's (a line feed, non-ASCII).
  bool full_match(std::string_view s) const;
  std::optional<bool> quick_match(std::string_view s) const;

  std::string text_;
  GlobDialect dialect_ = GlobDialect::github_filter;
  bool negated_ = false;
  bool leading_slash_ = false;
  bool dir_only_ = false;
  bool anchored_ = true;
  Shortcut shortcut_ = Shortcut::none;
  std::string prefix_, rest_;
  struct Regex;  // its text, compiled when first needed
  std::shared_ptr<const Regex> re_;
  friend class GlobSet;
};

// Which globs of a list match a path, with one RE2::Set pass over the path and one per directory above
// it (remembered: the files of a directory share them), instead of one regex match per glob and
// directory; the same answers as Glob::matches of each. Remembers directories: one per thread.
class GlobSet {
 public:
  explicit GlobSet(std::vector<const Glob*> globs);
  ~GlobSet();
  GlobSet(const GlobSet&) = delete;
  GlobSet& operator=(const GlobSet&) = delete;

  // Ascending indices into the list of the globs that match `path`.
  std::vector<std::size_t> matching(std::string_view path) const;
  // Those that match the file `path` itself (Glob::matches_itself), not through a directory above it.
  std::vector<std::size_t> matching_itself(std::string_view path) const;

 private:
  struct Sets;
  const std::vector<std::size_t>& matching_directory(std::string_view dir) const;

  std::vector<const Glob*> globs_;
  std::unique_ptr<Sets> sets_;  // null when RE2::Set cannot hold them: then one glob at a time
  mutable std::unordered_map<std::string, std::vector<std::size_t>> directories_;
  mutable std::string last_dir_;                                // the directory matching() asked last
  mutable const std::vector<std::size_t>* last_above_ = nullptr;  // its answer, in directories_ (or none)
};

// Escapes the glob characters of a plain path so that it matches itself only.
std::string escape_glob(std::string_view path, GlobDialect dialect);

// True if the one path segment `name` matches the pattern segment `segment`.
bool segment_matches(std::string_view segment, std::string_view name, GlobDialect dialect);

// An ignored file of the work tree (not in the tree) and where apply carries it; an ignored directory
// ends in `/` (its content unknown: patterns naming it, or everything in it, match it).
struct IgnoredPath {
  std::string old_path;
  std::string new_path;
};

// The old tree and the new one, seen from a base directory (the root for workflows and CODEOWNERS, a
// .gitignore's own directory for its patterns): paths relative to the base, before and after.
class MovedTree {
 public:
  // `base_old` and `base_new` are the base directory before and after the move ("" = root); `ignored`
  // are counted as files of the tree (for .gitignore files).
  MovedTree(const plan::MoveModel& moves, const core::Tree& old_tree, std::string_view base_old = "", std::string_view base_new = "",
            std::span<const IgnoredPath> ignored = {});

  std::size_t size() const { return old_.size(); }
  const std::vector<std::string>& old_paths() const { return old_; }  // sorted, relative to base_old
  // Where old_paths()[i] goes, relative to base_new (nullopt: it leaves the base).
  const std::optional<std::string>& new_of(std::size_t i) const { return new_of_[i]; }
  const std::vector<std::string>& new_paths() const { return new_; }  // sorted, relative to base_new
  // The new place of an old file or directory (relative to the bases), nullopt when unknown or outside.
  std::optional<std::string> new_path(std::string_view old_rel) const;
  // True for an old directory the move dissolves (plan::MoveModel::dissolved): its new_path() is only
  // where its files have in common, not a directory that is still it.
  bool dissolved(std::string_view old_rel) const;

  // Indices into old_paths() of the files `glob` matches on the old tree.
  std::vector<std::size_t> match_old(const Glob& glob) const;
  // The new paths `glob` matches on the new tree.
  std::vector<std::string> match_new(const Glob& glob) const;

 private:
  const plan::MoveModel& moves_;
  std::string base_old_, base_new_;
  std::unordered_map<std::string, std::string> ignored_new_;  // ignored paths (no trailing `/`): old -> new
  std::vector<std::string> old_;
  std::vector<std::optional<std::string>> new_of_;
  std::vector<std::string> new_;
};

// What carrying one pattern across the move gave.
struct GlobTransform {
  enum class Status {
    unchanged,   // the pattern still selects the moved files (or matched nothing before)
    rewritten,   // `patterns` replace it (one or more, in order)
    impossible,  // no list of patterns found (files left the base, or too many pieces): left as is
  };
  Status status = Status::unchanged;
  std::vector<std::string> patterns;
  // Only with exclusions allowed: what the patterns select that moved in from elsewhere (directories
  // or, where nothing wider is exact, files), as plain patterns of the same dialect. The selection is
  // `patterns` minus these; none holds a moved image of the old selection.
  std::vector<std::string> excluded;
  std::size_t matched = 0;  // files the old pattern matched on the old tree
};

// Carries `pattern` across the move. General patterns are preferred: `3.test_cases/**` becomes
// `examples/training/fsdp/**` when that directory moved as a whole, and is split directory by
// directory only where the files went to different places; files are listed one by one only as a
// last resort. A directory whose files partly went elsewhere keeps its pattern, followed by
// patterns for what moved out. With `exclusions` (a workflow's `paths` list writes them as `!path`,
// CODEOWNERS as a later line with the old owners), a directory that received files from elsewhere
// keeps its pattern too, and those files are `excluded`; without, it is split instead. Not for a
// negated pattern.
GlobTransform transform_glob(const Glob& pattern, const MovedTree& tree, bool exclusions = false);

// True if `replacement` (empty: the pattern itself) minus what `excluded` selects selects on the new
// tree exactly the moved images of what `original` selected on the old tree (negation ignored).
bool same_selection(const Glob& original, const std::vector<Glob>& replacement, const MovedTree& tree,
                    const std::vector<Glob>& excluded = {});

// An ordered filter list (later patterns override earlier ones, `!` excludes): the files it selects.
std::vector<std::string> select_old(const std::vector<Glob>& list, const MovedTree& tree);  // moved images
std::vector<std::string> select_new(const std::vector<Glob>& list, const MovedTree& tree);

}  // namespace gitreorg::rewrite
