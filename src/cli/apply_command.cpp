// `git-reorg apply MAPPING`: performs the plan on the repository (two commits, work tree, index,
// branch), or finishes / undoes an interrupted apply with --continue / --abort.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <utility>

#include "cli/commands.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/exec/apply.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/pipeline/migration.hpp"
#include "gitreorg/report/plan_report.hpp"

namespace gitreorg::cli {
namespace {

// `path` from the current directory when it is below it (`.git/reorg-imports/NAME.map` from the top
// of the work tree), else as it is: what the user can paste, and the same on every machine.
std::string shown_path(const std::string& path) {
  std::error_code ec;
  return pipeline::path_below(path, std::filesystem::current_path(ec)).value_or(path);
}

// Fault injection for the crash tests: GITREORG_FAULT_AFTER_STEP=N ends the process with status 3
// right after step N, GITREORG_FAULT_AFTER_OP=K right after the K-th filesystem operation,
// GITREORG_FAULT_AFTER_UNDO=K after --abort (or a rollback) undid K of them, GITREORG_FAULT_AFTER_ABORT_STEP=N
// after its step N (exec::AbortStep), GITREORG_FAULT_MID_WRITE=K
// in the middle of the K-th operation (a write: half of its bytes, or its complete temporary file),
// GITREORG_FAULT_HOLDING_LOCK=NAME
// holding the lock NAME.lock (index, HEAD, ORIG_HEAD, a branch or tag name), without any cleanup, as
// kill -9 would. GITREORG_FAULT_FAIL_AFTER_{STEP,OP,UNDO} throw an error there instead, as a failing
// system call would.
// The status of a run killed by fault injection: none of the documented exit codes.
constexpr int kFaultExit = 99;

exec::ApplyHooks fault_hooks_from_env() {
  auto number = [](const char* name) -> long {
    const char* v = std::getenv(name);
    return v && *v ? std::strtol(v, nullptr, 10) : -1;
  };
  exec::ApplyHooks hooks;
  long kill_step = number("GITREORG_FAULT_AFTER_STEP"), fail_step = number("GITREORG_FAULT_FAIL_AFTER_STEP");
  long kill_op = number("GITREORG_FAULT_AFTER_OP"), fail_op = number("GITREORG_FAULT_FAIL_AFTER_OP");
  if (kill_step >= 0 || fail_step >= 0)
    hooks.after_step = [kill_step, fail_step](exec::Step s) {
      if (s == kill_step) _exit(kFaultExit);
      if (s == fail_step) throw std::runtime_error(fmt::format("injected failure after step {}", fail_step));
    };
  if (kill_op >= 0 || fail_op >= 0)
    hooks.after_op = [kill_op, fail_op](std::size_t k) {
      if (static_cast<long>(k) == kill_op) _exit(kFaultExit);
      if (static_cast<long>(k) == fail_op) throw std::runtime_error(fmt::format("injected failure after operation {}", fail_op));
    };
  if (long kill_write = number("GITREORG_FAULT_MID_WRITE"); kill_write >= 0)
    hooks.mid_write = [kill_write](std::size_t k) {
      if (static_cast<long>(k) == kill_write) _exit(kFaultExit);
    };
  // As if killed while libgit2 holds the lock: the lock file is there, the change is not.
  if (const char* lock = std::getenv("GITREORG_FAULT_HOLDING_LOCK"); lock && *lock)
    hooks.holding_lock = [name = std::string(lock) + ".lock"](const std::filesystem::path& path) {
      if (path.filename() != name) return;
      ::close(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644));
      _exit(kFaultExit);
    };
  long kill_undo = number("GITREORG_FAULT_AFTER_UNDO"), fail_undo = number("GITREORG_FAULT_FAIL_AFTER_UNDO");
  if (kill_undo >= 0 || fail_undo >= 0)
    hooks.after_undo = [kill_undo, fail_undo](std::size_t k) {
      if (static_cast<long>(k) == kill_undo) _exit(kFaultExit);
      if (static_cast<long>(k) == fail_undo) throw std::runtime_error(fmt::format("injected failure after undo {}", fail_undo));
    };
  if (long kill_abort = number("GITREORG_FAULT_AFTER_ABORT_STEP"); kill_abort >= 0)
    hooks.after_abort_step = [kill_abort](exec::AbortStep s) {
      if (s == kill_abort) _exit(kFaultExit);
    };
  return hooks;
}

class ApplyCommand : public MigrationCommand {
 public:
  ApplyCommand()
      : MigrationCommand({"apply", "Perform a mapping: move the files in one commit, keeping history",
                          "Creates a \"Move files\" commit of pure renames (every file keeps its blob and mode, so git\n"
                          "follows its history) and, when references need edits, an \"Update references\" commit.\n"
                          "Merge the result with a merge commit or a rebase, never a squash. Details: docs/apply.md.\n"
                          "Exit status: 0 applied (or nothing to do), 1 problems in the mapping, 2 usage or environment (no\n"
                          "identity, a full disk: failed and rolled back), 3 refused to touch the repository (local\n"
                          "changes, a merge in progress, a lock, the branch or tag exists), 4 an apply is in progress\n"
                          "(interrupted, or failed and could not roll back: finish with --abort or --continue).\n\n"
                          "Examples:\n"
                          "  git reorg apply mappings/demo.yaml --tag-before pre-reorg\n"
                          "  git reorg apply mappings/demo.yaml --branch reorg -m \"Reorganize examples\"\n"
                          "  git reorg apply --continue      (or --abort) after an interrupted apply"}) {}

  void add_options(CLI::App& app) override {
    add_mapping_options(app, "Commit to plan against; must be HEAD", false);
    app.add_option("--tag-before", apply_.tag_before,
                   "Create annotated tag NAME at the commit before the reorganization (signed with -S or tag.gpgSign)");
    app.add_option("--branch", apply_.branch, "Create branch NAME at HEAD, commit there and check it out");
    app.add_option("-m,--message", apply_.message, "Subject of the \"Move files\" commit");
    app.add_flag("-s,--signoff", apply_.signoff, "Add a Signed-off-by trailer of the committer to each message (as git commit -s)");
    app.add_flag("--no-verify", apply_.no_verify, "Do not run the pre-commit and commit-msg hooks (as git commit --no-verify)");
    gpg_sign_option_ =
        app.add_option("--gpg-sign", gpg_sign_,
                       "-S[KEYID], --gpg-sign[=KEYID]: sign the commits and the --tag-before tag (the key id only attached)")
            ->type_name("KEYID");
    app.add_flag("--no-gpg-sign", apply_.sign.no_sign,
                 "Do not sign the commits or the tag, whatever commit.gpgSign and tag.gpgSign say");
    app.add_flag("--gpg-sign-default", gpg_sign_default_, "-S or --gpg-sign alone (main.cpp)")->group("");
    auto* cont = app.add_flag("--continue", continue_, "Finish an interrupted apply");
    auto* abort = app.add_flag("--abort", abort_, "Undo an interrupted apply, restoring the previous state");
    cont->excludes(abort);
    add_format_option(app, format_, "Diagnostics as text (stderr) or github annotations (stdout)", {"text", "github"});
  }

  int run(const GlobalOptions& global) override {
    apply_.hooks = fault_hooks_from_env();
    if (gpg_sign_option_->count() > 0) apply_.sign.key = gpg_sign_;
    if (gpg_sign_default_) apply_.sign.key = "";
    git::Repository repo = git::Repository::locate(".");
    if (continue_ || abort_) return recover(repo, global);
    if (mapping_.empty()) return environment_error("apply needs a MAPPING file (or --continue / --abort)");
    if (!mapping_readable(mapping_)) return kExitUsage;
    exec::check_repository(repo, apply_);  // fail fast; apply_plan checks again just before it writes

    // Load, plan, rewrite and verify in memory; no write unless all of it is clean.
    diag::Sink sink;
    pipeline::Migration m = pipeline::prepare_migration(repo, mapping_, options_, sink);
    sink.sort();
    if (format_ == "github")
      write_output("-", diag::render_github(sink, github_style()));
    else
      print_diagnostics(sink, global);
    if (sink.has_errors()) {
      fmt::print(stderr, "git-reorg: error: the mapping has problems; nothing was changed\n");
      return kExitProblems;
    }
    const plan::RepositoryPlan& rp = m.plan;

    // Execute: the only step that writes.
    static const std::vector<rewrite::FileRewrite> kNoEdits;
    std::vector<std::vector<rewrite::FileRewrite>> import_changes;
    for (const rewrite::ReferenceRewrite& ir : m.import_references) import_changes.push_back(ir.files);
    exec::ApplyResult r =
        exec::apply_plan(repo, rp, m.references ? std::as_const(m.references->files) : kNoEdits, apply_, import_changes);
    report(repo, r, global, report::moved_and_edited(m.references ? &*m.references : nullptr));
    return kExitOk;
  }

 private:
  std::string gpg_sign_;
  bool gpg_sign_default_ = false;
  CLI::Option* gpg_sign_option_ = nullptr;

  int recover(const git::Repository& repo, const GlobalOptions& global) {
    if (!exec::apply_in_progress(repo)) {
      if (exec::remove_leftovers(repo) && !global.quiet)
        fmt::print(stderr, "git-reorg: removed what a git-reorg killed before it changed anything (or after it had "
                           "finished) left in the git dir\n");
      return environment_error("no interrupted apply to continue or abort");
    }
    if (abort_) {
      exec::abort_apply(repo, apply_.hooks);
      if (!global.quiet) fmt::print("Aborted: HEAD, index and work tree are back to where they were.\n");
      return kExitOk;
    }
    exec::ApplyResult r = exec::continue_apply(repo, apply_.hooks);
    report(repo, r, global);
    return kExitOk;
  }

  // `moved_and_edited`: files whose history a squash merge would break (unknown after --continue).
  void report(const git::Repository& repo, const exec::ApplyResult& r, const GlobalOptions& global,
              std::optional<std::size_t> moved_and_edited = {}) {
    if (r.nothing_to_do) {
      if (!global.quiet) fmt::print("nothing to do: the repository already has the new layout\n");
      return;
    }
    if (global.quiet) return;
    if (r.renames > 0)
      fmt::print("Moved {} files with {} renames ({} of whole directories).\n", r.moved_files, r.renames, r.directory_renames);
    if (!r.carried.empty()) {
      fmt::print("Untracked and ignored paths moved along ({}):\n", r.carried.size());
      for (std::size_t k = 0; k < r.carried.size(); ++k) fmt::print("  {} -> {}\n", r.carried[k], r.carried_to[k]);
    }
    // Named by their subjects: after --continue the result does not say which commits are imports.
    std::size_t own = r.commits.size() - r.imports.size();
    for (std::size_t k = 0; k < own; ++k) {
      std::string message = git::read_commit(repo, r.commits[k]).message;
      fmt::print("Committed {} {} on {}\n", r.commits[k].substr(0, 12), message.substr(0, message.find('\n')), r.target_ref);
    }
    for (const exec::AppliedImport& i : r.imports)
      fmt::print("Committed {} Import {} on {}: {} files ({} with rewritten references), {} commits of its history written "
                 "({} empty left out){}\n",
                 i.merge.substr(0, 12), i.name, r.target_ref, i.files, i.edited, i.rewritten, i.emptied,
                 i.commit_map.empty() ? "" : "; commit map: " + shown_path(i.commit_map));
    fmt::print("To undo: git reset --hard ORIG_HEAD   (ORIG_HEAD = {})\n", r.old_head.substr(0, 12));
    std::vector<std::string> edits = exec::reference_commits(repo, r);
    if (!moved_and_edited || *moved_and_edited > 0) {
      bool one = moved_and_edited && *moved_and_edited == 1;
      fmt::print(
          "Warning: merge this change with a merge commit or a rebase, not a squash: squashed, {} {} that {}\n"
          "both moved and edited can lose {} history (git would no longer see {} as {}).\n",
          moved_and_edited ? fmt::to_string(*moved_and_edited) : std::string("the"), one ? "file" : "files", one ? "is" : "are",
          one ? "its" : "their", one ? "it" : "them", one ? "a rename" : "renames");
    } else if (!edits.empty()) {  // as the plan says it: no history at stake, only the commit blame can skip
      fmt::print(
          "Note: no moved file is edited, so a squash merge would keep every rename exact, but would fold the\n"
          "reference updates into the moves: .git-blame-ignore-revs could no longer name them.\n");
    }
    if (edits.empty()) return;
    fmt::print("After the merge, hide the reference edits from git blame and GitHub's blame view (commit the file):\n");
    for (const std::string& id : edits) fmt::print("  echo {} >> .git-blame-ignore-revs\n", id);
    fmt::print(
        "These ids hold only if the pull request is merged with a merge commit: a squash, or GitHub's \"Rebase and\n"
        "merge\" (which rewrites every commit), gives them new ids; then take the ids from the merged branch.\n"
        "Local git blame reads the file after: git config blame.ignoreRevsFile .git-blame-ignore-revs\n");
  }

  exec::ApplyOptions apply_;
  bool continue_ = false;
  bool abort_ = false;
};

}  // namespace

std::unique_ptr<Command> make_apply_command() { return std::make_unique<ApplyCommand>(); }

}  // namespace gitreorg::cli
