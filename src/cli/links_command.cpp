// `git-reorg links [--rev REV] [--format text|json|github] [--no-anchors]`: check a tree's Markdown links.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/links/check_links.hpp"

namespace gitreorg::cli {
namespace {

class LinksCommand : public Command {
 public:
  LinksCommand()
      : Command({"links", "Check every relative link of every Markdown file in a commit's tree",
                 "Checks paths, `#anchors` (GitHub heading slugs, <a name>/id anchors) and `#L10` line anchors.\n"
                 "Exit status: 0 no broken links, 1 broken links found, 2 usage or environment error.\n\n"
                 "Examples:\n  git reorg links\n  git reorg links --rev v1.0.0 --format github"}) {}

  void add_options(CLI::App& app) override {
    app.add_option("--rev", rev_, "Commit whose tree is checked")->capture_default_str();
    add_format_option(app, format_, "Report as text, json or github annotations", {"text", "json", "github"});
    app.add_flag("--no-anchors", no_anchors_, "Check paths only, not #anchors");
  }

  int run(const GlobalOptions& global) override {
    diag::Sink sink;
    git::Repository repo = git::Repository::locate(global.repo_dir);
    core::Tree tree = repo.read_tree(repo.resolve_commit(rev_));
    links::CheckOptions options;
    options.anchors = !no_anchors_;
    links::CheckSummary summary = links::check_links(
        tree, [&](const std::string& oid) { return repo.read_blob(oid); }, options, sink);
    sink.sort();
    bool failed = summary.broken > 0;
    nlohmann::json counts = {
        {"ok", !failed}, {"rev", rev_}, {"files", summary.files}, {"links", summary.links}, {"broken", summary.broken}};
    if (print_report(format_, std::move(counts), sink, global)) {
      if (!global.quiet || failed)
        fmt::print("{} links in {} Markdown files: {} broken\n", summary.links, summary.files, summary.broken);
    }
    return failed ? kExitProblems : kExitOk;
  }

 private:
  std::string rev_ = "HEAD";
  std::string format_;
  bool no_anchors_ = false;
};

}  // namespace

std::unique_ptr<Command> make_links_command() { return std::make_unique<LinksCommand>(); }

}  // namespace gitreorg::cli
