// The demo repositories: fixture/history.txt (the host) or fixture/sibling/history.txt replayed
// commit by commit through the git/ wrappers. Objects go to memory and then into one pack; the work
// tree and the index are written once, for HEAD. Commit ids depend only on the fixture, the options
// and the fixed identities and dates.
#include "gitreorg/demo/demo_repo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "demo/changes.hpp"
#include "demo/fixture_files.hpp"
#include "demo/generated_bytes.hpp"
#include "demo/test_case.hpp"
#include "gitreorg/git/date.hpp"
#include "gitreorg/git/error.hpp"
#include "gitreorg/git/init.hpp"
#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/refs.hpp"
#include "gitreorg/git/write.hpp"

namespace gitreorg::demo {
namespace {

namespace fs = std::filesystem;

// The identity a user's own commits in the demo repository get, so that `git reorg apply` works
// on a machine with no git identity configured.
const std::vector<std::pair<std::string, std::string>> kRepositoryConfig = {{"user.name", "git-reorg demo"},
                                                                            {"user.email", "demo@example.invalid"}};

[[noreturn]] void fail(int line, const std::string& message) {
  throw std::runtime_error(fmt::format("make-demo-repo: history.txt:{}: {}", line, message));
}

// A fixture path as stored under `root` ("" for the host, "sibling/"): a dotfile or dot-directory
// .NAME is stored as dot.NAME, so that the fixture's .gitignore and .github do not act on
// git-reorg's own repository.
std::string stored_path(const std::string& root, std::string_view path) {
  std::string out = root + "tree/";
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (path[start] == '.') out += "dot";
    out += path.substr(start, end - start + 1);
    start = end + 1;
  }
  return out;
}

// `text` cut before the blank line above the line `heading`.
std::string until_heading(const std::string& text, const std::string& heading, int line) {
  const auto at = text.find("\n\n" + heading + "\n");
  if (at == std::string::npos) fail(line, "no line `" + heading + "` below a blank line");
  return text.substr(0, at + 1);
}

// One branch as replayed so far: its files, their blob ids, its tip, and its files where it forked
// from main (what a merge of it brings is what changed since).
struct Branch {
  std::map<std::string, FileVersion> tree;
  std::map<std::string, std::string> blobs;
  std::string head, tree_id;
  std::size_t commits = 0;  // reachable from `head`
  std::map<std::string, FileVersion> fork;
  std::size_t fork_commits = 0;
};

bool same_file(const FileVersion& a, const FileVersion& b) { return a.bytes == b.bytes && a.mode == b.mode; }

struct Replay {
  const DemoOptions& opts;
  std::string root;  // the fixture's directory: "" for the host, "sibling/"
  std::map<std::string, TestCase> cases = read_cases(fixture_file("cases.txt"));
  std::mt19937 rng{20240101U};  // fixed seed; reduced with modulo only (portable across standard libraries)
  std::map<std::string, Branch> branches{{"main", {}}};
  Branch* current = &branches["main"];      // the branch the commit being replayed goes on
  std::vector<std::string> merged;          // the branches the commit being replayed merges
  std::set<std::string> removed;            // the paths it removes
  std::vector<std::string> case_dirs;       // every test case, in the order added: --files pads them in turn
  std::set<std::string> used;               // fixture files and cases the history names

  void add_case(const TestCase& c, Changes& changes) {
    add_case_files(c, changes);
    case_dirs.push_back(case_path(c));
  }

  // Applies one line of a commit to `changes`.
  void apply(const std::string& text, int line, Changes& changes) {
    std::istringstream words(text);
    std::string op, path;
    words >> op >> path;
    if (op == "file") {
      std::uint32_t mode = core::kModeFile;
      std::string rest, stored = stored_path(root, path);
      std::getline(words >> std::ws, rest);
      if (rest.starts_with("+x")) {
        mode = core::kModeExecutable;
        rest = rest.substr(std::min<std::size_t>(3, rest.size()));
      }
      if (rest.starts_with("from ")) {
        const std::size_t end = std::min(rest.find(' ', 5), rest.size());
        stored = stored_path(root, rest.substr(5, end - 5));
        rest = rest.substr(std::min(end + 1, rest.size()));
      }
      std::string bytes(fixture_file(stored));
      used.insert(stored);
      if (rest.starts_with("until ")) bytes = until_heading(bytes, rest.substr(6), line);
      else if (!rest.empty()) fail(line, "unexpected `" + rest + "`");
      changes[path] = {std::move(bytes), mode};
      removed.erase(path);
    } else if (op == "rename") {
      std::string to;
      words >> to;
      if (to.empty()) fail(line, "rename OLD NEW");
      std::size_t n = 0;
      for (const auto& [p, f] : current->tree) {
        if (p != path && !p.starts_with(path + "/")) continue;
        changes[to + p.substr(path.size())] = f;
        removed.insert(p);
        ++n;
      }
      if (n == 0) fail(line, "nothing at " + path + " to rename");
    } else if (op == "merge") {
      if (!branches.count(path) || path == "main") fail(line, "no branch " + path + " to merge");
      const Branch& b = branches[path];
      for (const auto& [p, f] : b.tree)
        if (!b.fork.count(p) || !same_file(b.fork.at(p), f)) changes[p] = f;
      for (const auto& [p, f] : b.fork)
        if (!b.tree.count(p)) removed.insert(p);
      merged.push_back(path);
    } else if (op == "link") {
      std::string target;
      words >> target;
      changes[path] = {target, core::kModeSymlink};
    } else if (op == "png") {
      unsigned w = 0, h = 0, seed = 0;
      char x = 0;
      if (!(words >> w >> x >> h >> seed) || x != 'x') fail(line, "png PATH WxH SEED");
      changes[path] = {make_png(w, h, seed)};
    } else if (op == "bytes") {
      std::size_t size = 0;
      unsigned seed = 0;
      if (!(words >> size >> seed)) fail(line, "bytes PATH SIZE SEED");
      changes[path] = {make_binary(size, seed)};
    } else if (op == "case") {
      const auto it = cases.find(path);
      if (it == cases.end()) fail(line, "no case " + path + " in cases.txt");
      used.insert("case " + path);
      add_case(it->second, changes);
    } else if (op == "synthetic") {
      for (int n = 2; n <= opts.scale; ++n) add_case(synthetic_case(path, n, rng), changes);
    } else if (op == "padding") {
      std::set<std::string> paths;  // the tree after this commit so far
      for (const auto& [p, f] : current->tree) paths.insert(p);
      for (const auto& [p, f] : changes) paths.insert(p);
      for (std::size_t i = 0; paths.size() + i < opts.target_files; ++i) {
        const std::string& dir = case_dirs[i % case_dirs.size()];
        changes[fmt::format("{}/configs/cfg-{:05}.yaml", dir, i)] = {padding_config(i, dir, rng)};
      }
    } else {
      fail(line, "unknown line `" + text + "`");
    }
  }

  // Every fixture file and case is used, so a file added to the fixture cannot be forgotten.
  void check_all_used() const {
    for (const auto& f : fixture_files())
      if (f.path.starts_with(root + "tree/") && !used.count(std::string(f.path)))
        throw std::runtime_error("make-demo-repo: src/demo/fixture/" + std::string(f.path) + " is not in " + root +
                                 "history.txt");
    for (const auto& [name, c] : cases)
      if (root.empty() && !used.count("case " + name))
        throw std::runtime_error("make-demo-repo: case " + name + " of cases.txt is not in history.txt");
  }
};

struct Commit {
  int line = 0;
  std::string date;    // YYYY-MM-DD
  std::string branch;  // `on BRANCH`: created at main's tip by its first commit
  std::string author;  // `by NAME <EMAIL>`: author and committer; empty for the fixed demo identities
  std::string message;
  std::vector<std::pair<int, std::string>> lines;
};

// `commit DATE [on BRANCH] [by NAME <EMAIL>]`
Commit read_commit_line(int n, std::string_view rest) {
  Commit c{n, std::string(rest.substr(0, rest.find(' '))), "main", "", "", {}};
  rest.remove_prefix(std::min(rest.size(), c.date.size() + 1));
  if (rest.starts_with("on ")) {
    const std::size_t end = std::min(rest.find(' ', 3), rest.size());
    c.branch = std::string(rest.substr(3, end - 3));
    rest.remove_prefix(std::min(rest.size(), end + 1));
  }
  if (rest.starts_with("by ")) {
    c.author = std::string(rest.substr(3));
    rest = {};
  }
  if (!rest.empty() || c.branch.empty() || (!c.author.empty() && !c.author.ends_with(">")))
    fail(n, "commit DATE [on BRANCH] [by NAME <EMAIL>]");
  return c;
}

std::vector<Commit> read_history(std::string_view text) {
  std::vector<Commit> commits;
  std::istringstream in{std::string(text)};
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("commit ")) {
      commits.push_back(read_commit_line(n, std::string_view(line).substr(7)));
      continue;
    }
    if (commits.empty()) fail(n, "a line before the first commit");
    if (line == "|" || line.starts_with("| "))
      commits.back().message += line.substr(std::min<std::size_t>(2, line.size())) + "\n";
    else
      commits.back().lines.emplace_back(n, line);
  }
  return commits;
}

git::Signature signature(const std::string& name, const std::string& email, const Commit& c, int minutes) {
  const auto when = git::parse_git_date(c.date + "T09:00:00Z");
  if (!when) fail(c.line, "not a date: " + c.date);
  return {name, email, when->first + minutes * 60, 0};
}

// Writes the work tree of HEAD (the index is written from it afterwards).
void write_work_tree(const fs::path& dir, const std::map<std::string, FileVersion>& tree) {
  std::set<fs::path> made;
  for (const auto& [path, f] : tree) {
    const fs::path p = dir / path;
    if (made.insert(p.parent_path()).second) fs::create_directories(p.parent_path());
    if (f.mode == core::kModeSymlink) {
      fs::create_symlink(f.bytes, p);
      continue;
    }
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
    out.close();
    if (!out) throw std::runtime_error("make-demo-repo: cannot write " + p.string());
    if (f.mode == core::kModeExecutable)
      fs::permissions(p, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add);
  }
}

}  // namespace

DemoResult generate_demo_repo(const DemoOptions& opts) {
  if (opts.dir.empty()) throw std::invalid_argument("make-demo-repo: no directory given");
  if (opts.scale < 1) throw std::invalid_argument("make-demo-repo: scale must be >= 1");
  std::error_code ec;
  if (fs::exists(opts.dir, ec) && !(fs::is_directory(opts.dir, ec) && fs::is_empty(opts.dir, ec)))
    throw std::runtime_error("make-demo-repo: " + opts.dir.string() + " exists and is not an empty directory");

  if (opts.sibling && (opts.scale != 1 || opts.target_files != 0))
    throw std::invalid_argument("make-demo-repo: --scale and --files are for the host, not the sibling");

  const git::LibGit2 libgit2;  // reference counted: also safe when the caller holds one
  const git::Repository repo = git::init_repository(opts.dir, {"main", kRepositoryConfig});
  git::PackWriter pack(repo);
  Replay replay{opts, opts.sibling ? "sibling/" : ""};
  for (const Commit& c : read_history(fixture_file(replay.root + "history.txt"))) {
    if (!replay.branches.count(c.branch)) {
      const Branch& main = replay.branches["main"];
      replay.branches[c.branch] = {main.tree, main.blobs, main.head, main.tree_id, main.commits, main.tree, main.commits};
    }
    replay.current = &replay.branches[c.branch];
    replay.merged.clear();
    replay.removed.clear();
    Changes changes;
    for (const auto& [line, text] : c.lines) replay.apply(text, line, changes);
    if (changes.empty() && replay.removed.empty()) continue;
    Branch& b = *replay.current;
    for (const std::string& path : replay.removed)
      if (!changes.count(path)) {
        b.tree.erase(path);
        b.blobs.erase(path);
      }
    for (auto& [path, f] : changes) {
      b.blobs[path] = git::write_blob(repo, f.bytes);
      b.tree[path] = std::move(f);
    }
    core::Tree entries;
    for (const auto& [path, f] : b.tree) entries.push_back({path, f.mode, b.blobs[path]});
    b.tree_id = git::write_tree(repo, entries);
    const auto at = c.author.rfind(" <");
    const std::string name = c.author.empty() ? "Demo Author" : c.author.substr(0, at);
    const std::string email = c.author.empty() ? "demo@example.com" : c.author.substr(at + 2, c.author.size() - at - 3);
    const git::Signature author = signature(name, email, c, 0);
    const git::Signature committer = c.author.empty() ? signature("Demo Committer", "demo-ci@example.com", c, 10)
                                                      : signature(name, email, c, 10);
    std::vector<std::string> parents = b.head.empty() ? std::vector<std::string>{} : std::vector{b.head};
    b.commits += 1;
    for (const std::string& m : replay.merged) {
      const Branch& other = replay.branches[m];
      parents.push_back(other.head);
      b.commits += other.commits - other.fork_commits;
    }
    b.head = git::write_commit(repo, b.tree_id, parents, author, committer, c.message, nullptr);
  }
  replay.check_all_used();
  pack.write_pack();
  for (const auto& [name, b] : replay.branches)
    if (name != "main") git::update_ref(repo, "refs/heads/" + name, b.head, std::nullopt, "make-demo-repo");
  const Branch& main = replay.branches["main"];
  git::update_ref(repo, "refs/heads/main", main.head, std::nullopt, "make-demo-repo");
  write_work_tree(opts.dir, main.tree);
  git::write_index_for_tree(repo, main.tree_id);
  return DemoResult{main.tree.size(), main.commits};
}

}  // namespace gitreorg::demo
