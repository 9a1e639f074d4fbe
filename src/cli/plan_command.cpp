// `git-reorg plan MAPPING`: the dry run. Reads the repository, writes nothing to it.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/pipeline/migration.hpp"
#include "gitreorg/report/move_tables.hpp"
#include "gitreorg/report/plan_report.hpp"

namespace gitreorg::cli {
namespace {

class PlanCommand : public MigrationCommand {
 public:
  PlanCommand()
      : MigrationCommand({"plan", "Show what a mapping would do (dry run: changes nothing)",
                          "Formats: text (a summary table for the terminal), markdown (paste into the pull request),\n"
                          "json (everything, schema in docs/plan-json.md), github (annotations for a workflow's log,\n"
                          "then the text plan), csv (old_path,new_path per moved file), redirects (a `_redirects` file\n"
                          "for a docs site built from the repository). A Markdown plan longer than --max-bytes\n"
                          "(default 65536, what a pull-request description holds) shortens its long lists and says so.\n"
                          "Exit status: 0 plan is valid, 1 problems found, 2 usage or environment error.\n\n"
                          "Examples:\n"
                          "  git reorg plan mappings/demo.yaml\n"
                          "  git reorg plan mappings/demo.yaml --format markdown -o plan.md"}) {}

  void add_options(CLI::App& app) override {
    add_mapping_options(app, "Commit whose tree is planned");
    add_format_option(app, format_,
                      "Output format: text, json, markdown, github (annotations, then the text plan), csv or redirects",
                      {"text", "json", "markdown", "github", "csv", "redirects"});
    app.add_option("-o,--output", output_, "Write the plan to FILE instead of standard output");
    app.add_flag("--files", list_files_, "List every moved file and every reference edit (text; markdown: no size limit)");
    app.add_option("--max-bytes", max_bytes_, "Markdown: shorten long lists to fit in N bytes (0: no limit)")
        ->capture_default_str();
  }

  int run(const GlobalOptions& global) override {
    diag::Sink sink;
    pipeline::Migration m;
    if (int code = prepare(global, sink, m); code != kExitOk) return code;
    const plan::RepositoryPlan& rp = m.plan;
    const rewrite::ReferenceRewrite* r = m.references ? &*m.references : nullptr;
    std::string text;
    if (format_ == "csv" || format_ == "redirects") {
      // Tables of a valid plan only: a half-planned tree would list wrong moves.
      if (!sink.has_errors()) text = format_ == "csv" ? report::render_plan_csv(rp) : report::render_redirects(rp);
    } else if (format_ == "json") {
      // Written as it is made, below (at 100k files the text alone is about 90 MB).
    } else if (format_ == "markdown") {
      report::MarkdownPlan md = report::render_plan_markdown(rp, r, sink, list_files_ ? 0 : max_bytes_, &m.import_references);
      text = std::move(md.text);
      if (!md.fits)
        fmt::print(stderr, "git-reorg: warning: the Markdown plan is {} bytes, more than --max-bytes {} even shortened\n",
                   text.size(), max_bytes_);
      else if (md.folded && !global.quiet)
        fmt::print(stderr, "git-reorg: note: long lists of the Markdown plan are shortened to fit in {} bytes (--files: all)\n",
                   max_bytes_);
    } else if (format_ == "github") {
      // For a CI log: the diagnostics as annotations, then the plan as a terminal shows it.
      text = diag::render_github(sink, github_style());
      if (!global.quiet) text += report::render_plan_text(rp, r, sink, {false, list_files_, &m.import_references, quote_non_ascii()});
    } else {
      bool color = output_.empty() && use_color(global.color, stdout);
      text = global.quiet ? std::string()
                          : report::render_plan_text(rp, r, sink, {color, list_files_, &m.import_references, quote_non_ascii()});
    }
    // Diagnostics go to stderr unless they are already in what stdout shows.
    if (format_ == "text" || format_ == "csv" || format_ == "redirects" || !output_.empty()) print_diagnostics(sink, global);
    bool written = format_ == "json" ? write_output(output_,
                                                    [&](const report::JsonOut& write) {
                                                      report::write_plan_json(write, rp, r, sink, &m.import_references);
                                                    })
                                     : write_output(output_, text);
    if (!written) return kExitUsage;
    return sink.has_errors() ? kExitProblems : kExitOk;
  }

 private:
  std::string output_;
  bool list_files_ = false;
  std::size_t max_bytes_ = report::kPullRequestBodyBytes;
};

}  // namespace

std::unique_ptr<Command> make_plan_command() { return std::make_unique<PlanCommand>(); }

}  // namespace gitreorg::cli
