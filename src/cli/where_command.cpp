// `git-reorg where MAPPING PATH...`: where a path goes (or, with --reverse, where it came from).
#include <fmt/format.h>

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

class WhereCommand : public Command {
 public:
  WhereCommand()
      : Command({"where", "Show where paths go under a mapping (or, with --reverse, where they came from)",
                 "Prints one line per path: `OLD -> NEW`, `OLD (unchanged)` or `OLD (kept: ...)` for a path a\n"
                 "`keep:` entry holds; with --reverse `NEW <- OLD`.\n"
                 "Paths need not exist: ask where a new file under a moved directory would go.\n"
                 "Inside a repository the tree at --rev tells files from directories and lets `match` rules\n"
                 "be reversed; elsewhere only the mapping is used. Once HEAD has the new layout (the migration\n"
                 "is merged), the default is the commit before the migration's first commit (found by its trailers).\n"
                 "NAME:PATH asks about PATH of the repository imported as NAME (`imports:`), read at its `ref`.\n\n"
                 "Examples:\n"
                 "  git reorg where mappings/demo.yaml 3.test_cases/pytorch/FSDP\n"
                 "  git reorg where --reverse mappings/demo.yaml examples/training/pytorch/fsdp --rev v1.0.0\n"
                 "  git reorg where mappings/demo.yaml awsome-inference:2.projects/sglang-inference"}) {}

  void add_options(CLI::App& app) override {
    app.add_option("mapping", mapping_, "The mapping file (YAML)")->required();
    app.add_option("paths", paths_, "Repository paths (files or directories)")->required();
    app.add_flag("-r,--reverse", reverse_, "PATHS are new paths: print where each came from");
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
    std::filesystem::path host_dir = ".";
    try {
      git::Repository repo = git::Repository::locate(".");
      host_dir = repo.is_bare() ? repo.gitdir() : repo.workdir();
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
    std::map<std::size_t, plan::ImportPlan> imports;  // read on first use
    int status = kExitOk;
    for (const std::string& p : paths_) {
      bool dir_suffix = p.size() > 1 && p.back() == '/';
      std::string slash = dir_suffix ? "/" : "";
      std::optional<std::size_t> imported = import_named(m, p);
      plan::WhereAnswer a;
      std::string prefix;
      if (imported) {
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
        prefix = imp.name + ":";
        a = plan::where_imported(imp, it->second.rules, &it->second.tree, p.substr(prefix.size()));
      } else {
        a = reverse_ ? index.reverse(p) : index.forward(p);
      }
      std::string q = prefix + report::quote_path(a.query + slash, quote_all);
      using K = plan::WhereAnswer::Kind;
      switch (a.kind) {
        case K::moved: fmt::print("{} {} {}\n", q, reverse_ ? "<-" : "->", report::quote_path(a.answer + slash, quote_all)); break;
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
    }
    return status;
  }

 private:
  std::string mapping_;
  std::vector<std::string> paths_;
  bool reverse_ = false;
  std::string rev_;
};

}  // namespace

std::unique_ptr<Command> make_where_command() { return std::make_unique<WhereCommand>(); }

}  // namespace gitreorg::cli
