// Loading and validating the mapping file. Every problem is reported with its line:col from yaml-cpp's
// marks, all at once, so a user fixes a mapping in one round trip.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "gitreorg/core/closest_name.hpp"
#include "gitreorg/core/path.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/mapping/repo_path.hpp"

namespace gitreorg::mapping {
namespace {

constexpr std::size_t kMaxMappingBytes = std::size_t(16) << 20;

Position pos_of(const YAML::Mark& m) {
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};  // yaml-cpp marks are 0-based
}

std::string_view type_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "null";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "undefined";
  }
}

// Walks one YAML mapping node: reports unknown and duplicate keys, hands out known ones.
class Fields {
 public:
  Fields(const YAML::Node& node, std::string_view where, std::vector<std::string_view> known, diag::Sink& sink,
         const std::string& file)
      : node_(node) {
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      // Copies: `it->first` lives in a proxy that dies at the end of the statement.
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      std::string name = key.IsScalar() ? key.Scalar() : std::string();
      if (!key.IsScalar()) {
        sink.error(file, pos_of(key.Mark()), fmt::format("keys in {} must be plain names", where));
        continue;
      }
      if (!seen.insert(name).second) {
        sink.error(file, pos_of(key.Mark()), fmt::format("duplicate key `{}` in {}", name, where));
        continue;
      }
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string hint;
        if (auto guess = core::closest_name(name, known)) {
          hint = fmt::format(" (did you mean `{}`?)", *guess);
          suggested_.emplace(*guess);
        }
        std::string list;
        for (std::string_view k : known) list += fmt::format("{}`{}`", list.empty() ? "" : ", ", k);
        sink.error(file, pos_of(key.Mark()),
                   fmt::format("unknown key `{}` in {}{}; expected one of {}", name, where, hint, list));
        continue;
      }
      values_.emplace(name, std::make_pair(key, value));
    }
  }

  // The value node of `name`, or an undefined node.
  YAML::Node get(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? YAML::Node(YAML::NodeType::Undefined) : it->second.second;
  }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  // A misspelt key was taken for `name`: its absence is already explained.
  bool suggested(const std::string& name) const { return suggested_.count(name) != 0; }
  Position key_pos(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? pos_of(node_.Mark()) : pos_of(it->second.first.Mark());
  }

 private:
  YAML::Node node_;
  std::map<std::string, std::pair<YAML::Node, YAML::Node>> values_;
  std::set<std::string> suggested_;
};

class Loader {
 public:
  Loader(Mapping& m, diag::Sink& sink) : m_(m), sink_(sink) {}

  void load(const YAML::Node& root) {
    if (!root.IsDefined() || root.IsNull()) {
      error({1, 1}, "the mapping is empty; it needs at least `version: 1` and `moves:`");
      return;
    }
    if (!root.IsMap()) {
      error(pos_of(root.Mark()), fmt::format("the mapping must be a YAML mapping (key: value), not {}", type_name(root)));
      return;
    }
    Fields f(root, "the mapping", {"version", "repository", "moves", "keep", "policy", "imports"}, sink_, m_.path);
    load_version(f);
    if (f.has("repository")) load_repository(f.get("repository"));
    if (f.has("moves")) {
      load_moves(f.get("moves"), m_.rules);
    } else {
      error(pos_of(root.Mark()), "the mapping has no `moves:` list");
    }
    if (f.has("keep")) load_keep(f.get("keep"));
    if (f.has("policy")) load_policy(f.get("policy"));
    if (f.has("imports")) load_imports(f.get("imports"));
  }

 private:
  void error(Position p, std::string msg) { sink_.error(m_.path, p, std::move(msg)); }

  // A scalar string value, or an error naming what was expected.
  std::optional<std::string> scalar(const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
      error(pos_of(n.Mark()), fmt::format("{} must be a string, not {}", what, type_name(n)));
      return std::nullopt;
    }
    return n.Scalar();
  }

  // A list of strings; a single scalar is accepted as a list of one.
  std::vector<std::pair<std::string, Position>> string_list(const YAML::Node& n, std::string_view what) {
    std::vector<std::pair<std::string, Position>> out;
    if (n.IsScalar()) {
      out.emplace_back(n.Scalar(), pos_of(n.Mark()));
      return out;
    }
    if (!n.IsSequence()) {
      error(pos_of(n.Mark()), fmt::format("{} must be a list of strings, not {}", what, type_name(n)));
      return out;
    }
    for (const YAML::Node& item : n)
      if (auto s = scalar(item, fmt::format("each entry of {}", what))) out.emplace_back(*s, pos_of(item.Mark()));
    return out;
  }

  // A repository path: validated and normalised.
  std::optional<std::string> repo_path(const YAML::Node& n, std::string_view what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    if (auto problem = repo_path_problem(*s)) {
      error(pos_of(n.Mark()), fmt::format("{} `{}`: {}", what, *s, *problem));
      return std::nullopt;
    }
    return normalize_repo_path(*s);
  }

  void load_version(const Fields& f) {
    if (!f.has("version")) {
      error(f.key_pos("version"), "the mapping has no `version:` (add `version: 1`)");
      return;
    }
    YAML::Node v = f.get("version");
    int version = 0;
    if (v.IsScalar() && v.Tag() == "!") {  // quoted: `version: '1'` is the string "1"
      error(pos_of(v.Mark()),
            fmt::format("`version` must be an integer, not the string `{}` (write `version: {}`)", v.Scalar(), v.Scalar()));
      return;
    }
    if (!v.IsScalar() || !YAML::convert<int>::decode(v, version)) {
      error(pos_of(v.Mark()), fmt::format("`version` must be an integer, not {}", v.IsScalar() ? "`" + v.Scalar() + "`" : std::string(type_name(v))));
      return;
    }
    if (version != 1) {
      error(pos_of(v.Mark()), fmt::format("unsupported mapping version {}; this git-reorg reads version 1", version));
      return;
    }
    m_.version = version;
  }

  void load_repository(const YAML::Node& n) {
    if (!n.IsMap()) {
      error(pos_of(n.Mark()), fmt::format("`repository` must be a mapping, not {}", type_name(n)));
      return;
    }
    Fields f(n, "`repository`", {"urls", "new_url", "branches", "name"}, sink_, m_.path);
    Repository repo;
    repo.pos = pos_of(n.Mark());
    if (!f.has("urls")) error(repo.pos, "`repository` needs `urls:` (every URL the repository is known by)");
    if (f.has("urls"))
      for (auto& [url, p] : string_list(f.get("urls"), "`repository.urls`"))
        if (auto u = normalize_url(url, p)) repo.urls.push_back(*u);
    if (f.has("new_url")) {
      if (auto s = scalar(f.get("new_url"), "`repository.new_url`")) {
        if (auto u = normalize_url(*s, pos_of(f.get("new_url").Mark()))) repo.new_url = *u;
      }
    }
    if (f.has("branches")) {
      for (auto& [b, p] : string_list(f.get("branches"), "`repository.branches`")) {
        if (b.empty() || b.find_first_of(" \t~^:?*[\\") != std::string::npos)
          error(p, fmt::format("`{}` is not a valid branch name", b));
        else
          repo.branches.push_back(b);
      }
    } else {
      repo.branches = {"main"};
    }
    if (f.has("name")) {
      if (auto s = scalar(f.get("name"), "`repository.name`")) repo.name = *s;
    } else if (!repo.urls.empty()) {
      repo.name = std::string(core::base_name(repo.urls.front()));
    }
    // The URLs are rewritten to `new_url`, so a clone of them is a directory of its name; a `name:`
    // that no URL gives (a directory the instructions choose) stays.
    if (!repo.new_url.empty() && core::base_name(repo.new_url) != repo.name &&
        std::any_of(repo.urls.begin(), repo.urls.end(), [&](const std::string& u) { return core::base_name(u) == repo.name; }))
      repo.new_name = std::string(core::base_name(repo.new_url));
    m_.repository = std::move(repo);
  }

  // `https://host/owner/repo` with optional `.git` and trailing slash removed.
  std::optional<std::string> normalize_url(std::string url, Position p) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (url.size() > 4 && url.compare(url.size() - 4, 4, ".git") == 0) url.resize(url.size() - 4);
    static const RE2 shape(R"(https?://[^/\s]+/[^/\s]+/[^/\s]+)");
    if (!RE2::FullMatch(url, shape)) {
      error(p, fmt::format("`{}` is not a repository URL (expected https://HOST/OWNER/REPO)", url));
      return std::nullopt;
    }
    return url;
  }

  // Calls `each(item, position)` for every entry of the list `n` that is a mapping; `n` not being a
  // list, and entries that are not mappings, are errors saying what was expected.
  template <typename Each>
  void for_each_entry(const YAML::Node& n, std::string_view list_expected, std::string_view entry_expected, Each each) {
    if (!n.IsSequence()) {
      error(pos_of(n.Mark()), fmt::format("{}, not {}", list_expected, type_name(n)));
      return;
    }
    for (const YAML::Node& item : n) {
      Position item_pos = pos_of(item.Mark());
      if (!item.IsMap()) {
        error(item_pos, fmt::format("{}, not {}", entry_expected, type_name(item)));
        continue;
      }
      each(item, item_pos);
    }
  }

  void load_moves(const YAML::Node& n, std::vector<Rule>& out) {
    std::map<std::string, Position> first_from;
    for_each_entry(n, "`moves` must be a list of `- from: ... to: ...` entries",
                   "each move must be a mapping with `from` and `to`", [&](const YAML::Node& item, Position item_pos) {
                     Fields f(item, "a move", {"from", "to", "match", "reason"}, sink_, m_.path);
                     Rule r;
                     r.pos = item_pos;
                     bool ok = true;
                     if (f.has("from") && f.has("match")) {
                       error(f.key_pos("match"), "a move has either `from` (a path) or `match` (a pattern), not both");
                       ok = false;
                     } else if (!f.has("from") && !f.has("match")) {
                       if (!f.suggested("from") && !f.suggested("match"))
                         error(item_pos, "this move has no `from` (the path to move)");
                       ok = false;
                     }
                     if (!f.has("to")) {
                       if (!f.suggested("to")) error(item_pos, "this move has no `to` (where the path goes)");
                       ok = false;
                     }
                     if (f.has("reason")) {
                       if (auto s = scalar(f.get("reason"), "`reason`")) r.reason = *s;
                     }
                     if (f.has("from")) {
                       r.kind = Rule::Kind::move;
                       r.from_pos = pos_of(f.get("from").Mark());
                       if (auto p = repo_path(f.get("from"), "`from`")) {
                         auto [it, inserted] = first_from.emplace(*p, r.from_pos);
                         if (!inserted) {
                           error(r.from_pos,
                                 fmt::format("duplicate `from: {}` (first given at line {}); each path can move only once", *p,
                                             it->second.line));
                           ok = false;
                         }
                         r.from = *p;
                       } else {
                         ok = false;
                       }
                     }
                     if (f.has("match")) {
                       r.kind = Rule::Kind::match;
                       r.from_pos = pos_of(f.get("match").Mark());
                       if (auto s = scalar(f.get("match"), "`match`")) {
                         r.from = *s;
                         if (!compile_pattern(r)) ok = false;
                       } else {
                         ok = false;
                       }
                     }
                     if (f.has("to")) {
                       r.to_pos = pos_of(f.get("to").Mark());
                       if (r.kind == Rule::Kind::move) {
                         if (auto p = repo_path(f.get("to"), "`to`"))
                           r.to = *p;
                         else
                           ok = false;
                       } else if (auto s = scalar(f.get("to"), "`to`")) {
                         r.to = normalize_repo_path(*s);
                         if (r.regex) {
                           std::string why;
                           if (!r.regex->CheckRewriteString(r.to, &why)) {
                             error(r.to_pos, fmt::format("`to: {}`: {}", r.to, why));
                             ok = false;
                           }
                         }
                       } else {
                         ok = false;
                       }
                     }
                     if (ok) out.push_back(std::move(r));
                   });
  }

  void load_imports(const YAML::Node& n) {
    std::map<std::string, Position> first_name;
    for_each_entry(
        n, "`imports` must be a list of `- name: ... repo: ...` entries",
        "each import must be a mapping with `name`, `repo` and `moves`", [&](const YAML::Node& item, Position item_pos) {
          Fields f(item, "an import", {"name", "repo", "ref", "urls", "history", "moves", "drop"}, sink_, m_.path);
          Import imp;
          imp.pos = item_pos;
          bool ok = true;
          for (const char* key : {"name", "repo", "moves"})
            if (!f.has(key)) {
              if (!f.suggested(key)) error(item_pos, fmt::format("this import has no `{}`", key));
              ok = false;
            }
          if (f.has("name")) {
            imp.name_pos = pos_of(f.get("name").Mark());
            if (auto s = scalar(f.get("name"), "`name`")) {
              static const RE2 shape(R"([A-Za-z0-9][A-Za-z0-9._-]*)");
              if (!RE2::FullMatch(*s, shape)) {
                error(imp.name_pos, fmt::format("`name: {}`: an import's name is letters, digits, `.`, `_` and `-`", *s));
                ok = false;
              } else if (auto [it, inserted] = first_name.emplace(*s, imp.name_pos); !inserted) {
                error(imp.name_pos, fmt::format("duplicate import `{}` (first given at line {})", *s, it->second.line));
                ok = false;
              }
              imp.name = *s;
            } else {
              ok = false;
            }
          }
          if (f.has("repo")) {
            imp.repo_pos = pos_of(f.get("repo").Mark());
            if (auto s = scalar(f.get("repo"), "`repo`"); s && !s->empty())
              imp.repo = *s;
            else {
              if (s) error(imp.repo_pos, "`repo` is empty");
              ok = false;
            }
          }
          if (f.has("ref")) {
            imp.ref_pos = pos_of(f.get("ref").Mark());
            if (auto s = scalar(f.get("ref"), "`ref`"); s && !s->empty())
              imp.ref = *s;
            else {
              if (s) error(imp.ref_pos, "`ref` is empty");
              ok = false;
            }
          } else {
            imp.ref_pos = imp.pos;
          }
          if (f.has("urls"))
            for (auto& [url, p] : string_list(f.get("urls"), "`urls`"))
              if (auto u = normalize_url(url, p)) imp.urls.push_back(*u);
          if (f.has("history")) {
            imp.history_pos = pos_of(f.get("history").Mark());
            if (auto s = scalar(f.get("history"), "`history`")) {
              if (*s == "rewrite")
                imp.history = Import::History::rewrite;
              else if (*s == "preserve")
                imp.history = Import::History::preserve;
              else {
                error(imp.history_pos, fmt::format("`history: {}`: expected `rewrite` or `preserve`", *s));
                ok = false;
              }
            }
          }
          if (f.has("moves")) {
            imp.moves_pos = f.key_pos("moves");
            std::size_t errors = sink_.count(diag::Severity::error);
            load_moves(f.get("moves"), imp.rules);
            if (sink_.count(diag::Severity::error) != errors) ok = false;
          }
          if (f.has("drop")) {
            std::map<std::string, Position> first_drop;
            for (auto& [path, p] : string_list(f.get("drop"), "`drop`")) {
              if (auto problem = repo_path_problem(path)) {
                error(p, fmt::format("`drop: {}`: {}", path, *problem));
                ok = false;
                continue;
              }
              std::string norm = normalize_repo_path(path);
              if (auto [it, inserted] = first_drop.emplace(norm, p); !inserted) {
                error(p, fmt::format("duplicate `drop: {}` (first given at line {})", norm, it->second.line));
                continue;
              }
              imp.drop.push_back({norm, p});
            }
          }
          if (ok) m_.imports.push_back(std::move(imp));
        });
  }

  // `keep:` a list of paths or globs, each a string (a single string is a list of one).
  void load_keep(const YAML::Node& n) {
    std::map<std::string, Position> first;
    for (auto& [path, p] : string_list(n, "`keep`")) {
      if (auto problem = repo_path_problem(path)) {
        error(p, fmt::format("`keep: {}`: {}", path, *problem));
        continue;
      }
      Keep k{normalize_repo_path(path), nullptr, p};
      if (auto [it, inserted] = first.emplace(k.path, p); !inserted) {
        error(p, fmt::format("duplicate `keep: {}` (first given at line {})", k.path, it->second.line));
        continue;
      }
      if (k.path.find_first_of("*?") != std::string::npos) {
        RE2::Options opts;
        opts.set_log_errors(false);
        auto re = std::make_shared<RE2>(glob_pattern(k.path), opts);
        if (!re->ok()) {
          error(p, fmt::format("`keep: {}` is not a valid glob: {}", k.path, re->error()));
          continue;
        }
        k.glob = std::move(re);
      }
      m_.keep.push_back(std::move(k));
    }
  }

  // A `keep:` glob as an RE2 pattern over whole paths: `**` any number of segments, `*` and `?`
  // within one segment, everything else literal.
  static std::string glob_pattern(std::string_view glob) {
    std::string out;
    for (std::size_t i = 0; i < glob.size(); ++i) {
      if (glob.compare(i, 3, "**/") == 0) {
        out += "(?:[^/]*/)*";
        i += 2;
      } else if (glob.compare(i, 2, "**") == 0) {
        out += ".*";
        ++i;
      } else if (glob[i] == '*') {
        out += "[^/]*";
      } else if (glob[i] == '?') {
        out += "[^/]";
      } else {
        out += RE2::QuoteMeta(glob.substr(i, 1));
      }
    }
    return out;
  }

  bool compile_pattern(Rule& r) {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(8 << 20);  // bounded memory for patterns from untrusted mappings
    auto re = std::make_shared<RE2>(r.from, opts);
    if (!re->ok()) {
      error(r.from_pos, fmt::format("`match: {}` is not a valid RE2 pattern: {}", r.from, re->error()));
      return false;
    }
    r.regex = std::move(re);
    return true;
  }

  void load_policy(const YAML::Node& n) {
    if (!n.IsMap()) {
      error(pos_of(n.Mark()), fmt::format("`policy` must be a mapping, not {}", type_name(n)));
      return;
    }
    Fields f(n, "`policy`", {"no_numeric_prefix", "max_depth", "keep_readmes"}, sink_, m_.path);
    Policy& p = m_.policy;
    if (f.has("no_numeric_prefix")) {
      p.no_numeric_prefix_pos = f.key_pos("no_numeric_prefix");
      for (auto& [root, pos] : string_list(f.get("no_numeric_prefix"), "`policy.no_numeric_prefix`")) {
        if (root == ".") { p.no_numeric_prefix.push_back("."); continue; }
        if (auto problem = repo_path_problem(root)) error(pos, fmt::format("`{}`: {}", root, *problem));
        else p.no_numeric_prefix.push_back(normalize_repo_path(root));
      }
    }
    if (f.has("max_depth")) {
      YAML::Node list = f.get("max_depth");
      if (list.IsMap()) {
        load_depth_limit(list);  // one limit, written without a list
      } else if (!list.IsSequence()) {
        error(pos_of(list.Mark()), fmt::format("`policy.max_depth` must be a list of `{{root: DIR, depth: N}}`, not {}", type_name(list)));
      } else {
        for (const YAML::Node& item : list) load_depth_limit(item);
      }
    }
    if (f.has("keep_readmes")) {
      YAML::Node v = f.get("keep_readmes");
      p.keep_readmes_pos = pos_of(v.Mark());
      if (!v.IsScalar() || !YAML::convert<bool>::decode(v, p.keep_readmes))
        error(pos_of(v.Mark()), "`policy.keep_readmes` must be true or false");
    }
  }

  void load_depth_limit(const YAML::Node& item) {
    if (!item.IsMap()) {
      error(pos_of(item.Mark()), fmt::format("each `max_depth` entry must be `{{root: DIR, depth: N}}`, not {}", type_name(item)));
      return;
    }
    Fields f(item, "a `max_depth` entry", {"root", "depth"}, sink_, m_.path);
    DepthLimit d;
    d.pos = pos_of(item.Mark());
    if (!f.has("root") || !f.has("depth")) {
      error(d.pos, "a `max_depth` entry needs both `root` and `depth`");
      return;
    }
    auto root = repo_path(f.get("root"), "`root`");
    YAML::Node depth = f.get("depth");
    if (!depth.IsScalar() || !YAML::convert<int>::decode(depth, d.depth) || d.depth < 0) {
      error(pos_of(depth.Mark()), "`depth` must be a non-negative integer");
      return;
    }
    if (!root) return;
    d.root = *root;
    m_.policy.max_depth.push_back(std::move(d));
  }

  Mapping& m_;
  diag::Sink& sink_;
};

// The line of a second YAML document's `---` (or of the content after a `...`), or nullopt. Document
// markers at column 0 end a document wherever they stand (in a block scalar too), so a scan by line
// is exact; YAML::LoadAll is not used: yaml-cpp 0.7 loops without end on some inputs after the first
// document (a fuzz input with a long run of `-`).
std::optional<Position> second_document_start(std::string_view text) {
  auto marker = [](std::string_view l, std::string_view m) {
    return l.starts_with(m) && (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r');
  };
  bool content = false, ended = false;
  int line = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line;
    std::size_t first = l.find_first_not_of(" \t\r");
    bool blank = first == std::string_view::npos || l[first] == '#';
    if (marker(l, "---")) {
      if (content || ended) return Position{line, 1};
      content = l.find_first_not_of(" \t\r", 3) != std::string_view::npos && l[l.find_first_not_of(" \t\r", 3)] != '#';
    } else if (marker(l, "...")) {
      ended = content;
    } else if (!blank && !(l.starts_with("%") && !content)) {
      if (ended) return Position{line, 1};
      content = true;
    }
  }
  return std::nullopt;
}

}  // namespace

Mapping load_mapping(std::string text, std::string path, diag::Sink& sink) {
  Mapping m;
  m.path = std::move(path);
  m.text = std::move(text);
  sink.add_source(m.path, m.text);
  if (m.text.find('\0') != std::string::npos) {
    sink.error(m.path, {}, "the mapping contains a NUL byte; it must be a YAML text file");
    return m;
  }
  YAML::Node root;
  try {
    if (std::optional<Position> second = second_document_start(m.text)) {
      sink.error(m.path, *second, "the mapping has more than one YAML document (a second `---`); put everything in one");
      return m;
    }
    root = YAML::Load(m.text);
  } catch (const YAML::Exception& e) {
    std::string hint;
    if (!e.mark.is_null()) {
      // YAML forbids tabs in indentation; say so, yaml-cpp's message does not.
      std::size_t start = 0;
      for (int i = 0; i < e.mark.line && start != std::string::npos; ++i) start = m.text.find('\n', start) + 1;
      if (start != std::string::npos && start < m.text.size()) {
        std::size_t end = m.text.find_first_not_of(" \t", start);
        if (m.text.find('\t', start) < end) hint = " (YAML does not allow tabs for indentation)";
      }
    }
    sink.error(m.path, pos_of(e.mark), fmt::format("malformed YAML: {}{}", e.msg, hint));
    return m;
  }
  try {
    Loader(m, sink).load(root);
  } catch (const YAML::Exception& e) {
    sink.error(m.path, pos_of(e.mark), fmt::format("invalid mapping: {}", e.msg));
  }
  return m;
}

Mapping import_rules(const Mapping& mapping, std::size_t index) {
  Mapping out;
  out.path = mapping.path;
  out.version = mapping.version;
  out.rules = mapping.imports.at(index).rules;
  out.policy = mapping.policy;  // the host's policy applies to the imported files too
  return out;
}

Mapping load_mapping_file(const std::string& path, diag::Sink& sink) {
  auto refuse = [&](const std::string& why) {
    sink.error(path, {}, why);
    Mapping m;
    m.path = path;
    return m;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return refuse("the mapping is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return refuse("cannot read the mapping file");
  // Read in pieces, at most kMaxMappingBytes: a device (/dev/zero) or a stray huge file ends here.
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxMappingBytes)
      return refuse(fmt::format("the mapping is larger than {} MiB; it must be a YAML text file", kMaxMappingBytes >> 20));
  }
  if (in.bad()) return refuse("cannot read the mapping file");
  return load_mapping(std::move(text), path, sink);
}

}  // namespace gitreorg::mapping
