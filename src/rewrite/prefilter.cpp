// The pre-filter's needles, from the move model, and its one decision per blob.
#include "gitreorg/rewrite/prefilter.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/link_path.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"

namespace gitreorg::rewrite {
namespace {

// Path mentions' word characters (path_mentions.cpp).
bool is_word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '.' || c == '_' || c == '-' || c == '/' || c == '+' || c == '~' || c == '@' || c == '%';
}

std::string join(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : std::string(dir) + "/" + std::string(name);
}

// Lands somewhere else than where its parent lands plus its name, or is dissolved.
bool displaced(const plan::MoveModel& moves, std::string_view path) {
  if (moves.dissolved(path)) return true;
  std::optional<std::string> np = moves.new_path(path), parent = moves.new_path(core::parent_dir(path));
  return !np || !parent || *np != join(*parent, core::base_name(path));
}

std::vector<std::string> sorted(std::unordered_set<std::string> s) {
  std::vector<std::string> out(s.begin(), s.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

PrefilterNeedles prefilter_needles(const plan::MoveModel& moves, const core::Tree& tree, const PathMentions& mentions,
                                   std::span<const std::string> clone_names, std::span<const GithubUrls* const> urls) {
  std::unordered_set<std::string> names{".."}, above, repositories;
  std::unordered_set<std::string_view> seen_dirs;
  auto visit = [&](std::string_view path) {
    if (!displaced(moves, path)) return;
    names.emplace(core::base_name(path));
    for (std::string_view d = core::parent_dir(path); !d.empty(); d = core::parent_dir(d)) above.emplace(core::base_name(d));
  };
  if (moves.any_moves()) {
    for (const core::TreeEntry& e : tree) {
      visit(e.path);
      for (std::string_view d = core::parent_dir(e.path); !d.empty(); d = core::parent_dir(d)) {
        if (!seen_dirs.insert(d).second) break;
        visit(d);
      }
    }
  }
  for (const std::string& n : mentions.obsolete_names()) names.insert(n);
  for (const std::string& c : clone_names)
    if (!c.empty()) names.insert(c);
  for (const GithubUrls* u : urls)
    if (u)
      for (const std::string& r : u->repository_names()) repositories.insert(r);
  for (const std::string& n : names) above.erase(n);
  return {sorted(std::move(names)), sorted(std::move(repositories)), sorted(std::move(above))};
}

Prefilter::Prefilter(const plan::MoveModel& moves, PrefilterNeedles needles)
    : moves_(moves), needles_(std::move(needles)), search_([&] {
        auto add = [&](const std::vector<std::string>& list, Needle kind) {
          for (const std::string& s : list) {
            patterns_.push_back(s);
            kinds_.push_back(kind);
          }
        };
        add(needles_.names, Needle::name);
        add(needles_.repositories, Needle::repository);
        add(needles_.partly_moved, Needle::partly_moved);
        add({"//"}, Needle::double_slash);
        add({"/."}, Needle::dot_segment);
        return core::LiteralSearch(patterns_);
      }()) {}

bool Prefilter::holds_needle(std::string_view t) const {
  return search_.find(t, [&](std::size_t i, std::size_t end) {
    const std::string& p = patterns_[i];
    std::size_t begin = end - p.size();
    switch (kinds_[i]) {
      case Needle::repository: return true;  // URLs are found in any case
      case Needle::double_slash: return begin == 0 || t[begin - 1] != ':';  // not a URL's `://`
      case Needle::dot_segment: return end == t.size() || t[end] == '/' || !is_word_char(t[end]);
      case Needle::name: return t.compare(begin, p.size(), p) == 0;
      case Needle::partly_moved: {
        if (t.compare(begin, p.size(), p) != 0) return false;
        // The word holding it: followed by a pattern or variable, or after `$NAME/`, `${X}/`, `$(...)/`, `file://`.
        std::size_t a = begin, b = end;
        while (a > 0 && is_word_char(t[a - 1])) --a;
        while (b < t.size() && is_word_char(t[b])) ++b;
        bool continued = b < t.size() && std::string_view("*$?[{").find(t[b]) != std::string_view::npos;
        bool unit = a > 0 && std::string_view("$}):").find(t[a - 1]) != std::string_view::npos;
        return continued || unit;
      }
    }
    return true;
  });
}

bool Prefilter::may_reference(std::string_view old_path, std::string_view new_path, std::string_view text) const {
  std::string_view dir = core::parent_dir(old_path);
  // A file that lands elsewhere than its directory: every relative reference in it may change. One in
  // a dissolved directory: a link to its own directory (`./`) is flagged.
  if (moves_.dissolved(dir)) return true;
  std::optional<std::string> new_dir = moves_.new_path(dir);
  if (!new_dir || std::string(new_path) != join(*new_dir, core::base_name(old_path))) return true;
  bool md = markdown::is_markdown_path(old_path);
  // A document md4c would refuse is reported as such.
  if (md && static_cast<double>(text.size()) * static_cast<double>(text.size()) / 2 > markdown::kMaxInlineWork &&
      markdown::inline_work(text) > markdown::kMaxInlineWork)
    return true;
  if (holds_needle(text)) return true;
  // Link destinations are read decoded (`%2E%2E/`, `&#46;`, `\.`), JSON strings unescaped (`\/`): a
  // needle may only appear once decoded. Other files' words are their bytes.
  bool json = !md && mention_format(old_path, text) == MentionFormat::json;
  if ((!md && !json) || text.find_first_of(json ? "\\" : "\\%&") == std::string_view::npos) return false;
  if (holds_needle(markdown::decode(text, markdown::Syntax::markdown))) return true;
  return md && holds_needle(markdown::decode(text, markdown::Syntax::html));
}

}  // namespace gitreorg::rewrite
