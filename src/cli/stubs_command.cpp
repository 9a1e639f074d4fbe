// `git-reorg stubs MAPPING [--import NAME] [--dry-run]`: write, on an imported repository's branch, the
// commit that replaces its content with "moved to" READMEs, for its maintainers to push before archiving.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "gitreorg/core/error.hpp"
#include "gitreorg/core/path.hpp"
#include "gitreorg/exec/stubs.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "gitreorg/plan/import_stubs.hpp"

namespace gitreorg::cli {
namespace {

class StubsCommand : public Command {
 public:
  StubsCommand()
      : Command({"stubs", "Write \"moved to\" READMEs on an imported repository's branch, for archiving it",
                 "For each import of MAPPING (or the one --import names): one commit on its branch (`ref:`, or the\n"
                 "branch its HEAD names) whose tree is a README at the root listing every move, each linked at the\n"
                 "host (`repository:` URL, first of `branches`), what was not imported, and one README per\n"
                 "top-level directory; root LICENSE*, COPYING* and NOTICE* files stay. When that branch is checked\n"
                 "out there, its files follow (a local change refuses, changing nothing). Run it again: nothing to do.\n"
                 "Push the branch, then archive the repository. This is the only command that writes to an import.\n"
                 "Exit status: 0 written (or nothing to do), 1 problems in the mapping, 2 usage or environment, 3 refused\n"
                 "(the branch moved, or is checked out with local changes).\n\n"
                 "Examples:\n  git reorg stubs mappings/demo.yaml --dry-run\n"
                 "  git reorg stubs mappings/demo.yaml --import awsome-inference"}) {}

  void add_options(CLI::App& app) override {
    app.add_option("mapping", mapping_, "The mapping file (YAML)")->required();
    app.add_option("--import", import_, "The import to write stubs for (default: every one)");
    app.add_flag("-n,--dry-run", dry_run_, "Print the stubs, write nothing");
  }

  int run(const GlobalOptions& global) override {
    if (!mapping_readable(mapping_)) return kExitUsage;
    diag::Sink sink;
    mapping::Mapping m = mapping::load_mapping_file(mapping_, sink);
    if (!sink.has_errors() && m.imports.empty()) sink.error(m.path, {}, "the mapping has no `imports:`");
    if (!sink.has_errors() && (!m.repository || m.repository->urls.empty()))
      sink.error(m.path, {}, "stubs link to the host: the mapping needs `repository:` with its `urls`");
    if (sink.has_errors()) {
      print_diagnostics(sink, global);
      return kExitProblems;
    }
    const std::string host_url = m.repository->new_url.empty() ? m.repository->urls.front() : m.repository->new_url;
    const std::string branch = m.repository->branches.empty() ? "main" : m.repository->branches.front();
    git::Repository host = git::Repository::locate(".");
    std::filesystem::path host_dir = host.is_bare() ? host.gitdir() : host.workdir();
    bool found = false;
    for (std::size_t i = 0; i < m.imports.size(); ++i) {
      const mapping::Import& imp = m.imports[i];
      if (!import_.empty() && imp.name != import_) continue;
      found = true;
      plan::ImportPlan ip;
      ip.import = i;
      ip.rules = mapping::import_rules(m, i);
      try {
        pipeline::read_import(m, host_dir, ip);
      } catch (const git::GitError& e) {
        return environment_error(fmt::format("import `{}`: {}", imp.name, e.what()));
      }
      plan::plan_import(m, ip, sink);
      if (sink.has_errors()) {
        print_diagnostics(sink, global);
        return kExitProblems;
      }
      if (!git::find_commit_with_line(host, host.resolve_commit("HEAD"), pipeline::import_trailer(imp.name)) && !global.quiet)
        fmt::print(stderr, "git-reorg: note: import `{}` is not merged into HEAD yet: the stubs' links work once it is\n",
                   imp.name);
      std::vector<plan::StubFile> stubs = plan::import_stubs(imp, ip, host_url, branch);
      std::string host_name(core::base_name(host_url));
      std::string message = fmt::format("Moved to {}\n\nThe content of this repository is now part of {}, with its history "
                                        "(written by git-reorg stubs from {}).\n\n{}{}\n",
                                        host_name, host_url, pipeline::mapping_name(mapping_, host.workdir()), plan::kMovedToTrailer, host_url);
      exec::StubsResult r = exec::write_stubs(imp, ip, stubs, message, dry_run_);
      if (global.quiet) continue;
      if (r.nothing_to_do) {
        fmt::print("{}: nothing to do: {} has the stubs already\n", imp.name, r.branch);
        continue;
      }
      if (dry_run_) {
        fmt::print("{}: would commit on {} of {}{}:\n", imp.name, r.branch, r.repo_dir,
                   r.checked_out ? " (checked out there: its files would follow)" : "");
        for (const plan::StubFile& s : stubs) fmt::print("--- {}\n{}", s.path, s.content);
      } else {
        fmt::print("{}: committed {} on {} of {} ({} READMEs{}); push it, then archive the repository\n", imp.name,
                   r.commit.substr(0, 12), r.branch, r.repo_dir, stubs.size(), r.checked_out ? ", work tree updated" : "");
      }
    }
    if (!found) return environment_error(fmt::format("the mapping has no import named `{}`", import_));
    return kExitOk;
  }

 private:
  std::string mapping_, import_;
  bool dry_run_ = false;
};

}  // namespace

std::unique_ptr<Command> make_stubs_command() { return std::make_unique<StubsCommand>(); }

}  // namespace gitreorg::cli
