// Plan rendering. The same facts in three shapes: a terminal summary, a PR description, and JSON
// whose schema is documented in docs/plan-json.md.
#include "gitreorg/report/plan_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "gitreorg/core/quote_path.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/rewrite/pattern_files.hpp"
#include "gitreorg/rewrite/pull_request_filters.hpp"
#include "gitreorg/rewrite/squash_similarity.hpp"

namespace gitreorg::report {

using core::quote_path;

namespace {

std::string short_id(const std::string& id) { return id.substr(0, 12); }

// Text (with its own code spans) for a Markdown table cell: `|` escaped.
std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

// `|` escaped, for a Markdown table cell (GFM reads `\|` as `|`, in code spans too).
std::string md_table(std::string s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

// Text in a code span for a Markdown table cell (diag::markdown_code).
std::string md_code(std::string_view s) { return md_table(diag::markdown_code(s)); }

// A tree path in a code span for a Markdown table cell, quoted as git quotes it (diag::markdown_path).
std::string md_path(std::string_view s) { return md_table(diag::markdown_path(s)); }

std::size_t squash_breaking(const rewrite::ReferenceRewrite* refs) {
  if (!refs) return 0;
  return static_cast<std::size_t>(std::count_if(refs->squash_breaks.begin(), refs->squash_breaks.end(), [](const rewrite::SquashBreak& b) {
    return b.similarity < rewrite::kSquashRenameThreshold;
  }));
}

std::string squash_advice(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs) {
  if (rp.plan.moved_files == 0) return {};
  std::size_t edited = moved_and_edited(refs), breaking = squash_breaking(refs);
  auto files = [](std::size_t n) { return fmt::format("{} {}", n, n == 1 ? "file" : "files"); };
  std::string both = fmt::format("{} both moved and edited", edited == 1 ? "is" : "are");
  std::string squashed =
      refs && edited == 0
          // Every moved file keeps its bytes: a squash still shows exact renames, but the reference
          // updates are no longer a commit of their own (the one .git-blame-ignore-revs would name).
          ? "No moved file is edited, so a squash would keep every rename exact, but would fold the reference "
            "updates into the moves: .git-blame-ignore-revs could no longer name them."
      : !refs || !refs->squash_scored
          ? fmt::format("Squashed, the {} that {} can fall below git's rename similarity threshold and lose {} history.",
                        files(edited), both, edited == 1 ? "its" : "their")
      : breaking > 0 ? fmt::format("Squashed, {} of the {} that {} {} below git's {}% rename similarity threshold and {} "
                                 "history (listed under Squash review).",
                                 breaking, files(edited), both, breaking == 1 ? "falls" : "fall",
                                 rewrite::kSquashRenameThreshold, breaking == 1 ? "loses its" : "lose their")
                   : fmt::format("Squashed, the {} that {} {} found as renames by similarity only (none falls below "
                                 "git's {}% threshold) and edits made to them later can break that.",
                                 files(edited), both, edited == 1 ? "is" : "are", rewrite::kSquashRenameThreshold);
  return fmt::format(
      "Merge this change with a merge commit or a rebase, not a squash: the moves and the reference updates are "
      "separate commits so that git sees every moved file as an exact rename ({}). {}",
      files(rp.plan.moved_files), squashed);
}

// The verdict on one file of the squash review.
std::string_view squash_verdict(const rewrite::SquashBreak& b) {
  return b.similarity < rewrite::kSquashRenameThreshold ? "breaks: deleted and added" : "review";
}

constexpr std::string_view kSquashReview =
    "moved and edited files less than {}% similar to their old content after the reference edits; squashed, git "
    "sees those under {}% as deleted and added (their history breaks)";

std::size_t edit_count(const rewrite::ReferenceRewrite& refs) {
  std::size_t n = 0;
  for (const auto& f : refs.files) n += f.edits.size();
  return n;
}

// "markdown-link 12, github-url 4; also: pinned-url 2, skipped-binary 6". Edit kinds are counted
// from the edits themselves; the rewriter's other counts (left alone, skipped) follow.
std::string count_summary(const rewrite::ReferenceRewrite& refs) {
  std::map<std::string, std::size_t> edits;
  for (const auto& f : refs.files)
    for (const auto& e : f.edits) ++edits[e.kind];
  std::string out;
  for (const auto& [kind, n] : edits) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", kind, n);
  if (out.empty()) out = "none";
  std::string other;
  for (const auto& [kind, n] : refs.counts)
    if (!edits.count(kind)) other += fmt::format("{}{} {}", other.empty() ? "" : ", ", kind, n);
  if (!other.empty()) out += "; also counted: " + other;
  return out;
}

// Files the migration PR changes: every moved file plus every edited file that stays.
std::size_t changed_files(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs) {
  std::size_t n = rp.plan.moved_files;
  if (refs)
    for (const auto& f : refs->files) n += f.old_path == f.new_path;
  return n;
}

// The path-filtered workflows that the migration's own pull request does not trigger although it
// changes files they filter on: GitHub reads only its first 300 changed files (in path order).
// A tree path in a note's text, with its backticks: as it is (JSON), quoted by core::quote_path (text) or
// by diag::markdown_path (Markdown).
using NotePath = std::function<std::string(std::string_view)>;
std::string raw_path(std::string_view p) { return "`" + std::string(p) + "`"; }

std::string path_filter_warning(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const NotePath& path) {
  if (!refs || refs->pull_request_filters.empty()) return {};
  std::vector<std::string> changed = rewrite::pull_request_files(rp, *refs);
  if (changed.size() <= rewrite::kGithubPathFilterLimit) return {};
  std::string list;
  for (const rewrite::PullRequestRun& run : rewrite::pull_request_runs(*refs, changed)) {
    if (!run.first || run.runs()) continue;
    list += fmt::format("{}{} ({}: its first file, {}, is number {})", list.empty() ? "" : ", ", run.workflow, run.event,
                        path(run.first_path), *run.first + 1);
  }
  if (list.empty()) return {};
  return fmt::format(
      "GitHub evaluates `paths` filters on the first {} changed files of a pull request only; this one changes {} "
      "files (listed by path), so these workflows will not run on it although it changes files they filter on "
      "(run them by hand, or open the pull request in parts): {}",
      rewrite::kGithubPathFilterLimit, changed.size(), list);
}

// GitHub's pull-request diff shows at most 300 files (docs.github.com, "Repository limits", diff limits).
constexpr std::size_t kGithubDiffFileLimit = 300;

// The files the pull request changes (the host's and the imports' not merged yet) against that limit.
std::string diff_limit_note(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs) {
  std::size_t changed = changed_files(rp, refs);
  for (const plan::ImportPlan& ip : rp.imports)
    if (ip.merged_by.empty()) changed += ip.plan.files.size();
  if (changed <= kGithubDiffFileLimit) return {};
  return fmt::format(
      "GitHub shows at most {} files of a pull request's diff; this one changes {} files, so {} not shown there. "
      "Review the commits one by one (`git show --stat -M` of each) or this plan's file list (`--files`).",
      kGithubDiffFileLimit, changed, changed - kGithubDiffFileLimit == 1 ? std::string("1 is")
                                                                          : fmt::format("{} are", changed - kGithubDiffFileLimit));
}

std::string kilobytes(std::size_t bytes) { return fmt::format("{:.0f} KB", static_cast<double>(bytes) / 1000); }

// The pull request's diff against GitHub's line and byte limits (rewrite/pull_request_diff.hpp's
// constants, written out here as GitHub's documentation words them).
static_assert(rewrite::kGithubDiffLines == 20000 && rewrite::kGithubDiffBytes == 1000 * 1000 &&
              rewrite::kGithubFileDiffBytes == 500 * 1000);
std::string diff_size_note(const rewrite::ReferenceRewrite* refs, const NotePath& path) {
  if (!refs || !refs->pull_request_diff) return {};
  const rewrite::PullRequestDiff& d = *refs->pull_request_diff;
  std::string out;
  if (d.cut)
    out = fmt::format(
        "GitHub shows a pull request's diff up to 20,000 lines or 1 MB of raw diff; this one has {} lines, {}, so its "
        "diff stops at file {} of {}, {}: review the rest commit by commit (`git show -M` of each).",
        d.total.lines, kilobytes(d.total.bytes), *d.cut + 1, d.files, path(d.cut_path));
  if (!d.too_large.empty()) {
    std::string list;
    for (std::size_t i = 0; i < d.too_large.size() && i < 5; ++i)
      list += fmt::format("{}{} ({} lines, {})", i ? ", " : "", path(d.too_large[i].path), d.too_large[i].size.lines,
                          kilobytes(d.too_large[i].size.bytes));
    if (d.too_large.size() > 5) list += fmt::format(" and {} more", d.too_large.size() - 5);
    out += fmt::format("{}GitHub shows no diff of a file past 20,000 lines or 500 KB: {}.", out.empty() ? "" : " ", list);
  }
  return out;
}

// The commits the pull request adds, as apply makes them: the host's move and references commits,
// and for each import not merged yet its commits as they land (the rewritten ones that stay
// non-empty; with `preserve` all of them and the commit of renames), its references commit and its merge.
std::size_t pull_request_commits(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs,
                                 const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  std::size_t n = (rp.plan.moved_files > 0) + (refs && !refs->files.empty());
  for (std::size_t at = 0; at < rp.imports.size(); ++at) {
    const plan::ImportPlan& ip = rp.imports[at];
    if (!ip.merged_by.empty()) continue;
    if (rp.mapping.imports[ip.import].history == mapping::Import::History::preserve) {
      n += ip.commits + 1;  // its commits as they are, and the commit of renames
    } else {
      for (const auto& [from, to] : ip.commit_map) n += !to.empty();
    }
    n += import_refs && at < import_refs->size() && !(*import_refs)[at].files.empty();  // "Update references of NAME"
    n += 1;  // the merge
  }
  return n;
}

// GitHub lists at most 250 commits of a pull request (docs.github.com, "About pull requests").
constexpr std::size_t kGithubCommitLimit = 250;

std::string commit_limit_note(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs,
                              const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  std::size_t n = pull_request_commits(rp, refs, import_refs);
  if (n <= kGithubCommitLimit) return {};
  return fmt::format(
      "GitHub lists at most {} commits of a pull request; this one adds {} (the imports' histories included), so "
      "its Commits tab stops short: all of them are merged. Review the import by its merge commit "
      "(`git log --first-parent` and `git show --stat -M` of each merge).",
      kGithubCommitLimit, n);
}

// The lines of CODEOWNERS (wherever GitHub reads it) that the migration rewrites, as they will read:
// GitHub requests reviews by the base branch's CODEOWNERS, which does not name the new paths until
// the migration is merged, so these are the additions of a first pull request.
std::vector<std::string> codeowners_additions(const rewrite::ReferenceRewrite* refs) {
  std::vector<std::string> out;
  if (!refs) return out;
  for (const rewrite::FileRewrite& f : refs->files) {
    if (rewrite::pattern_file_kind(f.old_path) != rewrite::PatternFile::codeowners) continue;
    std::ptrdiff_t shift = 0;  // where an edit's old offset is in the new content
    std::size_t done = 0;      // the new content up to here is listed already
    for (const core::Edit& e : f.edits) {
      std::size_t at = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(e.offset) + shift);
      shift += static_cast<std::ptrdiff_t>(e.replacement.size()) - static_cast<std::ptrdiff_t>(e.length);
      // Every line the replacement touches (a rule rewritten for a split directory is several lines).
      std::size_t begin = at == 0 ? 0 : f.new_content.rfind('\n', at - 1) + 1;  // npos + 1 == 0
      std::size_t end = f.new_content.find('\n', e.replacement.empty() ? at : at + e.replacement.size() - 1);
      if (end == std::string::npos) end = f.new_content.size();
      begin = std::max(begin, done);
      for (std::size_t p = begin; p < end;) {
        std::size_t eol = std::min(f.new_content.find('\n', p), end);
        std::string line = f.new_content.substr(p, eol - p);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        p = eol + 1;
      }
      done = std::max(done, end + 1);
    }
  }
  return out;
}

constexpr std::string_view kCodeownersAdvice =
    "GitHub requests reviews by the base branch's CODEOWNERS, which names none of the new paths yet: add these "
    "rewritten rules to it in a pull request of their own, merged first (keep the old rules until this one is merged; "
    "docs/ci.md)";

// One-line rendering of an edit: the bytes it replaces and their replacement.
std::string edit_line(const core::Edit& e) {
  return fmt::format("{}: {} -> {}{}", e.kind, e.original, e.replacement, e.reason.empty() ? "" : " (" + e.reason + ")");
}

// Edits that are more than a path following its target (link text reworded, links that were already
// broken fixed, workflows edited by line shape because their YAML could not be read): a reviewer
// reads these first.
std::vector<std::pair<const rewrite::FileRewrite*, const core::Edit*>> read_first(const rewrite::ReferenceRewrite& refs) {
  std::vector<std::pair<const rewrite::FileRewrite*, const core::Edit*>> out;
  for (const rewrite::FileRewrite& f : refs.files)
    for (const core::Edit& e : f.edits)
      if (f.read_as_text || e.kind == "broken-link-fix" || e.kind == "broken-url-fix" || e.kind == "link-text") out.emplace_back(&f, &e);
  return out;
}

constexpr std::string_view kReadFirst =
    "edits that are more than a path following its target (link text, links that were already broken, workflows read as text)";

// How many of an import's commits are written, as plans say it: "8 commits (2 become empty)".
std::string commits_phrase(const plan::ImportPlan& ip) {
  std::size_t empty = static_cast<std::size_t>(
      std::count_if(ip.commit_map.begin(), ip.commit_map.end(), [](const auto& c) { return c.second.empty(); }));
  return fmt::format("{} commits{}", ip.commits, empty ? fmt::format(" ({} become empty)", empty) : "");
}

// "Imports": per import, what is imported and where its files go.
std::string imports_text(const plan::RepositoryPlan& rp, const PlanReportOptions& o) {
  const char* bold = o.color ? "\x1b[1m" : "";
  const char* reset = o.color ? "\x1b[0m" : "";
  std::string out = fmt::format("{}Imports{}\n", bold, reset);
  for (const plan::ImportPlan& ip : rp.imports) {
    const mapping::Import& imp = rp.mapping.imports[ip.import];
    const char* mode = imp.history == mapping::Import::History::rewrite ? "rewrite" : "preserve";
    out += fmt::format("  {} from {} at {} ({}): ", imp.name, imp.repo, short_id(ip.commit), imp.ref);
    if (!ip.merged_by.empty()) {
      out += fmt::format("merged in already by {}\n", short_id(ip.merged_by));
      continue;
    }
    out += fmt::format("{} files, {} dropped; {}, history: {}\n", ip.plan.files.size(), ip.dropped.size(), commits_phrase(ip), mode);
    std::size_t at = static_cast<std::size_t>(&ip - rp.imports.data());
    const rewrite::ReferenceRewrite* refs =
        o.import_references && at < o.import_references->size() ? &(*o.import_references)[at] : nullptr;
    if (refs) out += fmt::format("    references: {} edits in {} files ({})\n", edit_count(*refs), refs->files.size(), count_summary(*refs));
    if (refs && !refs->needs_review.empty()) {
      out += fmt::format("    needs review: {} left as they are{}\n", refs->needs_review.size(), o.list_files ? ":" : " (--files lists them)");
      if (o.list_files)
        for (const auto& r : refs->needs_review)
          out += fmt::format("      {}:{}:{}: `{}`: {}\n", imp.name, quote_path(r.path, o.quote_non_ascii), r.line, r.text, r.reason);
    }
    for (const plan::RuleSummary& rs : ip.plan.rules) {
      const mapping::Rule& r = ip.rules.rules[rs.rule];
      out += fmt::format("  {:>6}  {:<5}  {} -> {}: {} files\n", r.pos.line, rule_kind_name(r), r.from, r.to, rs.files);
    }
    for (const mapping::Drop& d : imp.drop) out += fmt::format("  {:>6}  drop   {}\n", d.pos.line, d.path);
    if (o.list_files) {
      for (const plan::PlannedFile& f : ip.plan.files)
        out += fmt::format("    {}:{} -> {}\n", imp.name, quote_path(f.old_path, o.quote_non_ascii), quote_path(f.new_path, o.quote_non_ascii));
      for (const std::string& d : ip.dropped) out += fmt::format("    {}:{} (dropped)\n", imp.name, quote_path(d, o.quote_non_ascii));
      if (refs)
        for (const rewrite::FileRewrite& f : refs->files)
          for (const core::Edit& e : f.edits) out += fmt::format("    {}:{}: {}\n", quote_path(f.new_path, o.quote_non_ascii), e.line, edit_line(e));
    }
  }
  return out;
}

nlohmann::json imports_json(const plan::RepositoryPlan& rp, const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  using nlohmann::json;
  json out = json::array();
  for (const plan::ImportPlan& ip : rp.imports) {
    const mapping::Import& imp = rp.mapping.imports[ip.import];
    json files = json::array();
    for (const plan::PlannedFile& f : ip.plan.files)
      files.push_back({{"old", f.old_path}, {"new", f.new_path}, {"mode", fmt::format("{:06o}", f.mode)}, {"oid", f.oid},
                       {"rule", f.move >= 0 ? ip.plan.moves[f.move].rule : -1}});
    json rules = json::array();
    for (const plan::RuleSummary& rs : ip.plan.rules) {
      const mapping::Rule& r = ip.rules.rules[rs.rule];
      rules.push_back({{"index", rs.rule}, {"kind", rule_kind_name(r)}, {"from", r.from}, {"to", r.to}, {"line", r.pos.line},
                       {"files", rs.files}});
    }
    json references = json::array();
    std::size_t at = static_cast<std::size_t>(&ip - rp.imports.data());
    if (import_refs && at < import_refs->size())
      for (const rewrite::FileRewrite& f : (*import_refs)[at].files) {
        json edits = json::array();
        for (const core::Edit& e : f.edits)
          edits.push_back({{"line", e.line}, {"kind", e.kind}, {"old", e.original}, {"new", e.replacement}});
        references.push_back({{"old", f.old_path}, {"new", f.new_path}, {"edits", edits}});
      }
    json review = json::array();
    if (import_refs && at < import_refs->size())
      for (const auto& r : (*import_refs)[at].needs_review)
        review.push_back({{"path", r.path}, {"line", r.line}, {"text", r.text}, {"reason", r.reason}});
    json commit_map = json::object();  // old id -> new id, null for a commit that becomes empty
    for (const auto& [from, to] : ip.commit_map) commit_map[from] = to.empty() ? json() : json(to);
    json drops = json::array();
    for (const mapping::Drop& d : imp.drop) drops.push_back({{"path", d.path}, {"line", d.pos.line}});
    out.push_back({{"name", imp.name},
                   {"repo", imp.repo},
                   {"ref", imp.ref},
                   {"commit", ip.commit},
                   {"history", imp.history == mapping::Import::History::rewrite ? "rewrite" : "preserve"},
                   {"merged_by", ip.merged_by.empty() ? json() : json(ip.merged_by)},
                   {"commits", ip.commits},
                   {"commit_map", commit_map},
                   {"rules", rules},
                   {"drop", drops},
                   {"dropped", ip.dropped},
                   {"files", files},
                   {"references", references},
                   {"needs_review", review}});
  }
  return out;
}

}  // namespace

namespace {
// Why a `keep:` entry's files are listed: "held from the rule at line N", or "no rule moves it".
std::string kept_from(const plan::RepositoryPlan& rp, const plan::KeptSummary& k) {
  return k.rule < 0 ? "no rule moves it" : fmt::format("held from the rule at line {}", rp.mapping.rules[k.rule].pos.line);
}
}  // namespace

std::string rule_kind_name(const mapping::Rule& r) { return r.kind == mapping::Rule::Kind::move ? "from" : "match"; }

std::size_t moved_and_edited(const rewrite::ReferenceRewrite* refs) {
  if (!refs) return 0;
  return static_cast<std::size_t>(std::count_if(refs->files.begin(), refs->files.end(),
                                                [](const rewrite::FileRewrite& f) { return f.old_path != f.new_path; }));
}

std::string render_plan_text(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const PlanReportOptions& o) {
  const char* bold = o.color ? "\x1b[1m" : "";
  const char* dim = o.color ? "\x1b[2m" : "";
  const char* reset = o.color ? "\x1b[0m" : "";
  auto text_path = [&o](std::string_view path) { return "`" + quote_path(path, o.quote_non_ascii) + "`"; };
  const plan::Plan& p = rp.plan;
  std::string out;
  out += fmt::format("{}Plan{} for {} on {} ({})\n", bold, reset, rp.mapping.path, rp.rev, short_id(rp.commit));
  out += fmt::format("  {} of {} files move, by {} rules ({} errors, {} warnings)\n\n", p.moved_files, p.files.size(),
                     rp.mapping.rules.size(), sink.count(diag::Severity::error), sink.count(diag::Severity::warning));
  if (p.rules.empty()) return rp.imports.empty() ? out : out + imports_text(rp, o);

  std::size_t wf = 4, wt = 2;
  for (const plan::RuleSummary& rs : p.rules) {
    const mapping::Rule& r = rp.mapping.rules[rs.rule];
    wf = std::max(wf, r.from.size());
    wt = std::max(wt, r.to.size());
  }
  out += fmt::format("{}  {:>4}  {:<5}  {:<{}}  {:<{}}  {:>6}{}\n", bold, "LINE", "KIND", "FROM", wf, "TO", wt, "FILES", reset);
  for (const plan::RuleSummary& rs : p.rules) {
    const mapping::Rule& r = rp.mapping.rules[rs.rule];
    out += fmt::format("  {:>4}  {:<5}  {:<{}}  {:<{}}  {:>6}\n", r.pos.line, rule_kind_name(r), r.from, wf, r.to, wt, rs.files);
    if (r.kind == mapping::Rule::Kind::match) {
      for (int mi : rs.moves) {
        const plan::ConcreteMove& mv = p.moves[mi];
        out += fmt::format("  {}{:>4}  {:<5}  {:<{}}  {:<{}}  {:>6}{}\n", dim, "", "", mv.from, wf, mv.to, wt, p.move_files[mi], reset);
      }
    }
  }
  if (!p.kept.empty()) {
    out += fmt::format("\n{}Kept{}: {} files stay where they are although a rule covers them (`keep:`)\n", bold, reset, p.kept_files);
    for (const plan::KeptSummary& k : p.kept) {
      const mapping::Keep& e = rp.mapping.keep[static_cast<std::size_t>(k.entry)];
      out += fmt::format("  {:>4}  {}  {} files, {}\n", e.pos.line, quote_path(e.path, o.quote_non_ascii), k.files, kept_from(rp, k));
    }
  }
  if (o.list_files) {
    out += "\n";
    for (const plan::PlannedFile& f : p.files)
      if (f.moved()) out += fmt::format("  {} -> {}\n", quote_path(f.old_path, o.quote_non_ascii), quote_path(f.new_path, o.quote_non_ascii));
      else if (f.keep >= 0) out += fmt::format("  {} (kept)\n", quote_path(f.old_path, o.quote_non_ascii));
  }
  if (refs) {
    out += fmt::format("\n{}References{}: {} edits in {} files ({})\n", bold, reset, edit_count(*refs), refs->files.size(),
                       count_summary(*refs));
    if (o.list_files)
      for (const rewrite::FileRewrite& f : refs->files)
        for (const core::Edit& e : f.edits) out += fmt::format("  {}:{}: {}\n", quote_path(f.new_path, o.quote_non_ascii), e.line, edit_line(e));
    if (auto first = read_first(*refs); !first.empty()) {
      out += fmt::format("\n{}Read first{}: {} {}:\n", bold, reset, first.size(), kReadFirst);
      for (const auto& [f, e] : first) out += fmt::format("  {}:{}: {}\n", quote_path(f->new_path, o.quote_non_ascii), e->line, edit_line(*e));
    }
    if (!refs->needs_review.empty()) {
      out += fmt::format("\n{}Needs review{}: {} mentions that look like old paths were left as they are{}\n", bold, reset,
                         refs->needs_review.size(), o.list_files ? ":" : " (--files lists them)");
      if (o.list_files)
        for (const auto& r : refs->needs_review) out += fmt::format("  {}:{}: `{}`: {}\n", quote_path(r.path, o.quote_non_ascii), r.line, r.text, r.reason);
    }
    if (!refs->squash_breaks.empty()) {
      out += fmt::format("\n{}Squash review{}: {} {}:\n", bold, reset, refs->squash_breaks.size(),
                         fmt::format(fmt::runtime(kSquashReview), rewrite::kSquashReviewThreshold, rewrite::kSquashRenameThreshold));
      for (const rewrite::SquashBreak& b : refs->squash_breaks)
        out += fmt::format("  {:>3}%  {} (from {}): {}\n", b.similarity, quote_path(b.path, o.quote_non_ascii),
                           quote_path(b.old_path, o.quote_non_ascii), squash_verdict(b));
    }
    if (std::string w = path_filter_warning(rp, refs, text_path); !w.empty()) out += "\nWarning: " + w + "\n";
  }
  if (std::string n = diff_limit_note(rp, refs); !n.empty()) out += "\nNote: " + n + "\n";
  if (std::string n = diff_size_note(refs, text_path); !n.empty()) out += "\nNote: " + n + "\n";
  if (std::string n = commit_limit_note(rp, refs, o.import_references); !n.empty()) out += "\nNote: " + n + "\n";
  if (std::vector<std::string> owners = codeowners_additions(refs); !owners.empty()) {
    out += fmt::format("\nCODEOWNERS: {} ({}):\n", kCodeownersAdvice, owners.size());
    for (const std::string& l : owners) out += "  " + l + "\n";
  }
  if (!rp.imports.empty()) out += "\n" + imports_text(rp, o);
  if (std::string advice = squash_advice(rp, refs); !advice.empty()) out += "\n" + advice + "\n";
  return out;
}

namespace {

// How much of each long list a Markdown plan shows; kAll shows everything, as one flat table of moved
// files. Anything less folds the moved files per rule and says how many were left out.
struct MarkdownLimits {
  static constexpr std::size_t kAll = static_cast<std::size_t>(-1);
  std::size_t review_rows = kAll;
  std::size_t expansions_per_rule = kAll;  // the directories a `match` rule expanded to
  std::size_t edit_files = kAll;
  std::size_t files_per_rule = kAll;
  std::size_t diagnostics = kAll;
  bool all() const {
    return review_rows == kAll && expansions_per_rule == kAll && edit_files == kAll && files_per_rule == kAll &&
           diagnostics == kAll;
  }
};

constexpr std::string_view kFullLists = "the full lists: `git reorg plan --format markdown --files`, or `--format json`";

std::string more_row(std::size_t n, std::string_view what, int columns) {
  std::string row = fmt::format("| … and {} more {}", n, what);
  for (int c = 1; c < columns; ++c) row += " |";
  return row + " |\n";
}

// Per import: where it comes from, its rules and drops, its reference edits, what needs review, and
// its files (folded like the host's moved files).
std::string imports_markdown(const plan::RepositoryPlan& rp, const std::vector<rewrite::ReferenceRewrite>* import_refs,
                             const MarkdownLimits& limits) {
  std::string out = "\n### Imports\n";
  for (std::size_t at = 0; at < rp.imports.size(); ++at) {
    const plan::ImportPlan& ip = rp.imports[at];
    const mapping::Import& imp = rp.mapping.imports[ip.import];
    out += fmt::format("\n**{}** from {} at `{}` ({}): ", diag::markdown_code(imp.name), diag::markdown_code(imp.repo), short_id(ip.commit),
                       diag::markdown_code(imp.ref));
    if (!ip.merged_by.empty()) {
      out += fmt::format("merged in already by `{}`.\n", short_id(ip.merged_by));
      continue;
    }
    const rewrite::ReferenceRewrite* refs = import_refs && at < import_refs->size() ? &(*import_refs)[at] : nullptr;
    out += fmt::format("**{}** files imported, {} dropped; {} of its history, `history: {}`{}.\n\n", ip.plan.files.size(),
                       ip.dropped.size(), commits_phrase(ip), imp.history == mapping::Import::History::rewrite ? "rewrite" : "preserve",
                       refs ? fmt::format("; references: {} edits in {} files ({})", edit_count(*refs), refs->files.size(),
                                          count_summary(*refs))
                            : "");
    out += "| Line | From | To | Files |\n|---:|---|---|---:|\n";
    for (const plan::RuleSummary& rs : ip.plan.rules) {
      const mapping::Rule& r = ip.rules.rules[rs.rule];
      out += fmt::format("| {} | {}{} | {} | {} |\n", r.pos.line, r.kind == mapping::Rule::Kind::match ? "match " : "", md_code(r.from),
                         md_code(r.to), rs.files);
    }
    for (const mapping::Drop& d : imp.drop) out += fmt::format("| {} | drop {} | | |\n", d.pos.line, md_code(d.path));
    if (refs && !refs->needs_review.empty()) {
      out += fmt::format("\n{} mentions in its files need review (left as they are):\n\n| File | Line | Text | Why |\n|---|---:|---|---|\n",
                         refs->needs_review.size());
      std::size_t shown = std::min(refs->needs_review.size(), limits.review_rows);
      for (std::size_t k = 0; k < shown; ++k) {
        const auto& r = refs->needs_review[k];
        out += fmt::format("| {} | {} | {} | {} |\n", md_code(imp.name + ":" + core::quote_path_utf8(r.path)), r.line, md_code(r.text), r.reason);
      }
      if (shown < refs->needs_review.size()) out += more_row(refs->needs_review.size() - shown, "mentions", 4);
    }
    out += fmt::format("\n<details>\n<summary>Its {} files</summary>\n\n| Old path | New path |\n|---|---|\n", ip.plan.files.size() + ip.dropped.size());
    std::size_t shown = std::min(ip.plan.files.size(), limits.files_per_rule);
    for (std::size_t k = 0; k < shown; ++k)
      out += fmt::format("| {} | {} |\n", md_path(ip.plan.files[k].old_path), md_path(ip.plan.files[k].new_path));
    if (shown < ip.plan.files.size()) out += more_row(ip.plan.files.size() - shown, "files", 2);
    for (const std::string& d : ip.dropped) out += fmt::format("| {} | (dropped) |\n", md_path(d));
    out += "\n</details>\n";
  }
  return out;
}

std::string markdown_plan(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                          const MarkdownLimits& limits, const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  const plan::Plan& p = rp.plan;
  std::string out;
  out += fmt::format("## Repository reorganization: {}\n\n", diag::markdown_code(rp.mapping_display_name()));
  out += fmt::format("Planned by git-reorg {} on {} (`{}`): **{}** of **{}** files move, by **{}** rules.\n\n",
                     GITREORG_VERSION, diag::markdown_code(rp.rev), short_id(rp.commit), p.moved_files, p.files.size(), rp.mapping.rules.size());
  if (std::string advice = squash_advice(rp, refs); !advice.empty()) out += "> [!IMPORTANT]\n> " + advice + "\n\n";
  if (!limits.all())
    out += fmt::format("> [!NOTE]\n> Long lists are shortened to fit where this plan is pasted; {}.\n\n", kFullLists);
  out += "| Line | From | To | Files |\n|---:|---|---|---:|\n";
  for (const plan::RuleSummary& rs : p.rules) {
    const mapping::Rule& r = rp.mapping.rules[rs.rule];
    std::string from = r.kind == mapping::Rule::Kind::match ? "match " + md_code(r.from) : md_code(r.from);
    out += fmt::format("| {} | {} | {} | {} |\n", r.pos.line, from, md_code(r.to), rs.files);
    if (r.kind != mapping::Rule::Kind::match) continue;
    std::size_t shown = std::min(rs.moves.size(), limits.expansions_per_rule);
    for (std::size_t k = 0; k < shown; ++k) {
      int mi = rs.moves[k];
      out += fmt::format("| | ↳ {} | {} | {} |\n", md_code(p.moves[mi].from), md_code(p.moves[mi].to), p.move_files[mi]);
    }
    if (shown < rs.moves.size()) out += more_row(rs.moves.size() - shown, "directories", 4);
  }
  if (!p.kept.empty()) {
    out += fmt::format("\n### Kept\n\n{} files stay where they are although a rule covers them (`keep:`):\n\n"
                       "| Line | Kept | Files | Why |\n|---:|---|---:|---|\n", p.kept_files);
    for (const plan::KeptSummary& k : p.kept) {
      const mapping::Keep& e = rp.mapping.keep[static_cast<std::size_t>(k.entry)];
      out += fmt::format("| {} | {} | {} | {} |\n", e.pos.line, md_path(e.path), k.files, kept_from(rp, k));
    }
  }
  if (!sink.all().empty()) out += "\n### Diagnostics\n\n" + diag::render_markdown(sink, limits.diagnostics);
  if (refs) {
    out += fmt::format("\n### References\n\n{} edits in {} files: {}.\n", edit_count(*refs), refs->files.size(), count_summary(*refs));
    if (auto first = read_first(*refs); !first.empty()) {
      out += fmt::format("\n#### Read first\n\n{} {}:\n\n| File | Line | Kind | Old | New |\n|---|---:|---|---|---|\n",
                         first.size(), kReadFirst);
      std::size_t shown = std::min(first.size(), limits.review_rows);
      for (std::size_t k = 0; k < shown; ++k) {
        const auto& [f, e] = first[k];
        out += fmt::format("| {} | {} | {} | {} | {}{} |\n", md_path(f->new_path), e->line, e->kind, md_code(e->original),
                           md_code(e->replacement), e->reason.empty() ? "" : " (" + md_cell(e->reason) + ")");
      }
      if (shown < first.size()) out += more_row(first.size() - shown, "edits", 5);
    }
    if (!refs->files.empty() && limits.edit_files > 0) {
      out += "\n<details>\n<summary>Every edit, per file</summary>\n\n";
      std::size_t shown = std::min(refs->files.size(), limits.edit_files);
      for (std::size_t k = 0; k < shown; ++k) {
        const rewrite::FileRewrite& f = refs->files[k];
        out += fmt::format("**{}**{}\n\n", diag::markdown_path(f.new_path),
                           f.old_path != f.new_path ? " (moved from " + diag::markdown_path(f.old_path) + ")" : "");
        out += "| Line | Kind | Old | New |\n|---:|---|---|---|\n";
        for (const core::Edit& e : f.edits)
          out += fmt::format("| {} | {} | {} | {} |\n", e.line, e.kind, md_code(e.original), md_code(e.replacement));
        out += "\n";
      }
      if (shown < refs->files.size()) out += fmt::format("… and {} more files with edits.\n\n", refs->files.size() - shown);
      out += "</details>\n";
    } else if (!refs->files.empty()) {
      out += fmt::format("\nThe edits of the {} files are left out here: {}.\n", refs->files.size(), kFullLists);
    }
    if (!refs->needs_review.empty()) {
      out += fmt::format("\n### Needs review\n\n{} mentions look like old paths but could not be resolved, so they were left "
                         "as they are:\n\n| File | Line | Text | Why |\n|---|---:|---|---|\n",
                         refs->needs_review.size());
      std::size_t shown = std::min(refs->needs_review.size(), limits.review_rows);
      for (std::size_t k = 0; k < shown; ++k) {
        const auto& r = refs->needs_review[k];
        out += fmt::format("| {} | {} | {} | {} |\n", md_path(r.path), r.line, md_code(r.text), r.reason);
      }
      if (shown < refs->needs_review.size()) out += more_row(refs->needs_review.size() - shown, "mentions", 4);
    }
    if (!refs->squash_breaks.empty()) {
      out += fmt::format("\n### Squash review\n\n{} {}:\n\n| File | Moved from | Similarity | Squashed |\n|---|---|---:|---|\n",
                         refs->squash_breaks.size(),
                         fmt::format(fmt::runtime(kSquashReview), rewrite::kSquashReviewThreshold, rewrite::kSquashRenameThreshold));
      std::size_t shown = std::min(refs->squash_breaks.size(), limits.review_rows);
      for (std::size_t k = 0; k < shown; ++k) {
        const rewrite::SquashBreak& b = refs->squash_breaks[k];
        out += fmt::format("| {} | {} | {}% | {} |\n", md_path(b.path), md_path(b.old_path), b.similarity, squash_verdict(b));
      }
      if (shown < refs->squash_breaks.size()) out += more_row(refs->squash_breaks.size() - shown, "files", 4);
    }
    if (std::string w = path_filter_warning(rp, refs, diag::markdown_path); !w.empty()) out += "\n> [!WARNING]\n> " + w + "\n";
  }
  if (std::string n = diff_limit_note(rp, refs); !n.empty()) out += "\n> [!NOTE]\n> " + n + "\n";
  if (std::string n = diff_size_note(refs, diag::markdown_path); !n.empty()) out += "\n> [!NOTE]\n> " + n + "\n";
  if (std::string n = commit_limit_note(rp, refs, import_refs); !n.empty()) out += "\n> [!NOTE]\n> " + n + "\n";
  if (std::vector<std::string> owners = codeowners_additions(refs); !owners.empty()) {
    out += fmt::format("\n<details>\n<summary>CODEOWNERS: {} rules to add first</summary>\n\n{}.\n\n```\n", owners.size(),
                       kCodeownersAdvice);
    for (const std::string& l : owners) out += l + "\n";
    out += "```\n\n</details>\n";
  }
  out += fmt::format("\n<details>\n<summary>All {} moved files</summary>\n\n", p.moved_files);
  if (limits.files_per_rule == MarkdownLimits::kAll) {
    out += "| Old path | New path |\n|---|---|\n";
    for (const plan::PlannedFile& f : p.files)
      if (f.moved()) out += fmt::format("| {} | {} |\n", md_path(f.old_path), md_path(f.new_path));
  } else {
    // Per rule, the first files of each, in tree order.
    std::vector<std::vector<const plan::PlannedFile*>> by_rule(rp.mapping.rules.size());
    for (const plan::PlannedFile& f : p.files)
      if (f.moved()) by_rule[p.moves[f.move].rule].push_back(&f);
    for (const plan::RuleSummary& rs : p.rules) {
      const auto& files = by_rule[rs.rule];
      if (files.empty()) continue;
      const mapping::Rule& r = rp.mapping.rules[rs.rule];
      out += fmt::format("Line {}: {}{} → {}, {} files\n\n", r.pos.line, r.kind == mapping::Rule::Kind::match ? "match " : "",
                         md_code(r.from), md_code(r.to), files.size());
      std::size_t shown = std::min(files.size(), limits.files_per_rule);
      if (shown == 0) continue;
      out += "| Old path | New path |\n|---|---|\n";
      for (std::size_t k = 0; k < shown; ++k) out += fmt::format("| {} | {} |\n", md_path(files[k]->old_path), md_path(files[k]->new_path));
      if (shown < files.size()) out += more_row(files.size() - shown, "files", 2);
      out += "\n";
    }
  }
  out += "\n</details>\n";
  if (!rp.imports.empty()) out += imports_markdown(rp, import_refs, limits);
  return out;
}

// The largest `limit` in [0, hi] for which `fits()` holds (fits(0) is assumed), by bisection.
std::size_t largest_fitting(std::size_t& limit, std::size_t hi, const std::function<bool()>& fits) {
  std::size_t lo = 0;
  while (lo < hi) {
    limit = lo + (hi - lo + 1) / 2;
    if (fits()) lo = limit;
    else hi = limit - 1;
  }
  return limit = lo;
}

}  // namespace

MarkdownPlan render_plan_markdown(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                                  std::size_t max_bytes, const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  MarkdownLimits limits;
  MarkdownPlan out{markdown_plan(rp, refs, sink, limits, import_refs), false, true};
  if (max_bytes == 0 || out.text.size() <= max_bytes) return out;
  // Fold, giving room in this order: the diagnostics, the mentions to review, the directories rules
  // expanded to, the edits, the moved files.
  std::size_t most_expansions = 0, most_files = 0;
  for (const plan::RuleSummary& rs : rp.plan.rules) {
    most_expansions = std::max(most_expansions, rs.moves.size());
    most_files = std::max(most_files, rs.files);
  }
  limits = {0, 0, 0, 0, 0};
  auto fits = [&] { return markdown_plan(rp, refs, sink, limits, import_refs).size() <= max_bytes; };
  out.folded = true;
  out.fits = fits();
  if (out.fits) {
    std::size_t review_rows = refs ? std::max({refs->needs_review.size(), read_first(*refs).size(), refs->squash_breaks.size()}) : 0;
    largest_fitting(limits.diagnostics, sink.all().size(), fits);
    largest_fitting(limits.review_rows, review_rows, fits);
    largest_fitting(limits.expansions_per_rule, most_expansions, fits);
    largest_fitting(limits.edit_files, refs ? refs->files.size() : 0, fits);
    largest_fitting(limits.files_per_rule, most_files, fits);
  }
  out.text = markdown_plan(rp, refs, sink, limits, import_refs);
  return out;
}

namespace {

nlohmann::json moved_file_json(const plan::Plan& p, const plan::PlannedFile& f) {
  return {{"old", f.old_path},
          {"new", f.new_path},
          {"mode", fmt::format("{:06o}", f.mode)},
          {"kind", core::mode_name(f.mode)},
          {"oid", f.oid},
          {"rule", p.moves[f.move].rule}};
}

}  // namespace

namespace {

// The lists that are most of a large plan (the moved files, the files the references commit edits)
// are written one element at a time into the dumped rest of the document, never held as a JSON tree
// or as one string: each stands in the document as a placeholder (a NUL cannot occur in a path or
// anything else the document holds, so it cannot collide) and is written where its quoted form is.
const std::string kMovedFilesPlaceholder = std::string("\0moved-files\0", 13);
const std::string kEditedFilesPlaceholder = std::string("\0edited-files\0", 14);

nlohmann::json edited_file_json(const rewrite::FileRewrite& f) {
  using nlohmann::json;
  json edits = json::array();
  for (const core::Edit& e : f.edits) {
    edits.push_back({{"line", e.line}, {"kind", e.kind}, {"old", e.original}, {"new", e.replacement}});
    if (!e.reason.empty()) edits.back()["reason"] = e.reason;
  }
  return {{"old", f.old_path}, {"new", f.new_path}, {"edits", edits}};
}

// Writes an array whose opening bracket ends a line indented by `indent` spaces, as nlohmann's
// dump(2) would (`one_line`: each element on one line instead, as the moved files are).
class ArrayWriter {
 public:
  ArrayWriter(const JsonOut& out, std::size_t indent, bool one_line) : out_(out), indent_(indent), one_line_(one_line) {}
  void add(nlohmann::json element) {
    add_path_bytes(element);  // names that are not UTF-8, losslessly (as dump_document does)
    std::string text = element.dump(one_line_ ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace);
    buf_.assign(first_ ? "[\n" : ",\n");
    buf_.append(indent_ + 2, ' ');
    if (one_line_) {
      buf_ += text;
    } else {  // strings in the dump hold no raw newline: every one starts a line of the element
      for (char c : text) {
        buf_ += c;
        if (c == '\n') buf_.append(indent_ + 2, ' ');
      }
    }
    out_(buf_);
    first_ = false;
  }
  void finish() {
    if (first_) {
      out_("[]");
      return;
    }
    buf_.assign("\n");
    buf_.append(indent_, ' ');
    buf_ += ']';
    out_(buf_);
  }

 private:
  const JsonOut& out_;
  std::size_t indent_;
  bool one_line_;
  bool first_ = true;
  std::string buf_;
};

// The document without its two long lists, which are placeholders (plan_document fills the edited files).
nlohmann::json plan_skeleton(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const std::vector<rewrite::ReferenceRewrite>* import_refs);

}  // namespace

void write_plan_json(const JsonOut& out, const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs,
                     const diag::Sink& sink, const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  using nlohmann::json;
  std::string rest;
  {
    json doc = plan_skeleton(rp, refs, sink, import_refs);
    add_path_bytes(doc);  // names that are not UTF-8, losslessly (as dump_document does)
    rest = doc.dump(2, ' ', false, json::error_handler_t::replace);
  }
  struct List {
    std::size_t at;
    std::size_t length;
    bool moved_files;
  };
  std::vector<List> lists;
  for (bool moved_files : {true, false}) {
    std::string quoted = json(moved_files ? kMovedFilesPlaceholder : kEditedFilesPlaceholder).dump();
    if (std::size_t at = rest.find(quoted); at != std::string::npos) lists.push_back({at, quoted.size(), moved_files});
  }
  std::sort(lists.begin(), lists.end(), [](const List& a, const List& b) { return a.at < b.at; });
  std::size_t done = 0;
  for (const List& l : lists) {
    out(std::string_view(rest).substr(done, l.at - done));
    std::size_t line = rest.rfind('\n', l.at);
    std::size_t indent = rest.find_first_not_of(' ', line + 1) - (line + 1);
    ArrayWriter list(out, indent, l.moved_files);
    if (l.moved_files) {
      for (const plan::PlannedFile& f : rp.plan.files)
        if (f.moved()) list.add(moved_file_json(rp.plan, f));
    } else {
      for (const rewrite::FileRewrite& f : refs->files) list.add(edited_file_json(f));
    }
    list.finish();
    done = l.at + l.length;
  }
  out(std::string_view(rest).substr(done));
  out("\n");
}

std::string render_plan_json(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  std::string out;
  write_plan_json([&](std::string_view text) { out += text; }, rp, refs, sink, import_refs);
  return out;
}

nlohmann::json plan_document(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  nlohmann::json doc = plan_skeleton(rp, refs, sink, import_refs);
  doc["files"] = nlohmann::json::array();
  if (refs) {
    nlohmann::json& files = doc["references"]["files"];
    files = nlohmann::json::array();
    for (const rewrite::FileRewrite& f : refs->files) files.push_back(edited_file_json(f));
  }
  return doc;
}

namespace {

nlohmann::json plan_skeleton(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const std::vector<rewrite::ReferenceRewrite>* import_refs) {
  using nlohmann::json;
  const plan::Plan& p = rp.plan;
  json rules = json::array();
  for (const plan::RuleSummary& rs : p.rules) {
    const mapping::Rule& r = rp.mapping.rules[rs.rule];
    json expansions = json::array();
    for (int mi : rs.moves)
      expansions.push_back({{"from", p.moves[mi].from}, {"to", p.moves[mi].to}, {"files", p.move_files[mi]}});
    json jr = {{"index", rs.rule},   {"kind", rule_kind_name(r)}, {"from", r.from},  {"to", r.to},
               {"line", r.pos.line}, {"column", r.pos.column},   {"files", rs.files}, {"moves", expansions}};
    if (!r.reason.empty()) jr["reason"] = r.reason;
    rules.push_back(std::move(jr));
  }
  json files = kMovedFilesPlaceholder;  // written by write_plan_json, one object at a time
  json references = {{"counts", json::object()}, {"files", json::array()}, {"moved_and_edited", moved_and_edited(refs)}};
  if (refs) {
    for (const auto& [kind, n] : refs->counts) references["counts"][kind] = n;
    references["files"] = kEditedFilesPlaceholder;  // the same
    references["needs_review"] = json::array();
    for (const auto& r : refs->needs_review)
      references["needs_review"].push_back({{"path", r.path}, {"line", r.line}, {"text", r.text}, {"reason", r.reason}});
    references["squash_breaks"] = json::array();
    for (const rewrite::SquashBreak& b : refs->squash_breaks)
      references["squash_breaks"].push_back({{"path", b.path}, {"old_path", b.old_path}, {"similarity", b.similarity}});
    references["path_filter_workflows"] = refs->path_filter_workflows;
    references["changed_files"] = changed_files(rp, refs);
    references["pull_request_commits"] = pull_request_commits(rp, refs, import_refs);
    if (refs->pull_request_diff) {
      const rewrite::PullRequestDiff& d = *refs->pull_request_diff;
      json too_large = json::array();
      for (const rewrite::DiffFile& f : d.too_large) too_large.push_back({{"path", f.path}, {"lines", f.size.lines}, {"bytes", f.size.bytes}});
      references["pull_request_diff"] = {{"files", d.files},
                                         {"lines", d.total.lines},
                                         {"bytes", d.total.bytes},
                                         {"too_large", std::move(too_large)},
                                         {"collapsed", d.collapsed},
                                         {"cut_file_number", d.cut ? json(*d.cut + 1) : json(nullptr)},
                                         {"cut_file", d.cut ? json(d.cut_path) : json(nullptr)}};
    }
    references["path_filter_warning"] = path_filter_warning(rp, refs, raw_path);
    std::vector<std::string> changed = rewrite::pull_request_files(rp, *refs);
    references["pull_request_runs"] = json::array();
    for (const rewrite::PullRequestRun& run : rewrite::pull_request_runs(*refs, changed))
      references["pull_request_runs"].push_back({{"workflow", run.workflow},
                                                 {"event", run.event},
                                                 {"runs", run.runs()},
                                                 {"first_file_number", run.first ? json(*run.first + 1) : json(nullptr)},
                                                 {"first_file", run.first ? json(run.first_path) : json(nullptr)}});
  }
  json doc{{"schema", std::string(kPlanJson.name)},
           {"schema_version", kPlanJson.version},
           {"tool_version", GITREORG_VERSION},
           {"mapping", {{"path", rp.mapping_display_name()}, {"blob", rp.mapping_blob}}},
           {"revision", {{"rev", rp.rev}, {"commit", rp.commit}}},
           {"summary",
            {{"files", p.files.size()},
             {"moved", p.moved_files},
             {"unchanged", p.files.size() - p.moved_files},
             {"rules", rp.mapping.rules.size()},
             {"errors", sink.count(diag::Severity::error)},
             {"warnings", sink.count(diag::Severity::warning)}}},
           {"rules", rules},
           {"files", files},
           {"references", references},
           {"diagnostics", diag::to_json(sink)}};
  if (!p.kept.empty()) {  // absent without `keep:`, like `imports`
    json kept = json::array();
    for (const plan::KeptSummary& k : p.kept) {
      const mapping::Keep& e = rp.mapping.keep[static_cast<std::size_t>(k.entry)];
      json paths = json::array();
      for (const plan::PlannedFile& f : p.files)
        if (f.keep == k.entry) paths.push_back(f.old_path);
      kept.push_back({{"index", k.entry}, {"path", e.path}, {"line", e.pos.line}, {"column", e.pos.column}, {"files", paths},
                      {"rule", k.rule < 0 ? json(nullptr) : json(k.rule)}});
    }
    doc["kept"] = std::move(kept);
    doc["summary"]["kept"] = p.kept_files;
  }
  if (!rp.imports.empty()) doc["imports"] = imports_json(rp, import_refs);  // absent without `imports:`: older plans stay byte-identical
  return doc;
}

}  // namespace

}  // namespace gitreorg::report
