// The journal's filesystem operations on an in-memory disk (do, undo, is-done), and the journal's
// JSON text with names that are not UTF-8.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>

#include "gitreorg/exec/journal.hpp"
#include "support/memory_disk.hpp"

using namespace gitreorg;
using exec::FsOp;
using testing::MemoryDisk;

namespace {

// Blob ids name their content in these tests.
std::string read_blob(const std::string& id) { return "content of " + id; }

MemoryDisk work_tree() {
  MemoryDisk d;
  d.add("/w/a/x", "x\n");
  d.add("/w/a/sub/y", "y\n");
  d.add("/w/a/run.sh", "#!/bin/sh\n", 0100755);
  d.add("/w/a/link", "x", 0120000);
  d.add("/w/README.md", "content of old\n");
  d.add_dir("/w/empty");
  return d;
}

FsOp rename_op(std::string from, std::string to) { return {FsOp::Kind::rename, 3, std::move(from), std::move(to)}; }
FsOp rmdir_op(std::string path) { return {FsOp::Kind::rmdir, 4, std::move(path)}; }
FsOp write_op(std::string path, std::uint32_t mode, std::uint32_t old_mode) {
  FsOp op{FsOp::Kind::write, 6, std::move(path), "", "new", "old", mode, old_mode};
  op.temp = "/w/.git/reorg-tmp/file-0";
  return op;
}

}  // namespace

TEST_CASE("journal: each operation is done, seen done, and undone back to the same disk", "[exec][journal]") {
  struct Case {
    const char* name;
    FsOp op;
  };
  std::vector<Case> cases = {
      {"rename a file", rename_op("/w/a/x", "/w/b/x")},
      {"rename a symlink", rename_op("/w/a/link", "/w/link")},
      {"rename a directory", rename_op("/w/a", "/w/c/d")},
      {"rename into a temporary directory", rename_op("/w/a/sub", "/w/.git/reorg-tmp/0")},
      {"remove an empty directory", rmdir_op("/w/empty")},
      {"write a file", write_op("/w/README.md", 0100644, 0100644)},
      {"write an executable", write_op("/w/a/run.sh", 0100755, 0100755)},
      {"turn a file into a symlink", write_op("/w/README.md", 0120000, 0100644)},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      MemoryDisk disk = work_tree();
      if (c.op.kind == FsOp::Kind::write) disk.add(c.op.from, read_blob(c.op.old_blob), c.op.old_mode);
      // The directories a rename creates stay after its undo (apply removes them at the end).
      if (c.op.kind == FsOp::Kind::rename) disk.add_dir(std::filesystem::path(c.op.to).parent_path());
      auto before = disk.snapshot("/w");
      CHECK_FALSE(exec::is_done(disk, c.op, read_blob));
      exec::do_op(disk, c.op, read_blob);
      CHECK(exec::is_done(disk, c.op, read_blob));
      CHECK(disk.snapshot("/w") != before);
      exec::undo_op(disk, c.op, read_blob);
      CHECK_FALSE(exec::is_done(disk, c.op, read_blob));
      CHECK(disk.snapshot("/w") == before);
    }
  }
}

TEST_CASE("journal: a renamed directory takes everything below it along", "[exec][journal]") {
  MemoryDisk disk = work_tree();
  exec::do_op(disk, rename_op("/w/a", "/w/c/d"), read_blob);
  auto after = disk.snapshot("/w");
  CHECK(after.count("a") == 0);
  CHECK(after.at("c/d/x") == "file:x\n");
  CHECK(after.at("c/d/sub/y") == "file:y\n");
  CHECK(after.at("c/d/run.sh") == "exec:#!/bin/sh\n");
  CHECK(after.at("c/d/link") == "link:x");
}

TEST_CASE("journal: re-running an operation whose effect is already there", "[exec][journal]") {
  MemoryDisk disk = work_tree();
  SECTION("rmdir and write are idempotent") {
    for (const FsOp& op : {rmdir_op("/w/empty"), write_op("/w/README.md", 0100644, 0100644)}) {
      exec::do_op(disk, op, read_blob);
      auto once = disk.snapshot("/w");
      REQUIRE(exec::is_done(disk, op, read_blob));
      exec::do_op(disk, op, read_blob);
      CHECK(disk.snapshot("/w") == once);
    }
  }
  SECTION("a rename is seen done, and doing it again fails without changing anything") {
    FsOp op = rename_op("/w/a/x", "/w/b/x");
    exec::do_op(disk, op, read_blob);
    auto once = disk.snapshot("/w");
    CHECK(exec::is_done(disk, op, read_blob));
    CHECK_THROWS_WITH(exec::do_op(disk, op, read_blob), "cannot rename `/w/a/x` to `/w/b/x`: No such file or directory");
    CHECK(disk.snapshot("/w") == once);
  }
  SECTION("removing a directory that is not empty leaves it") {
    FsOp op = rmdir_op("/w/a");
    exec::do_op(disk, op, read_blob);
    CHECK(disk.kind("/w/a") == exec::FileKind::directory);
    CHECK_FALSE(exec::is_done(disk, op, read_blob));
  }
}

TEST_CASE("journal: names that are not UTF-8 survive the JSON text", "[exec][journal]") {
  const std::string latin1 = "docs/caf\xe9.md", broken = "a/\xff\xfe/x", utf8 = "docs/\xc3\xbc" "ber.md";
  exec::Journal j;
  j.work_tree = "/w";
  j.git_dir = "/w/.git";
  j.mapping = "mappings/\xe9t\xe9.yaml";
  j.old_head = std::string(40, 'a');
  j.head_ref = "refs/heads/ma\xefn";
  j.target_ref = "refs/heads/ma\xefn";
  j.branch_created = true;
  j.commits = {std::string(40, 'b'), std::string(40, 'c')};
  j.new_tree = std::string(40, 'd');
  j.tag_ref = "refs/tags/pr\xe9";
  j.tag_object = std::string(40, 'e');
  j.orig_head = std::string(40, 'f');
  j.index_existed = false;
  j.ops = {rename_op("/w/" + latin1, "/w/.git/reorg-tmp/0"), rmdir_op("/w/" + broken), rename_op("/w/" + utf8, "/w/new/" + utf8),
           write_op("/w/" + latin1, 0120000, 0100644)};
  j.new_dirs = {"/w/n\xe9w"};

  std::string text = exec::journal_to_text(j);
  nlohmann::json doc = nlohmann::json::parse(text);  // valid JSON, so valid UTF-8
  CHECK(doc.at("ops").at(2).at("to") == "new/" + utf8);  // UTF-8 names are stored as they are
  CHECK(doc.at("ops").at(0).at("from").get<std::string>().rfind(std::string("\0hex:", 5), 0) == 0);
  CHECK(doc.at("ops").at(0).at("to_git") == "reorg-tmp/0");  // relative to the git dir

  exec::Journal back = exec::journal_from_text(text, "journal", "/w/", "/w/.git/");
  CHECK(back.mapping == j.mapping);
  CHECK(back.old_head == j.old_head);
  CHECK(back.head_ref == j.head_ref);
  CHECK(back.target_ref == j.target_ref);
  CHECK(back.branch_created);
  CHECK(back.commits == j.commits);
  CHECK(back.new_tree == j.new_tree);
  CHECK(back.tag_ref == j.tag_ref);
  CHECK(back.tag_object == j.tag_object);
  CHECK(back.orig_head == j.orig_head);
  CHECK_FALSE(back.index_existed);
  CHECK(back.new_dirs == j.new_dirs);
  REQUIRE(back.ops.size() == j.ops.size());
  for (std::size_t k = 0; k < j.ops.size(); ++k) {
    CHECK(back.ops[k].kind == j.ops[k].kind);
    CHECK(back.ops[k].step == j.ops[k].step);
    CHECK(back.ops[k].from == j.ops[k].from);
    CHECK(back.ops[k].to == j.ops[k].to);
    CHECK(back.ops[k].blob == j.ops[k].blob);
    CHECK(back.ops[k].old_blob == j.ops[k].old_blob);
    CHECK(back.ops[k].mode == j.ops[k].mode);
    CHECK(back.ops[k].old_mode == j.ops[k].old_mode);
  }
  CHECK(exec::journal_to_text(back) == text);

  j.orig_head.reset();
  CHECK_FALSE(exec::journal_from_text(exec::journal_to_text(j), "journal", "/w", "/w/.git").orig_head);
}

// A name whose bytes look like UTF-8 but are not (a surrogate, an overlong form, a code point past
// U+10FFFF) is stored in hex too: nlohmann::json throws when asked to write it as a string.
TEST_CASE("journal: names with surrogates, overlong forms or code points past U+10FFFF are written and read back",
          "[exec][journal]") {
  const std::string surrogate = "a/\xed\xa0\x80.md", overlong = "b/\xe0\x80\xaf", past = "c/\xf4\x90\x80\x80";
  exec::Journal j;
  j.work_tree = "/w";
  j.git_dir = "/w/.git";
  j.old_head = j.new_tree = j.tag_object = std::string(40, 'a');
  j.commits = {std::string(40, 'b')};
  j.head_ref = j.target_ref = "refs/heads/" + surrogate;
  j.ops = {rename_op("/w/" + surrogate, "/w/" + overlong), rmdir_op("/w/" + past)};

  std::string text = exec::journal_to_text(j);
  nlohmann::json doc = nlohmann::json::parse(text);
  CHECK(doc.at("ops").at(0).at("from").get<std::string>().rfind(std::string("\0hex:", 5), 0) == 0);
  exec::Journal back = exec::journal_from_text(text, "journal", "/w/", "/w/.git/");
  CHECK(back.head_ref == j.head_ref);
  REQUIRE(back.ops.size() == 2);
  CHECK(back.ops[0].from == j.ops[0].from);
  CHECK(back.ops[0].to == j.ops[0].to);
  CHECK(back.ops[1].from == j.ops[1].from);
}

// Issue 15, item 6: the journal names no absolute path but its own place, and serves nowhere else.
TEST_CASE("journal: paths are stored relative to the work tree and the git dir, and another place is refused",
          "[exec][journal]") {
  exec::Journal j;
  j.work_tree = "/w";
  j.git_dir = "/g/repo.git";
  j.old_head = j.new_tree = j.tag_object = std::string(40, 'a');
  j.commits = {std::string(40, 'b')};
  j.ops = {rename_op("/w/a", "/g/repo.git/reorg-tmp/0"), rename_op("/g/repo.git/reorg-tmp/0", "/w/b/a")};
  j.new_dirs = {"/w/b"};
  std::string text = exec::journal_to_text(j);
  nlohmann::json doc = nlohmann::json::parse(text);
  doc.erase("work_tree");
  doc.erase("git_dir");
  CHECK(doc.dump().find("/w") == std::string::npos);
  CHECK(doc.dump().find("/g") == std::string::npos);
  exec::Journal back = exec::journal_from_text(text, "J", "/w", "/g/repo.git");
  CHECK(back.ops[1].from == "/g/repo.git/reorg-tmp/0");
  CHECK(back.ops[1].to == "/w/b/a");
  CHECK(back.new_dirs == j.new_dirs);
  CHECK_THROWS_WITH(exec::journal_from_text(text, "J", "/copy", "/copy/.git"),
                    Catch::Matchers::StartsWith("the interrupted apply recorded in J was started in the repository at /w (git "
                                                "dir /g/repo.git), not in this one at /copy (git dir /copy/.git): the "
                                                "repository was copied or moved since."));
  CHECK_THROWS_WITH(exec::journal_from_text(text, "J", "/w", "/other.git"),
                    Catch::Matchers::Contains("was copied or moved since"));
  doc = nlohmann::json::parse(text);
  doc["ops"][0]["from"] = "../outside";
  CHECK_THROWS_WITH(exec::journal_from_text(doc.dump(), "J", "/w", "/g/repo.git"),
                    "the journal J is damaged: `../outside` is not a path inside the repository");
  doc["version"] = 1;
  CHECK_THROWS_WITH(exec::journal_from_text(doc.dump(), "J", "/w", "/g/repo.git"),
                    Catch::Matchers::StartsWith("the journal J was not written by this version of git-reorg"));
}

TEST_CASE("journal: a journal that is not JSON is reported as damaged", "[exec][journal]") {
  CHECK_THROWS_WITH(exec::journal_from_text("{\"version\": 1,", ".git/reorg/journal", "/w", "/w/.git"),
                    Catch::Matchers::StartsWith("the journal .git/reorg/journal is damaged: "));
}
