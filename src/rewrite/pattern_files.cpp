// Pattern files are read line by line: the pattern is the first word (up to unescaped whitespace; the
// whole line for .gitignore), the rest of the line is kept as written. Patterns use the gitignore
// dialect of glob.hpp, relative to the file's directory (the root for CODEOWNERS).
#include "gitreorg/rewrite/pattern_files.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/link_path.hpp"
#include "gitreorg/rewrite/glob.hpp"

namespace gitreorg::rewrite {
namespace {

constexpr std::size_t kListedChanges = 10;

struct PatternLine {
  std::size_t line_begin = 0, line_end = 0;  // the line without its line ending
  std::size_t eol_end = 0;                   // after the line ending
  std::size_t begin = 0, end = 0;            // the pattern's bytes
  std::string rest;                          // owners / attributes (trimmed)
  int line = 0;
};

GlobDialect dialect_of(PatternFile kind) {
  return kind == PatternFile::gitattributes ? GlobDialect::gitattributes : GlobDialect::gitignore;
}

std::vector<PatternLine> pattern_lines(PatternFile kind, std::string_view text) {
  std::vector<PatternLine> out;
  int line = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    ++line;
    std::size_t nl = text.find('\n', pos);
    std::size_t eol_end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (end > pos && text[end - 1] == '\r') --end;
    PatternLine l{pos, end, eol_end, pos, pos, "", line};
    pos = eol_end;
    std::size_t b = l.line_begin;
    std::size_t e = b;
    if (kind == PatternFile::gitignore) {
      // As git reads a .gitignore line: leading spaces are the pattern's, `#` only first is a comment,
      // trailing spaces (not tabs) are dropped unless escaped, a line left empty is none.
      if (b == end || text[b] == '#') continue;
      e = end;
      while (e > b && text[e - 1] == ' ' && !(e - b >= 2 && text[e - 2] == '\\')) --e;
      if (e == b) continue;
    } else {
      while (b < end && (text[b] == ' ' || text[b] == '\t')) ++b;
      if (b == end || text[b] == '#' || text[b] == '"') continue;
      e = b;
      while (e < end && !((text[e] == ' ' || text[e] == '\t') && text[e - 1] != '\\')) ++e;
    }
    l.begin = b;
    l.end = e;
    std::size_t r = e;
    while (r < end && (text[r] == ' ' || text[r] == '\t')) ++r;
    std::string_view rest = text.substr(r, end - r);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
    // Owners and attributes are compared as words: spacing is layout.
    for (std::size_t i = 0; i < rest.size();) {
      std::size_t j = rest.find_first_of(" \t", i);
      if (j == std::string_view::npos) j = rest.size();
      if (j > i) {
        if (!l.rest.empty()) l.rest += ' ';
        l.rest += rest.substr(i, j - i);
      }
      i = j + 1;
    }
    out.push_back(std::move(l));
  }
  return out;
}

// `pattern` with spaces escaped, as the pattern files need.
std::string escape_spaces(std::string_view p) {
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == ' ' && (i == 0 || p[i - 1] != '\\')) out += '\\';
    out += p[i];
  }
  return out;
}

std::string unescape_spaces(std::string_view p) {
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size() && p[i + 1] == ' ') continue;
    out += p[i];
  }
  return out;
}

// Why GitHub skips a CODEOWNERS pattern it does not support (negation, ranges, an escaped `#`), or
// "" when it reads it. https://docs.github.com/articles/about-code-owners#codeowners-syntax
std::string_view unsupported_by_github(std::string_view pattern) {
  if (pattern.starts_with("!")) return "negation with `!`";
  if (pattern.starts_with("\\#")) return "an escaped `#`";
  if (pattern.find('[') != std::string_view::npos) return "character ranges with `[ ]`";
  return "";
}

class Rules {
 public:
  Rules(PatternFile k, std::string_view text) : kind_(k) {
    for (const PatternLine& l : pattern_lines(k, text)) {
      std::string_view raw = text.substr(l.begin, l.end - l.begin);
      if (k == PatternFile::codeowners && !unsupported_by_github(raw).empty()) continue;  // as GitHub reads it
      if (k == PatternFile::gitattributes && raw.starts_with("!")) continue;              // git: "Negative patterns are ignored"
      if (auto g = Glob::parse(unescape_spaces(raw), dialect_of(k))) rules_.emplace_back(std::move(*g), l.rest);
    }
    std::vector<const Glob*> globs;
    for (const auto& r : rules_) globs.push_back(&r.first);
    set_ = std::make_unique<GlobSet>(std::move(globs));
  }
  Rules(const Rules&) = delete;
  Rules& operator=(const Rules&) = delete;

  // `rel`: relative to the file's directory.
  std::string decide(std::string_view rel) const {
    if (kind_ == PatternFile::gitignore) return ignored(rel) ? "ignored" : "";
    std::string out;
    for (std::size_t i : set_->matching(rel)) {
      const auto& [g, rest] = rules_[i];
      switch (kind_) {
        case PatternFile::codeowners: out = g.negated() ? "" : rest; break;
        case PatternFile::gitignore: break;  // ignored()
        case PatternFile::gitattributes: out += (out.empty() ? "" : ";") + rest; break;
        case PatternFile::none: break;
      }
    }
    return out;
  }

 private:
  // As git decides: a directory whose last matching pattern (a `/`-ended one too) is not negated is
  // excluded, and so is everything below it, whatever later lines say (git cannot re-include a
  // file of an excluded directory); else the last pattern matching the file itself decides.
  bool ignored(std::string_view rel) const {
    if (excluded_directory(core::parent_dir(rel))) return true;
    std::vector<std::size_t> hits = set_->matching_itself(rel);
    return !hits.empty() && !rules_[hits.back()].first.negated();
  }
  bool excluded_directory(std::string_view dir) const {
    if (dir.empty()) return false;
    if (auto it = excluded_.find(std::string(dir)); it != excluded_.end()) return it->second;
    bool excluded = excluded_directory(core::parent_dir(dir));
    if (!excluded)
      for (std::size_t i = rules_.size(); i-- > 0;)
        if (rules_[i].first.matches_as_directory(dir)) {
          excluded = !rules_[i].first.negated();
          break;
        }
    return excluded_.emplace(std::string(dir), excluded).first->second;
  }

  PatternFile kind_;
  std::vector<std::pair<Glob, std::string>> rules_;
  std::unique_ptr<GlobSet> set_;  // over rules_, which no longer changes
  mutable std::unordered_map<std::string, bool> excluded_;  // gitignore: directory -> excluded
};

std::string_view kind_name(PatternFile k) {
  switch (k) {
    case PatternFile::codeowners: return "codeowners";
    case PatternFile::gitignore: return "gitignore";
    case PatternFile::gitattributes: return "gitattributes";
    case PatternFile::none: break;
  }
  return "";
}

}  // namespace

PatternFile pattern_file_kind(std::string_view path) {
  if (path == "CODEOWNERS" || path == ".github/CODEOWNERS" || path == "docs/CODEOWNERS") return PatternFile::codeowners;
  std::string_view name = core::base_name(path);
  if (name == ".gitignore") return PatternFile::gitignore;
  if (name == ".gitattributes") return PatternFile::gitattributes;
  return PatternFile::none;
}

std::string pattern_decision(PatternFile kind, std::string_view text, std::string_view base, std::string_view path) {
  Rules rules(kind, text);
  if (base.empty()) return rules.decide(path);
  if (path.size() <= base.size() || path.substr(0, base.size()) != base || path[base.size()] != '/') return "";
  return rules.decide(path.substr(base.size() + 1));
}

namespace {

// The lines that say, after a CODEOWNERS line whose directory received files from elsewhere, who owned
// those files before: one per excluded pattern (`excluded`, from transform_glob), with the owners the
// old file gave all its files (a pattern and no owners: nobody); nullopt when they had different owners.
std::optional<std::vector<std::string>> restore_owners(const std::vector<std::string>& excluded, const MovedTree& tree,
                                                       const Rules& before, std::string_view separator) {
  std::unordered_map<std::string, std::size_t> old_of_new;
  for (std::size_t i = 0; i < tree.size(); ++i)
    if (tree.new_of(i)) old_of_new.emplace(*tree.new_of(i), i);
  std::vector<std::string> out;
  for (const std::string& x : excluded) {
    std::optional<Glob> g = Glob::parse(x, GlobDialect::gitignore);
    if (!g) return std::nullopt;
    std::optional<std::string> owners;
    for (const std::string& f : tree.match_new(*g)) {
      auto it = old_of_new.find(f);
      if (it == old_of_new.end()) return std::nullopt;
      std::string o = before.decide(tree.old_paths()[it->second]);
      if (owners && *owners != o) return std::nullopt;
      owners = std::move(o);
    }
    if (!owners) return std::nullopt;
    out.push_back(escape_spaces(x) + (owners->empty() ? "" : std::string(separator) + *owners));
  }
  return out;
}

// The edits of every line of the file, each pattern carried across the move; with `exclusions`
// (CODEOWNERS), a directory that received files from elsewhere keeps its line and a later line gives
// those files back to their owners. `used` says some line was written so.
std::vector<core::Edit> carry_lines(PatternFile kind, std::string_view old_path, std::string_view text, const MovedTree& tree,
                                    const Rules& before, bool exclusions, bool& used, diag::Sink& sink) {
  std::vector<core::Edit> edits;
  std::string kind_str(kind_name(kind));
  used = false;
  for (const PatternLine& l : pattern_lines(kind, text)) {
    std::string raw(text.substr(l.begin, l.end - l.begin));
    if (std::string_view why = kind == PatternFile::codeowners ? unsupported_by_github(raw) : ""; !why.empty()) {
      sink.warning(std::string(old_path), {l.line, static_cast<int>(l.begin - l.line_begin) + 1},
                   "invalid CODEOWNERS pattern `" + raw + "`: GitHub does not support " + std::string(why) +
                       " and skips this line; left as is");
      continue;
    }
    std::optional<Glob> g = Glob::parse(unescape_spaces(raw), dialect_of(kind));
    if (!g) continue;
    GlobTransform t = transform_glob(*g, tree, exclusions);
    std::string_view lead = text.substr(l.line_begin, l.begin - l.line_begin);
    std::string_view tail = text.substr(l.end, l.line_end - l.end);
    std::vector<std::string> restores;
    if (!t.excluded.empty()) {
      std::size_t gap = tail.find_first_not_of(" \t");
      std::string_view separator = tail.substr(0, gap == std::string_view::npos ? tail.size() : gap);
      std::optional<std::vector<std::string>> r = restore_owners(t.excluded, tree, before, separator.empty() ? " " : separator);
      if (r) {
        restores = std::move(*r);
        used = true;
      } else {
        t = transform_glob(*g, tree, false);
      }
    }
    if (t.status == GlobTransform::Status::unchanged) continue;
    if (t.status == GlobTransform::Status::impossible) {
      sink.warning(std::string(old_path), {l.line, static_cast<int>(l.begin - l.line_begin) + 1},
                   "pattern `" + raw + "` cannot follow the move (it matched " + std::to_string(t.matched) + " files); left as is");
      continue;
    }
    edits.push_back(core::Edit{l.begin, l.end - l.begin, escape_spaces(t.patterns[0]), l.line, kind_str, raw});
    if (t.patterns.size() > 1 || !restores.empty()) {
      // Each further pattern on its own line, with the rest of the line (owners, attributes) repeated;
      // then the lines that give what moved in back to its owners.
      std::string eol(text.substr(l.line_end, l.eol_end - l.line_end));
      std::string added;
      auto add = [&](const std::string& line) { added += eol.empty() ? "\n" + line : line + eol; };
      for (std::size_t i = 1; i < t.patterns.size(); ++i) add(std::string(lead) + escape_spaces(t.patterns[i]) + std::string(tail));
      for (const std::string& r : restores) add(std::string(lead) + r);
      edits.push_back(core::Edit{l.eol_end, 0, added, l.line, kind_str, ""});
    }
  }
  return edits;
}

}  // namespace

PatternFileResult rewrite_pattern_file(PatternFile kind, std::string_view old_path, std::string_view new_path,
                                       std::string_view text, const plan::MoveModel& moves, const core::Tree& old_tree,
                                       diag::Sink& sink, std::span<const IgnoredPath> ignored, const MovedTree* root_tree) {
  PatternFileResult out;
  bool rooted = kind == PatternFile::codeowners;
  std::string base_old = rooted ? "" : std::string(core::parent_dir(old_path));
  std::string base_new = rooted ? "" : std::string(core::parent_dir(new_path));
  if (kind != PatternFile::gitignore) ignored = {};
  // Building the view of the whole tree costs as much as the rest; the caller's is the same one.
  std::optional<MovedTree> own;
  if (!root_tree || !base_old.empty() || !base_new.empty() || !ignored.empty())
    root_tree = &own.emplace(moves, old_tree, base_old, base_new, ignored);
  const MovedTree& tree = *root_tree;
  std::string kind_str(kind_name(kind));
  Rules before(kind, text);

  // What the file decides for every file, before and after `edits`.
  auto decision_changes = [&](const std::vector<core::Edit>& edits) {
    std::vector<DecisionChange> changes;
    std::string updated = core::apply_edits(text, edits);
    Rules after(kind, updated);
    for (std::size_t i = 0; i < tree.size(); ++i) {
      const std::optional<std::string>& np = tree.new_of(i);
      std::string b = before.decide(tree.old_paths()[i]);
      std::string a = np ? after.decide(*np) : b;  // a file leaving the directory leaves the file's scope
      if (a == b) continue;
      changes.push_back({base_old.empty() ? tree.old_paths()[i] : base_old + "/" + tree.old_paths()[i],
                         np ? (base_new.empty() ? *np : base_new + "/" + *np) : "", b, a});
    }
    return changes;
  };
  diag::Sink lines_sink;
  bool used = false;
  out.edits = carry_lines(kind, old_path, text, tree, before, kind == PatternFile::codeowners, used, lines_sink);
  out.changes = decision_changes(out.edits);
  if (used && !out.changes.empty()) {  // a restoring line overridden by another: carried without them
    lines_sink = diag::Sink();
    out.edits = carry_lines(kind, old_path, text, tree, before, false, used, lines_sink);
    out.changes = decision_changes(out.edits);
  }
  sink.append(lines_sink);
  for (std::size_t i = 0; i < out.changes.size() && i < kListedChanges; ++i) {
    const DecisionChange& c = out.changes[i];
    sink.warning(std::string(old_path), {},
                 "`" + c.old_path + "` -> `" + c.new_path + "`: " + kind_str + " decision changes from `" + c.before +
                     "` to `" + c.after + "`")
        .names = {c.old_path, c.new_path};
  }
  if (out.changes.size() > kListedChanges)
    sink.warning(std::string(old_path), {},
                 std::to_string(out.changes.size() - kListedChanges) + " more files whose " + kind_str + " decision changes");
  return out;
}

bool pattern_file_applies(const FileInput& file, const RewriteContext& ctx) {
  return ctx.moving && file.regular() && pattern_file_kind(file.old_path) != PatternFile::none;
}

KindResult pattern_file_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  KindResult out;
  PatternFileResult p =
      rewrite_pattern_file(pattern_file_kind(file.old_path), file.old_path, file.new_path, *file.text, ctx.moves, ctx.old_tree, sink,
                           ctx.ignored ? std::span<const IgnoredPath>(*ctx.ignored) : std::span<const IgnoredPath>{}, &ctx.moved_tree);
  if (!p.changes.empty()) out.counts["pattern-changed"] = p.changes.size();
  out.edits = std::move(p.edits);
  return out;
}

}  // namespace gitreorg::rewrite
