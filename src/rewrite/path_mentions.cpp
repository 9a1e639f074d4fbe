// Path mentions. A word is a maximal run of path characters (letters, digits, `._-/+~@%`), so an old
// name inside an identifier (`my3.test_cases_x`) is never a word of its own. URLs (`scheme://...`)
// are skipped whole: repository URLs belong to the URL rewriter, others are not ours.
//
// A word is tried from each base directory (the file's own, then the root) and after a
// `<clone-dir>/` prefix; every reading that names something in the old tree proposes a new spelling,
// and the word is rewritten only when they all agree. Directories split by the move, and directories
// followed by a pattern or a variable that did not move as a whole, have no single new spelling:
// they are listed for review, as are words that name nothing but contain an obsolete name.
#include "gitreorg/rewrite/path_mentions.hpp"

#include <fmt/format.h>
#include <md4c.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/link_path.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/rewrite/comment_columns.hpp"
#include "gitreorg/rewrite/script_variables.hpp"

namespace gitreorg::rewrite {
namespace {

bool is_word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '.' || c == '_' || c == '-' || c == '/' || c == '+' || c == '~' || c == '@' || c == '%';
}

// `s` may be one name with spaces: words joined by spaces, nothing else.
bool spaced(std::string_view s) {
  return s.size() >= 3 && s.find(' ') != std::string_view::npos && s.front() != ' ' && s.back() != ' ' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || is_word_char(c); });
}

bool names_a_path(const MentionOutcome& o) {
  return o.status == MentionOutcome::Status::rewritten || o.status == MentionOutcome::Status::unchanged;
}

// Characters after a word that make it the start of something longer: a glob or a variable.
bool continues(char c) { return c == '*' || c == '$' || c == '?' || c == '[' || c == '{'; }

// `scheme://` starting at value[i]: the length of the URL (to the next space or quote), else 0.
std::size_t url_length(std::string_view v, std::size_t i) {
  if (!std::isalpha(static_cast<unsigned char>(v[i]))) return 0;
  std::size_t j = i;
  while (j < v.size() && (std::isalnum(static_cast<unsigned char>(v[j])) || v[j] == '+' || v[j] == '.' || v[j] == '-')) ++j;
  if (v.substr(j, 3) != "://") return 0;
  if (core::to_lower(v.substr(i, j - i)) == "file") return 0;  // a path, read by scan
  while (j < v.size() && !std::isspace(static_cast<unsigned char>(v[j])) && v[j] != '"' && v[j] != '\'' && v[j] != '`' &&
         v[j] != '<' && v[j] != '>')
    ++j;
  return j - i;
}

bool numbered(std::string_view name) {
  std::size_t i = 0;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  return i > 0 && i + 1 < name.size() && (name[i] == '.' || name[i] == '_' || name[i] == '-') &&
         !std::isdigit(static_cast<unsigned char>(name[i + 1]));
}


std::vector<std::string_view> segments(std::string_view p) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= p.size()) {
    std::size_t slash = p.find('/', pos);
    std::size_t end = slash == std::string_view::npos ? p.size() : slash;
    if (end > pos) out.push_back(p.substr(pos, end - pos));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return out;
}

// Only `.` and `..` segments (`../..`): names no path of its own, and is usually relative to a
// working directory nobody knows.
// Where `word` names something in a clone of `name`: the offset of `name` written as a whole segment
// followed by `/` (`awsome-inference/2.projects`, `~/src/awsome-inference/x`), or npos.
std::size_t clone_prefix_at(std::string_view word, std::string_view name) {
  if (name.empty()) return std::string_view::npos;
  for (std::size_t pos = word.find(name); pos != std::string_view::npos; pos = word.find(name, pos + 1)) {
    std::size_t end = pos + name.size();
    if ((pos == 0 || word[pos - 1] == '/') && end < word.size() && word[end] == '/') return pos;
  }
  return std::string_view::npos;
}

bool has_clone_prefix(std::string_view word, std::string_view name) { return clone_prefix_at(word, name) != std::string_view::npos; }

bool only_dots(std::string_view p) {
  std::vector<std::string_view> segs = segments(p);
  return std::all_of(segs.begin(), segs.end(), [](std::string_view s) { return s == "." || s == ".."; });
}

// Re-escapes `word` for the syntax of the bytes it replaces (`raw`).
std::string encode(std::string_view word, std::string_view raw, MappedValue::Syntax syntax) {
  using S = MappedValue::Syntax;
  std::string out;
  bool escaped_slash = raw.find("\\/") != std::string_view::npos;
  for (char c : word) {
    if (syntax == S::json && (c == '"' || c == '\\' || (c == '/' && escaped_slash))) out += '\\';
    if (syntax == S::yaml_double && (c == '"' || c == '\\')) out += '\\';
    out += c;
    if (syntax == S::yaml_single && c == '\'') out += '\'';
  }
  return out;
}

// The end of the JSON array or object starting at `open` (after its closing bracket), strings skipped.
std::size_t json_value_end(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

// The strings of a JSON document that are values (not keys), decoded with their source bytes; the
// values of keys named `skip_key` are left out whole (a notebook's recorded `outputs`: what a run
// printed is history, not a reference to keep up to date).
std::vector<MappedValue> json_strings(std::string_view text, std::string_view skip_key = {}) {
  std::vector<MappedValue> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    MappedValue v;
    v.syntax = MappedValue::Syntax::json;
    std::size_t j = i + 1;
    while (j < text.size() && text[j] != '"') {
      std::size_t start = j;
      char c = text[j];
      if (c == '\\' && j + 1 < text.size()) {
        char e = text[j + 1];
        j += 2;
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case 'r': c = '\r'; break;
          case 'b': c = '\b'; break;
          case 'f': c = '\f'; break;
          case 'u': c = '\x01'; j = std::min(text.size(), j + 4); break;  // never part of a word
          default: c = e;
        }
      } else {
        ++j;
      }
      v.value += c;
      v.from.push_back(start);
      v.to.push_back(j);
    }
    std::size_t k = j + 1;
    while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
    if (k >= text.size() || text[k] != ':') {
      out.push_back(std::move(v));
    } else if (!skip_key.empty() && v.value == skip_key) {
      std::size_t b = k + 1;
      while (b < text.size() && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
      if (b < text.size() && (text[b] == '[' || text[b] == '{')) {
        i = json_value_end(text, b) - 1;
        continue;
      }
    }
    i = j;
  }
  return out;
}

// The code ranges that are lines of code blocks, where columns mean something: ranges reaching the end
// of their line with nothing before them but indentation and `>` (a code span starts after a backtick).
std::vector<std::pair<std::size_t, std::size_t>> code_block_lines(std::string_view text,
                                                                  const std::vector<std::pair<std::size_t, std::size_t>>& code) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (auto [b, e] : code) {
    if (e < text.size() && text[e] != '\n' && text[e] != '\r') continue;
    std::size_t start = b == 0 ? 0 : text.rfind('\n', b - 1) + 1;  // npos + 1 == 0
    if (text.substr(start, b - start).find_first_not_of(" \t>") != std::string_view::npos) continue;
    out.emplace_back(b, e);
  }
  return out;
}

}  // namespace

MentionFormat mention_format(std::string_view path, std::string_view content) {
  if (markdown::is_markdown_path(path)) return MentionFormat::markdown;
  std::string name = core::to_lower(core::base_name(path));
  std::string_view ext;
  if (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) ext = std::string_view(name).substr(dot);
  if (ext == ".json" || ext == ".ipynb") return MentionFormat::json;
  static const char* const kText[] = {".sh", ".bash", ".zsh", ".sbatch", ".slurm", ".py", ".yaml", ".yml", ".mk", ".toml", ".cfg"};
  for (const char* e : kText)
    if (ext == e) return MentionFormat::text;
  if (name == "makefile" || name == "gnumakefile" || name == "dockerfile" || name == "containerfile" ||
      name.starts_with("dockerfile.") || ext == ".dockerfile")
    return MentionFormat::text;
  if (content.starts_with("#!")) return MentionFormat::text;
  return MentionFormat::none;
}

std::vector<std::pair<std::size_t, std::size_t>> markdown_code_ranges(std::string_view text) {
  struct State {
    std::string_view text;
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
  } state{text, {}};
  MD_PARSER p{};
  p.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS;
  p.enter_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
  p.leave_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
  p.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  p.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  p.text = [](MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE n, void* u) {
    auto* st = static_cast<State*>(u);
    if (type != MD_TEXT_CODE) return 0;
    const char* b = st->text.data();
    if (s < b || s + n > b + st->text.size()) return 0;  // md4c's own buffer (a line break), not source
    auto off = static_cast<std::size_t>(s - b);
    st->ranges.emplace_back(off, off + n);
    return 0;
  };
  md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &p, &state);
  return state.ranges;
}

PathMentions::PathMentions(const plan::MoveModel& moves, const core::Tree& old_tree, std::string repo_name,
                           std::string new_repo_name, bool clone_only)
    : moves_(moves), tree_(old_tree), repo_name_(std::move(repo_name)), new_repo_name_(std::move(new_repo_name)),
      clone_only_(clone_only) {
  // Obsolete names: top-level directories gone after the move, numbered directories that moved.
  std::unordered_set<std::string> new_dirs, old_dirs;
  for (const core::TreeEntry& e : old_tree) {
    std::optional<std::string> np = moves.new_path(e.path);
    for (std::string_view d = core::parent_dir(np ? *np : e.path); !d.empty(); d = core::parent_dir(d))
      if (!new_dirs.emplace(d).second) break;
    for (std::string_view d = core::parent_dir(e.path); !d.empty(); d = core::parent_dir(d))
      if (!old_dirs.emplace(d).second) break;
  }
  for (const std::string& d : old_dirs) {
    if (numbered(core::base_name(d))) numbered_dirs_[std::string(core::base_name(d))].push_back(d);
    std::optional<std::string> np = moves.new_path(d);
    if (!np || *np == d) continue;
    std::string_view name = core::base_name(d);
    bool top = d.find('/') == std::string::npos;
    if (top && !new_dirs.count(d)) gone_top_dirs_.emplace(name);
    if (numbered(name)) numbered_names_.emplace(name);
    if (numbered(name) && name.find(' ') != std::string_view::npos) spaced_old_names_ = true;
  }
}

bool PathMentions::looks_old(std::string_view word) const {
  if (clone_only_) return has_clone_prefix(word, repo_name_);
  // Obsolete names start with a digit or are followed by `/`: most words of prose have neither.
  if (word.find_first_of("0123456789/") == std::string_view::npos) return false;
  std::vector<std::string_view> segs = segments(word);
  for (std::size_t i = 0; i < segs.size(); ++i) {
    std::string s(segs[i]);
    if (numbered_names_.count(s)) return true;
    if (gone_top_dirs_.count(s) && (i + 1 < segs.size() || word.back() == '/')) return true;
  }
  return false;
}

std::vector<std::string> PathMentions::obsolete_names() const {
  std::vector<std::string> out(numbered_names_.begin(), numbered_names_.end());
  out.insert(out.end(), gone_top_dirs_.begin(), gone_top_dirs_.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::string> PathMentions::renamed_name(std::string_view name) const {
  auto it = numbered_dirs_.find(std::string(name));
  if (it == numbered_dirs_.end() || it->second.size() != 1) return std::nullopt;
  const std::string& dir = it->second.front();
  std::optional<std::string> np = moves_.new_path(dir);
  if (!np || *np == dir || moves_.dissolved(dir)) return std::nullopt;
  return std::string(core::base_name(*np));
}

bool PathMentions::moved_wholly(const std::string& dir) const {
  if (auto it = wholly_.find(dir); it != wholly_.end()) return it->second;
  std::optional<std::string> nd = moves_.new_path(dir);
  bool ok = nd.has_value() && !moves_.dissolved(dir);
  auto lo = std::lower_bound(tree_.begin(), tree_.end(), dir, [](const core::TreeEntry& e, const std::string& d) { return e.path < d; });
  for (auto it = lo; ok && it != tree_.end() && core::is_path_prefix(dir, it->path); ++it) {
    std::optional<std::string> np = moves_.new_path(it->path);
    ok = np && *np == *nd + it->path.substr(dir.size());
  }
  wholly_[dir] = ok;
  return ok;
}

MentionOutcome PathMentions::rewrite_word(std::string_view word, const std::vector<MentionBase>& bases, bool continued,
                                          bool known_path, bool unit) const {
  MentionOutcome out;
  if (word.empty() || word.find("://") != std::string_view::npos) return out;
  bool trailing = word.size() > 1 && word.back() == '/';
  std::string_view core = word;
  while (core.size() > 1 && core.back() == '/') core.remove_suffix(1);
  if (core == "/" || only_dots(core)) return out;
  // The clone's directory alone (`REPO_NAME="awsome-distributed-training"`, `cd awsome-distributed-training`):
  // a clone of the new URL has the new name, but whether this word is that directory only a person
  // can tell.
  if (!clone_only_ && !new_repo_name_.empty() && core == repo_name_) {
    out.status = MentionOutcome::Status::review;
    out.reason = fmt::format("the clone's directory name: a clone of the new URL is `{}`", new_repo_name_);
    return out;
  }

  struct Reading {
    std::string target;
    std::string prefix;  // clone form: the bytes up to and including `<name>/`
    const MentionBase* base = nullptr;
  };
  std::vector<Reading> readings;
  bool clone = false;
  if (std::size_t pos = clone_prefix_at(core, repo_name_); pos != std::string_view::npos) {
    clone = true;
    std::string_view rest = core.substr(pos + repo_name_.size() + 1);
    // The clone directory is renamed with the repository (an import's clone is now the host's).
    std::string prefix = std::string(core.substr(0, pos)) + (new_repo_name_.empty() ? repo_name_ : new_repo_name_) + "/";
    if (!rest.empty() && rest[0] != '/' && !rest.starts_with(".."))
      if (auto t = markdown::resolve_path("", rest); t && moves_.kind(*t) != core::PathKind::none)
        readings.push_back({*t, std::move(prefix), nullptr});
  }
  if (clone_only_ && !clone) return out;
  bool absolute = core[0] == '/' || core[0] == '~';
  // Resolved from any base, the word ends in its last segment (unless that is `.` or `..`): when no
  // file or directory has that name, no reading exists, and most words of a file are ruled out here.
  std::string_view last = core.substr(core.rfind('/') + 1);
  bool may_name = last.empty() || last == "." || last == ".." || moves_.has_name(last);
  if (!clone && !absolute && may_name) {
    bool single = core.find('/') == std::string_view::npos;
    for (const MentionBase& b : bases) {
      std::optional<std::string> t = markdown::resolve_path(b.old_dir, core);
      if (!t || *t == b.old_dir || t->empty()) continue;
      core::PathKind k = moves_.kind(*t);
      if (k == core::PathKind::none) continue;
      // A bare name is a path only when it is a file name with an extension, or an obsolete name.
      if (single && !known_path && !((k == core::PathKind::file && core.find('.') != std::string_view::npos) || numbered(core))) continue;
      readings.push_back({*t, "", &b});
    }
  }

  if (readings.empty()) {
    // A numbered directory's name alone (prose, tree diagrams): its new name, when unambiguous.
    if (core.find('/') == std::string_view::npos && numbered(core)) {
      if (auto it = numbered_dirs_.find(std::string(core)); it != numbered_dirs_.end() && it->second.size() > 1 && looks_old(core)) {
        std::vector<std::string> dirs = it->second;
        std::sort(dirs.begin(), dirs.end());
        out.status = MentionOutcome::Status::review;
        out.reason = "names " + std::to_string(dirs.size()) + " directories of the old tree: `" + dirs[0] + "`, `" + dirs[1] + "`" +
                     (dirs.size() > 2 ? ", ..." : "");
        return out;
      }
      if (std::optional<std::string> name = renamed_name(core)) {
        out.status = MentionOutcome::Status::rewritten;
        out.replacement = *name + (trailing ? "/" : "");
        if (out.replacement == word) out.status = MentionOutcome::Status::unchanged;
        return out;
      }
    }
    if (looks_old(word)) {
      out.status = MentionOutcome::Status::review;
      out.reason = "looks like an old path but names nothing in the tree";
    }
    return out;
  }

  std::optional<std::string> agreed;
  for (const Reading& r : readings) {
    core::PathKind k = moves_.kind(r.target);
    std::optional<std::string> nt = moves_.new_path(r.target);
    if (k == core::PathKind::directory && moves_.dissolved(r.target)) {
      out.status = MentionOutcome::Status::review;
      out.reason = "`" + r.target + "` is split by the move: no single new place";
      return out;
    }
    if (k == core::PathKind::directory && continued && !moved_wholly(r.target)) {
      out.status = MentionOutcome::Status::review;
      out.reason = "followed by a pattern or variable, and `" + r.target + "` did not move as a whole";
      return out;
    }
    if (k == core::PathKind::directory && unit && !moved_wholly(r.target)) {
      out.status = MentionOutcome::Status::review;
      out.reason = "after a prefix that cannot be resolved, and `" + r.target + "` did not move as a whole";
      return out;
    }
    std::string spelled;
    if (!r.base) {
      spelled = r.prefix + *nt;
    } else if (r.base->new_dir.empty() && !core.starts_with("./") && !core.starts_with("../")) {
      spelled = *nt;
    } else {
      std::string rel = markdown::route_keeping_path(r.base->old_dir, core, r.base->new_dir, *nt);
      if (rel == ".") {
        out.status = MentionOutcome::Status::review;
        out.reason = "now names its own directory";
        return out;
      }
      spelled = core.starts_with("./") && !rel.starts_with("../") ? "./" + rel : rel;
    }
    if (trailing) spelled += '/';
    if (agreed && *agreed != spelled) {
      out.status = MentionOutcome::Status::review;
      out.reason = "ambiguous: reads as `" + *agreed + "` or `" + spelled + "` after the move";
      return out;
    }
    agreed = spelled;
  }
  // Keep the original spelling when it still reaches the same place (`a//b`, `./x` at the root...).
  std::string as_written = std::string(word);
  if (*agreed == as_written) {
    out.status = MentionOutcome::Status::unchanged;
    return out;
  }
  // A word that did not move, read from a directory that did not move, stays as written.
  bool moved = false;
  for (const Reading& r : readings) {
    if (*moves_.new_path(r.target) != r.target || (r.base && r.base->old_dir != r.base->new_dir)) moved = true;
    if (!r.base && !new_repo_name_.empty() && new_repo_name_ != repo_name_) moved = true;  // the clone is renamed
  }
  if (!moved) {
    out.status = MentionOutcome::Status::unchanged;
    return out;
  }
  out.status = MentionOutcome::Status::rewritten;
  out.replacement = *agreed;
  return out;
}

void PathMentions::scan(std::string_view v, const std::vector<MentionBase>& bases, const ScriptVariables* vars,
                        const MentionBase* own,
                        const std::function<void(std::size_t, std::size_t, const MentionOutcome&)>& found,
                        RangeReading reading) const {
  static const std::vector<MentionBase> kRoot{{"", ""}};
  const std::vector<MentionBase> own_base = own ? std::vector<MentionBase>{*own} : std::vector<MentionBase>{};
  // A name with spaces, where it can only be one name: the whole value (a code span, a JSON string),
  // the whole of a quoted string; in comments and prose, the longest run of words joined by spaces.
  // Each is read like a word; when it names nothing, its words are read one by one.
  bool prose = reading == RangeReading::prose || reading == RangeReading::heading;
  // A heading's text makes its #anchor, which other links may use: shown, not rewritten.
  auto keep_heading = [&](MentionOutcome& o) {
    if (reading != RangeReading::heading || o.status != MentionOutcome::Status::rewritten) return;
    o.status = MentionOutcome::Status::review;
    o.reason = "in a heading, whose text makes its #anchor: would be `" + o.replacement + "`";
  };
  auto one_name = [&](std::size_t a, std::size_t b) {
    std::string_view name = v.substr(a, b - a);
    MentionOutcome o = rewrite_word(name, bases, false);
    bool named = names_a_path(o);
    keep_heading(o);
    if (o.status == MentionOutcome::Status::rewritten || (named && o.status == MentionOutcome::Status::review)) found(a, b, o);
    return named;
  };
  if (!prose && spaced(v) && one_name(0, v.size())) return;
  for (std::size_t i = 0; i < v.size();) {
    bool boundary = i == 0 || !is_word_char(v[i - 1]);
    if (!prose && (v[i] == '"' || v[i] == '\'')) {
      std::size_t q = v.substr(0, std::min(v.size(), i + 257)).find(v[i], i + 1);  // a name, not a paragraph
      if (q != std::string_view::npos && spaced(v.substr(i + 1, q - i - 1)) && one_name(i + 1, q)) {
        i = q + 1;
        continue;
      }
    }
    // Runs: in comments any, elsewhere (prose included) only those holding an old name with a space
    // (`echo "- 2. Setup Container/manifest.yaml"`), and only when the move made such a name obsolete.
    bool any_run = reading == RangeReading::comment;
    if ((any_run || spaced_old_names_) && boundary && is_word_char(v[i]) && (i == 0 || (v[i - 1] != '$' && v[i - 1] != '}' && v[i - 1] != ')'))) {
      std::vector<std::size_t> ends;  // where each word of the run ends
      for (std::size_t k = i; ends.size() < 8;) {
        while (k < v.size() && is_word_char(v[k])) ++k;
        ends.push_back(k);
        if (k + 1 >= v.size() || v[k] != ' ' || !is_word_char(v[k + 1])) break;
        ++k;
      }
      std::size_t e = 0;
      for (std::size_t n = ends.size(); n >= 2 && !e; --n)
        if ((any_run || looks_old(v.substr(i, ends[n - 1] - i))) && one_name(i, ends[n - 1])) e = ends[n - 1];
      if (e) {
        i = e;
        continue;
      }
    }
    if (boundary) {
      if (std::size_t n = url_length(v, i)) {
        i += n;
        continue;
      }
    }
    if (!is_word_char(v[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < v.size() && is_word_char(v[j])) ++j;
    char before = i > 0 ? v[i - 1] : '\0';
    // What the word is written after decides where it is read from.
    WordPrefix prefix = WordPrefix::none;
    std::size_t start = i;
    bool file_url = false;
    if (before == '$') {  // `$NAME`, or `$NAME/path`
      std::size_t slash = v.find('/', i);
      if (slash == std::string_view::npos || slash >= j) {
        i = j;
        continue;
      }
      prefix = name_prefix(v.substr(i, slash - i), vars);
      start = slash;
    } else if (before == '}' || before == ')') {
      std::optional<std::string_view> inside = expansion_before(v, i - 1);
      prefix = inside ? expansion_prefix(*inside, before == ')', vars) : WordPrefix::unknown;
    } else if (before == ':' && i >= 5 && core::to_lower(v.substr(i - 5, 4)) == "file" && v.substr(i, 2) == "//") {
      prefix = WordPrefix::unknown;  // `file://path`: relative to a working directory nobody knows
      file_url = true;
      start = i + 2;
    }
    if (prefix == WordPrefix::own_dir && !own) prefix = WordPrefix::unknown;
    if (prefix != WordPrefix::none && !file_url) {
      // The path below the prefix starts after the `/` joining them (Make's `$(dir ...)` ends in `/`).
      if (v[start] == '/') {
        ++start;
      } else if (prefix == WordPrefix::unknown || v[start] != '.') {
        i = j;
        continue;
      }
    }
    if (start >= j) {
      i = j;
      continue;
    }
    const std::vector<MentionBase>& b = prefix == WordPrefix::none ? bases : prefix == WordPrefix::own_dir ? own_base : kRoot;
    bool known = prefix == WordPrefix::own_dir || prefix == WordPrefix::root;
    bool unit = prefix == WordPrefix::unknown;
    bool cont = j < v.size() && continues(v[j]);
    std::size_t end = j;
    std::string_view w = v.substr(start, end - start);
    if (prose && !looks_old(w.ends_with('.') ? w.substr(0, w.size() - 1) : w)) {  // a sentence's words are words
      i = j;
      continue;
    }
    MentionOutcome o = rewrite_word(w, b, cont, known, unit);
    // A sentence's full stop or a trailing comma is not part of the path.
    if ((o.status == MentionOutcome::Status::not_a_path || o.status == MentionOutcome::Status::review) && end > start + 1 &&
        v[end - 1] == '.' && v[end - 2] != '.' && v[end - 2] != '/') {
      MentionOutcome shorter = rewrite_word(v.substr(start, end - 1 - start), b, false, known, unit);
      // A word that is nothing with its full stop but an old name without it is reviewed without it.
      if (shorter.status == MentionOutcome::Status::rewritten || shorter.status == MentionOutcome::Status::unchanged ||
          (o.status == MentionOutcome::Status::not_a_path && shorter.status == MentionOutcome::Status::review)) {
        o = std::move(shorter);
        --end;
      }
    }
    // A review item shows the word with its `/` after the prefix, as before.
    keep_heading(o);
    std::size_t shown = o.status == MentionOutcome::Status::review && start > i && v[start - 1] == '/' ? start - 1 : start;
    if (o.status == MentionOutcome::Status::rewritten || o.status == MentionOutcome::Status::review) found(o.status == MentionOutcome::Status::review ? shown : start, end, o);
    i = j;
  }
}

void PathMentions::rewrite_range(std::string_view path, std::string_view text, std::size_t begin, std::size_t end,
                                 const std::vector<MentionBase>& bases, const core::LineIndex& lines, std::vector<core::Edit>& edits,
                                 std::vector<ReviewItem>& review, const ScriptVariables* vars, const MentionBase* own,
                                 RangeReading reading) const {
  std::string_view v = text.substr(begin, end - begin);
  scan(
      v, bases, vars, own,
      [&](std::size_t a, std::size_t b, const MentionOutcome& o) {
        std::size_t off = begin + a;
        if (o.status == MentionOutcome::Status::review) {
          review.push_back({std::string(path), lines.line(off), std::string(v.substr(a, b - a)), o.reason});
          return;
        }
        edits.push_back(core::Edit{off, b - a, o.replacement, lines.line(off), "path-mention", std::string(v.substr(a, b - a))});
      },
      reading);
}

void PathMentions::rewrite_mapped(std::string_view path, std::string_view text, const MappedValue& mv,
                                  const std::vector<MentionBase>& bases, const core::LineIndex& lines, std::vector<core::Edit>& edits,
                                  std::vector<ReviewItem>& review, const ScriptVariables* vars, const MentionBase* own) const {
  scan(mv.value, bases, vars, own, [&](std::size_t a, std::size_t b, const MentionOutcome& o) {
    std::size_t from = mv.from[a], to = mv.to[b - 1];
    std::string raw(text.substr(from, to - from));
    if (o.status == MentionOutcome::Status::review) {
      review.push_back({std::string(path), lines.line(from), raw, o.reason});
      return;
    }
    std::string repl = raw.size() == b - a ? o.replacement : encode(o.replacement, raw, mv.syntax);
    edits.push_back(core::Edit{from, to - from, repl, lines.line(from), "path-mention", raw});
  });
}

std::vector<core::Edit> PathMentions::rewrite_file(std::string_view old_path, std::string_view new_path, std::string_view text,
                                                   MentionFormat format, std::vector<ReviewItem>& review,
                                                   const markdown::MarkdownScan* scan) const {
  std::vector<core::Edit> edits;
  if (format == MentionFormat::none) return edits;
  std::vector<MentionBase> bases{{std::string(core::parent_dir(old_path)), std::string(core::parent_dir(new_path))}};
  if (!bases[0].old_dir.empty() || !bases[0].new_dir.empty()) bases.push_back({"", ""});
  const MentionBase own = bases[0];
  core::LineIndex lines(text);
  ScriptVariables vars = script_variables(text);
  switch (format) {
    case MentionFormat::markdown: {
      auto read = [&](const std::vector<std::pair<std::size_t, std::size_t>>& ranges, RangeReading how) {
        for (auto [b, e] : ranges) rewrite_range(old_path, text, b, e, bases, lines, edits, review, &vars, &own, how);
      };
      std::vector<std::pair<std::size_t, std::size_t>> parsed;
      const auto& code = scan && scan->code_read ? scan->code : (parsed = markdown_code_ranges(text));
      read(code, RangeReading::code);
      if (scan) {
        read(scan->comments, RangeReading::comment);
        read(scan->prose, RangeReading::prose);
        read(scan->heading_prose, RangeReading::heading);
      }
      if (!edits.empty()) keep_comment_columns(text, code_block_lines(text, code), edits, /*touching=*/true);
      break;
    }
    case MentionFormat::json:
      if (nlohmann::json::accept(text)) {
        for (const MappedValue& v : json_strings(text, old_path.ends_with(".ipynb") ? "outputs" : ""))
          rewrite_mapped(old_path, text, v, bases, lines, edits, review, &vars, &own);
        break;
      }
      [[fallthrough]];
    case MentionFormat::text: {
      rewrite_range(old_path, text, 0, text.size(), bases, lines, edits, review, &vars, &own);
      const std::pair<std::size_t, std::size_t> whole{0, text.size()};
      if (!edits.empty()) keep_comment_columns(text, {&whole, 1}, edits);
      break;
    }
    case MentionFormat::none: break;
  }
  return edits;
}

bool path_mention_applies(const FileInput& file, const RewriteContext& ctx) {
  if ((!ctx.moving && ctx.sibling_mentions.empty()) || !file.regular()) return false;
  if (!file.text) return mention_format(file.old_path, "") != MentionFormat::none;
  // The mapping names old paths on purpose: it is not a reference to them.
  return mention_format(file.old_path, *file.text) != MentionFormat::none && file.oid != ctx.mapping_blob;
}

KindResult path_mention_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink&) {
  KindResult out;
  MentionFormat format = mention_format(file.old_path, *file.text);
  // Markdown's code, comments and prose come from the scan the link kind made.
  const markdown::MarkdownScan* scan = format == MentionFormat::markdown && file.scans ? &file.scans->markdown(*file.text) : nullptr;
  if (ctx.moving) out.edits = ctx.mentions.rewrite_file(file.old_path, file.new_path, *file.text, format, out.review, scan);
  // An imported repository's clone named in the file: read only where its name is written.
  for (const PathMentions* sibling : ctx.sibling_mentions) {
    if (file.text->find(sibling->clone_name() + "/") == std::string::npos) continue;
    for (core::Edit& e : sibling->rewrite_file(file.old_path, file.new_path, *file.text, format, out.review, scan))
      out.edits.push_back(std::move(e));
  }
  return out;
}

}  // namespace gitreorg::rewrite
