// `git-reorg check MAPPING`: validate the mapping and its policy against a commit's tree.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/git/error.hpp"
#include "gitreorg/plan/plan_repository.hpp"

namespace gitreorg::cli {
namespace {

class CheckCommand : public Command {
 public:
  CLI::App* setup(CLI::App& root) override {
    CLI::App* app = root.add_subcommand("check", "Validate a mapping (and its policy) against the repository");
    app->footer(
        "Reports every problem at once as FILE:LINE:COL: error: MESSAGE.\n"
        "Exit status: 0 valid, 1 problems found, 2 usage or environment error.\n\n"
        "Example:\n  git reorg check mappings/demo.yaml --rev v1.0.0");
    app->add_option("mapping", mapping_, "The mapping file (YAML)")->required();
    app->add_option("--rev", options_.rev, "Commit whose tree the mapping applies to")->capture_default_str();
    app->add_flag("--allow-missing", options_.plan.allow_missing,
                  "A `from` that is not in the tree is a warning (to re-check an applied mapping)");
    app->add_flag("--strict", strict_, "Treat warnings as errors");
    app->add_option("--format", format_, "Diagnostics as text, json or github annotations")
        ->check(CLI::IsMember({"text", "json", "github"}))
        ->capture_default_str();
    return app;
  }

  int run(const GlobalOptions& global) override {
    if (!mapping_readable(mapping_)) return kExitUsage;
    options_.repo_dir = global.repo_dir;
    diag::Sink sink;
    plan::RepositoryPlan rp;
    try {
      rp = plan::plan_repository(mapping_, options_, sink);
    } catch (const git::GitError& e) {
      return environment_error(e.what());
    }
    sink.sort();
    bool failed = sink.has_errors() || (strict_ && sink.count(diag::Severity::warning) > 0);
    if (format_ == "json") {
      nlohmann::json j = {{"ok", !failed},
                          {"mapping", mapping_},
                          {"commit", rp.commit},
                          {"rules", rp.mapping.rules.size()},
                          {"files", rp.plan.files.size()},
                          {"moved", rp.plan.moved_files},
                          {"diagnostics", diag::to_json(sink)}};
      write_output("-", j.dump(2) + "\n");
    } else if (format_ == "github") {
      write_output("-", diag::render_github(sink));
    } else {
      print_diagnostics(sink, global);
      if (!global.quiet && !failed)
        fmt::print("{}: OK: {} rules, {} of {} files move\n", mapping_, rp.mapping.rules.size(), rp.plan.moved_files,
                   rp.plan.files.size());
      if (failed)
        fmt::print(stderr, "{}: {} errors, {} warnings{}\n", mapping_, sink.count(diag::Severity::error),
                   sink.count(diag::Severity::warning), strict_ ? " (--strict: warnings count as errors)" : "");
    }
    return failed ? kExitProblems : kExitOk;
  }

 private:
  std::string mapping_;
  plan::RepositoryPlanOptions options_;
  bool strict_ = false;
  std::string format_ = "text";
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace gitreorg::cli
