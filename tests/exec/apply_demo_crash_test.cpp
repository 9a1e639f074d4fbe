// Issue 15: the crash test on the demo repository. `apply`, `--continue` and `--abort` are killed at
// their seams (the GITREORG_FAULT_* variables of src/cli/apply_command.cpp: after each step, each
// journaled operation, each temporary file, each undo, each step of --abort, and holding each git lock)
// on the repository `make-demo-repo --scale 2` builds, with the sibling mappings/demo.yaml imports
// (`make-demo-repo --sibling`) and an untracked and an ignored file inside a moved directory and at the
// root. Git is the oracle: each end state is the untouched repository or the one a clean apply gives
// (fixed dates, so commit ids match): HEAD, ORIG_HEAD, every ref, `git ls-files -s`, `git status
// --porcelain --ignored`, every path, mode and content of the work tree; in the direction asked for;
// an index that needs no refresh (`git diff-files`), `git fsck --strict` clean, no lock, no journal, no
// temporary file, nothing in objects/pack git would not use; the sibling untouched.
//
// The demo's journal has 154 operations: 52 of steps 3-5 (48 renames, 4 emptied directories removed),
// every one of them a kill point, and 102 file writes (step 6: 84 edited files, 18 imported), which do
// the same thing each: the first and last of each kind and every 8th are kill points (sampled deterministically;
// GITREORG_DEMO_CRASH_FULL=1 takes every write, about three times as long). Run alone:
// `gitreorg_tests "[demo-crash]"` or `ctest -R 'demo crash'`.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <unistd.h>

#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"
#include "support/work_tree_snapshot.hpp"

namespace {

namespace fs = std::filesystem;
using gitreorg::testing::CommandResult;
using gitreorg::testing::kFaultKilled;
using gitreorg::testing::run_command;

// What git sees of the repository, and its work tree.
struct State {
  std::string head, orig_head, refs, entries, status;
  std::map<std::string, std::string> tree;
  bool operator==(const State&) const = default;
};

struct Fault {
  std::string var, value;
};

// In memory when the machine has /dev/shm: the test copies the repository some 300 times, 15 times
// faster there than on a disk (what a kill leaves does not depend on the file system).
fs::path scratch_parent() {
  std::error_code ec;
  if (fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0) return "/dev/shm";
  return fs::temp_directory_path();
}

// The demo repository and its two reference states, built once per process. Every run happens at
// the same path (`work`, beside the sibling the mapping names as ../demo-inference): a journal is
// refused anywhere else.
class DemoCrash {
 public:
  DemoCrash() : scratch_("gitreorg-demo-crash", scratch_parent()) {
    fs::create_directories(scratch_.path());
    work_ = scratch_.path() / "work";
    sibling_ = scratch_.path() / "demo-inference";
    mapping_ = std::string(GITREORG_SOURCE_DIR) + "/mappings/demo.yaml";
    REQUIRE(run_command({GITREORG_DEMO_PATH, "--sibling", sibling_.string()}).exit_code == 0);
    REQUIRE(run_command({GITREORG_DEMO_PATH, template_dir().string(), "--scale", "2"}).exit_code == 0);
    std::ofstream(template_dir() / "3.test_cases/pytorch/FSDP/untracked-notes.txt") << "notes\n";
    fs::create_directories(template_dir() / "3.test_cases/pytorch/FSDP/logs");  // logs/ is ignored
    std::ofstream(template_dir() / "3.test_cases/pytorch/FSDP/logs/run.log") << "log\n";
    std::ofstream(template_dir() / "scratch.txt") << "scratch\n";
    fs::create_directories(template_dir() / "__pycache__");
    std::ofstream(template_dir() / "__pycache__/cache.pyc") << "pyc\n";
    sibling_refs_ = sibling_git({"for-each-ref"}) + sibling_git({"status", "--porcelain", "--ignored"});

    reset_to(template_dir());
    untouched_ = state();
    REQUIRE(untouched_.status.find("?? 3.test_cases/pytorch/FSDP/untracked-notes.txt\n") != std::string::npos);
    REQUIRE(untouched_.status.find("!! 3.test_cases/pytorch/FSDP/logs/\n") != std::string::npos);
    REQUIRE(untouched_.status.find("?? scratch.txt\n") != std::string::npos);
    REQUIRE(untouched_.status.find("!! __pycache__/\n") != std::string::npos);
    CommandResult clean = apply({});
    INFO(clean.out << clean.err);
    REQUIRE(clean.exit_code == 0);
    migrated_ = state();
    REQUIRE(migrated_.head != untouched_.head);
    REQUIRE(migrated_.status.find("!! __pycache__/\n") != std::string::npos);

    // The crashed states recovery starts from: the journal written and nothing done (after step 2),
    // everything done but the journal's removal (after step 8). The journal's operations, by step.
    for (int step : {2, 8}) {
      reset_to(template_dir());
      REQUIRE(apply({"GITREORG_FAULT_AFTER_STEP", std::to_string(step)}).exit_code == kFaultKilled);
      if (step == 2) {
        nlohmann::json j = nlohmann::json::parse(read(work_ / ".git/reorg/journal"));
        for (const auto& op : j["ops"]) ops_.push_back({op["step"].get<int>(), op["op"].get<std::string>()});
      }
      fs::rename(work_, crashed(step));
    }
  }

  struct Op {
    int step;
    std::string kind;  // rename, mkdir, rmdir, write, create, ...
  };
  const std::vector<Op>& ops() const { return ops_; }
  fs::path crashed(int step) const { return scratch_.path() / ("crashed-after-step-" + std::to_string(step)); }
  fs::path template_dir() const { return scratch_.path() / "template"; }
  const fs::path& work() const { return work_; }

  // The 1-based numbers of the operations a test kills at: every one outside step 6, and of step 6's
  // writes the first and last of each kind and every 8th (all of them under GITREORG_DEMO_CRASH_FULL).
  std::vector<std::size_t> sampled_ops() const {
    const char* full = std::getenv("GITREORG_DEMO_CRASH_FULL");
    bool all = full && std::string(full) == "1";
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < ops_.size(); ++k) {
      bool write = ops_[k].step == 6;
      bool first = k == 0 || ops_[k - 1].kind != ops_[k].kind, last = k + 1 == ops_.size() || ops_[k + 1].kind != ops_[k].kind;
      if (all || !write || first || last || k % 8 == 0) out.push_back(k + 1);
    }
    return out;
  }
  // The numbers of the operations that write a file (each has a temporary file), sampled as above.
  std::vector<std::size_t> sampled_writes() const {
    std::vector<std::size_t> out;
    for (std::size_t k : sampled_ops())
      if (ops_[k - 1].kind == "write" || ops_[k - 1].kind == "create") out.push_back(k);
    return out;
  }

  // `work` becomes a copy of `dir`. A copy has new inode numbers and ctimes, so its index needs the
  // refresh the original did not (git compares them): without it, entries apply keeps as they were would
  // be stale, which no real run sees.
  void reset_to(const fs::path& dir) {
    fs::remove_all(work_);
    REQUIRE(run_command({"cp", "-a", dir.string(), work_.string()}).exit_code == 0);
    git({"update-index", "-q", "--refresh"});
  }
  CommandResult apply(const Fault& fault) {
    return reorg({"apply", mapping_, "--tag-before", "pre-reorg"}, fault);
  }
  CommandResult reorg(std::vector<std::string> args, const Fault& fault) {
    args.insert(args.begin(), GITREORG_CLI_PATH);
    auto env = gitreorg::testing::fixed_git_env();
    if (!fault.var.empty()) env[fault.var] = fault.value;
    return run_command(args, work_, env);
  }
  CommandResult git(std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    return run_command(args, work_, gitreorg::testing::fixed_git_env());
  }

  // The end state must be `expected`, with an index git need not refresh and nothing left behind.
  // Counts it; `what` names the case.
  void judge(const State& expected, const std::string& what) {
    INFO(what);
    CHECK(git({"diff-files", "--quiet"}).exit_code == 0);  // before status refreshes it
    State s = state();
    bool untouched = s == untouched_, migrated = s == migrated_;
    CHECK((untouched || migrated));
    CHECK(s == expected);
    if (s != expected) {
      CHECK(s.head == expected.head);
      CHECK(s.refs == expected.refs);
      CHECK(s.orig_head == expected.orig_head);
      CHECK(s.entries == expected.entries);
      CHECK(s.status == expected.status);
      CHECK(s.tree.size() == expected.tree.size());
      for (const auto& [path, entry] : s.tree)
        if (auto it = expected.tree.find(path); it == expected.tree.end() || it->second != entry) {
          CHECK(path + ": " + entry.substr(0, 80) == path + ": " + (it == expected.tree.end() ? "missing" : it->second.substr(0, 80)));
          break;
        }
    }
    CHECK(leftovers().empty());
    CommandResult fsck = git({"fsck", "--strict", "--no-dangling"});
    INFO(fsck.out << fsck.err);
    CHECK(fsck.exit_code == 0);
    CHECK(git({"count-objects", "-v"}).out.find("garbage: 0\n") != std::string::npos);
    if (gitreorg::testing::current_test_failed() && kept_.empty()) {  // the first failing repository, to look at
      kept_ = scratch_.path().string() + "-failed";
      run_command({"cp", "-a", work_.string(), kept_});
      WARN("first failing repository kept in " << kept_);
    }
    ++states_;
  }
  const State& untouched() const { return untouched_; }
  const State& migrated() const { return migrated_; }
  std::size_t states() const { return states_; }
  bool sibling_untouched() { return sibling_git({"for-each-ref"}) + sibling_git({"status", "--porcelain", "--ignored"}) == sibling_refs_; }

 private:
  State state() {
    State s;
    s.head = git({"rev-parse", "HEAD"}).out + git({"symbolic-ref", "-q", "HEAD"}).out;
    s.orig_head = git({"rev-parse", "-q", "--verify", "ORIG_HEAD"}).out;
    s.refs = git({"for-each-ref"}).out;
    s.entries = git({"ls-files", "-s"}).out;
    s.status = git({"status", "--porcelain", "--ignored"}).out;
    s.tree = gitreorg::testing::work_tree_snapshot(work_);
    return s;
  }
  // Locks, the journal and temporary files (ours and libgit2's) anywhere in the git dir.
  std::vector<std::string> leftovers() const {
    static const std::set<std::string> names = {"reorg", "reorg-tmp", "reorg-removed", "reorg-pack", "index.git-reorg"};
    std::vector<std::string> out;
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(work_ / ".git")) {
      std::string n = e.path().filename().string();
      if (names.count(n) || n.rfind("pack_git2_", 0) == 0 || n.rfind("tmp_", 0) == 0 ||
          (n.size() > 5 && n.compare(n.size() - 5, 5, ".lock") == 0))
        out.push_back(e.path().lexically_relative(work_).string());
    }
    return out;
  }
  std::string sibling_git(std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    return run_command(args, sibling_, gitreorg::testing::fixed_git_env()).out;
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  gitreorg::testing::TempDir scratch_;
  fs::path work_, sibling_;
  std::string mapping_, sibling_refs_, kept_;
  State untouched_, migrated_;
  std::vector<Op> ops_;
  std::size_t states_ = 0;
};

std::string describe(const Fault& f) { return f.var + "=" + f.value; }

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("apply demo crash: apply killed at every step and operation is finished by --continue or undone by --abort",
          "[exec][apply][crash][demo-crash]") {
  auto t0 = std::chrono::steady_clock::now();
  DemoCrash d;
  std::vector<Fault> faults;
  for (int step = 1; step <= 9; ++step) faults.push_back({"GITREORG_FAULT_AFTER_STEP", std::to_string(step)});
  for (std::size_t op : d.sampled_ops()) faults.push_back({"GITREORG_FAULT_AFTER_OP", std::to_string(op)});
  for (std::size_t op : d.sampled_writes()) faults.push_back({"GITREORG_FAULT_MID_WRITE", std::to_string(op)});
  for (const char* lock : {"index", "pre-reorg", "main", "ORIG_HEAD"}) faults.push_back({"GITREORG_FAULT_HOLDING_LOCK", lock});
  std::size_t kills = 0;
  for (const Fault& f : faults) {
    d.reset_to(d.template_dir());
    CommandResult crash = d.apply(f);
    INFO(describe(f) << "\n" << crash.out << crash.err);
    REQUIRE(crash.exit_code == kFaultKilled);
    ++kills;
    if (!fs::exists(d.work() / ".git/reorg/journal")) {
      // Killed before the journal (step 1: only unreachable objects) or after its removal (step 9).
      CommandResult rec = d.reorg({"apply", "--continue"}, {});
      CHECK(rec.exit_code == 2);
      CHECK(rec.err.find("no interrupted apply to continue or abort") != std::string::npos);
      bool done = f.var == "GITREORG_FAULT_AFTER_STEP" && f.value == "9";
      d.judge(done ? d.migrated() : d.untouched(), describe(f) + ", no journal");
      continue;
    }
    fs::path saved = d.work().string() + "-saved";
    fs::remove_all(saved);
    REQUIRE(run_command({"cp", "-a", d.work().string(), saved.string()}).exit_code == 0);
    CommandResult cont = d.reorg({"apply", "--continue"}, {});
    INFO(cont.out << cont.err);
    CHECK(cont.exit_code == 0);
    d.judge(d.migrated(), describe(f) + ", then --continue");
    fs::remove_all(d.work());
    fs::rename(saved, d.work());
    CommandResult abort = d.reorg({"apply", "--abort"}, {});
    INFO(abort.out << abort.err);
    CHECK(abort.exit_code == 0);
    d.judge(d.untouched(), describe(f) + ", then --abort");
  }
  CHECK(d.sibling_untouched());
  WARN("demo: apply killed " << kills << " times, " << d.states() << " end states checked, " << seconds_since(t0) << " s");
}

TEST_CASE("apply demo crash: --continue killed at every one of its steps and operations is finished by running it again",
          "[exec][apply][crash][demo-crash]") {
  auto t0 = std::chrono::steady_clock::now();
  DemoCrash d;
  // From the journal with nothing done, --continue does every operation and steps 3-9.
  std::vector<Fault> faults;
  for (int step = 3; step <= 9; ++step) faults.push_back({"GITREORG_FAULT_AFTER_STEP", std::to_string(step)});
  for (std::size_t op : d.sampled_ops()) faults.push_back({"GITREORG_FAULT_AFTER_OP", std::to_string(op)});
  for (std::size_t op : d.sampled_writes()) faults.push_back({"GITREORG_FAULT_MID_WRITE", std::to_string(op)});
  for (const char* lock : {"index", "pre-reorg", "main", "ORIG_HEAD"}) faults.push_back({"GITREORG_FAULT_HOLDING_LOCK", lock});
  std::size_t kills = 0;
  for (const Fault& f : faults) {
    d.reset_to(d.crashed(2));
    CommandResult killed = d.reorg({"apply", "--continue"}, f);
    INFO(describe(f) << "\n" << killed.out << killed.err);
    REQUIRE(killed.exit_code == kFaultKilled);
    ++kills;
    CommandResult again = d.reorg({"apply", "--continue"}, {});
    INFO(again.out << again.err);
    bool done = f.var == "GITREORG_FAULT_AFTER_STEP" && f.value == "9";  // nothing left to continue
    CHECK(again.exit_code == (done ? 2 : 0));
    d.judge(d.migrated(), "--continue killed at " + describe(f) + ", then --continue");
  }
  CHECK(d.sibling_untouched());
  WARN("demo: --continue killed " << kills << " times, " << d.states() << " end states checked, " << seconds_since(t0) << " s");
}

TEST_CASE("apply demo crash: --abort killed at every one of its steps and undos is finished by running it again",
          "[exec][apply][crash][demo-crash]") {
  auto t0 = std::chrono::steady_clock::now();
  DemoCrash d;
  // From everything done but the journal's removal, --abort restores every ref and undoes every operation.
  std::vector<Fault> faults;
  for (int step = 1; step <= 3; ++step) faults.push_back({"GITREORG_FAULT_AFTER_ABORT_STEP", std::to_string(step)});
  std::size_t n_ops = d.ops().size();
  for (std::size_t op : d.sampled_ops()) faults.push_back({"GITREORG_FAULT_AFTER_UNDO", std::to_string(n_ops + 1 - op)});
  for (const char* lock : {"main", "pre-reorg", "packed-refs", "ORIG_HEAD", "index"})
    faults.push_back({"GITREORG_FAULT_HOLDING_LOCK", lock});
  std::size_t kills = 0;
  for (const Fault& f : faults) {
    d.reset_to(d.crashed(8));
    CommandResult killed = d.reorg({"apply", "--abort"}, f);
    INFO(describe(f) << "\n" << killed.out << killed.err);
    REQUIRE(killed.exit_code == kFaultKilled);
    ++kills;
    CommandResult again = d.reorg({"apply", "--abort"}, {});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    d.judge(d.untouched(), "--abort killed at " + describe(f) + ", then --abort");
  }
  CHECK(d.sibling_untouched());
  WARN("demo: --abort killed " << kills << " times, " << d.states() << " end states checked, " << seconds_since(t0) << " s");
}
