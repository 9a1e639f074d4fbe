// `git-reorg rewrite MAPPING FILE_OR_DIR... [--check]`: the repository's URLs in documents outside it.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/exec/external_documents.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/pipeline/external_documents.hpp"

namespace gitreorg::cli {
namespace {

class RewriteCommand : public Command {
 public:
  RewriteCommand()
      : Command({"rewrite", "Rewrite URLs to the repository in documents outside it (guides, templates, READMEs)",
                 "Finds every absolute URL to the repository (all `repository.urls` aliases, github.com\n"
                 "blob/tree/raw/... pages, raw.githubusercontent.com, Colab, nbviewer, Binder, github.dev) and\n"
                 "to its imports in any text file: Markdown, HTML, YAML, JSON, CloudFormation templates, shell.\n"
                 "Each URL on a branch of `repository.branches` whose path moves is rewritten by the mapping,\n"
                 "with the same rewriter and move table `apply` uses; URLs pinned to a tag or a commit stay.\n"
                 "The moves are those of the tree at --rev (default HEAD, or, once the migration is merged, the\n"
                 "commit before it, found by its trailers): run it in the repository's clone (or with -C).\n"
                 "Directories are walked recursively (.git skipped). Files are replaced atomically.\n"
                 "With --check nothing is written: each stale URL is a warning FILE:LINE:COL (--format json or\n"
                 "github for CI). A URL to a path that is in neither the old nor the new tree is reported and kept.\n"
                 "Exit status: 0 nothing stale (or everything rewritten), 1 --check found stale or unknown URLs,\n"
                 "or the mapping has problems, 2 usage or environment error.\n\n"
                 "Examples:\n"
                 "  git reorg rewrite mappings/demo.yaml ../workshop --check\n"
                 "  git reorg rewrite mappings/demo.yaml ../workshop/guide.md template.yaml"}) {}

  void add_options(CLI::App& app) override {
    app.add_option("mapping", mapping_, "The mapping file (YAML)")->required();
    app.add_option("documents", documents_, "Files and directories to rewrite (outside the repository)")->required();
    app.add_flag("--check", check_, "Change nothing: list each stale URL and exit 1 if there is one");
    app.add_flag("-n,--dry-run", dry_run_, "Print what would be rewritten, write nothing");
    app.add_option("--rev", options_.rev, "Commit with the old tree (default: HEAD, or the commit before the migration)")
        ->capture_default_str();
    add_format_option(app, format_, "Diagnostics as text, json or github annotations", {"text", "json", "github"});
  }

  bool annotates() const override { return format_ == "github"; }

  int run(const GlobalOptions& global) override {
    if (!mapping_readable(mapping_)) return kExitUsage;
    git::Repository repo = git::Repository::locate(".");
    diag::Sink sink;
    pipeline::ExternalRewrite ext = pipeline::prepare_external_rewrite(repo, mapping_, options_, sink);
    if (!ext.note.empty() && !global.quiet) fmt::print(stderr, "git-reorg: note: {}\n", ext.note);
    if (sink.has_errors()) {
      sink.sort();
      // The fields of a run that went on, so one schema reads both: no document was read.
      nlohmann::json summary = {{"ok", false},
                                {"mapping", mapping_},
                                {"commit", ext.plan.commit},
                                {"documents", 0},
                                {"urls", 0},
                                {"clone_paths", 0},
                                {"stale", 0},
                                {"pinned", 0},
                                {"missing", 0},
                                {"written", false},
                                {"files", nlohmann::json::array()}};
      print_report(format_, report::kRewriteJson, std::move(summary), sink, global);
      return kExitProblems;
    }
    std::vector<std::string> paths = pipeline::collect_documents(documents_);
    std::vector<rewrite::DocumentRewrite> docs = pipeline::rewrite_documents(ext, paths, check_, sink);
    rewrite::DocumentTotals t = rewrite::totals(docs);
    nlohmann::json files = nlohmann::json::array();
    for (const rewrite::DocumentRewrite& d : docs) {
      if (d.urls == 0 && d.clone_paths == 0) continue;
      nlohmann::json edits = nlohmann::json::array();
      for (const core::Edit& e : d.edits)
        edits.push_back({{"line", e.line}, {"old", e.original}, {"new", e.replacement}, {"kind", e.kind}});
      files.push_back({{"path", d.path},       {"urls", d.urls},   {"clone_paths", d.clone_paths}, {"pinned", d.pinned},
                       {"missing", d.missing}, {"edits", edits}});
    }
    bool write = !check_ && !dry_run_;
    if (write) exec::write_documents(disk_, docs);
    if (!check_ && format_ == "text" && !global.quiet)
      for (const rewrite::DocumentRewrite& d : docs) {
        if (d.edits.empty()) continue;
        std::size_t mentions = std::count_if(d.edits.begin(), d.edits.end(), [](const core::Edit& e) { return e.kind == "path-mention"; });
        std::size_t n = d.edits.size() - mentions;
        std::string what = n ? fmt::format("{} URL{}", n, n == 1 ? "" : "s") : "";
        if (mentions) what += fmt::format("{}{} path{} in a clone", n ? " and " : "", mentions, mentions == 1 ? "" : "s");
        fmt::print("{}: {} {}\n", d.path, write ? "rewrote" : "would rewrite", what);
        for (const core::Edit& e : d.edits) fmt::print("  {}: {} -> {}\n", e.line, e.original, e.replacement);
      }
    sink.sort();
    bool failed = check_ && (t.stale > 0 || t.missing > 0);
    nlohmann::json summary = {{"ok", !failed},           {"mapping", mapping_},   {"commit", ext.plan.commit},
                              {"documents", docs.size()}, {"urls", t.urls},        {"clone_paths", t.clone_paths}, {"stale", t.stale},
                              {"pinned", t.pinned},       {"missing", t.missing}, {"written", write}, {"files", files}};
    if (print_report(format_, report::kRewriteJson, std::move(summary), sink, global) && (!global.quiet || failed)) {
      auto files_word = [](std::size_t n) { return n == 1 ? "file" : "files"; };
      std::string what = check_ ? fmt::format("{} stale in {} {}", t.stale, t.stale_files, files_word(t.stale_files))
                                : fmt::format("{} {} in {} {}", write ? "rewrote" : "would rewrite", t.stale, t.stale_files,
                                              files_word(t.stale_files));
      std::string clones = t.clone_paths ? fmt::format(" and {} path{} in a clone of it", t.clone_paths, t.clone_paths == 1 ? "" : "s") : "";
      fmt::print(failed ? stderr : stdout, "{} URL{} to the repository{} in {} document{}: {}, {} pinned, {} to no known path\n",
                 t.urls, t.urls == 1 ? "" : "s", clones, docs.size(), docs.size() == 1 ? "" : "s", what, t.pinned, t.missing);
    }
    return failed ? kExitProblems : kExitOk;
  }

 private:
  std::string mapping_;
  std::vector<std::string> documents_;
  bool check_ = false;
  bool dry_run_ = false;
  std::string format_;
  pipeline::RepositoryPlanOptions options_;
  exec::RealDisk disk_;
};

}  // namespace

std::unique_ptr<Command> make_rewrite_command() { return std::make_unique<RewriteCommand>(); }

}  // namespace gitreorg::cli
