// `git-reorg links [--rev REV] [--format text|json|github] [--no-anchors] [--suggest]`: check a tree's
// Markdown links, and propose a fix for each broken one that has a single plausible target.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/links/check_links.hpp"
#include "gitreorg/pipeline/move_history.hpp"

namespace gitreorg::cli {
namespace {

class LinksCommand : public Command {
 public:
  LinksCommand()
      : Command({"links", "Check every relative link of every Markdown file in a commit's tree",
                 "Checks paths, `#anchors` (GitHub heading slugs, <a name>/id anchors) and `#L10` line anchors.\n"
                 "With --suggest, each link to a path that does not exist gets a fix when exactly one path of\n"
                 "the tree ends in the link's own segments (`../../1.architectures` one `../` short); a single\n"
                 "name counts only in the file's top-level directory or at the root. Else, when the path moved\n"
                 "in an earlier commit (renames along first parents, as `git log --follow` finds them), its one\n"
                 "place in the tree now. `apply --fix-broken`\n"
                 "applies these fixes in the references commit.\n"
                 "Exit status: 0 no broken links, 1 broken links found, 2 usage or environment error.\n\n"
                 "Examples:\n  git reorg links\n  git reorg links --suggest\n  git reorg links --rev v1.0.0 --format github"}) {}

  void add_options(CLI::App& app) override {
    app.add_option("--rev", rev_, "Commit whose tree is checked")->capture_default_str();
    add_format_option(app, format_, "Report as text, json or github annotations", {"text", "json", "github"});
    app.add_flag("--no-anchors", no_anchors_, "Check paths only, not #anchors");
    app.add_flag("--suggest", suggest_, "Propose a fix for each broken link that has one plausible target");
  }

  int run(const GlobalOptions& global) override {
    diag::Sink sink;
    git::Repository repo = git::Repository::locate(".");
    std::string commit = repo.resolve_commit(rev_);
    core::Tree tree = repo.read_tree(commit);
    links::CheckOptions options;
    options.anchors = !no_anchors_;
    options.progress = "Reading Markdown files";
    std::optional<markdown::LinkRepairs> repairs;
    if (suggest_) options.repairs = &repairs.emplace(tree, pipeline::move_history(repo, commit));
    links::CheckSummary summary = links::check_links(
        tree, [&](const std::string& oid) { return repo.read_blob(oid); }, options, sink);
    nlohmann::json suggestions = nlohmann::json::array();
    for (const links::BrokenLink& b : summary.broken_links) {
      if (!b.repair) continue;
      markdown::SplitDestination d = markdown::split_destination(b.destination, markdown::Syntax::markdown);
      sink.note(b.path, b.pos, fmt::format("suggested fix: `{}` -> `{}` ({})", d.path, b.repair->destination, b.repair->reason()))
          .names = {b.repair->target, b.repair->written_in, b.repair->moved_from};
      nlohmann::json s = {{"path", b.path},         {"line", b.pos.line},           {"column", b.pos.column},
                          {"old", std::string(d.path)}, {"new", b.repair->destination}, {"target", b.repair->target}};
      if (!b.repair->moved_in.empty()) s["moved_in"] = b.repair->moved_in;
      suggestions.push_back(std::move(s));
    }
    sink.sort();
    bool failed = summary.broken > 0;
    nlohmann::json counts = {
        {"ok", !failed}, {"rev", rev_}, {"files", summary.files}, {"links", summary.links}, {"broken", summary.broken}};
    if (suggest_) counts["suggestions"] = suggestions;
    if (print_report(format_, report::kLinksJson, std::move(counts), sink, global)) {
      if (!global.quiet || failed)
        fmt::print("{} links in {} Markdown files: {} broken{}\n", summary.links, summary.files, summary.broken,
                   suggest_ ? fmt::format(", {} with a suggested fix", suggestions.size()) : "");
    }
    return failed ? kExitProblems : kExitOk;
  }

  bool annotates() const override { return format_ == "github"; }

 private:
  std::string rev_ = "HEAD";
  std::string format_;
  bool no_anchors_ = false;
  bool suggest_ = false;
};

}  // namespace

std::unique_ptr<Command> make_links_command() { return std::make_unique<LinksCommand>(); }

}  // namespace gitreorg::cli
