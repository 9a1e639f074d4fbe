// `git-reorg invert MAPPING`: the mapping that moves the new layout back (rollback, redirect tables).
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/plan/invert.hpp"
#include "gitreorg/report/move_tables.hpp"

namespace gitreorg::cli {
namespace {

class InvertCommand : public MigrationCommand {
 public:
  InvertCommand()
      : MigrationCommand({"invert", "Print the inverse mapping: the new layout moved back to the old one",
                          "Plans MAPPING on the tree at --rev (as check does) and prints a mapping that, applied\n"
                          "after it, restores every file's old path: each `from` rule swapped, each `match` rule as\n"
                          "the concrete moves it made on that tree (the inverse of a regex is no regex), and a rule of\n"
                          "its own for any file those would not bring back. It is checked by planning it on the new tree.\n"
                          "Imports are not inverted. Exit status: 0 printed, 1 the mapping has problems, 2 usage or\n"
                          "environment error.\n\n"
                          "Example:\n  git reorg invert mappings/demo.yaml -o mappings/demo-rollback.yaml"}) {}

  void add_options(CLI::App& app) override {
    add_mapping_options(app, "Commit whose tree the mapping applies to");
    app.add_option("-o,--output", output_, "Write the inverse mapping to FILE instead of standard output");
  }

  int run(const GlobalOptions& global) override {
    diag::Sink sink;
    git::Repository repo = git::Repository::locate(".");
    if (!mapping_readable(mapping_)) return kExitUsage;
    plan::RepositoryPlan rp = pipeline::plan_repository(repo, mapping_, options_.plan, sink);
    sink.sort();
    print_diagnostics(sink, global);
    if (sink.has_errors()) return kExitProblems;
    plan::Inverse inverse = plan::invert_plan(rp.mapping, rp.plan);
    if (!write_output(output_, report::render_inverse_mapping(rp, inverse))) return kExitUsage;
    return kExitOk;
  }

 private:
  std::string output_;
};

}  // namespace

std::unique_ptr<Command> make_invert_command() { return std::make_unique<InvertCommand>(); }

}  // namespace gitreorg::cli
