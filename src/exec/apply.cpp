// The apply driver, one numbered step per stage (see Step in apply.hpp):
//   checks -> objects (1) -> journal (2) -> sources out (3) -> empty dirs (4) -> destinations (5)
//   -> content (6) -> index (7) -> refs (8) -> journal removed (9)
// Everything that can refuse runs before step 1, and steps 1-2 change nothing a user sees, so a
// refusal or a crash before step 2 leaves the repository as it was (at most with unreachable
// objects). From step 2 on, the journal lets --continue finish and --abort undo.
#include "gitreorg/exec/apply.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <system_error>

#include "gitreorg/core/path.hpp"
#include "gitreorg/core/progress.hpp"
#include "gitreorg/exec/commit_hooks.hpp"
#include "gitreorg/exec/commit_signing.hpp"
#include "gitreorg/exec/disk.hpp"
#include "gitreorg/exec/disk_moves.hpp"
#include "gitreorg/exec/gc_hold.hpp"
#include "gitreorg/exec/import_history.hpp"
#include "gitreorg/exec/journal.hpp"
#include "gitreorg/exec/locks.hpp"
#include "gitreorg/exec/submodules.hpp"
#include "gitreorg/git/filter.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/refs.hpp"
#include "gitreorg/git/signature.hpp"
#include "gitreorg/git/signed_commit.hpp"
#include "gitreorg/git/signed_tag.hpp"
#include "gitreorg/git/state.hpp"
#include "gitreorg/git/write.hpp"

namespace gitreorg::exec {
namespace {

namespace fs = std::filesystem;

constexpr core::ExitCode kEnv = core::kExitUsage;       // the environment: a variable, a full disk, a name
constexpr core::ExitCode kRefused = core::kExitRefused;  // refusals caused by the repository's state
constexpr core::ExitCode kPlan = core::kExitProblems;  // refusals caused by the mapping or the plan

void step_done(const ApplyHooks& hooks, int step) {
  if (hooks.after_step) hooks.after_step(static_cast<Step>(step));
}

// The mapping's path as the commit message names it: relative to the work tree when inside it.
std::string short_ref(const std::string& ref) {
  if (ref.rfind("refs/heads/", 0) == 0) return ref.substr(11);
  if (ref.rfind("refs/tags/", 0) == 0) return ref.substr(10);
  return ref;
}

std::string move_commit_message(const plan::RepositoryPlan& rp, const std::string& mapping, const std::string& subject,
                                bool has_second) {
  std::string msg = (subject.empty() ? std::string("Move files") : subject) + "\n\n";
  msg += fmt::format("Reorganize the layout following {}: {} file{} moved, no content changed", mapping, rp.plan.moved_files,
                     rp.plan.moved_files == 1 ? "" : "s");
  msg += has_second ? " (references are updated in the next commit).\n\n" : ".\n\n";
  for (const plan::RuleSummary& s : rp.plan.rules) {
    const mapping::Rule& r = rp.mapping.rules[static_cast<std::size_t>(s.rule)];
    std::string what = r.kind == mapping::Rule::Kind::match ? "match " + r.from : r.from;
    msg += fmt::format("- {} -> {}: {} file{}\n", what, r.to, s.files, s.files == 1 ? "" : "s");
  }
  msg += "\nMerge with a merge commit or a rebase, not a squash: the renames must stay a commit of\n"
         "their own for git to follow the files' history.\n";
  msg += fmt::format("\nReorg-Mapping: {}\nReorg-Mapping-Blob: {}\n", mapping, rp.mapping_blob);
  return msg;
}

std::string references_commit_message(const plan::RepositoryPlan& rp, const std::string& mapping, std::size_t files) {
  return fmt::format(
      "Update references\n\nRewrite the references to moved paths following {}: {} file{} edited.\n\n"
      "Reorg-Mapping: {}\nReorg-Mapping-Blob: {}\n",
      mapping, files, files == 1 ? "" : "s", mapping, rp.mapping_blob);
}

std::string import_commit_message(const plan::RepositoryPlan& rp, const plan::ImportPlan& ip, const ImportedHistory& h,
                                  const std::string& mapping) {
  const mapping::Import& imp = rp.mapping.imports[ip.import];
  bool rewrite = imp.history == mapping::Import::History::rewrite;
  std::string msg = fmt::format("Import {}\n\nMerge {} ({} at {}, {}) into the new layout following {}: {} file{}", imp.name,
                                imp.name, imp.repo, imp.ref, ip.commit, mapping, h.files.size(), h.files.size() == 1 ? "" : "s",
                                ip.dropped.empty() ? "" : fmt::format(", {} dropped", ip.dropped.size()));
  if (rewrite)
    msg += fmt::format(
        ".\n\nIts history is rewritten so that every file is at its new path in every commit ({} commits, {} that "
        "became empty left out); each rewritten commit names its original in a {} trailer, and\n"
        ".git/reorg-imports/{}.map maps the old ids to the new ones.\n",
        h.rewritten, h.emptied, kOriginalCommitTrailer, imp.name);
  else
    msg += ".\n\nIts history is kept as it is; the commit below this merge moves its files to their new paths.\n";
  msg += fmt::format("\nReorg-Mapping: {}\nReorg-Mapping-Blob: {}\nReorg-Import: {}\nReorg-Import-Commit: {}\n", mapping,
                     rp.mapping_blob, imp.name, ip.commit);
  return msg;
}

fs::path commit_map_path(const fs::path& gitdir, const std::string& name) { return gitdir / "reorg-imports" / (name + ".map"); }

core::BlobReader blob_reader(const git::Repository& repo) {
  return [&repo](const std::string& id) { return repo.read_blob(id); };
}

// How the blobs of `op` look in the work tree: a file's through the repository's filters (eol,
// core.autocrlf, ident) as checkout writes it, with the attributes of the commit it belongs to (the
// new one when done, the old HEAD when undone); a symlink's target and renames need no reading.
// `known`: contents of blobs apply has in memory (the edited files'), read from there rather than
// inflated again from the pack just written, where no filter applies.
using KnownBlobs = std::unordered_map<std::string, std::string_view>;
core::BlobReader content_reader(const git::Repository& repo, git::CheckoutForm& form, const Journal& j, const FsOp& op,
                                const KnownBlobs* known = nullptr) {
  if ((op.kind != FsOp::Kind::write && op.kind != FsOp::Kind::create) || op.raw) return blob_reader(repo);
  std::string path = fs::path(op.from).lexically_relative(repo.workdir()).generic_string();
  return [&repo, &form, &j, &op, path, known](const std::string& id) {
    bool old = op.kind == FsOp::Kind::write && id == op.old_blob;
    if ((old ? op.old_mode : op.mode) == core::kModeSymlink) return repo.read_blob(id);
    const std::string& commit = old ? j.old_head : j.new_commit();
    if (known)
      if (auto it = known->find(id); it != known->end() && !form.may_filter(path, commit)) return std::string(it->second);
    return form.read(id, path, commit);
  };
}

// Runs `change`, which takes the git locks `names`: refused when another process holds one, and
// recorded before and after (so that recovery knows a lock file its killed run left behind).
void locked(LockLog& log, const git::Repository& repo, const ApplyHooks& hooks, const std::vector<std::string>& names,
            const std::function<void()>& change) {
  check_unlocked(repo, names);
  log.taking(names);
  if (hooks.holding_lock)
    for (const std::string& n : names) hooks.holding_lock(git::lock_file(repo, n));
  change();
  log.released(names);
}

// Steps 3-9, shared by apply and --continue: the filesystem operations from `progress` on, then
// the index, the refs and the journal's removal. Each part is idempotent.
void carry_out(const git::Repository& repo, const Journal& j, const ApplyHooks& hooks, const KnownBlobs* known = nullptr) {
  fs::path gitdir = repo.gitdir();
  RealDisk disk;
  git::CheckoutForm form(repo);
  std::size_t done = std::min(read_progress(gitdir), j.ops.size());
  ProgressFile progress(gitdir);
  // The operation a crash may have cut short: it either happened or did not.
  if (done < j.ops.size() && is_done(disk, j.ops[done], content_reader(repo, form, j, j.ops[done], known))) {
    progress.advance();
    ++done;
  }
  int last_step = kStepJournal;
  auto reach = [&](int step) {  // the steps whose operations are all done
    for (; last_step < step; ++last_step) step_done(hooks, last_step + 1);
  };
  core::Progress shown("Updating files", j.ops.size());
  shown.add(done);
  const std::size_t first = done;  // the only one a killed run may have started: the others have no temporary file
  for (std::size_t k = 0; k < j.ops.size(); ++k) {
    if (k < done) continue;
    shown.add();
    reach(j.ops[k].step - 1);
    if (hooks.mid_write) disk.mid_write = [&hooks, k] { hooks.mid_write(k + 1); };
    do_op(disk, j.ops[k], content_reader(repo, form, j, j.ops[k], known), k == first);
    progress.advance();
    if (hooks.after_op) hooks.after_op(k + 1);
  }
  remove_temp_files(disk, j.ops);
  reach(kStepContent);

  LockLog locks(gitdir);
  locked(locks, repo, hooks, {"index"}, [&] { git::write_index_for_tree(repo, j.new_tree); });
  step_done(hooks, kStepIndex);

  std::string message = fmt::format("git-reorg apply {}", j.mapping);
  if (!j.tag_ref.empty() && git::read_ref(repo, j.tag_ref) != j.tag_object)
    locked(locks, repo, hooks, {j.tag_ref}, [&] { git::update_ref(repo, j.tag_ref, j.tag_object, std::nullopt, message); });
  std::optional<std::string> current = git::read_ref(repo, j.target_ref);
  if (current != j.new_commit())
    locked(locks, repo, hooks, {j.target_ref}, [&] {
      if (j.branch_created)
        git::update_ref(repo, j.target_ref, j.new_commit(), std::nullopt, fmt::format("branch: created by {}", message));
      else
        git::update_ref(repo, j.target_ref, j.new_commit(), j.old_head, message);
    });
  if (j.target_ref != j.head_ref)
    locked(locks, repo, hooks, {"HEAD"}, [&] {
      std::string from = j.head_ref.empty() ? j.old_head : short_ref(j.head_ref);
      git::set_head_to_branch(repo, j.target_ref, fmt::format("checkout: moving from {} to {}", from, short_ref(j.target_ref)));
    });
  locked(locks, repo, hooks, {"ORIG_HEAD"}, [&] { git::update_ref(repo, "ORIG_HEAD", j.old_head, std::nullopt, message, true); });
  step_done(hooks, kStepRefs);

  remove_journal(gitdir);
  step_done(hooks, kStepDone);
}

// Writes the objects so far as one pack (PackWriter::write_pack).
void write_objects(git::PackWriter& pack) {
  try {
    pack.write_pack();
  } catch (const std::exception& e) {
    throw ApplyError(fmt::format("cannot write the new objects: {}", e.what()), kEnv);
  }
}

// After a failure past step 1: undo what was done, as --abort would, and say so; when the undo fails
// too, say that an apply is in progress and how to finish it.
[[noreturn]] void roll_back(const git::Repository& repo, bool journaled, const std::string& what, const ApplyHooks& hooks) {
  if (!journaled) {
    remove_journal(repo.gitdir());
    throw ApplyError(fmt::format("apply failed: {}", what), kEnv);
  }
  if (!journal_exists(repo.gitdir())) throw core::Error(fmt::format("{} (after the apply had finished)", what), kEnv);
  try {
    abort_apply(repo, hooks);
  } catch (const std::exception& e) {
    throw core::Error(fmt::format("apply failed: {}", what), core::kExitInProgress,
                     {fmt::format("rolling back failed too: {}", e.what()),
                      "an apply is in progress: run `git reorg apply --abort` to undo it or `git reorg apply --continue` to "
                      "finish it"});
  }
  throw ApplyError(fmt::format("apply failed: {}", what), kEnv,
                   {"rolled back: HEAD, refs, index and work tree are as they were"});
}

// Variables with which git puts the index, the objects or the refs somewhere else than the git dir
// libgit2 opened. libgit2 reads none of them (only git_repository_open_from_env would, and that one
// knows neither GIT_WORK_TREE nor GIT_COMMON_DIR), and apply's journal, locks, index backup and staged
// pack are paths in the git dir: honouring them would mean threading a second location through every
// step and its recovery. So a new apply refuses them, unless one names exactly the place apply uses
// anyway (a hook that exports GIT_INDEX_FILE=.git/index). Relative values are from the top of the work
// tree, as git reads them.
std::optional<std::string> relocating_variable(const git::Repository& repo) {
  fs::path own_objects = repo.commondir() / "objects";
  auto same = [&](const std::string& value, const fs::path& own) {
    std::error_code ec;
    fs::path p = fs::path(value).is_relative() ? repo.workdir() / value : fs::path(value);
    return fs::equivalent(p, own, ec) && !ec;
  };
  auto value_of = [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  };
  if (auto v = value_of("GIT_INDEX_FILE"); v && !same(*v, repo.gitdir() / "index"))
    return fmt::format("GIT_INDEX_FILE is set (`{}`): apply writes the repository's own index, {}", *v,
                       (repo.gitdir() / "index").string());
  if (auto v = value_of("GIT_OBJECT_DIRECTORY"); v && !same(*v, own_objects))
    return fmt::format("GIT_OBJECT_DIRECTORY is set (`{}`): apply reads and writes the repository's own objects, {}", *v,
                       own_objects.string());
  if (auto v = value_of("GIT_ALTERNATE_OBJECT_DIRECTORIES")) {
    std::string_view rest = *v;
    for (;;) {
      std::size_t colon = rest.find(':');
      std::string entry(rest.substr(0, colon));
      if (!entry.empty() && !same(entry, own_objects))
        return fmt::format("GIT_ALTERNATE_OBJECT_DIRECTORIES is set (`{}`): apply reads only the repository's own objects, "
                           "{}, and the alternates its objects/info/alternates names",
                           *v, own_objects.string());
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  if (auto v = value_of("GIT_COMMON_DIR"); v && !same(*v, repo.commondir()))
    return fmt::format("GIT_COMMON_DIR is set (`{}`): apply reads and writes the refs and objects of {}", *v,
                       repo.commondir().string());
  return std::nullopt;
}

}  // namespace

bool apply_in_progress(const git::Repository& repo) { return journal_exists(repo.gitdir()); }

bool remove_leftovers(const git::Repository& repo) {
  fs::path gitdir = repo.gitdir();
  if (journal_exists(gitdir)) return false;
  std::error_code ec;
  bool any = fs::exists(journal_dir(gitdir), ec) || fs::exists(removed_journal_dir(gitdir), ec) ||
             fs::exists(git::pack_staging_dir(repo), ec) || (fs::exists(temp_dir(gitdir), ec) && fs::is_empty(temp_dir(gitdir), ec));
  git::recover_staged_pack(repo);
  remove_journal(gitdir);  // also .git/reorg-removed, and .git/reorg-tmp when empty
  return any;
}

void check_repository(const git::Repository& repo, const ApplyOptions& options) {
  if (repo.is_bare()) throw ApplyError("this is a bare repository: apply needs a work tree", kEnv);
  fs::path gitdir = repo.gitdir();
  if (journal_exists(gitdir))
    throw ApplyError("a previous apply was interrupted: run `git-reorg apply --continue` to finish it or "
                     "`git-reorg apply --abort` to undo it",
                     core::kExitInProgress);
  if (std::optional<std::string> why = relocating_variable(repo))
    throw ApplyError(*why + "; unset it and run again (nothing was changed)", kEnv);
  // Files in .git/reorg-tmp without a journal: left by an earlier run that lost its journal (or by an
  // older git-reorg). They may be the user's untracked files: never renamed over, never deleted.
  std::error_code ec;
  if (!fs::is_empty(temp_dir(gitdir), ec) && !ec) {
    std::vector<std::string> left;
    for (const fs::directory_entry& e : fs::directory_iterator(temp_dir(gitdir), ec))
      if (left.size() < 10) left.push_back(e.path().string());
    std::sort(left.begin(), left.end());
    throw ApplyError(fmt::format("{} holds files left by an earlier git-reorg run: move them back where they belong (they may "
                                 "be untracked or ignored files of yours) or remove them, then apply again",
                                 temp_dir(gitdir).string()),
                     kRefused, left);
  }
  if (std::string op = git::operation_in_progress(repo); !op.empty())
    throw ApplyError(fmt::format("a {} is in progress: finish or abort it first", op), kRefused);
  git::Head head = git::read_head(repo);
  if (head.unborn) throw ApplyError("HEAD has no commit yet", kRefused);
  if (head.detached && options.branch.empty())
    throw ApplyError("HEAD is detached: check out a branch, or pass --branch NAME to create one", kRefused);
  if (!options.branch.empty()) {
    std::string ref = "refs/heads/" + options.branch;
    if (!git::ref_name_valid(ref)) throw ApplyError(fmt::format("`{}` is not a valid branch name", options.branch), kEnv);
    if (git::read_ref(repo, ref)) throw ApplyError(fmt::format("branch `{}` already exists", options.branch), kRefused);
  }
  if (!options.tag_before.empty()) {
    std::string ref = "refs/tags/" + options.tag_before;
    if (!git::ref_name_valid(ref)) throw ApplyError(fmt::format("`{}` is not a valid tag name", options.tag_before), kEnv);
    if (git::read_ref(repo, ref)) {
      // Made already (the release-pinning step done by hand, or by an earlier run): say where it is,
      // since services pinned to it read that commit's layout, not this one's.
      std::string at = repo.resolve_commit(ref);
      std::string where = "at HEAD";
      if (at != head.commit) {
        auto [ahead, behind] = git::ahead_behind(repo, head.commit, at);
        where = behind ? fmt::format("at {}, not an ancestor of HEAD", at.substr(0, 12))
                       : fmt::format("at {}, {} commit{} before HEAD (the files changed since are not in it)",
                                     at.substr(0, 12), ahead, ahead == 1 ? "" : "s");
      }
      throw ApplyError(fmt::format("tag `{}` already exists, {}: leave out --tag-before to keep it as it is, or choose a "
                                   "new name (git tag -d removes it locally; one pushed stays on the remote)",
                                   options.tag_before, where),
                       kRefused);
    }
  }
  // The locks apply takes: held now, another git process is at work (or crashed and left them).
  std::vector<std::string> locks = {"index", "HEAD", "ORIG_HEAD"};
  if (!head.detached) locks.push_back(head.ref);
  if (!options.branch.empty()) locks.push_back("refs/heads/" + options.branch);
  if (!options.tag_before.empty()) locks.push_back("refs/tags/" + options.tag_before);
  for (const std::string& name : locks)
    if (fs::path lock = git::lock_file(repo, name); fs::exists(fs::symlink_status(lock)))
      throw ApplyError(fmt::format("{} exists: another git process is running (or crashed; then remove the file)", lock.string()),
                       kRefused);
}

ApplyResult apply_plan(const git::Repository& repo, const plan::RepositoryPlan& rp,
                       const std::vector<rewrite::FileRewrite>& changes, const ApplyOptions& options,
                       const std::vector<std::vector<rewrite::FileRewrite>>& import_changes) {
  // Checks: everything that can refuse, before anything is written.
  check_repository(repo, options);
  git::Head head = git::read_head(repo);
  if (rp.commit != head.commit)
    throw ApplyError(fmt::format("the plan is for {} but HEAD is {}: apply works on HEAD", rp.commit, head.commit), kRefused);
  ApplyResult result;
  result.old_head = head.commit;
  result.moved_files = rp.plan.moved_files;
  std::vector<const plan::ImportPlan*> imports;
  for (const plan::ImportPlan& ip : rp.imports)
    if (ip.merged_by.empty()) imports.push_back(&ip);
  for (const plan::ImportPlan* ip : imports)
    if (rp.mapping.imports[ip->import].history == mapping::Import::History::rewrite && ip->plan.files.empty())
      throw ApplyError(fmt::format("import `{}` keeps no file", rp.mapping.imports[ip->import].name), kPlan);
  bool host_changes = rp.plan.moved_files > 0 || !changes.empty();
  if (!host_changes && imports.empty()) {
    result.nothing_to_do = true;
    return result;
  }
  // Before the status check, whose "modified" would be the wrong reason for these two.
  if (git::config_bool(repo, "core.sparseCheckout", false))
    throw ApplyError("this work tree is a sparse checkout (core.sparseCheckout): apply needs every tracked file in it; run "
                     "`git sparse-checkout disable`, apply, then `git sparse-checkout reapply` with the new paths",
                     kRefused);
  if (git::config_bool(repo, "core.ignorecase", false)) {
    std::vector<std::string> case_only;
    for (const plan::PlannedFile& f : rp.plan.files)
      if (f.moved() && core::iequals(f.old_path, f.new_path) && case_only.size() < 10)
        case_only.push_back(fmt::format("{} -> {}", f.old_path, f.new_path));
    if (!case_only.empty())
      throw ApplyError("case-only renames on a case-insensitive file system (core.ignorecase) are not supported: rename "
                       "through another name in two mappings (`Docs` -> `docs.tmp`, then `docs.tmp` -> `docs`)",
                       kPlan, case_only);
  }
  if (auto changed = git::changed_tracked_paths(repo, 10); !changed.empty())
    throw ApplyError("tracked files are modified or staged: commit or stash them first", kRefused, changed);
  fs::path workdir = repo.workdir(), gitdir = repo.gitdir();
  DiskPlan disk = plan_disk_moves(rp, workdir, RealDisk());
  // Imported files are new: nothing may be at their paths yet, nor a file where they need a directory.
  std::vector<std::string> in_the_way;
  for (const plan::ImportPlan* ip : imports)
    for (const plan::PlannedFile& f : ip->plan.files) {
      if (RealDisk().kind(workdir / f.new_path) != FileKind::missing) in_the_way.push_back(f.new_path);
      for (std::string_view p = core::parent_dir(f.new_path); !p.empty(); p = core::parent_dir(p))
        if (RealDisk().kind(workdir / std::string(p)) == FileKind::other) in_the_way.push_back(std::string(p));
    }
  for (std::string& p : in_the_way) disk.collisions.push_back(fmt::format("`{}` is in the way of an imported file", p));
  if (!disk.collisions.empty())
    throw ApplyError("the work tree is in the way of the new layout", kRefused, disk.collisions);
  std::vector<SubmoduleFile> submodules;
  try {
    submodules = submodule_files(rp, workdir, gitdir);
  } catch (const core::Error& e) {
    throw ApplyError(e.what(), e.exit_code());
  }
  const std::string& mapping = rp.mapping_display_name();
  git::Signature author = git::signature_for(repo, "AUTHOR");
  git::Signature committer = git::signature_for(repo, "COMMITTER");

  // Step 1: objects, kept in memory and written as one pack at the end of the step. The first tree is
  // the old one with every file at its new path, same blob and mode.
  GcHold gc(repo.commondir());  // until the refs name the new objects
  git::PackWriter pack(repo);
  Journal j;
  j.work_tree = workdir.string();
  j.git_dir = gitdir.string();
  j.mapping = mapping;
  j.old_head = head.commit;
  j.head_ref = head.detached ? "" : head.ref;
  j.branch_created = !options.branch.empty();
  j.target_ref = j.branch_created ? "refs/heads/" + options.branch : head.ref;
  const plan::MoveModel& moves = rp.move_model();
  core::Tree final_tree = moves.new_tree();
  std::string tree1 = git::write_tree(repo, final_tree);
  j.new_tree = tree1;
  std::vector<FsOp> writes;
  KnownBlobs known;  // the edited files' new contents, for step 6
  if (!changes.empty()) {
    std::unordered_map<std::string, std::string> new_blobs;  // old path -> new blob id
    for (const rewrite::FileRewrite& c : changes) {
      const core::TreeEntry* e = moves.entry(c.old_path);
      if (!e || moves.new_path(c.old_path) != c.new_path || c.mode != e->mode)
        throw ApplyError(fmt::format("an edit names `{}` -> `{}`, which is not a file of the plan", c.old_path, c.new_path),
                         kPlan);
      FsOp op{FsOp::Kind::write, kStepContent, (workdir / c.new_path).string(), "", "", "", c.mode, e->mode};
      op.old_blob = e->oid;
      op.blob = git::write_blob(repo, c.new_content);
      if (!c.new_oid.empty() && c.new_oid != op.blob)
        throw ApplyError(fmt::format("the blob written for `{}` is not the one the link check read", c.new_path), kPlan);
      new_blobs.emplace(c.old_path, op.blob);
      known.emplace(op.blob, c.new_content);
      writes.push_back(std::move(op));
    }
    final_tree = moves.new_tree(new_blobs);
    j.new_tree = git::write_tree(repo, final_tree);
  }
  const std::string references_tree = j.new_tree;
  // Moved submodules: their `.git` file and core.worktree, once their directory is at the new path.
  for (const SubmoduleFile& f : submodules) {
    FsOp op{FsOp::Kind::write, kStepContent, f.path, "", git::write_blob(repo, f.new_content), git::write_blob(repo, f.old_content),
            core::kModeFile, core::kModeFile};
    op.raw = true;
    writes.push_back(std::move(op));
  }
  // Each import: its history in the repository's objects, then a merge commit whose tree is the new
  // layout plus its files, so git log and blame on the new paths reach its original commits.
  std::vector<ImportedHistory> histories;
  std::set<std::string> created_dirs(disk.new_dirs.begin(), disk.new_dirs.end());
  std::vector<std::string> import_dirs;
  std::vector<std::string> merge_trees;  // the tree of each import's merge commit
  for (const plan::ImportPlan* ip : imports) {
    ImportedHistory h = import_history(repo, rp.mapping, *ip);
    const std::string& name = rp.mapping.imports[ip->import].name;
    if (h.tip.empty()) throw ApplyError(fmt::format("import `{}`: every commit became empty", name), kPlan);
    // Its references, rewritten on its own side of the merge, so the merge itself changes no content.
    std::size_t at = static_cast<std::size_t>(ip - rp.imports.data());
    if (at < import_changes.size() && !import_changes[at].empty()) {
      std::unordered_map<std::string, std::pair<std::string, std::uint32_t>> edited;  // new path -> blob, mode
      for (const rewrite::FileRewrite& f : import_changes[at]) edited[f.new_path] = {git::write_blob(repo, f.new_content), f.mode};
      for (core::TreeEntry& e : h.files)
        if (auto it = edited.find(e.path); it != edited.end()) std::tie(e.oid, e.mode) = it->second;
      h.tree = git::write_tree(repo, h.files);
      h.edited = edited.size();  // its "Update references of NAME" commit comes with the others, below
    }
    for (const core::TreeEntry& e : h.files) {
      final_tree.push_back(e);
      if (e.mode == core::kModeGitlink) continue;  // a submodule is not checked out, as after a clone
      writes.push_back(FsOp{FsOp::Kind::create, kStepContent, (workdir / e.path).string(), "", e.oid, "", e.mode, 0});
      for (std::string_view p = core::parent_dir(e.path); !p.empty(); p = core::parent_dir(p))
        if (RealDisk().kind(workdir / std::string(p)) == FileKind::missing && created_dirs.insert(std::string(p)).second)
          import_dirs.push_back(std::string(p));
    }
    std::sort(final_tree.begin(), final_tree.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
    j.new_tree = git::write_tree(repo, final_tree);
    merge_trees.push_back(j.new_tree);
    histories.push_back(std::move(h));
  }
  // Shallowest first, as --abort removes them in reverse.
  std::sort(import_dirs.begin(), import_dirs.end(), [](const std::string& a, const std::string& b) {
    auto depth = [](const std::string& s) { return std::count(s.begin(), s.end(), '/'); };
    return depth(a) != depth(b) ? depth(a) < depth(b) : a < b;
  });

  // The commits, as `git commit` makes them: --signoff, then the hooks, then the signature. pre-commit
  // reads the new tree (through a temporary index), so the objects so far are written first; a hook
  // that refuses leaves only unreachable objects, which git gc removes.
  std::optional<CommitSigner> signer = CommitSigner::configured(repo, options.sign, committer);
  CommitHooks hooks(repo, author, options.no_verify);
  if (hooks.before_commit()) {
    write_objects(pack);
    hooks.pre_commit(j.new_tree);
  }
  auto commit = [&](const std::string& tree, const std::vector<std::string>& parents, const std::string& text) {
    std::string message = hooks.message(options.signoff ? append_signoff(text, committer) : text);
    if (!signer) return git::write_commit(repo, tree, parents, author, committer, message);
    return git::write_signed_commit(repo, tree, parents, author, committer, message,
                                    [&](const std::string& buffer) { return signer->sign(buffer); });
  };
  if (host_changes) j.commits.push_back(commit(tree1, {head.commit}, move_commit_message(rp, mapping, options.message, !changes.empty())));
  if (!changes.empty())
    j.commits.push_back(commit(references_tree, {j.commits.back()}, references_commit_message(rp, mapping, changes.size())));
  for (std::size_t k = 0; k < histories.size(); ++k) {
    ImportedHistory& h = histories[k];
    const std::string& name = rp.mapping.imports[h.import].name;
    if (!h.renames_message.empty()) h.tip = commit(h.renames_tree, {h.tip}, h.renames_message);
    if (h.edited)
      h.tip = commit(h.tree, {h.tip},
                     fmt::format("Update references of {}\n\nRewrite the references of the imported files for their new "
                                 "paths following {}: {} file{} edited.\n\nReorg-Mapping: {}\nReorg-Mapping-Blob: {}\n",
                                 name, mapping, h.edited, h.edited == 1 ? "" : "s", mapping, rp.mapping_blob));
    std::string first = j.commits.empty() ? head.commit : j.commits.back();
    j.commits.push_back(commit(merge_trees[k], {first, h.tip}, import_commit_message(rp, *imports[k], h, mapping)));
  }
  if (!options.tag_before.empty()) {
    j.tag_ref = "refs/tags/" + options.tag_before;
    std::string text = fmt::format("The layout before git-reorg applied {}\n", mapping);
    // Signed as `git tag -s` would sign it: -S, or tag.gpgSign (commit.gpgSign signs only commits).
    if (std::optional<CommitSigner> tag_signer = CommitSigner::configured(repo, options.sign, committer, "tag.gpgSign"))
      j.tag_object = git::write_signed_tag_object(repo, options.tag_before, head.commit, committer, text,
                                                  [&](const std::string& buffer) { return tag_signer->sign(buffer); });
    else
      j.tag_object = git::write_tag_object(repo, options.tag_before, head.commit, committer, text);
  }
  write_objects(pack);  // durable before the journal names any of its objects
  step_done(options.hooks, kStepObjects);

  // Step 2: the journal, after a copy of the index (the journal's presence implies the copy).
  // Steps 3-9: work tree, index, refs, done. Any error from here on is rolled back.
  bool journaled = false;
  try {
    remove_journal(gitdir);  // stale progress from an apply that died before writing its journal
    fs::create_directories(journal_dir(gitdir));
    j.index_existed = fs::exists(gitdir / "index");
    if (j.index_existed) fs::copy_file(gitdir / "index", journal_dir(gitdir) / "index.orig", fs::copy_options::overwrite_existing);
    j.orig_head = git::read_ref(repo, "ORIG_HEAD");
    fs::path tmp = temp_dir(gitdir);
    j.ops = rename_ops(disk, workdir, tmp);
    for (FsOp& w : writes) j.ops.push_back(std::move(w));
    // Each write's temporary file, named in the journal before it exists: in our own directory, so
    // no name of the user's can collide with it.
    for (std::size_t k = 0; k < j.ops.size(); ++k)
      if (j.ops[k].kind == FsOp::Kind::write || j.ops[k].kind == FsOp::Kind::create)
        j.ops[k].temp = (tmp / ("file-" + std::to_string(k))).string();
    for (const std::string& d : disk.new_dirs) j.new_dirs.push_back((workdir / d).string());
    for (const std::string& d : import_dirs) j.new_dirs.push_back((workdir / d).string());
    fs::create_directories(tmp);
    save_journal(gitdir, j);
    journaled = true;
    step_done(options.hooks, kStepJournal);
    carry_out(repo, j, options.hooks, &known);
  } catch (const std::exception& e) {
    roll_back(repo, journaled, e.what(), options.hooks);
  }
  hooks.post_commit();

  result.target_ref = j.target_ref;
  result.commits = j.commits;
  result.renames = disk.moves.size();
  result.directory_renames = static_cast<std::size_t>(
      std::count_if(disk.moves.begin(), disk.moves.end(), [](const DiskMove& m) { return m.directory; }));
  result.carried = disk.carried;
  result.carried_to = disk.carried_to;
  // The commit maps, once the apply is done: they describe commits that are now reachable.
  for (std::size_t k = 0; k < histories.size(); ++k) {
    const ImportedHistory& h = histories[k];
    AppliedImport a;
    a.name = rp.mapping.imports[h.import].name;
    a.merge = j.commits[j.commits.size() - histories.size() + k];
    a.tip = h.tip;
    a.files = h.files.size();
    a.rewritten = h.rewritten;
    a.emptied = h.emptied;
    a.edited = h.edited;
    fs::path map = commit_map_path(gitdir, a.name);
    try {
      fs::create_directories(map.parent_path());
      std::ofstream(map, std::ios::binary | std::ios::trunc) << commit_map_text(h);
      a.commit_map = map.string();
    } catch (const std::exception&) {  // the import is done; only the map is missing (the trailers say the same)
    }
    result.imports.push_back(std::move(a));
  }
  return result;
}

// Recovery, before it changes anything: the lock files our killed run left go, and any other lock of
// those recovery takes refuses (another process is at work).
void clear_locks_for_recovery(const git::Repository& repo, const Journal& j, bool abort) {
  remove_own_stale_locks(repo);
  std::vector<std::string> names = {"index", "HEAD", "ORIG_HEAD", j.target_ref};
  if (!j.tag_ref.empty()) names.push_back(j.tag_ref);
  if (abort) names.push_back("packed-refs");  // deleting a ref may rewrite packed-refs
  check_unlocked(repo, names);
}

ApplyResult continue_apply(const git::Repository& repo, const ApplyHooks& hooks) {
  Journal j = load_journal(repo.gitdir(), repo.workdir());
  if (read_abort_start(repo.gitdir()))
    throw core::Error("an earlier `git reorg apply --abort` was interrupted: run `git reorg apply --abort` again to finish it",
                      core::kExitInProgress);
  clear_locks_for_recovery(repo, j, false);
  GcHold gc(repo.commondir());
  carry_out(repo, j, hooks);
  // The interrupted run never reached its post-commit hook: run it now the commits are on the
  // branch, as the run would have (git runs post-commit even under --no-verify). Only it is looked up.
  if (!j.commits.empty()) CommitHooks(repo, git::read_commit(repo, j.commits.back()).author, /*no_verify=*/true).post_commit();
  ApplyResult r;
  r.old_head = j.old_head;
  r.target_ref = j.target_ref;
  r.commits = j.commits;
  return r;
}

void abort_apply(const git::Repository& repo, const ApplyHooks& hooks) {
  fs::path gitdir = repo.gitdir();
  Journal j = load_journal(gitdir, repo.workdir());
  clear_locks_for_recovery(repo, j, true);
  GcHold gc(repo.commondir());
  RealDisk disk;
  git::CheckoutForm form(repo);

  // Refs first: HEAD, the branch, the tag and ORIG_HEAD go back to what they were (each skipped
  // when already there, so a second --abort after a kill redoes nothing twice).
  std::string message = fmt::format("git-reorg apply --abort {}", j.mapping);
  LockLog locks(gitdir);
  if (j.target_ref != j.head_ref)
    locked(locks, repo, hooks, {"HEAD"}, [&] {
      if (j.head_ref.empty())
        git::set_head_detached(repo, j.old_head, message);
      else
        git::set_head_to_branch(repo, j.head_ref, message);
    });
  if (j.branch_created) {
    if (git::read_ref(repo, j.target_ref))
      locked(locks, repo, hooks, {j.target_ref, "packed-refs"}, [&] { git::delete_ref(repo, j.target_ref); });
  } else if (git::read_ref(repo, j.target_ref) == j.new_commit()) {
    locked(locks, repo, hooks, {j.target_ref}, [&] { git::update_ref(repo, j.target_ref, j.old_head, j.new_commit(), message); });
  }
  if (!j.tag_ref.empty() && git::read_ref(repo, j.tag_ref) == j.tag_object)
    locked(locks, repo, hooks, {j.tag_ref, "packed-refs"}, [&] { git::delete_ref(repo, j.tag_ref); });
  if (j.orig_head)
    locked(locks, repo, hooks, {"ORIG_HEAD"},
           [&] { git::update_ref(repo, "ORIG_HEAD", *j.orig_head, std::nullopt, message, true); });
  else if (git::read_ref(repo, "ORIG_HEAD"))
    locked(locks, repo, hooks, {"ORIG_HEAD", "packed-refs"}, [&] { git::delete_ref(repo, "ORIG_HEAD"); });

  if (hooks.after_abort_step) hooks.after_abort_step(kAbortRefs);

  // The filesystem operations, undone in reverse. Where the undoing starts is decided once, by the
  // first --abort (the last recorded operation may not have happened, the one after it may have),
  // and every undo is counted in `undone`, so a killed --abort resumes exactly where it stopped.
  std::optional<std::size_t> start = read_abort_start(gitdir);
  if (!start) {
    std::size_t done = std::min(read_progress(gitdir), j.ops.size());
    // The operation after the last recorded one is undone too when it happened, or when it is a write
    // a kill tore (in place: neither the old content nor the new); undoing a write writes the old one.
    if (done < j.ops.size()) {
      const FsOp& next = j.ops[done];
      core::BlobReader read = content_reader(repo, form, j, next);
      if (is_done(disk, next, read) || (next.kind == FsOp::Kind::write && !is_undone(disk, next, read))) ++done;
    }
    save_abort_start(gitdir, done);
    start = done;
  }
  std::size_t undone = std::min(read_progress(gitdir, kUndone), *start);
  ProgressFile undo_progress(gitdir, kUndone);
  std::size_t k = *start - undone;
  if (k > 0 && is_undone(disk, j.ops[k - 1], content_reader(repo, form, j, j.ops[k - 1]))) {  // an undo a crash cut short
    undo_progress.advance();
    --k;
  }
  while (k-- > 0) {
    undo_op(disk, j.ops[k], content_reader(repo, form, j, j.ops[k]));
    undo_progress.advance();
    if (hooks.after_undo) hooks.after_undo(*start - k);
  }
  remove_temp_files(disk, j.ops);  // of the write a crash cut short, or of an undo
  for (auto it = j.new_dirs.rbegin(); it != j.new_dirs.rend(); ++it) {
    try {
      disk.remove_empty_dir(*it);
    } catch (const std::runtime_error&) {  // a directory we created but cannot remove stays: nothing is lost
    }
  }
  if (hooks.after_abort_step) hooks.after_abort_step(kAbortWorkTree);

  // The index as it was.
  fs::path backup = journal_dir(gitdir) / "index.orig";
  check_unlocked(repo, {"index"});  // a git process writing the index would overwrite what is restored
  if (j.index_existed && fs::exists(backup)) {
    fs::copy_file(backup, gitdir / "index.git-reorg", fs::copy_options::overwrite_existing);
    fs::rename(gitdir / "index.git-reorg", gitdir / "index");
  } else if (!j.index_existed) {
    std::error_code ec;
    fs::remove(gitdir / "index", ec);
  }
  // The files written back have new stat data: without a refresh, the restored index is stale and the
  // next `git status` rewrites it.
  if (j.index_existed) locked(locks, repo, hooks, {"index"}, [&] { git::refresh_index(repo); });
  if (hooks.after_abort_step) hooks.after_abort_step(kAbortIndex);
  remove_journal(gitdir);
}

std::vector<std::string> reference_commits(const git::Repository& repo, const ApplyResult& result) {
  auto subject = [](const git::CommitInfo& c) { return c.message.substr(0, c.message.find('\n')); };
  std::vector<std::string> out;
  for (const std::string& id : result.commits) {
    git::CommitInfo c = git::read_commit(repo, id);
    if (subject(c) == "Update references") out.push_back(id);
    if (c.parents.size() == 2 && subject(git::read_commit(repo, c.parents[1])).rfind("Update references of ", 0) == 0)
      out.push_back(c.parents[1]);
  }
  return out;
}

}  // namespace gitreorg::exec
