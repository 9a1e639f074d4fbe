// Absolute URLs to the repository (github.com pages and raw.githubusercontent.com), in any text file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/markdown/link_repair.hpp"
#include "gitreorg/plan/import_plan.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace re2 {
class RE2;
}

namespace gitreorg::rewrite {

// What happened to one URL.
struct UrlOutcome {
  std::optional<std::string> new_url;  // nullopt: unchanged
  bool pinned = false;                 // on a tag or commit id (or a branch not in `branches`): left alone
  std::string problem;                 // non-empty: the path is not in the tree (path left as is)
  bool in_new_tree = false;            // with a problem: the path is one of the tree after the move (written ahead)
  std::string path;                    // the repository path the URL names (decoded); empty for a pinned URL or a page
  std::string fixed;                   // non-empty: the path was not in the tree and moved earlier (why: LinkRepair::reason)
  bool translated = false;             // an imported repository's commit id, re-pointed to what the commit became
};

// One URL to the repository found in a text, and what happens to it.
struct UrlMatch {
  std::size_t offset = 0, length = 0;  // its bytes in the text (sentence punctuation left out)
  std::string url;                     // as written
  UrlOutcome outcome;
};

class GithubUrls {
 public:
  // `repo` lists the aliases (`urls`), the branches whose URLs follow the move, and `new_url`.
  // With `repairs` (--fix-broken), a `blob/` or `tree/` URL on the first branch to a path that is not
  // in the tree and moved in an earlier commit points at where it went (LinkRepairs::moved).
  // With `history` (an imported repository's plan, its commit_map computed), a URL pinned to one of
  // its commits (`blob/SHA/PATH`, `tree/SHA/DIR`, `commit/SHA`, raw) names what that commit became in
  // the host, and the path it has there; a commit that became empty, or a path that was dropped, stays.
  GithubUrls(const mapping::Repository& repo, const plan::MoveModel& moves, const markdown::LinkRepairs* repairs = nullptr,
             const plan::ImportPlan* history = nullptr);
  ~GithubUrls();
  GithubUrls(const GithubUrls&) = delete;
  GithubUrls& operator=(const GithubUrls&) = delete;

  // `https://github.com/OWNER/REPO/{blob,tree,raw,edit,blame,commits}/REF/PATH` and
  // `https://raw.githubusercontent.com/OWNER/REPO/[refs/heads/]REF/PATH`, any alias, `www.`, `.git`,
  // trailing `/`, `?query`, `#L10-L20`; for github.com, also the hosts that show its files:
  // `https://colab.research.google.com/github/OWNER/REPO/blob/REF/PATH`, `https://nbviewer.org/github/...`,
  // `https://github.dev/OWNER/REPO/blob/REF/PATH`, `https://mybinder.org/v2/gh/OWNER/REPO/REF?labpath=PATH`.
  // `url` must be exactly one URL.
  UrlOutcome rewrite_url(std::string_view url) const;

  // Every URL to the repository in `text`, in order, with what happens to it (the scan rewrite_text
  // makes its edits from).
  std::vector<UrlMatch> find_urls(std::string_view text) const;

  // Every URL to the repository in `text`; pinned URLs counted in `pinned`, problems reported as
  // warnings on `path` and, with `review`, listed there too (a URL on a tracked branch to a path that
  // is not in the tree: its host follows the repository, its path cannot follow anything).
  std::vector<core::Edit> rewrite_text(std::string_view path, std::string_view text, std::size_t& pinned, diag::Sink& sink,
                                       std::vector<ReviewItem>* review = nullptr) const;

  // `OWNER/REPO` of every alias, in lower case: every URL find_urls finds holds one of them (in any
  // case), so a text without any holds none (the pre-filter, prefilter.hpp).
  std::vector<std::string> repository_names() const;

 private:
  // `clone`: the URL is what `git clone` fetches, not a page to show.
  UrlOutcome rewrite_parts(std::string_view base, bool raw_host, std::string_view rest, bool clone = false) const;
  UrlOutcome rewrite_binder(std::string_view base, const std::string& new_base, std::string_view rest) const;
  // `ref_path` is `SHA[/PATH]` of a commit in `history_`: the URL for what it became, or nullopt.
  std::optional<UrlOutcome> rewrite_commit(const std::string& new_base, std::string_view kind_prefix, std::string_view ref_path,
                                           std::string_view suffix) const;
  std::optional<std::string> history_path(const std::string& old_path) const;

  const mapping::Repository& repo_;
  const plan::MoveModel& moves_;
  const markdown::LinkRepairs* repairs_;
  const plan::ImportPlan* history_;
  std::vector<std::pair<std::string, std::string>> commits_;  // history_'s commit_map, sorted by old id
  std::unique_ptr<re2::RE2> find_;
  std::vector<std::string> branches_;  // longest first
};

// The "github-url" row of the table of kinds.
bool github_url_applies(const FileInput& file, const RewriteContext& ctx);
KindResult github_url_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite
