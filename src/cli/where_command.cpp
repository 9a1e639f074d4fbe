// `git-reorg where MAPPING PATH...`: where a path goes (or, with --reverse, where it came from).
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>

#include "cli/commands.hpp"
#include "gitreorg/core/quote_path.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/pipeline/old_layout.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "gitreorg/plan/where.hpp"
#include "gitreorg/report/where_report.hpp"

namespace gitreorg::cli {
namespace {

// The import a `NAME:PATH` argument names, if NAME is one.
std::optional<std::size_t> import_named(const mapping::Mapping& m, const std::string& arg) {
  auto colon = arg.find(':');
  if (colon == std::string::npos) return std::nullopt;
  for (std::size_t i = 0; i < m.imports.size(); ++i)
    if (arg.compare(0, colon, m.imports[i].name) == 0 && m.imports[i].name.size() == colon) return i;
  return std::nullopt;
}

// GIT_LITERAL_PATHSPECS, as git reads it: wildcards and magic are plain characters.
bool literal_pathspecs() {
  const char* v = std::getenv("GIT_LITERAL_PATHSPECS");
  if (!v) return false;
  std::string s = v;
  return s == "1" || s == "true" || s == "yes" || s == "on";
}

class WhereCommand : public Command {
 public:
  WhereCommand()
      : Command({"where", "Show where paths go under a mapping (or, with --reverse, where they came from)",
                 "Prints one line per path: `OLD -> NEW`, `OLD (unchanged)` or `OLD (kept: ...)` for a path a\n"
                 "`keep:` entry holds; with --reverse `NEW <- OLD`. Paths are quoted as git quotes them, and a\n"
                 "path with a space in double quotes (as `git status --short`). -z: KIND, QUERY and ANSWER per\n"
                 "answer, each NUL-terminated; --format json: {schema, schema_version, answers}, the answers an\n"
                 "array of {query, answer, kind, rule, detail}.\n"
                 "Paths need not exist: ask where a new file under a moved directory would go.\n"
                 "Paths are read and printed relative to the current directory, as git does (--full-name: from\n"
                 "the top); `:/PATH` is from the top. A glob (`*`, `?`, `[`) is expanded against the tree with\n"
                 "git's pathspec rules (`*` matches `/` too; the new layout with --reverse), one answer per match.\n"
                 "Inside a repository the tree at --rev tells files from directories and lets `match` rules\n"
                 "be reversed; elsewhere only the mapping is used. Once HEAD has the new layout (the migration\n"
                 "is merged), the default is the commit before the migration's first commit (found by its trailers;\n"
                 "without them, the newest commit whose tree has paths the mapping moves); a note says which.\n"
                 "NAME:PATH asks about PATH of the repository imported as NAME (`imports:`), read at its `ref`;\n"
                 "with --reverse, a new path an import brings is answered `NEW <- NAME:PATH`. See where.md.\n\n"
                 "Examples:\n"
                 "  git reorg where mappings/demo.yaml 3.test_cases/pytorch/FSDP\n"
                 "  git reorg where mappings/demo.yaml '3.test_cases/pytorch/*'\n"
                 "  git reorg where --reverse mappings/demo.yaml examples/training/pytorch/fsdp --rev v1.0.0\n"
                 "  git reorg where mappings/demo.yaml awsome-inference:2.projects/sglang-inference"}) {}

  void add_options(CLI::App& app) override {
    app.add_option("mapping", mapping_, "The mapping file (YAML)")->required();
    app.add_option("paths", paths_, "Paths (files or directories, relative to the current directory as for git; globs)");
    app.add_flag("-r,--reverse", reverse_, "PATHS are new paths: print where each came from");
    app.add_flag("--full-name", full_name_, "Print paths relative to the repository's root, not to the current directory");
    app.add_flag("--stdin", stdin_, "Read the paths from standard input, one a line (NUL-separated with -z)");
    app.add_flag("-z", nul_, "NUL-separated: records of KIND, QUERY and ANSWER, each NUL-terminated, raw names (and --stdin's input)");
    add_format_option(app, format_, "Output format: text or json (an object holding the array of answers)", {"text", "json"});
    app.add_option("--rev", rev_, "Commit with the old tree (default: HEAD, when inside a repository)");
  }

  int run(const GlobalOptions& global) override {
    if (!mapping_readable(mapping_)) return kExitUsage;
    diag::Sink sink;
    mapping::Mapping m = mapping::load_mapping_file(mapping_, sink);
    if (sink.has_errors()) {
      print_diagnostics(sink, global);
      return kExitProblems;
    }
    // The tree is optional: `where` also answers outside any repository.
    std::optional<core::Tree> tree;
    std::filesystem::path host_dir = ".", workdir;
    std::string prefix;  // the current directory in the work tree, as git's prefix: "" at its root
    try {
      git::Repository repo = git::Repository::locate(".");
      host_dir = repo.is_bare() ? repo.gitdir() : repo.workdir();
      workdir = repo.workdir();
      if (auto here = pipeline::path_below(std::filesystem::current_path(), workdir); here && *here != ".") prefix = *here;
      std::string commit = repo.resolve_commit(rev_.empty() ? "HEAD" : rev_);
      tree = repo.read_tree(commit);
      // After the migration is merged, HEAD has the new layout: answer for the commit before it.
      if (rev_.empty()) {
        pipeline::OldLayout old = pipeline::find_old_layout(repo, m, mapping_, commit);
        if (old.commit.empty()) {
          tree.reset();
          old.note += ": answering from the mapping alone (--rev names a commit with the old layout)";
        } else if (old.commit != commit) {
          tree = repo.read_tree(old.commit);
        }
        if (!old.note.empty() && !global.quiet) fmt::print(stderr, "git-reorg: note: {}\n", old.note);
      }
    } catch (const git::GitError& e) {
      if (global.repo_dir != "." || !rev_.empty()) return environment_error(e.what());
    }
    plan::WhereIndex index(m, tree ? &*tree : nullptr);
    // --rev naming a commit with the new layout: its answers are true of that tree, and say so.
    if (!rev_.empty() && index.has_tree() && !index.tree_has_sources() && !global.quiet)
      fmt::print(stderr, "git-reorg: note: the tree at {} has none of the paths this mapping moves (it may have the new layout "
                         "already): answering for that tree; without --rev, where answers for the commit before the migration\n", rev_);
    bool quote_all = quote_non_ascii();
    // Answers are printed as git prints paths: relative to the current directory (--full-name: to the root).
    std::string shown_from = full_name_ ? "" : prefix;
    auto shown = [&](const std::string& path, bool slash) { return plan::path_from_prefix(path, shown_from) + (slash ? "/" : ""); };
    std::map<std::size_t, plan::ImportPlan> imports;  // read on first use
    std::vector<report::WhereRecord> records;  // --format json: printed at the end
    int status = kExitOk;
    // One answer, printed as it comes (text, -z) or kept for the JSON array; errors and warnings also on stderr.
    auto emit = [&](report::WhereRecord r) {
      std::string shown_query = (r.import.empty() ? "" : r.import + ":") + report::quote_where_path(r.query, quote_all);
      if (report::where_is_error(r)) {
        fmt::print(stderr, "git-reorg: error: {}: {}\n", shown_query, r.detail);
        status = kExitProblems;
      }
      if (format_ == "json") {
        records.push_back(std::move(r));
      } else if (nul_) {
        std::string rec = report::where_nul_record(r);
        std::fwrite(rec.data(), 1, rec.size(), stdout);
      } else {
        std::string line = report::where_text_line(r, reverse_, quote_all);
        std::fwrite(line.data(), 1, line.size(), stdout);
      }
      if (r.kind == "unknown") fmt::print(stderr, "git-reorg: warning: {}: {}\n", shown_query, r.detail);
    };
    auto answered = [&](const plan::WhereAnswer& a, const mapping::Mapping& rules, bool slash) {
      report::WhereRecord r;
      r.query = shown(a.query, slash);
      r.kind = report::where_kind_name(a.kind);
      if (a.kind == plan::WhereAnswer::Kind::moved) r.answer = shown(a.answer, slash);
      else if (a.kind == plan::WhereAnswer::Kind::unchanged || a.kind == plan::WhereAnswer::Kind::kept) r.answer = r.query;
      if (a.rule >= 0 && a.kind != plan::WhereAnswer::Kind::dropped) r.rule_line = rules.rules[static_cast<std::size_t>(a.rule)].pos.line;
      r.detail = a.detail;
      return r;
    };
    auto fail = [&](const std::string& arg, const std::string& kind, const std::string& why) {
      report::WhereRecord r;
      r.query = arg;
      r.kind = kind;
      r.detail = why;
      emit(std::move(r));
    };
    std::vector<std::string> paths = paths_;
    if (stdin_) {
      if (!paths.empty()) return environment_error("paths on the command line and --stdin: give one or the other");
      if (!read_paths(paths)) return kExitUsage;
    } else if (paths.empty()) {
      return environment_error("where needs at least one PATH (or --stdin)");
    }
    // An import's tree and rules, read on first use; nullptr (`why` set) when its repository cannot be read.
    std::map<std::size_t, std::string> unreadable;
    auto import_plan = [&](std::size_t i) -> const plan::ImportPlan* {
      if (auto it = imports.find(i); it != imports.end()) return &it->second;
      if (unreadable.count(i)) return nullptr;
      plan::ImportPlan ip;
      ip.import = i;
      ip.rules = mapping::import_rules(m, i);
      try {
        pipeline::read_import(m, host_dir, ip);
      } catch (const git::GitError& e) {
        unreadable[i] = e.what();
        return nullptr;
      }
      return &imports.emplace(i, std::move(ip)).first->second;
    };
    // --reverse: a new path the host's old tree does not account for may come from an import.
    auto reverse_one = [&](const std::string& path, bool slash) {
      plan::WhereAnswer a = index.reverse(path);
      bool from_host = index.in_tree(a.kind == plan::WhereAnswer::Kind::moved ? a.answer : a.query);
      for (std::size_t i = 0; i < m.imports.size() && !from_host && a.kind != plan::WhereAnswer::Kind::invalid; ++i) {
        const plan::ImportPlan* ip = import_plan(i);
        if (!ip) {
          if (!global.quiet && unreadable[i] != "said")
            fmt::print(stderr, "git-reorg: warning: import `{}` cannot be read ({}): its paths are not answered\n", m.imports[i].name,
                       unreadable[i]);
          unreadable[i] = "said";
          continue;
        }
        plan::WhereAnswer b = plan::where_imported_reverse(m.imports[i], ip->rules, ip->tree, a.query);
        if (b.kind != plan::WhereAnswer::Kind::moved) continue;
        report::WhereRecord r = answered(b, ip->rules, slash);
        r.answer = m.imports[i].name + ":" + b.answer + (slash ? "/" : "");  // a path of the imported tree, from its top
        return r;
      }
      return answered(a, m, slash);
    };
    for (const std::string& p : paths) {
      if (std::optional<std::size_t> imported = import_named(m, p)) {
        if (reverse_) return environment_error("--reverse takes paths of this repository (the new layout), not NAME:PATH");
        const plan::ImportPlan* ip = import_plan(*imported);
        if (!ip) return environment_error(fmt::format("import `{}`: {}", m.imports[*imported].name, unreadable[*imported]));
        const mapping::Import& imp = m.imports[*imported];
        std::string rest = p.substr(imp.name.size() + 1);
        bool slash = rest.size() > 1 && rest.back() == '/';
        plan::WhereAnswer a = plan::where_imported(imp, ip->rules, &ip->tree, rest);
        report::WhereRecord r = answered(a, ip->rules, slash);
        r.import = imp.name;
        r.query = a.query + (slash ? "/" : "");  // a path of the imported tree, from its top
        if (a.kind == plan::WhereAnswer::Kind::dropped) r.rule_line = imp.drop[static_cast<std::size_t>(a.rule)].pos.line;
        emit(std::move(r));
        continue;
      }
      // An absolute path names a path of the work tree, as for git.
      std::string arg = p;
      bool absolute = !p.empty() && p.front() == '/';
      if (absolute) {
        std::optional<std::string> rel = workdir.empty() ? std::nullopt : pipeline::path_below(p, workdir);
        if (!rel) {
          fail(p, "invalid", "outside the repository");
          continue;
        }
        arg = *rel + (p.back() == '/' ? "/" : "");
      }
      plan::WherePath w = plan::resolve_where_path(arg, absolute ? "" : prefix, literal_pathspecs());
      if (!w.problem.empty()) {
        fail(p, "invalid", w.problem);
        continue;
      }
      if (!w.glob) {
        emit(reverse_ ? reverse_one(w.path, w.trailing_slash) : answered(index.forward(w.path), m, w.trailing_slash));
        continue;
      }
      if (!index.has_tree()) {
        fail(p, "invalid", "a glob is expanded against the tree: run it inside the repository");
        continue;
      }
      std::vector<std::string> found = index.expand(w, reverse_);
      if (found.empty()) {
        fail(p, "no_match", fmt::format("matches no path of {} (`:(literal){}` asks about the path as it is)",
                                        reverse_ ? "the new layout" : "the tree", p));
        continue;
      }
      for (const std::string& f : found) emit(reverse_ ? reverse_one(f, w.trailing_slash) : answered(index.forward(f), m, w.trailing_slash));
    }
    if (format_ == "json" && !write_output("-", report::where_json(records))) return kExitUsage;
    return status;
  }

 private:
  // --stdin: one path a line (a line in double quotes is unquoted as git quotes paths; CRLF read as
  // LF), or NUL-separated with -z, as `git check-attr --stdin` reads them.
  bool read_paths(std::vector<std::string>& out) const {
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    char sep = nul_ ? '\0' : '\n';
    std::size_t line_no = 0;
    for (std::size_t pos = 0; pos < all.size();) {
      std::size_t end = all.find(sep, pos);
      if (end == std::string::npos) end = all.size();
      std::string item = all.substr(pos, end - pos);
      pos = end + 1;
      ++line_no;
      if (!nul_ && !item.empty() && item.back() == '\r') item.pop_back();
      if (item.empty()) continue;
      if (!nul_) {
        std::optional<std::string> unquoted = core::unquote_path(item);
        if (!unquoted) {
          fmt::print(stderr, "git-reorg: error: standard input, line {}: a quoted path that is not quoted as git quotes paths: {}\n",
                     line_no, item);
          return false;
        }
        item = std::move(*unquoted);
      }
      out.push_back(std::move(item));
    }
    return true;
  }

  std::string mapping_;
  std::vector<std::string> paths_;
  bool reverse_ = false;
  bool full_name_ = false;
  bool stdin_ = false;
  bool nul_ = false;
  std::string format_;
  std::string rev_;
};

}  // namespace

std::unique_ptr<Command> make_where_command() { return std::make_unique<WhereCommand>(); }

}  // namespace gitreorg::cli
