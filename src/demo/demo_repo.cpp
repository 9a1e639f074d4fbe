// The demo repository: fixture/history.txt replayed commit by commit through the git/ wrappers.
// Objects go to memory and then into one pack; the work tree and the index are written once, for
// HEAD. Commit ids depend only on the fixture, the options and the fixed identities and dates.
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

// A fixture path as stored: a dotfile or dot-directory .NAME is stored as dot.NAME, so that the
// fixture's .gitignore and .github do not act on git-reorg's own repository.
std::string stored_path(std::string_view path) {
  std::string out = "tree/";
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

struct Replay {
  const DemoOptions& opts;
  std::map<std::string, TestCase> cases = read_cases(fixture_file("cases.txt"));
  std::mt19937 rng{20240101U};  // fixed seed; reduced with modulo only (portable across standard libraries)
  std::map<std::string, FileVersion> tree;  // HEAD as replayed so far
  std::map<std::string, std::string> blobs; // the blob id of each file of `tree`
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
      std::string rest;
      std::getline(words >> std::ws, rest);
      if (rest.starts_with("+x")) {
        mode = core::kModeExecutable;
        rest = rest.substr(std::min<std::size_t>(3, rest.size()));
      }
      std::string bytes(fixture_file(stored_path(path)));
      used.insert(stored_path(path));
      if (rest.starts_with("until ")) bytes = until_heading(bytes, rest.substr(6), line);
      else if (!rest.empty()) fail(line, "unexpected `" + rest + "`");
      changes[path] = {std::move(bytes), mode};
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
      for (const auto& [p, f] : tree) paths.insert(p);
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
      if (f.path.starts_with("tree/") && !used.count(std::string(f.path)))
        throw std::runtime_error("make-demo-repo: src/demo/fixture/" + std::string(f.path) + " is not in history.txt");
    for (const auto& [name, c] : cases)
      if (!used.count("case " + name))
        throw std::runtime_error("make-demo-repo: case " + name + " of cases.txt is not in history.txt");
  }
};

struct Commit {
  int line = 0;
  std::string date;  // YYYY-MM-DD
  std::string message;
  std::vector<std::pair<int, std::string>> lines;
};

std::vector<Commit> read_history(std::string_view text) {
  std::vector<Commit> commits;
  std::istringstream in{std::string(text)};
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("commit ")) {
      commits.push_back({n, line.substr(7), "", {}});
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

  const git::LibGit2 libgit2;  // reference counted: also safe when the caller holds one
  const git::Repository repo = git::init_repository(opts.dir, {"main", kRepositoryConfig});
  git::PackWriter pack(repo);
  Replay replay{opts};
  std::string head, tree;
  std::size_t commits = 0;
  for (const Commit& c : read_history(fixture_file("history.txt"))) {
    Changes changes;
    for (const auto& [line, text] : c.lines) replay.apply(text, line, changes);
    if (changes.empty()) continue;
    for (auto& [path, f] : changes) {
      replay.blobs[path] = git::write_blob(repo, f.bytes);
      replay.tree[path] = std::move(f);
    }
    core::Tree entries;
    for (const auto& [path, f] : replay.tree) entries.push_back({path, f.mode, replay.blobs[path]});
    tree = git::write_tree(repo, entries);
    const git::Signature author = signature("Demo Author", "demo@example.com", c, 0);
    const git::Signature committer = signature("Demo Committer", "demo-ci@example.com", c, 10);
    const std::vector<std::string> parents = head.empty() ? std::vector<std::string>{} : std::vector{head};
    head = git::write_commit(repo, tree, parents, author, committer, c.message, nullptr);
    ++commits;
  }
  replay.check_all_used();
  pack.write_pack();
  git::update_ref(repo, "refs/heads/main", head, std::nullopt, "make-demo-repo");
  write_work_tree(opts.dir, replay.tree);
  git::write_index_for_tree(repo, tree);
  return DemoResult{replay.tree.size(), commits};
}

}  // namespace gitreorg::demo
