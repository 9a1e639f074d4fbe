// External documents: the repository's URL rewriter run over a file that is not in the repository.
// Each URL GithubUrls finds is either moved (an edit, and with --check a warning), pinned, already
// at a new path, or to a path that exists nowhere (a warning; kept as written).
#include "gitreorg/rewrite/external_documents.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gitreorg/rewrite/reference_kind.hpp"
#include "gitreorg/rewrite/text_blob.hpp"

namespace gitreorg::rewrite {

DocumentRewrite rewrite_document(std::string_view path, std::string_view text, const ExternalUrls& urls, bool report_moves,
                                 diag::Sink& sink) {
  DocumentRewrite out;
  out.path = std::string(path);
  if (SkipReason why = skip_reason(text); why != SkipReason::none) {
    out.skipped = std::string(skip_kind(why));
    return out;
  }
  std::vector<UrlMatch> found;
  auto scan = [&](const GithubUrls* u) {
    if (!u) return;
    for (UrlMatch& m : u->find_urls(text)) found.push_back(std::move(m));
  };
  scan(urls.host);
  for (const GithubUrls* s : urls.siblings) scan(s);  // a sibling's URLs and the host's never match the same bytes
  if (found.empty() && urls.clones.empty()) return out;
  std::sort(found.begin(), found.end(), [](const UrlMatch& a, const UrlMatch& b) { return a.offset < b.offset; });
  core::LineIndex lines(text);
  bool quoted = false;
  auto warn = [&](std::size_t offset, std::string message) {
    if (!quoted) sink.add_source(out.path, std::string(text));
    quoted = true;
    sink.warning(out.path, {lines.line(offset), lines.column(offset)}, std::move(message));
  };
  for (const UrlMatch& m : found) {
    const UrlOutcome& o = m.outcome;
    ++out.urls;
    if (o.pinned) {
      ++out.pinned;
      continue;
    }
    bool is_current = false;
    if (!o.problem.empty()) {
      is_current = urls.current && urls.current->count(o.path) > 0;
      if (!is_current) {
        ++out.missing;
        warn(m.offset, fmt::format("URL `{}` names `{}`, which is in neither the old nor the new tree (deleted?): left as is",
                                   m.url, o.path));
        continue;
      }
      ++out.current;
    }
    if (!o.new_url || *o.new_url == m.url) continue;
    if (report_moves) warn(m.offset, fmt::format("URL `{}` moved to `{}`", m.url, *o.new_url));
    core::Edit e;
    e.offset = m.offset;
    e.length = m.length;
    e.original = m.url;
    e.replacement = *o.new_url;
    e.line = lines.line(m.offset);
    e.kind = "github-url";
    out.edits.push_back(std::move(e));
  }
  // Paths in a clone: read as the repository's own files read them (code in Markdown, every word in
  // a script or plain text), but only after `<clone name>/`.
  MentionFormat format = mention_format(path, text);
  if (format == MentionFormat::none) format = MentionFormat::text;
  std::vector<core::Edit> mentions;
  FileScans scans;  // the Markdown parse (code, comments, prose), shared by the clones
  for (const PathMentions* clone : urls.clones) {
    std::vector<ReviewItem> review;
    const markdown::MarkdownScan* parsed = format == MentionFormat::markdown ? &scans.markdown(text) : nullptr;
    for (core::Edit& e : clone->rewrite_file(path, path, text, format, review, parsed)) mentions.push_back(std::move(e));
    for (const ReviewItem& r : review) {
      ++out.missing;
      ++out.clone_paths;
      std::size_t at = text.find(r.text, lines.offset(r.line));
      warn(at == std::string_view::npos ? lines.offset(r.line) : at,
           fmt::format("`{}` in a clone of the repository: {}; left as is", r.text, r.reason));
    }
  }
  out.clone_paths += mentions.size();
  if (!mentions.empty()) {
    for (const core::Edit& e : mentions)
      if (report_moves) warn(e.offset, fmt::format("`{}` in a clone of the repository moved to `{}`", e.original, e.replacement));
    for (core::Edit& e : out.edits) mentions.push_back(std::move(e));
    out.edits = merge_edits(std::move(mentions));  // a URL is the URL rewriter's, not a path's
  }
  if (!out.edits.empty()) out.new_content = core::apply_edits(text, out.edits);
  return out;
}

DocumentTotals totals(const std::vector<DocumentRewrite>& docs) {
  DocumentTotals t;
  for (const DocumentRewrite& d : docs) {
    t.urls += d.urls;
    t.stale += d.edits.size();
    t.stale_files += !d.edits.empty();
    t.pinned += d.pinned;
    t.missing += d.missing;
    t.clone_paths += d.clone_paths;
  }
  return t;
}

}  // namespace gitreorg::rewrite
