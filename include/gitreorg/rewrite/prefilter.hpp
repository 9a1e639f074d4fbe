// The pre-filter: one multi-pattern literal search over a blob decides, before any parser runs, whether
// the kinds that find references by what they name (Markdown links, repository URLs, path mentions)
// can find anything in it. Conservative: a file it lets through may hold nothing; a file it skips
// would get no edit, no review item and no diagnostic from them.
//
// Why a file that names none of the needles holds nothing for them (docs/references.md#the-pre-filter):
// a relative reference resolves from the file's directory or the root, climbing (`..`, a needle) or
// descending by segments it writes; a path lands where its parent lands plus its name unless it is
// *displaced* (a rule moves it elsewhere, or the move dissolves it), so a descent reaches a changed
// place only through a displaced path's name. A file that is displaced itself, or whose directory is
// dissolved, is always read, as are words whose spelling a rewrite normalizes (`a//b`, `a/./b`).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/literal_search.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/plan/move_model.hpp"

namespace gitreorg::rewrite {

class GithubUrls;
class PathMentions;

// What the pre-filter searches each blob for, each list sorted; besides these, `//` (not in `://`)
// and a `.` segment (`/.` before `/` or the end of a word).
struct PrefilterNeedles {
  // Exact bytes: the names of the displaced paths, the obsolete names path mentions look for
  // (PathMentions::obsolete_names), the clone directories (`<clone>/x`), and `..`.
  std::vector<std::string> names;
  // Any case: `OWNER/REPO` of the repository's URLs and of the imported repositories'.
  std::vector<std::string> repositories;
  // Exact bytes, counted only in a word followed by a pattern or variable (`pytorch/*`) or after a
  // prefix nobody can resolve (`${X}/pytorch`), where path mentions flag a directory that did not move
  // as a whole: the directories above displaced paths (not already in `names`).
  std::vector<std::string> partly_moved;
};

// The needles for the move `moves` describes on `tree`; `clone_names`: the clone directories path
// mentions read after (the repository's, the imported ones'); `urls`: the URL finders in use.
PrefilterNeedles prefilter_needles(const plan::MoveModel& moves, const core::Tree& tree, const PathMentions& mentions,
                                   std::span<const std::string> clone_names, std::span<const GithubUrls* const> urls);

class Prefilter {
 public:
  Prefilter(const plan::MoveModel& moves, PrefilterNeedles needles);

  // Whether the file at `old_path` (going to `new_path`), holding `text`, may hold a reference the
  // literal kinds would edit or report. False only when it cannot.
  bool may_reference(std::string_view old_path, std::string_view new_path, std::string_view text) const;

  const PrefilterNeedles& needles() const { return needles_; }

 private:
  enum class Needle { name, repository, partly_moved, double_slash, dot_segment };
  bool holds_needle(std::string_view text) const;

  const plan::MoveModel& moves_;
  PrefilterNeedles needles_;
  std::vector<std::string> patterns_;  // as searched, parallel to kinds_
  std::vector<Needle> kinds_;
  core::LiteralSearch search_;
};

}  // namespace gitreorg::rewrite
