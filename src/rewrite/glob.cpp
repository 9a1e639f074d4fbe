// Patterns are compiled to RE2 (anchored at both ends). Carrying a pattern across the move is a search
// for general patterns first: the pattern with its literal prefix moved (`3.test_cases/pytorch/**` ->
// `examples/training/pytorch/**`); where the files below the prefix went to different places, the
// same question one directory deeper, child by child; files are listed by name only where nothing
// more general is exact. A candidate is accepted when, on the new tree, it matches only moved images
// of what the old pattern matched, and all of those of the piece it stands for; the union of the
// pieces is then exactly the old selection, moved.
#include "gitreorg/rewrite/glob.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <functional>
#include <mutex>

#include "gitreorg/core/path.hpp"

namespace gitreorg::rewrite {
namespace {

constexpr std::size_t kMaxPieces = 64;  // beyond this, a list of patterns is no longer a filter anyone reads

bool is_special(char c, GlobDialect d) {
  if (c == '*' || c == '?' || c == '[' || c == '\\') return true;
  return d == GlobDialect::github_filter && c == '+';
}

bool is_literal_segment(std::string_view s, GlobDialect d) {
  return std::none_of(s.begin(), s.end(), [d](char c) { return is_special(c, d); });
}

std::string quote(char c) { return RE2::QuoteMeta(std::string(1, c)); }

// The POSIX classes wildmatch knows (`[[:digit:]]`), which RE2 spells the same way inside a class.
bool posix_class(std::string_view name) {
  for (std::string_view n :
       {"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"})
    if (name == n) return true;
  return false;
}

// One character of a class at p[j] (`\x` is x), quoted for RE2; `j` ends on its last byte.
std::string class_char(std::string_view p, std::size_t& j, char& c) {
  if (p[j] == '\\' && j + 1 < p.size()) ++j;
  c = p[j];
  return quote(c);
}

// `[...]` starting at p[i], as git's wildmatch reads it: `!` or `^` negates, a `]` first is itself,
// POSIX classes, ranges (an inverted one, `[z-a]`, matches its first character only). Returns the
// regex class and sets `end` past `]`, or "" when unterminated.
std::string char_class(std::string_view p, std::size_t i, std::size_t& end) {
  std::size_t j = i + 1;
  bool negate = false;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
    negate = true;
    ++j;
  }
  std::string body;
  bool first = true;
  for (; j < p.size(); ++j) {
    if (p[j] == ']' && !first) break;
    first = false;
    if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
      std::size_t close = p.find(":]", j + 2);
      if (close != std::string_view::npos && posix_class(p.substr(j + 2, close - j - 2))) {
        body += std::string(p.substr(j, close + 2 - j));
        j = close + 1;
        continue;
      }
    }
    char lo = 0;
    std::string lo_re = class_char(p, j, lo);
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      std::size_t k = j + 2;
      char hi = 0;
      std::string hi_re = class_char(p, k, hi);
      j = k;
      body += static_cast<unsigned char>(lo) <= static_cast<unsigned char>(hi) ? lo_re + "-" + hi_re : lo_re;
      continue;
    }
    body += lo_re;
  }
  if (j >= p.size()) return "";
  end = j + 1;
  return std::string("[") + (negate ? "^/" : "") + body + "]";
}

// The regex for a pattern body (no negation, no leading/trailing `/` for gitignore).
std::string body_regex(std::string_view p, GlobDialect d) {
  bool gh = d == GlobDialect::github_filter;
  std::vector<std::string> atoms;
  bool last_quantifiable = false;
  for (std::size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      atoms.push_back(quote(p[i + 1]));
      last_quantifiable = true;
      i += 2;
      continue;
    }
    if (c == '*') {
      std::size_t j = i;
      while (j < p.size() && p[j] == '*') ++j;
      bool seg_start = i == 0 || p[i - 1] == '/';
      bool seg_end = j == p.size() || p[j] == '/';
      if (j - i >= 2 && seg_start && j < p.size() && p[j] == '/') {
        atoms.push_back("(?:.*/)?");
        i = j + 1;
      } else if (j - i >= 2 && (gh || (seg_start && seg_end))) {
        atoms.push_back(".*");
        i = j;
      } else {
        atoms.push_back("[^/]*");
        i = j;
      }
      last_quantifiable = false;
      continue;
    }
    if (gh && (c == '?' || c == '+')) {
      if (last_quantifiable) {
        atoms.back() = "(?:" + atoms.back() + ")" + c;
        last_quantifiable = false;
      } else {
        atoms.push_back(quote(c));
        last_quantifiable = true;
      }
      ++i;
      continue;
    }
    if (c == '?') {
      atoms.push_back("[^/]");
      last_quantifiable = true;
      ++i;
      continue;
    }
    if (c == '[') {
      std::size_t end = 0;
      std::string cls = char_class(p, i, end);
      if (!cls.empty()) {
        atoms.push_back(cls);
        last_quantifiable = true;
        i = end;
        continue;
      }
    }
    atoms.push_back(quote(c));
    last_quantifiable = true;
    ++i;
  }
  std::string out;
  for (const std::string& a : atoms) out += a;
  return out;
}

std::string join(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return std::string(a) + "/" + std::string(b);
}

// `path` relative to directory `base` ("" = root), nullopt when outside it.
std::optional<std::string> relative_to(std::string_view base, std::string_view path) {
  if (base.empty()) return std::string(path);
  if (path == base) return std::string();
  if (path.size() > base.size() && path.substr(0, base.size()) == base && path[base.size()] == '/')
    return std::string(path.substr(base.size() + 1));
  return std::nullopt;
}

// The paths that start with `prefix` as a string: a superset of those below it as a path, and one
// range of the sorted list (`qwen3.5/` and `qwen3-x` sort before `qwen3/`, so a path-prefix walk
// from the lower bound would stop before it reached `qwen3/`). Callers match each path.
std::pair<std::size_t, std::size_t> range_below(const std::vector<std::string>& paths, std::string_view prefix) {
  if (prefix.empty()) return {0, paths.size()};
  auto lo = std::lower_bound(paths.begin(), paths.end(), prefix, [](const std::string& a, std::string_view b) { return a < b; });
  auto hi = lo;
  while (hi != paths.end() && hi->starts_with(prefix)) ++hi;
  return {static_cast<std::size_t>(lo - paths.begin()), static_cast<std::size_t>(hi - paths.begin())};
}

}  // namespace

// The regex of a glob, compiled on first use (once, whichever thread asks first).
struct Glob::Regex {
  std::string text;
  mutable std::once_flag once;
  mutable std::unique_ptr<RE2> re;
  const RE2& get() const {
    std::call_once(once, [this] { re = std::make_unique<RE2>(text, RE2::Quiet); });
    return *re;
  }
};

std::optional<Glob> Glob::parse(std::string_view text, GlobDialect dialect) {
  Glob g;
  g.text_ = std::string(text);
  g.dialect_ = dialect;
  std::string_view body = text;
  if (!body.empty() && body[0] == '!') {
    g.negated_ = true;
    body.remove_prefix(1);
  }
  if (dialect != GlobDialect::github_filter) {
    if (!body.empty() && body[0] == '/') {
      g.leading_slash_ = true;
      body.remove_prefix(1);
    }
    if (!body.empty() && body.back() == '/') {
      g.dir_only_ = true;
      body.remove_suffix(1);
    }
    g.anchored_ = g.leading_slash_ || body.find('/') != std::string_view::npos;
  }
  if (body.empty()) return std::nullopt;
  auto re = std::make_shared<Regex>();
  re->text = body_regex(body, dialect);
  if (!g.anchored_) re->text = "(?:.*/)?" + re->text;
  g.re_ = re;
  // A pattern of a shortcut's shape in plain ASCII compiles (a quoted literal and fixed wildcards:
  // RE2 refuses only bytes that are no UTF-8): it is compiled when a match first needs the regex.
  // Carrying patterns across a move parses many candidates that are then matched by shortcut only.
  auto compiled = [&]() -> std::optional<Glob> {
    bool lazy = g.shortcut_ != Shortcut::none && body.size() < 1024 &&
                std::all_of(body.begin(), body.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!lazy && !re->get().ok()) return std::nullopt;
    return std::move(g);
  };
  if (!g.anchored_) {
    // A name at any depth: for carrying it across a move, the same as `**/name`.
    g.rest_ = "**/" + std::string(body);
    g.shortcut_ = shortcut_of(g.rest_, dialect);
    return compiled();
  }
  std::size_t cut = 0;  // bytes of body in the literal prefix
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t slash = body.find('/', pos);
    std::size_t end = slash == std::string_view::npos ? body.size() : slash;
    if (!is_literal_segment(body.substr(pos, end - pos), dialect)) break;
    cut = end;
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  g.prefix_ = std::string(body.substr(0, cut));
  g.rest_ = std::string(cut < body.size() ? body.substr(cut == 0 ? 0 : cut + 1) : std::string_view());
  g.shortcut_ = g.rest_.empty() ? Shortcut::literal : shortcut_of(g.rest_, dialect);
  return compiled();
}

Glob Glob::without_shortcuts() const {
  Glob g = *this;
  g.shortcut_ = Shortcut::none;
  return g;
}

namespace {

// Plain ASCII without a line feed: where what `.*` and `[^/]*` match is plain (RE2 reads other bytes as
// UTF-8, and its `.` and `[^/]` differ on a line feed), so a shortcut may answer for the regex.
bool plain(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c != '\n' && static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

Glob::Shortcut Glob::shortcut_of(std::string_view rest, GlobDialect dialect) {
  auto literal = [&](std::string_view s) { return s.find('/') == std::string_view::npos && is_literal_segment(s, dialect); };
  if (rest == "**") return Shortcut::below;
  if (rest.starts_with("**/*") && literal(rest.substr(4))) return Shortcut::suffix;
  if (rest.starts_with("**/") && literal(rest.substr(3))) return Shortcut::name;
  return Shortcut::none;
}

std::optional<bool> Glob::quick_match(std::string_view s) const {
  // The regexes of these shapes: the quoted literal prefix, then (when it is not empty) `/` and the
  // rest's regex: `.*` (below), `(?:.*/)?` and a quoted name (name), `(?:.*/)?[^/]*` and a quoted
  // ending (suffix).
  if (shortcut_ == Shortcut::literal) return s == prefix_;
  std::string_view r = s;
  if (!prefix_.empty()) {
    if (s.size() <= prefix_.size() || !s.starts_with(prefix_) || s[prefix_.size()] != '/') return false;
    r.remove_prefix(prefix_.size() + 1);
  }
  switch (shortcut_) {
    case Shortcut::below:
      if (plain(r)) return true;
      break;
    case Shortcut::name: {
      std::string_view name = std::string_view(rest_).substr(3);
      if (r == name) return true;
      if (r.size() <= name.size() || !r.ends_with(name) || r[r.size() - name.size() - 1] != '/') return false;
      if (plain(r.substr(0, r.size() - name.size() - 1))) return true;
      break;
    }
    case Shortcut::suffix:
      if (plain(r)) return core::base_name(r).ends_with(std::string_view(rest_).substr(4));
      break;
    case Shortcut::literal:
    case Shortcut::none: break;
  }
  return std::nullopt;
}

bool Glob::full_match(std::string_view s) const {
  if (shortcut_ != Shortcut::none)
    if (std::optional<bool> quick = quick_match(s)) return *quick;
  return RE2::FullMatch(s, re_->get());
}

bool Glob::matches(std::string_view path) const {
  return matches_itself(path) || matches_directory(core::parent_dir(path));
}

bool Glob::matches_itself(std::string_view path) const {
  // An anchored pattern matches only below its literal directory prefix: a string compare spares
  // the regex for most paths of a large tree.
  if (anchored_ && !prefix_.empty() && !core::is_path_prefix(prefix_, path)) return false;
  if (dialect_ == GlobDialect::github_filter) return full_match(path);
  return !dir_only_ && full_match(path);
}

bool Glob::matches_directory(std::string_view dir) const {
  for (std::string_view d = dir; !d.empty(); d = core::parent_dir(d))
    if (matches_as_directory(d)) return true;
  return false;
}

bool Glob::matches_as_directory(std::string_view dir) const {
  if (dialect_ != GlobDialect::gitignore || dir.empty()) return false;
  return (!anchored_ || prefix_.empty() || core::is_path_prefix(prefix_, dir)) && full_match(dir);
}

struct GlobSet::Sets {
  // The globs that can match a path itself, and those that match directories (gitignore dialect);
  // set position -> glob index. Globs with a shortcut (Glob::full_match) stay out of the sets and are
  // asked one by one: a few string compares cost less than a pass of the sets' automaton.
  std::unique_ptr<RE2::Set> itself, directory;
  std::vector<std::size_t> itself_ids, directory_ids;
  std::vector<std::size_t> quick_itself, quick_directory;  // glob indices
  std::vector<int> hits;                                   // RE2::Set::Match's answer, reused
};

namespace {

std::unique_ptr<RE2::Set> new_set() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(std::int64_t{64} << 20);
  return std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
}

// Appends to `out` the glob indices of `set`'s patterns matching `text`; false when RE2 could not
// decide (its DFA ran out of memory).
bool match_set(const RE2::Set& set, const std::vector<std::size_t>& ids, std::string_view text, std::vector<int>& hits,
               std::vector<std::size_t>& out) {
  if (ids.empty()) return true;
  hits.clear();
  RE2::Set::ErrorInfo error;
  if (!set.Match(text, &hits, &error)) return error.kind == RE2::Set::kNoError;
  for (int h : hits) out.push_back(ids[static_cast<std::size_t>(h)]);
  return true;
}

}  // namespace

GlobSet::GlobSet(std::vector<const Glob*> globs) : globs_(std::move(globs)), sets_(std::make_unique<Sets>()) {
  sets_->itself = new_set();
  sets_->directory = new_set();
  for (std::size_t i = 0; i < globs_.size(); ++i) {
    const Glob& g = *globs_[i];
    bool itself = g.dialect_ == GlobDialect::github_filter || !g.dir_only_;
    bool directory = g.dialect_ == GlobDialect::gitignore;
    if (g.shortcut_ != Glob::Shortcut::none) {
      if (itself) sets_->quick_itself.push_back(i);
      if (directory) sets_->quick_directory.push_back(i);
      continue;
    }
    const std::string& regex = g.re_->text;
    bool added = true;
    if (itself) {
      added = sets_->itself->Add(regex, nullptr) >= 0;
      sets_->itself_ids.push_back(i);
    }
    if (added && directory) {
      added = sets_->directory->Add(regex, nullptr) >= 0;
      sets_->directory_ids.push_back(i);
    }
    if (!added) {  // cannot happen for a regex RE2 compiled alone; one glob at a time then
      sets_.reset();
      return;
    }
  }
  if (!sets_->itself->Compile() || !sets_->directory->Compile()) sets_.reset();
}

GlobSet::~GlobSet() = default;

const std::vector<std::size_t>& GlobSet::matching_directory(std::string_view dir) const {
  static const std::vector<std::size_t> none;
  if (dir.empty() || (sets_->directory_ids.empty() && sets_->quick_directory.empty())) return none;
  if (auto it = directories_.find(std::string(dir)); it != directories_.end()) return it->second;
  std::vector<std::size_t> here = matching_directory(core::parent_dir(dir));
  if (match_set(*sets_->directory, sets_->directory_ids, dir, sets_->hits, here)) {
    for (std::size_t i : sets_->quick_directory)
      if (globs_[i]->matches_as_directory(dir)) here.push_back(i);
  } else {
    here.clear();
    for (const std::vector<std::size_t>* ids : {&sets_->directory_ids, &sets_->quick_directory})
      for (std::size_t i : *ids)
        if (globs_[i]->matches_directory(dir)) here.push_back(i);
  }
  std::sort(here.begin(), here.end());
  here.erase(std::unique(here.begin(), here.end()), here.end());
  return directories_.emplace(std::string(dir), std::move(here)).first->second;
}

std::vector<std::size_t> GlobSet::matching_itself(std::string_view path) const {
  std::vector<std::size_t> out;
  if (!sets_ || !match_set(*sets_->itself, sets_->itself_ids, path, sets_->hits, out)) {
    out.clear();
    for (std::size_t i = 0; i < globs_.size(); ++i)
      if (globs_[i]->matches_itself(path)) out.push_back(i);
    return out;
  }
  for (std::size_t i : sets_->quick_itself)
    if (globs_[i]->matches_itself(path)) out.push_back(i);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> GlobSet::matching(std::string_view path) const {
  std::vector<std::size_t> out;
  if (!sets_) {
    for (std::size_t i = 0; i < globs_.size(); ++i)
      if (globs_[i]->matches(path)) out.push_back(i);
    return out;
  }
  out = matching_itself(path);
  // Sorted paths come a directory at a time: the last directory's answer is asked again at once.
  std::string_view dir = core::parent_dir(path);
  if (!last_above_ || dir != last_dir_) {
    last_above_ = &matching_directory(dir);
    last_dir_.assign(dir);
  }
  out.insert(out.end(), last_above_->begin(), last_above_->end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string Glob::with_prefix(std::string_view prefix, std::string_view rest) const {
  std::string body = join(escape_glob(prefix, dialect_), rest);
  std::string out = negated_ ? "!" : "";
  if (dialect_ == GlobDialect::github_filter) return out + body;
  bool lead = leading_slash_ || body.find('/') == std::string::npos;
  if (lead) out += '/';
  out += body;
  if (dir_only_) out += '/';
  return out;
}

std::string escape_glob(std::string_view path, GlobDialect dialect) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (is_special(c, dialect) || c == ']' || (i == 0 && (c == '!' || c == '#'))) out += '\\';
    out += c;
  }
  return out;
}

bool segment_matches(std::string_view segment, std::string_view name, GlobDialect dialect) {
  RE2 re(body_regex(segment, dialect), RE2::Quiet);
  return re.ok() && RE2::FullMatch(name, re);
}

MovedTree::MovedTree(const plan::MoveModel& moves, const core::Tree& old_tree, std::string_view base_old, std::string_view base_new,
                     std::span<const IgnoredPath> ignored)
    : moves_(moves), base_old_(base_old), base_new_(base_new) {
  std::vector<std::pair<std::string, std::optional<std::string>>> pairs;
  auto add = [&](std::string_view old_path, const std::optional<std::string>& np) {
    std::optional<std::string> new_rel = np ? relative_to(base_new_, *np) : std::nullopt;
    if (new_rel) new_.push_back(*new_rel);
    if (auto rel = relative_to(base_old_, old_path)) pairs.emplace_back(std::move(*rel), std::move(new_rel));
  };
  for (const core::TreeEntry& e : old_tree) add(e.path, moves.new_path(e.path));
  for (const IgnoredPath& p : ignored) {
    add(p.old_path, p.new_path);
    auto trim = [](std::string_view s) { return std::string(s.ends_with('/') ? s.substr(0, s.size() - 1) : s); };
    ignored_new_.emplace(trim(p.old_path), trim(p.new_path));
  }
  std::sort(pairs.begin(), pairs.end());
  for (auto& [o, n] : pairs) {
    old_.push_back(std::move(o));
    new_of_.push_back(std::move(n));
  }
  std::sort(new_.begin(), new_.end());
}

std::optional<std::string> MovedTree::new_path(std::string_view old_rel) const {
  std::string old_path = join(base_old_, old_rel);
  std::optional<std::string> np = moves_.new_path(old_path);
  if (auto it = ignored_new_.find(old_path); !np && it != ignored_new_.end()) np = it->second;
  if (!np) return std::nullopt;
  return relative_to(base_new_, *np);
}

bool MovedTree::dissolved(std::string_view old_rel) const { return moves_.dissolved(join(base_old_, old_rel)); }

namespace {

// Indices of `paths[lo, hi)` that `glob` matches; sorted paths put the files of a directory together,
// so the directory half of the match is computed once per directory.
template <typename Out>
void match_range(const Glob& glob, const std::vector<std::string>& paths, std::pair<std::size_t, std::size_t> range, Out out) {
  std::string_view last_dir;
  bool last_hit = false, have = false;
  for (std::size_t i = range.first; i < range.second; ++i) {
    std::string_view dir = core::parent_dir(paths[i]);
    if (!have || dir != last_dir) {
      last_dir = dir;
      last_hit = glob.matches_directory(dir);
      have = true;
    }
    if (last_hit || glob.matches_itself(paths[i])) out(i);
  }
}

}  // namespace

std::vector<std::size_t> MovedTree::match_old(const Glob& glob) const {
  std::vector<std::size_t> out;
  match_range(glob, old_, range_below(old_, glob.literal_prefix()), [&](std::size_t i) { out.push_back(i); });
  return out;
}

std::vector<std::string> MovedTree::match_new(const Glob& glob) const {
  std::vector<std::string> out;
  match_range(glob, new_, range_below(new_, glob.literal_prefix()), [&](std::size_t i) { out.push_back(new_[i]); });
  return out;
}

namespace {

// MovedTree::match_new without copying the paths: views of new_paths().
std::vector<std::string_view> new_matches(const Glob& glob, const MovedTree& tree) {
  const std::vector<std::string>& paths = tree.new_paths();
  std::vector<std::string_view> out;
  match_range(glob, paths, range_below(paths, glob.literal_prefix()), [&](std::size_t i) { out.push_back(paths[i]); });
  return out;
}

// Moved images (views of the tree's new paths), compared by their text.
using Image = std::unordered_set<std::string_view>;

class Transformer {
 public:
  Transformer(const Glob& g, const MovedTree& tree, const Image& image, bool exclusions)
      : g_(g), tree_(tree), image_(image), exclusions_(exclusions) {}

  // What the pieces select that is to be excluded (exclusions allowed only).
  const std::vector<std::string>& excluded() const { return excluded_; }

  // Patterns selecting exactly the moved images of `sub` (files below the old directory `prefix`,
  // matched by `prefix`/`rest`), or nullopt.
  std::optional<std::vector<std::string>> expand(const std::string& prefix, const std::string& rest,
                                                 const std::vector<std::size_t>& sub) {
    if (++steps_ > 4 * kMaxPieces + tree_.size()) return std::nullopt;
    if (auto np = tree_.new_path(prefix)) {
      // The directory's own pattern at its new place; with exclusions, what moved into it from
      // elsewhere is excluded instead of splitting it.
      std::string cand = g_.with_prefix(*np, rest);
      std::size_t mark = excluded_.size();
      bool exclude = exclusions_ && !tree_.dissolved(prefix) && is_new_directory(*np);
      if (std::optional<std::vector<std::size_t>> out_of_it = missed(cand, sub, exclude)) {
        if (out_of_it->empty()) return std::vector<std::string>{cand};
        // Some of its files went elsewhere: its pattern for what stayed with it, then patterns for
        // what moved out, so that files added to it later are still selected.
        if (out_of_it->size() < sub.size()) {
          auto rest_pieces = expand(prefix, rest, *out_of_it);
          if (!rest_pieces) return std::nullopt;
          rest_pieces->insert(rest_pieces->begin(), cand);
          if (rest_pieces->size() <= kMaxPieces) return rest_pieces;
        }
      }
      excluded_.resize(mark);
    }
    // Split by the next segment below `prefix`: files right here, and one group per child directory.
    std::vector<std::string> out;
    std::vector<std::size_t> files;
    std::size_t skip = prefix.empty() ? 0 : prefix.size() + 1;
    for (std::size_t k = 0; k < sub.size();) {
      const std::string& p = tree_.old_paths()[sub[k]];
      std::size_t slash = p.find('/', skip);
      if (p.size() < skip || slash == std::string::npos) {
        files.push_back(sub[k++]);
        continue;
      }
      std::string child = p.substr(0, slash);
      std::string name = p.substr(skip, slash - skip);
      std::vector<std::size_t> group;
      while (k < sub.size() && core::is_path_prefix(child, tree_.old_paths()[sub[k]])) group.push_back(sub[k++]);
      std::optional<std::string> child_rest = derive(rest, name);
      if (!child_rest) {
        for (std::size_t i : group) files.push_back(i);
        continue;
      }
      auto pieces = expand(child, *child_rest, group);
      if (!pieces) return std::nullopt;
      out.insert(out.end(), pieces->begin(), pieces->end());
      if (out.size() > kMaxPieces) return std::nullopt;
    }
    if (!files.empty() && !add_files(rest, files, out)) return std::nullopt;
    if (out.size() > kMaxPieces) return std::nullopt;
    return out;
  }

 private:
  // The pattern below child directory `name` of a prefix whose pattern continues with `rest`.
  std::optional<std::string> derive(const std::string& rest, const std::string& name) const {
    if (rest.empty()) return g_.dialect() == GlobDialect::github_filter ? std::nullopt : std::optional<std::string>("");
    std::size_t slash = rest.find('/');
    std::string seg = rest.substr(0, slash);
    if (seg.find("**") != std::string::npos) return rest;
    if (!segment_matches(seg, name, g_.dialect())) return std::nullopt;
    if (slash == std::string::npos) {
      if (g_.dialect() == GlobDialect::github_filter) return std::nullopt;
      return std::string();
    }
    return rest.substr(slash + 1);
  }

  // Files directly in a directory: one pattern for all of them when they went to the same directory
  // and the last segment of the pattern still selects exactly them there; else their new names.
  bool add_files(const std::string& rest, const std::vector<std::size_t>& files, std::vector<std::string>& out) {
    std::optional<std::string> dir;
    bool same_dir = true;
    for (std::size_t i : files) {
      std::string d(core::parent_dir(*tree_.new_of(i)));
      if (dir && *dir != d) same_dir = false;
      dir = d;
    }
    if (same_dir && !rest.empty() && rest.find('/') == std::string::npos && rest.find("**") == std::string::npos) {
      std::string cand = g_.with_prefix(*dir, rest);
      if (accept(cand, files)) {
        out.push_back(cand);
        return true;
      }
    }
    for (std::size_t i : files) {
      std::string cand = file_pattern(*tree_.new_of(i));
      if (!accept(cand, {i})) return false;
      out.push_back(cand);
    }
    return true;
  }

  std::string file_pattern(const std::string& path) const {
    if (g_.dialect() == GlobDialect::github_filter) return g_.with_prefix(path, "");
    std::string s = g_.with_prefix(path, "");
    if (!s.empty() && s.back() == '/') s.pop_back();  // a file, not a directory
    return s;
  }

  // The files of `sub` that `text` leaves out, or nullopt when it is no pattern or selects a file that
  // is not a moved image of the old selection. With `exclude`, such files are excluded instead
  // (added to excluded_) where patterns holding no moved image can name them.
  std::optional<std::vector<std::size_t>> missed(const std::string& text, const std::vector<std::size_t>& sub,
                                                 bool exclude = false) {
    std::optional<Glob> cand = Glob::parse(text, g_.dialect());
    if (!cand) return std::nullopt;
    std::vector<std::string_view> matched = new_matches(*cand, tree_);
    std::vector<std::string> extra;
    for (std::string_view m : matched)
      if (!image_.count(m)) {
        if (!exclude) return std::nullopt;
        extra.emplace_back(m);
      }
    if (!extra.empty() && !exclude_all(extra)) return std::nullopt;
    Image got(matched.begin(), matched.end());
    std::vector<std::size_t> out;
    for (std::size_t i : sub)
      if (!got.count(*tree_.new_of(i))) out.push_back(i);
    return out;
  }

  bool accept(const std::string& text, const std::vector<std::size_t>& must) {
    std::optional<std::vector<std::size_t>> m = missed(text, must);
    return m && m->empty();
  }

  // True when the old tree has nothing at or below `dir`: a directory the move makes. Only such a
  // directory is the old one under a new name; one that existed before (`examples/` receiving
  // `3.test_cases/`, which held only what went there) is not, and its pattern stays split.
  bool is_new_directory(const std::string& dir) const {
    auto [lo, hi] = range_below(tree_.old_paths(), dir);
    for (std::size_t i = lo; i < hi; ++i)
      if (core::is_path_prefix(dir, tree_.old_paths()[i])) return false;
    return true;
  }

  // True when no moved image of the old selection is below the new directory `dir`.
  bool holds_no_image(const std::string& dir) const {
    std::string below = dir + "/";
    auto [lo, hi] = range_below(tree_.new_paths(), below);
    for (std::size_t i = lo; i < hi; ++i)
      if (image_.count(tree_.new_paths()[i])) return false;
    return true;
  }

  // Adds to excluded_ a pattern for each new path of `extra` (files that moved in from elsewhere):
  // the widest directory above it that holds no moved image, else the file itself. Directories
  // are written `dir/**` (workflows) or `/dir/` (CODEOWNERS).
  bool exclude_all(const std::vector<std::string>& extra) {
    for (const std::string& e : extra) {
      std::string widest;
      for (std::string_view d = core::parent_dir(e); !d.empty() && holds_no_image(std::string(d)); d = core::parent_dir(d))
        widest = std::string(d);
      std::string text = widest.empty() ? file_pattern(e)
                         : g_.dialect() == GlobDialect::github_filter ? escape_glob(widest, g_.dialect()) + "/**"
                                                                       : "/" + escape_glob(widest, g_.dialect()) + "/";
      if (std::find(excluded_.begin(), excluded_.end(), text) == excluded_.end()) excluded_.push_back(text);
      if (excluded_.size() > kMaxPieces) return false;
    }
    return true;
  }

  const Glob& g_;
  const MovedTree& tree_;
  const Image& image_;
  bool exclusions_ = false;
  std::vector<std::string> excluded_;
  std::size_t steps_ = 0;
};

}  // namespace

namespace {

// transform_glob once the pattern's old files (`matched`, all with a moved image) and their images are known.
GlobTransform carry(const Glob& pattern, const MovedTree& tree, const std::vector<std::size_t>& matched, const Image& image,
                    bool exclusions) {
  GlobTransform t;
  t.matched = matched.size();
  Transformer tr(pattern, tree, image, exclusions);
  auto pieces = tr.expand(pattern.literal_prefix(), pattern.rest(), matched);
  if (exclusions && pieces && !pieces->empty() && !tr.excluded().empty()) {
    // Checked once more as a whole (pieces minus exclusions); if not exact, carried without them.
    auto parse_all = [&](const std::vector<std::string>& texts) {
      std::vector<Glob> out;
      for (const std::string& p : texts)
        if (auto g = Glob::parse(p, pattern.dialect())) out.push_back(std::move(*g));
      return out;
    };
    if (same_selection(pattern, parse_all(*pieces), tree, parse_all(tr.excluded()))) {
      t.status = GlobTransform::Status::rewritten;
      t.patterns = std::move(*pieces);
      t.excluded = tr.excluded();
      return t;
    }
    return carry(pattern, tree, matched, image, false);
  }
  if (!pieces || pieces->empty()) {
    if (exclusions) return carry(pattern, tree, matched, image, false);
    t.status = GlobTransform::Status::impossible;
    return t;
  }
  t.status = GlobTransform::Status::rewritten;
  t.patterns = std::move(*pieces);
  return t;
}

}  // namespace

GlobTransform transform_glob(const Glob& pattern, const MovedTree& tree, bool exclusions) {
  GlobTransform t;
  std::vector<std::size_t> matched = tree.match_old(pattern);
  t.matched = matched.size();
  if (matched.empty()) return t;
  Image image;
  image.reserve(matched.size());
  for (std::size_t i : matched) {
    if (!tree.new_of(i)) {
      t.status = GlobTransform::Status::impossible;
      return t;
    }
    image.insert(*tree.new_of(i));
  }
  std::vector<std::string_view> now = new_matches(pattern, tree);
  if (now.size() == image.size() && std::all_of(now.begin(), now.end(), [&](std::string_view p) { return image.count(p) != 0; }))
    return t;
  return carry(pattern, tree, matched, image, exclusions && !pattern.negated());
}

bool same_selection(const Glob& original, const std::vector<Glob>& replacement, const MovedTree& tree,
                    const std::vector<Glob>& excluded) {
  std::unordered_set<std::string> image;
  for (std::size_t i : tree.match_old(original)) {
    if (!tree.new_of(i)) return false;
    image.insert(*tree.new_of(i));
  }
  std::unordered_set<std::string> now;
  if (replacement.empty()) {
    for (std::string& p : tree.match_new(original)) now.insert(std::move(p));
  } else {
    for (const Glob& g : replacement)
      for (std::string& p : tree.match_new(g)) now.insert(std::move(p));
  }
  for (const Glob& g : excluded)
    for (const std::string& p : tree.match_new(g)) now.erase(p);
  return now == image;
}

namespace {

// The sorted, disjoint index ranges of `paths` that any glob of `list` can match: below each one's
// literal prefix (the whole tree when one has none). A list of filters for a few directories then
// costs the files below them, not the whole tree per workflow.
std::vector<std::pair<std::size_t, std::size_t>> candidates(const std::vector<Glob>& list, const std::vector<std::string>& paths) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const Glob& g : list) {
    if (g.literal_prefix().empty()) return {{0, paths.size()}};
    ranges.push_back(range_below(paths, g.literal_prefix()));
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (auto [lo, hi] : ranges) {
    if (!merged.empty() && lo <= merged.back().second)
      merged.back().second = std::max(merged.back().second, hi);
    else if (lo < hi)
      merged.emplace_back(lo, hi);
  }
  return merged;
}

std::vector<const Glob*> pointers(const std::vector<Glob>& list) {
  std::vector<const Glob*> out;
  for (const Glob& g : list) out.push_back(&g);
  return out;
}

// The last matching pattern decides (`!` excludes).
bool selected(const std::vector<Glob>& list, const GlobSet& set, std::string_view path) {
  std::vector<std::size_t> hits = set.matching(path);
  return !hits.empty() && !list[hits.back()].negated();
}

}  // namespace

std::vector<std::string> select_old(const std::vector<Glob>& list, const MovedTree& tree) {
  std::vector<std::string> out;
  GlobSet set(pointers(list));
  for (auto [lo, hi] : candidates(list, tree.old_paths()))
    for (std::size_t i = lo; i < hi; ++i)
      if (selected(list, set, tree.old_paths()[i]))
        out.push_back(tree.new_of(i) ? *tree.new_of(i) : "\n(left) " + tree.old_paths()[i]);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> select_new(const std::vector<Glob>& list, const MovedTree& tree) {
  std::vector<std::string> out;
  GlobSet set(pointers(list));
  for (auto [lo, hi] : candidates(list, tree.new_paths()))
    for (std::size_t i = lo; i < hi; ++i)
      if (selected(list, set, tree.new_paths()[i])) out.push_back(tree.new_paths()[i]);
  return out;
}

}  // namespace gitreorg::rewrite
