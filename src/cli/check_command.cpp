// `git-reorg check MAPPING`: everything apply would do, without writing; exit 1 on any problem.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/pipeline/migration.hpp"

namespace gitreorg::cli {
namespace {

class CheckCommand : public Command {
 public:
  CLI::App* setup(CLI::App& root) override {
    CLI::App* app = root.add_subcommand("check", "Validate a mapping (and its policy) against the repository");
    app->footer(
        "Runs everything apply would, without writing: the mapping, the plan, the policy, the\n"
        "reference rewrite, and a link check of the new tree built in memory.\n"
        "Reports every problem at once as FILE:LINE:COL: error: MESSAGE.\n"
        "Exit status: 0 valid, 1 problems found, 2 usage or environment error.\n\n"
        "Example:\n  git reorg check mappings/demo.yaml --rev v1.0.0");
    app->add_option("mapping", mapping_, "The mapping file (YAML)")->required();
    add_migration_options(app, options_, "Commit whose tree the mapping applies to");
    app->add_flag("--strict", strict_, "Treat warnings as errors (CI filters whose matches change, links needing review, ...)");
    app->add_option("--format", format_, "Diagnostics as text, json or github annotations")
        ->check(CLI::IsMember({"text", "json", "github"}))
        ->capture_default_str();
    return app;
  }

  int run(const GlobalOptions& global) override {
    diag::Sink sink;
    pipeline::Migration m;
    if (int code = prepare(mapping_, options_, global, sink, m); code != kExitOk) return code;
    const plan::RepositoryPlan& rp = m.plan;
    bool failed = sink.has_errors() || (strict_ && sink.count(diag::Severity::warning) > 0);
    if (format_ == "json") {
      nlohmann::json j = {{"ok", !failed},
                          {"mapping", mapping_},
                          {"commit", rp.commit},
                          {"rules", rp.mapping.rules.size()},
                          {"files", rp.plan.files.size()},
                          {"moved", rp.plan.moved_files},
                          {"edited", m.references ? m.references->files.size() : 0},
                          {"diagnostics", diag::to_json(sink)}};
      write_output("-", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    } else if (format_ == "github") {
      write_output("-", diag::render_github(sink));
    } else {
      print_diagnostics(sink, global);
      if (!global.quiet && !failed)
        fmt::print("{}: OK: {} rules, {} of {} files move, {} files with reference edits\n", mapping_, rp.mapping.rules.size(),
                   rp.plan.moved_files, rp.plan.files.size(), m.references ? m.references->files.size() : 0);
      if (failed)
        fmt::print(stderr, "{}: {} errors, {} warnings{}\n", mapping_, sink.count(diag::Severity::error),
                   sink.count(diag::Severity::warning), strict_ ? " (--strict: warnings count as errors)" : "");
    }
    return failed ? kExitProblems : kExitOk;
  }

 private:
  std::string mapping_;
  pipeline::MigrationOptions options_;
  bool strict_ = false;
  std::string format_ = "text";
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace gitreorg::cli
