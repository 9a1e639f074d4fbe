// `git-reorg check MAPPING`: everything apply would do, without writing; exit 1 on any problem.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/core/quote_path.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/pipeline/migration.hpp"

namespace gitreorg::cli {
namespace {

class CheckCommand : public MigrationCommand {
 public:
  CheckCommand()
      : MigrationCommand({"check", "Validate a mapping (and its policy) against the repository",
                          "Runs everything apply would, without writing: the mapping, the plan, the policy, the\n"
                          "reference rewrite, and a link check of the new tree built in memory.\n"
                          "Reports every problem at once as FILE:LINE:COL: error: MESSAGE.\n"
                          "Exit status: 0 valid, 1 problems found, 2 usage or environment error.\n\n"
                          "Example:\n  git reorg check mappings/demo.yaml --rev v1.0.0"}) {}

  void add_options(CLI::App& app) override {
    add_mapping_options(app, "Commit whose tree the mapping applies to");
    app.add_flag("--strict", strict_, "Treat warnings as errors (CI filters whose matches change, links needing review, ...)");
    add_format_option(app, format_, "Diagnostics as text, json or github annotations", {"text", "json", "github"});
  }

  int run(const GlobalOptions& global) override {
    diag::Sink sink;
    pipeline::Migration m;
    if (int code = prepare(global, sink, m); code != kExitOk) return code;
    const plan::RepositoryPlan& rp = m.plan;
    bool failed = sink.has_errors() || (strict_ && sink.count(diag::Severity::warning) > 0);
    std::size_t errors = sink.count(diag::Severity::error), warnings = sink.count(diag::Severity::warning);
    if (strict_) sink.promote_warnings();
    nlohmann::json summary = {{"ok", !failed},
                              {"mapping", mapping_},
                              {"commit", rp.commit},
                              {"rules", rp.mapping.rules.size()},
                              {"files", rp.plan.files.size()},
                              {"moved", rp.plan.moved_files},
                              {"edited", m.references ? m.references->files.size() : 0}};
    // Imports only when there are some: the summary of a mapping without them stays as it was.
    std::size_t imported = 0, to_import = 0;
    for (const plan::ImportPlan& ip : rp.imports)
      if (ip.merged_by.empty()) {
        ++to_import;
        imported += ip.plan.files.size();
      }
    if (!rp.imports.empty()) summary["imports"] = {{"imports", to_import}, {"files", imported}};
    if (print_report(format_, report::kCheckJson, std::move(summary), sink, global, github_style())) {
      std::string mapping = core::quote_path(mapping_, quote_non_ascii());
      if (!global.quiet && !failed)
        fmt::print("{}: OK: {} rules, {} of {} files move, {} files with reference edits{}\n", mapping, rp.mapping.rules.size(),
                   rp.plan.moved_files, rp.plan.files.size(), m.references ? m.references->files.size() : 0,
                   rp.imports.empty() ? "" : fmt::format("; {} import{} to merge, {} files", to_import, to_import == 1 ? "" : "s",
                                                         imported));
      if (failed)
        fmt::print(stderr, "{}: {} errors, {} warnings{}\n", mapping, errors, warnings,
                   strict_ ? " (--strict: warnings count as errors)" : "");
    }
    return failed ? kExitProblems : kExitOk;
  }

 private:
  bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> make_check_command() { return std::make_unique<CheckCommand>(); }

}  // namespace gitreorg::cli
