// `git-reorg where MAPPING PATH...`: where a path goes (or, with --reverse, where it came from).
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include "cli/commands.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/pipeline/old_layout.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "gitreorg/plan/where.hpp"
#include "gitreorg/report/quote_path.hpp"

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
                 "`keep:` entry holds; with --reverse `NEW <- OLD`.\n"
                 "Paths need not exist: ask where a new file under a moved directory would go.\n"
                 "Paths are read and printed relative to the current directory, as git does (--full-name: from\n"
                 "the top); `:/PATH` is from the top. A glob (`*`, `?`, `[`) is expanded against the tree with\n"
                 "git's pathspec rules (`*` matches `/` too; the new layout with --reverse), one answer per match.\n"
                 "Inside a repository the tree at --rev tells files from directories and lets `match` rules\n"
                 "be reversed; elsewhere only the mapping is used. Once HEAD has the new layout (the migration\n"
                 "is merged), the default is the commit before the migration's first commit (found by its trailers).\n"
                 "NAME:PATH asks about PATH of the repository imported as NAME (`imports:`), read at its `ref`.\n\n"
                 "Examples:\n"
                 "  git reorg where mappings/demo.yaml 3.test_cases/pytorch/FSDP\n"                 "  git reorg where mappings/demo.yaml '3.test_cases/pytorch/*'\n"
                 "  git reorg where --reverse mappings/demo.yaml examples/training/pytorch/fsdp --rev v1.0.0\n"
                 "  git reorg where mappings/demo.yaml awsome-inference:2.projects/sglang-inference"}) {}

  void add_options(CLI::App& app) override {
    app.add_option("mapping", mapping_, "The mapping file (YAML)")->required();
    app.add_option("paths", paths_, "Paths (files or directories, relative to the current directory as for git; globs)")->required();
    app.add_flag("-r,--reverse", reverse_, "PATHS are new paths: print where each came from");
    app.add_flag("--full-name", full_name_, "Print paths relative to the repository's root, not to the current directory");
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
    bool quote_all = quote_non_ascii();
    // Answers are printed as git prints paths: relative to the current directory (--full-name: to the root).
    std::string shown_from = full_name_ ? "" : prefix;
    auto shown = [&](const std::string& path, bool slash) { return report::quote_path(plan::path_from_prefix(path, shown_from) + (slash ? "/" : ""), quote_all); };
    std::map<std::size_t, plan::ImportPlan> imports;  // read on first use
    int status = kExitOk;
    auto print = [&](const std::string& q, const plan::WhereAnswer& a, bool slash) {
      using K = plan::WhereAnswer::Kind;
      switch (a.kind) {
        case K::moved: fmt::print("{} {} {}\n", q, reverse_ ? "<-" : "->", shown(a.answer, slash)); break;
        case K::unchanged: fmt::print("{} (unchanged)\n", q); break;
        case K::kept: fmt::print("{} (kept: {})\n", q, a.detail); break;
        case K::no_source: fmt::print("{} (no old path: {})\n", q, a.detail); break;
        case K::unknown:
          fmt::print("{} (unknown)\n", q);
          fmt::print(stderr, "git-reorg: warning: {}: {}\n", q, a.detail);
          break;
        case K::invalid:
        case K::unmapped:
          fmt::print(stderr, "git-reorg: error: {}: {}\n", q, a.detail);
          status = kExitProblems;
          break;
        case K::dropped: fmt::print("{} (dropped by {})\n", q, a.detail); break;
      }
    };
    auto fail = [&](const std::string& arg, const std::string& why) {
      fmt::print(stderr, "git-reorg: error: {}: {}\n", report::quote_path(arg, quote_all), why);
      status = kExitProblems;
    };
    for (const std::string& p : paths_) {
      if (std::optional<std::size_t> imported = import_named(m, p)) {
        if (reverse_) return environment_error("--reverse takes paths of this repository, not NAME:PATH");
        auto it = imports.find(*imported);
        if (it == imports.end()) {
          plan::ImportPlan ip;
          ip.import = *imported;
          ip.rules = mapping::import_rules(m, *imported);
          try {
            pipeline::read_import(m, host_dir, ip);
          } catch (const git::GitError& e) {
            return environment_error(fmt::format("import `{}`: {}", m.imports[*imported].name, e.what()));
          }
          it = imports.emplace(*imported, std::move(ip)).first;
        }
        const mapping::Import& imp = m.imports[*imported];
        std::string rest = p.substr(imp.name.size() + 1);
        bool slash = rest.size() > 1 && rest.back() == '/';
        plan::WhereAnswer a = plan::where_imported(imp, it->second.rules, &it->second.tree, rest);
        print(imp.name + ":" + report::quote_path(a.query + (slash ? "/" : ""), quote_all), a, slash);
        continue;
      }
      // An absolute path names a path of the work tree, as for git.
      std::string arg = p;
      bool absolute = !p.empty() && p.front() == '/';
      if (absolute) {
        std::optional<std::string> rel = workdir.empty() ? std::nullopt : pipeline::path_below(p, workdir);
        if (!rel) {
          fail(p, "outside the repository");
          continue;
        }
        arg = *rel + (p.back() == '/' ? "/" : "");
      }
      plan::WherePath w = plan::resolve_where_path(arg, absolute ? "" : prefix, literal_pathspecs());
      if (!w.problem.empty()) {
        fail(p, w.problem);
        continue;
      }
      if (!w.glob) {
        plan::WhereAnswer a = reverse_ ? index.reverse(w.path) : index.forward(w.path);
        print(shown(a.query, w.trailing_slash), a, w.trailing_slash);
        continue;
      }
      if (!index.has_tree()) {
        fail(p, "a glob is expanded against the tree: run it inside the repository");
        continue;
      }
      std::vector<std::string> found = index.expand(w, reverse_);
      if (found.empty()) {
        fail(p, fmt::format("matches no path of {} (`:(literal){}` asks about the path as it is)",
                            reverse_ ? "the new layout" : "the tree", p));
        continue;
      }
      for (const std::string& f : found) {
        plan::WhereAnswer a = reverse_ ? index.reverse(f) : index.forward(f);
        print(shown(a.query, w.trailing_slash), a, w.trailing_slash);
      }
    }
    return status;
  }

 private:
  std::string mapping_;
  std::vector<std::string> paths_;
  bool reverse_ = false;
  bool full_name_ = false;
  std::string rev_;
};

}  // namespace

std::unique_ptr<Command> make_where_command() { return std::make_unique<WhereCommand>(); }

}  // namespace gitreorg::cli
