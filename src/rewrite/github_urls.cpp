// GitHub URLs. RE2 finds URLs that start with one of the repository's aliases (this is URL finding in
// arbitrary text, not Markdown parsing); the rest of the URL is then taken apart by hand: the page
// kind, the ref (matched against the configured branches, which may contain `/`), the path.
#include "gitreorg/rewrite/github_urls.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/link_path.hpp"

namespace gitreorg::rewrite {
namespace {

constexpr std::string_view kRawHost = "raw.githubusercontent.com";

struct Alias {
  std::string host, owner, repo;
};

std::optional<Alias> parse_alias(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  std::string_view rest = url.substr(scheme + 3);
  std::size_t s1 = rest.find('/');
  if (s1 == std::string_view::npos) return std::nullopt;
  std::size_t s2 = rest.find('/', s1 + 1);
  if (s2 == std::string_view::npos) return std::nullopt;
  Alias a{std::string(rest.substr(0, s1)), std::string(rest.substr(s1 + 1, s2 - s1 - 1)), std::string(rest.substr(s2 + 1))};
  if (a.host.rfind("www.", 0) == 0) a.host.erase(0, 4);
  return a;
}

bool is_page_kind(std::string_view k) {
  return k == "blob" || k == "tree" || k == "raw" || k == "edit" || k == "blame" || k == "commits";
}

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && core::iequals(s.substr(0, prefix.size()), prefix);
}

// `https://raw.githubusercontent.com/...`
bool is_raw_base(std::string_view base) {
  std::size_t scheme = base.find("://");
  return scheme != std::string_view::npos && iequals_prefix(base.substr(scheme + 3), kRawHost);
}

// Hosts that show a file of a GitHub repository: `https://HOST/PREFIX/OWNER/REPO/...`.
struct EmbeddingHost {
  const char* pattern;  // RE2, up to and without `/OWNER/REPO`
  const char* host;     // to recognize a matched base
  bool binder;          // `/REF?labpath=PATH` instead of `/blob/REF/PATH`
};
constexpr EmbeddingHost kEmbeddingHosts[] = {
    {R"(https?://colab\.research\.google\.com/github)", "colab.research.google.com", false},
    {R"(https?://nbviewer\.(?:jupyter\.)?org/github)", "nbviewer.", false},
    {R"(https?://github\.dev)", "github.dev", false},
    {R"(https?://mybinder\.org/v2/gh)", "mybinder.org", true},
};

const EmbeddingHost* embedding_host(std::string_view base) {
  std::size_t scheme = base.find("://");
  if (scheme == std::string_view::npos) return nullptr;
  for (const EmbeddingHost& h : kEmbeddingHosts)
    if (iequals_prefix(base.substr(scheme + 3), h.host)) return &h;
  return nullptr;
}

// `base` without its `/OWNER/REPO`.
std::string_view host_prefix(std::string_view base) {
  std::size_t repo = base.rfind('/');
  std::size_t owner = repo == std::string_view::npos || repo == 0 ? std::string_view::npos : base.rfind('/', repo - 1);
  return owner == std::string_view::npos ? base : base.substr(0, owner);
}

}  // namespace

GithubUrls::GithubUrls(const mapping::Repository& repo, const plan::MoveModel& moves, const markdown::LinkRepairs* repairs,
                       const plan::ImportPlan* history)
    : repo_(repo), moves_(moves), repairs_(repairs), history_(history) {
  if (history_) {
    commits_ = history_->commit_map;
    std::sort(commits_.begin(), commits_.end());
  }
  std::vector<std::string> alternatives;
  for (const std::string& url : repo.urls) {
    auto a = parse_alias(url);
    if (!a) continue;
    std::string tail = "/" + RE2::QuoteMeta(a->owner) + "/" + RE2::QuoteMeta(a->repo);
    alternatives.push_back(R"(https?://(?:www\.)?)" + RE2::QuoteMeta(a->host) + tail);
    if (a->host != "github.com") continue;
    alternatives.push_back(R"(https?://raw\.githubusercontent\.com)" + tail);
    for (const EmbeddingHost& h : kEmbeddingHosts) alternatives.push_back(std::string("(?:") + h.pattern + ")" + tail);
  }
  if (!alternatives.empty()) {
    std::string pattern = "(?i)(";
    for (std::size_t i = 0; i < alternatives.size(); ++i) pattern += (i ? "|" : "") + alternatives[i];
    pattern += R"()((?:\.git)?(?:[/?#][^\s<>"'`()\[\]{}|\\^]*)?))";
    find_ = std::make_unique<RE2>(pattern);
  }
  branches_ = repo.branches;
  std::sort(branches_.begin(), branches_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

GithubUrls::~GithubUrls() = default;

UrlOutcome GithubUrls::rewrite_url(std::string_view url) const {
  UrlOutcome none;
  if (!find_) return none;
  re2::StringPiece input(url.data(), url.size()), base, rest;
  if (!RE2::FullMatch(input, *find_, &base, &rest)) return none;
  std::string_view b(base.data(), base.size());
  return rewrite_parts(b, is_raw_base(b), std::string_view(rest.data(), rest.size()));
}

UrlOutcome GithubUrls::rewrite_parts(std::string_view base, bool raw_host, std::string_view rest, bool clone) const {
  UrlOutcome out;
  std::size_t cut = rest.find_first_of("?#");
  std::string_view path = rest.substr(0, cut);
  std::string_view suffix = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut);
  bool dot_git = path.substr(0, 4) == ".git" || path.substr(0, 4) == ".GIT";
  if (dot_git) path.remove_prefix(4);

  // The repository part: kept as written unless there is a new URL.
  const EmbeddingHost* embed = embedding_host(base);
  std::string new_base(base);
  if (!repo_.new_url.empty()) {
    auto a = parse_alias(repo_.new_url);
    if (!raw_host && !embed) {
      new_base = repo_.new_url;
    } else if (a && a->host == "github.com") {
      new_base = (embed ? std::string(host_prefix(base)) : "https://" + std::string(kRawHost)) + "/" + a->owner + "/" + a->repo;
    }
  }
  if (embed && embed->binder) return rewrite_binder(base, new_base, rest);

  // Which part of the path is `REF/PATH`?
  std::string_view kind_prefix;  // "/blob" etc. (empty for raw.githubusercontent.com)
  std::string_view ref_path;
  if (raw_host) {
    ref_path = path.empty() ? path : path.substr(1);
  } else {
    std::size_t s = path.find('/', 1);
    std::string_view kind = path.size() > 1 ? path.substr(1, s == std::string_view::npos ? std::string_view::npos : s - 1) : "";
    if (is_page_kind(kind) && s != std::string_view::npos) {
      kind_prefix = path.substr(0, s);
      ref_path = path.substr(s + 1);
    }
  }
  if (ref_path.empty() && repo_.imported && !raw_host && !embed && !dot_git && !clone) {
    // An imported repository's home page is its README, which now lives at a path of the host
    // (`?tab=readme-ov-file#projects` names a heading in it); its issues, pull requests, releases and
    // wiki stay with it, archived, and their URLs are kept.
    if (path.find_first_not_of('/') != std::string_view::npos) {
      // `commit/SHA`: what that commit became, when the import's history is known.
      if (path.starts_with("/commit/"))
        if (auto t = rewrite_commit(new_base, "/commit", path.substr(8), suffix)) return *t;
      return out;
    }
    std::optional<std::string> readme;
    for (const char* name : {".github/README.md", "README.md", "README", "README.markdown", "README.rst", "README.txt", "readme.md"})
      if ((readme = moves_.new_path(name))) break;
    if (!readme || branches_.empty()) return out;
    std::size_t hash = suffix.find('#');
    out.new_url = new_base + "/blob/" + repo_.branches.front() + "/" + markdown::encode_like(*readme, "", markdown::Syntax::url) +
                  std::string(hash == std::string_view::npos ? std::string_view{} : suffix.substr(hash));
    return out;
  }
  if (ref_path.empty()) {
    // The home page, issues, pulls, ...: only the repository part can change.
    std::string url = new_base + std::string(rest);
    if (url != std::string(base) + std::string(rest)) out.new_url = std::move(url);
    return out;
  }
  std::string_view heads;
  if (ref_path.substr(0, 11) == "refs/heads/") {
    heads = ref_path.substr(0, 11);
    ref_path.remove_prefix(11);
  }
  // The ref as written: the longest one of the branches, which may be percent-encoded
  // (`release%2F2.0`); the `/` that ends it is one as written.
  std::string_view ref;
  for (std::size_t end = ref_path.size(); end != std::string_view::npos && end > 0 && ref.empty();
       end = ref_path.rfind('/', end - 1)) {
    std::string_view raw = ref_path.substr(0, end);
    std::string decoded = raw.find('%') == std::string_view::npos ? std::string() : markdown::percent_decode(raw);
    std::string_view name = decoded.empty() ? raw : std::string_view(decoded);
    if (std::find(branches_.begin(), branches_.end(), name) != branches_.end()) ref = raw;
  }
  if (ref.empty()) {
    if (auto t = heads.empty() ? rewrite_commit(new_base, kind_prefix, ref_path, suffix) : std::nullopt) return *t;
    out.pinned = true;
    return out;
  }
  std::string_view file_raw = ref_path.substr(ref.size());
  if (!file_raw.empty()) file_raw.remove_prefix(1);  // the `/` after the ref
  bool trailing = !file_raw.empty() && file_raw.back() == '/';
  std::string_view file_trim = trailing ? file_raw.substr(0, file_raw.size() - 1) : file_raw;
  std::string new_file(file_trim);
  if (!file_trim.empty()) {
    std::string old_file = markdown::percent_decode(file_trim);
    out.path = old_file;
    std::optional<markdown::LinkRepair> fix;
    if (auto moved = moves_.new_path(old_file)) {
      if (*moved != old_file) new_file = markdown::encode_like(*moved, file_trim, markdown::Syntax::url);
    } else if (repairs_ && (kind_prefix == "/blob" || kind_prefix == "/tree") && ref == repo_.branches.front() &&
               (fix = repairs_->moved(old_file)) && (moved = moves_.new_path(fix->target))) {
      // Old link rot: the path moved in an earlier commit, and is in the tree (where this migration puts it).
      new_file = markdown::encode_like(*moved, file_trim, markdown::Syntax::url);
      out.fixed = fix->reason();
    } else {
      out.problem = fmt::format("`{}` is not in the tree", old_file);
      out.in_new_tree = moves_.in_new_tree(old_file);
    }
  }
  std::string url = new_base + std::string(kind_prefix) + "/" + std::string(heads) + std::string(ref) +
                    (file_raw.empty() && ref_path.size() == ref.size() ? "" : "/") + new_file + (trailing ? "/" : "") +
                    std::string(suffix);
  std::string old_url = std::string(base) + std::string(rest);
  if (url != old_url) out.new_url = std::move(url);
  return out;
}

std::optional<std::string> GithubUrls::history_path(const std::string& old_path) const {
  if (history_->history_paths.empty()) return old_path;  // `history: preserve`: the old commits keep their paths
  const auto& paths = history_->history_paths;
  if (auto it = paths.find(old_path); it != paths.end())
    return it->second.empty() ? std::nullopt : std::optional<std::string>(it->second);
  // A directory: where every file below it that is kept went, when they went together.
  std::string dir = old_path + "/";
  std::optional<std::string> out;
  for (auto it = paths.lower_bound(dir); it != paths.end() && it->first.starts_with(dir); ++it) {
    if (it->second.empty()) continue;
    std::string_view below = std::string_view(it->first).substr(old_path.size());  // `/x/y`
    if (!std::string_view(it->second).ends_with(below)) return std::nullopt;
    std::string at = it->second.substr(0, it->second.size() - below.size());
    if (out && *out != at) return std::nullopt;
    out = std::move(at);
  }
  return out;
}

std::optional<UrlOutcome> GithubUrls::rewrite_commit(const std::string& new_base, std::string_view kind_prefix,
                                                     std::string_view ref_path, std::string_view suffix) const {
  if (commits_.empty()) return std::nullopt;
  std::string_view sha = ref_path.substr(0, ref_path.find('/'));
  if (sha.size() < 7 || sha.size() > 40 || sha.find_first_not_of("0123456789abcdef") != std::string_view::npos) return std::nullopt;
  auto it = std::lower_bound(commits_.begin(), commits_.end(), sha,
                             [](const std::pair<std::string, std::string>& c, std::string_view s) { return c.first < s; });
  if (it == commits_.end() || !it->first.starts_with(sha)) return std::nullopt;
  if (auto next = std::next(it); next != commits_.end() && next->first.starts_with(sha)) return std::nullopt;  // ambiguous
  if (it->second.empty()) return std::nullopt;  // it became empty: nothing of it is in the host
  UrlOutcome out;
  std::string url = new_base + std::string(kind_prefix) + "/" + it->second.substr(0, sha.size());
  std::string_view file_raw = ref_path.substr(sha.size());
  if (!file_raw.empty()) file_raw.remove_prefix(1);
  bool trailing = !file_raw.empty() && file_raw.back() == '/';
  std::string_view file_trim = trailing ? file_raw.substr(0, file_raw.size() - 1) : file_raw;
  if (!file_trim.empty()) {
    out.path = markdown::percent_decode(file_trim);
    std::optional<std::string> moved = history_path(out.path);
    if (!moved) return std::nullopt;  // dropped, or not in its history: kept, pinned to the sibling
    url += "/" + (*moved == out.path ? std::string(file_trim) : markdown::encode_like(*moved, file_trim, markdown::Syntax::url));
  }
  url += std::string(trailing ? "/" : "") + std::string(suffix);
  out.new_url = std::move(url);
  out.translated = true;
  return out;
}

// `https://mybinder.org/v2/gh/OWNER/REPO/REF?labpath=PATH` (or `filepath=`, `urlpath=`).
UrlOutcome GithubUrls::rewrite_binder(std::string_view base, const std::string& new_base, std::string_view rest) const {
  UrlOutcome out;
  std::size_t cut = rest.find_first_of("?#");
  std::string_view ref_part = rest.substr(0, cut);
  std::string query(cut == std::string_view::npos ? std::string_view{} : rest.substr(cut));
  std::string_view ref = ref_part;
  while (!ref.empty() && ref.front() == '/') ref.remove_prefix(1);
  while (!ref.empty() && ref.back() == '/') ref.remove_suffix(1);
  if (!ref.empty()) {
    std::string decoded = markdown::percent_decode(ref);
    if (std::find(branches_.begin(), branches_.end(), decoded) == branches_.end()) {
      out.pinned = true;
      return out;
    }
    for (const char* key : {"labpath=", "filepath=", "urlpath="}) {
      std::size_t at = query.find(key);
      if (at == std::string::npos || at == 0 || (query[at - 1] != '?' && query[at - 1] != '&')) continue;
      std::size_t v = at + std::string_view(key).size();
      std::size_t e = query.find_first_of("&#", v);
      if (e == std::string::npos) e = query.size();
      std::string_view raw = std::string_view(query).substr(v, e - v);
      std::string_view lead = raw.starts_with("/") ? raw.substr(0, 1) : std::string_view{};
      std::string_view file = raw.substr(lead.size());
      if (file.starts_with("lab/tree/")) {  // urlpath=lab/tree/PATH
        lead = raw.substr(0, lead.size() + 9);
        file = file.substr(9);
      } else if (std::string_view(key) == "urlpath=") {
        break;
      }
      bool trailing = file.ends_with("/");
      if (trailing) file.remove_suffix(1);
      std::string old_file = markdown::percent_decode(file);
      if (old_file.empty()) break;
      out.path = old_file;
      if (auto moved = moves_.new_path(old_file)) {
        if (*moved != old_file) {
          std::string spelled = markdown::encode_like(*moved, file, markdown::Syntax::url);
          if (file.find("%2F") != std::string_view::npos || file.find("%2f") != std::string_view::npos) {
            std::string slashes;  // the path was one query value, its `/` encoded
            for (char c : spelled) slashes += c == '/' ? std::string("%2F") : std::string(1, c);
            spelled = std::move(slashes);
          }
          query.replace(v, e - v, std::string(lead) + spelled + (trailing ? "/" : ""));
        }
      } else {
        out.problem = fmt::format("`{}` is not in the tree", old_file);
        out.in_new_tree = moves_.in_new_tree(old_file);
      }
      break;
    }
  }
  std::string url = new_base + std::string(ref_part) + query;
  if (url != std::string(base) + std::string(rest)) out.new_url = std::move(url);
  return out;
}

namespace {

// `git clone [options] URL` on the URL's line: the URL is the repository git fetches, with or
// without `.git`, not a page (an imported repository's home page would become its README's place).
bool after_git_clone(std::string_view text, std::size_t offset) {
  std::size_t line_start = offset == 0 ? 0 : text.rfind('\n', offset - 1);
  line_start = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
  static const RE2 kClone(R"(\bgit\s+clone\s[^;&|]*$)");
  std::string_view before = text.substr(line_start, offset - line_start);
  return RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), kClone);
}

}  // namespace

std::vector<UrlMatch> GithubUrls::find_urls(std::string_view text) const {
  std::vector<UrlMatch> out;
  if (!find_) return out;
  re2::StringPiece input(text.data(), text.size()), base, rest;
  const char* start = text.data();
  while (RE2::FindAndConsume(&input, *find_, &base, &rest)) {
    std::size_t offset = static_cast<std::size_t>(base.data() - start);
    std::size_t end = static_cast<std::size_t>(rest.data() + rest.size() - start);
    std::string_view r(rest.data(), rest.size());
    // `…/repo-2`, `…/repo.github.io`: another repository that merely starts like this one.
    if (end < text.size()) {
      char next = text[end];
      if (std::isalnum(static_cast<unsigned char>(next)) || next == '-' || next == '_' || next == '.') continue;
    }
    // The value of another URL's query parameter (`...?templateURL=https://...&stackName=x`) ends at
    // the next parameter.
    if (offset > 0 && text[offset - 1] == '=') r = r.substr(0, r.find('&'));
    // Punctuation that ends a sentence or Markdown emphasis is not part of the URL.
    while (!r.empty() && std::string_view(".,;:!?*_~'").find(r.back()) != std::string_view::npos) r.remove_suffix(1);
    std::string_view b(base.data(), base.size());
    out.push_back({offset, b.size() + r.size(), fmt::format("{}{}", b, r),
                   rewrite_parts(b, is_raw_base(b), r, after_git_clone(text, offset))});
  }
  return out;
}

std::vector<core::Edit> GithubUrls::rewrite_text(std::string_view path, std::string_view text, std::size_t& pinned,
                                           diag::Sink& sink, std::vector<ReviewItem>* review) const {
  std::vector<core::Edit> edits;
  std::vector<UrlMatch> found = find_urls(text);
  if (found.empty()) return edits;
  core::LineIndex lines(text);
  for (UrlMatch& m : found) {
    const UrlOutcome& o = m.outcome;
    int line = lines.line(m.offset);
    if (o.pinned) ++pinned;
    // A sibling's tag, other branch or commit: the URL keeps pointing at the sibling (archived, not
    // merged), which someone should confirm.
    if (o.pinned && review && repo_.imported)
      review->push_back({std::string(path), line, m.url,
                         "URL to the imported repository on a tag, another branch or a commit: kept, it points at "
                         "the sibling, not the host"});
    if (!o.problem.empty() && o.in_new_tree) {
      sink.note(std::string(path), {line, lines.column(m.offset)},
                fmt::format("URL `{}` names `{}`, which is not in the tree yet but is where this migration puts a file "
                            "or directory: it works once the migration is merged",
                            m.url, o.path))
          .names = {o.path};
    } else if (!o.problem.empty()) {
      sink.warning(std::string(path), {line, lines.column(m.offset)},
                   fmt::format("URL `{}` points to a path that is not in the tree ({})", m.url, o.problem));
      if (review) review->push_back({std::string(path), line, m.url, "URL to a path that is not in the tree (" + o.problem + ")"});
    }
    if (!o.new_url || *o.new_url == m.url) continue;
    core::Edit e;
    e.offset = m.offset;
    e.length = m.length;
    e.original = m.url;
    e.replacement = *o.new_url;
    e.line = line;
    e.kind = o.translated ? "commit-url" : o.fixed.empty() ? "github-url" : "broken-url-fix";
    e.reason = o.fixed;
    edits.push_back(std::move(e));
  }
  return edits;
}

std::vector<std::string> GithubUrls::repository_names() const {
  std::vector<std::string> out;
  for (const std::string& url : repo_.urls)
    if (auto a = parse_alias(url)) out.push_back(core::to_lower(a->owner + "/" + a->repo));
  return out;
}

bool github_url_applies(const FileInput& file, const RewriteContext& ctx) {
  return file.regular() && (ctx.urls || !ctx.sibling_urls.empty());
}

KindResult github_url_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  KindResult out;
  std::size_t pinned = 0;
  if (ctx.urls) out.edits = ctx.urls->rewrite_text(file.old_path, *file.text, pinned, sink, &out.review);
  // Links to an imported sibling: its URLs and the host's never match the same bytes.
  for (const GithubUrls* s : ctx.sibling_urls)
    for (core::Edit& e : s->rewrite_text(file.old_path, *file.text, pinned, sink, &out.review)) out.edits.push_back(std::move(e));
  std::sort(out.edits.begin(), out.edits.end(), [](const core::Edit& a, const core::Edit& b) { return a.offset < b.offset; });
  if (pinned) out.counts["pinned-url"] = pinned;
  return out;
}

}  // namespace gitreorg::rewrite
