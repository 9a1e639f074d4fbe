// `git-reorg where MAPPING PATH...`: where a path goes (or, with --reverse, where it came from).
#include <fmt/format.h>

#include <optional>

#include "cli/commands.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/where.hpp"
#include "gitreorg/report/quote_path.hpp"

namespace gitreorg::cli {
namespace {

class WhereCommand : public Command {
 public:
  WhereCommand()
      : Command({"where", "Show where paths go under a mapping (or, with --reverse, where they came from)",
                 "Prints one line per path: `OLD -> NEW` or `OLD (unchanged)`; with --reverse `NEW <- OLD`.\n"
                 "Paths need not exist: ask where a new file under a moved directory would go.\n"
                 "Inside a repository the tree at --rev tells files from directories and lets `match` rules\n"
                 "be reversed; elsewhere only the mapping is used.\n\n"
                 "Examples:\n"
                 "  git reorg where mappings/demo.yaml 3.test_cases/pytorch/FSDP\n"
                 "  git reorg where --reverse mappings/demo.yaml examples/training/pytorch/fsdp --rev v1.0.0"}) {}

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
    try {
      git::Repository repo = git::Repository::discover(global.repo_dir);
      tree = repo.read_tree(repo.resolve_commit(rev_.empty() ? "HEAD" : rev_));
    } catch (const git::GitError& e) {
      if (global.repo_dir != "." || !rev_.empty()) return environment_error(e.what());
    }
    plan::WhereIndex index(m, tree ? &*tree : nullptr);
    int status = kExitOk;
    for (const std::string& p : paths_) {
      bool dir_suffix = p.size() > 1 && p.back() == '/';
      std::string slash = dir_suffix ? "/" : "";
      plan::WhereAnswer a = reverse_ ? index.reverse(p) : index.forward(p);
      std::string q = report::quote_path(a.query + slash);
      using K = plan::WhereAnswer::Kind;
      switch (a.kind) {
        case K::moved: fmt::print("{} {} {}\n", q, reverse_ ? "<-" : "->", report::quote_path(a.answer + slash)); break;
        case K::unchanged: fmt::print("{} (unchanged)\n", q); break;
        case K::no_source: fmt::print("{} (no old path: {})\n", q, a.detail); break;
        case K::unknown:
          fmt::print("{} (unknown)\n", q);
          fmt::print(stderr, "git-reorg: warning: {}: {}\n", q, a.detail);
          break;
        case K::invalid:
          fmt::print(stderr, "git-reorg: error: {}: {}\n", q, a.detail);
          status = kExitProblems;
          break;
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
