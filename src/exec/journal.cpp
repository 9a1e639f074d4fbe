// The journal on disk and the filesystem operations it lists. Every operation can be done and undone,
// and whether the one operation a crash may have cut short happened can be read off the disk, so
// `--continue` and `--abort` work after a kill -9 at any point.
#include "gitreorg/exec/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "gitreorg/core/fd.hpp"
#include "gitreorg/core/utf8.hpp"

namespace gitreorg::exec {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// JSON strings are UTF-8 (nlohmann::json throws on any other string, surrogates and overlong forms
// included), paths and ref names are bytes. A name that is not valid UTF-8 (core::valid_utf8) is stored
// as "\u0000hex:" and its bytes in hex (no path or ref name contains NUL), so every name round-trips.
constexpr std::string_view kHexPrefix("\0hex:", 5);
json name_json(const std::string& s) {
  if (core::valid_utf8(s)) return s;
  std::string out(kHexPrefix);
  for (unsigned char c : s) out += fmt::format("{:02x}", c);
  return out;
}
std::string name_from(const json& j) {
  std::string s = j.get<std::string>();
  if (s.compare(0, kHexPrefix.size(), kHexPrefix) != 0) return s;
  std::string out;
  for (std::size_t i = kHexPrefix.size(); i + 1 < s.size(); i += 2) out += static_cast<char>(std::stoi(s.substr(i, 2), nullptr, 16));
  return out;
}
const char* kind_name(FsOp::Kind k) {
  switch (k) {
    case FsOp::Kind::rename: return "rename";
    case FsOp::Kind::rmdir: return "rmdir";
    case FsOp::Kind::write: return "write";
    case FsOp::Kind::create: return "create";
  }
  return "?";
}

FsOp::Kind kind_from(const std::string& s) {
  if (s == "rename") return FsOp::Kind::rename;
  if (s == "rmdir") return FsOp::Kind::rmdir;
  if (s == "write") return FsOp::Kind::write;
  if (s == "create") return FsOp::Kind::create;
  throw std::runtime_error("unknown operation `" + s + "` in the journal");
}

bool present(const std::string& p) {
  struct stat st;
  return lstat(p.c_str(), &st) == 0;
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(fmt::format("{} `{}`: {}", what, path, std::strerror(errno)));
}

// Writes all of `text`, then fsyncs: a short write (a full disk, a file size limit) is retried, so
// that the error reported is the one of the write that failed, never a stale errno.
bool write_all_and_sync(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return ::fsync(fd) == 0;
}

}  // namespace

fs::path journal_dir(const fs::path& gitdir) { return gitdir / "reorg"; }
fs::path temp_dir(const fs::path& gitdir) { return gitdir / "reorg-tmp"; }
bool journal_exists(const fs::path& gitdir) { return present((journal_dir(gitdir) / "journal").string()); }

namespace {

constexpr int kJournalVersion = 2;

// A directory as libgit2 spells it ("/r/.git/") and as it was recorded compare the same.
std::string place(const fs::path& dir) {
  std::string s = dir.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Writes `path` under `key` relative to the work tree, or under `key`_git relative to the git dir.
void put_path(json& o, const std::string& key, const std::string& path, const std::string& work_tree,
              const std::string& git_dir) {
  for (auto [root, name] : {std::pair{&git_dir, key + "_git"}, std::pair{&work_tree, key}})
    if (path.size() > root->size() + 1 && path.compare(0, root->size(), *root) == 0 && path[root->size()] == '/') {
      o[name] = name_json(path.substr(root->size() + 1));
      return;
    }
  throw std::logic_error("journal: `" + path + "` is neither in the work tree nor in the git dir");
}

std::string get_path(const json& o, const std::string& key, const std::string& work_tree, const std::string& git_dir,
                     const std::string& origin) {
  bool in_git = o.contains(key + "_git");
  std::string rel = name_from(o.at(in_git ? key + "_git" : key));
  fs::path p(rel);
  if (rel.empty() || p.is_absolute() || std::find(p.begin(), p.end(), "..") != p.end())
    throw std::runtime_error(fmt::format("the journal {} is damaged: `{}` is not a path inside the repository", origin, rel));
  return (in_git ? git_dir : work_tree) + "/" + rel;
}

}  // namespace

std::string journal_to_text(const Journal& j) {
  std::string wt = place(j.work_tree), gd = place(j.git_dir);
  json ops = json::array();
  for (const FsOp& op : j.ops) {
    json o{{"op", kind_name(op.kind)}, {"step", op.step}};
    put_path(o, "from", op.from, wt, gd);
    if (op.kind == FsOp::Kind::rename) put_path(o, "to", op.to, wt, gd);
    if (op.kind == FsOp::Kind::write)
      o.update({{"blob", op.blob}, {"old_blob", op.old_blob}, {"mode", op.mode}, {"old_mode", op.old_mode}});
    if (op.kind == FsOp::Kind::create) o.update({{"blob", op.blob}, {"mode", op.mode}});
    if (op.raw) o["raw"] = true;
    if (!op.temp.empty()) put_path(o, "temp", op.temp, wt, gd);
    ops.push_back(std::move(o));
  }
  json new_dirs = json::array();
  for (const std::string& d : j.new_dirs) {
    json o;
    put_path(o, "dir", d, wt, gd);
    new_dirs.push_back(std::move(o));
  }
  json doc{{"version", kJournalVersion},
           {"work_tree", name_json(wt)},
           {"git_dir", name_json(gd)},
           {"mapping", name_json(j.mapping)},
           {"old_head", j.old_head},
           {"head_ref", name_json(j.head_ref)},
           {"target_ref", name_json(j.target_ref)},
           {"branch_created", j.branch_created},
           {"commits", j.commits},
           {"new_tree", j.new_tree},
           {"tag_ref", name_json(j.tag_ref)},
           {"tag_object", j.tag_object},
           {"orig_head", j.orig_head ? json(*j.orig_head) : json(nullptr)},
           {"index_existed", j.index_existed},
           {"new_dirs", std::move(new_dirs)},
           {"ops", std::move(ops)}};
  return doc.dump(1) + "\n";
}

Journal journal_from_text(const std::string& text, const std::string& origin, const fs::path& work_tree,
                          const fs::path& git_dir) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw std::runtime_error("the journal " + origin + " is damaged: " + e.what());
  }
  if (!doc.is_object() || doc.value("version", 0) != kJournalVersion)
    throw std::runtime_error(fmt::format("the journal {} was not written by this version of git-reorg (journal version {}, "
                                         "expected {}): finish the apply with the git-reorg that started it",
                                         origin, doc.is_object() ? doc.value("version", 0) : 0, kJournalVersion));
  Journal j;
  j.work_tree = name_from(doc.at("work_tree"));
  j.git_dir = name_from(doc.at("git_dir"));
  // A copy of a repository (or the repository moved) during an interrupted apply: its journal
  // describes the other place; acting on it here would change the wrong files.
  if (j.work_tree != place(work_tree) || j.git_dir != place(git_dir))
    throw std::runtime_error(fmt::format(
        "the interrupted apply recorded in {} was started in the repository at {} (git dir {}), not in this one at {} "
        "(git dir {}): the repository was copied or moved since. Finish it where it was started (`git reorg apply "
        "--continue` or `--abort` there), or move this repository back to {} first",
        origin, j.work_tree, j.git_dir, place(work_tree), place(git_dir), j.work_tree));
  j.mapping = name_from(doc.at("mapping"));
  j.old_head = doc.at("old_head").get<std::string>();
  j.head_ref = name_from(doc.at("head_ref"));
  j.target_ref = name_from(doc.at("target_ref"));
  j.branch_created = doc.at("branch_created").get<bool>();
  j.commits = doc.at("commits").get<std::vector<std::string>>();
  j.new_tree = doc.at("new_tree").get<std::string>();
  j.tag_ref = name_from(doc.at("tag_ref"));
  j.tag_object = doc.at("tag_object").get<std::string>();
  if (!doc.at("orig_head").is_null()) j.orig_head = doc.at("orig_head").get<std::string>();
  j.index_existed = doc.at("index_existed").get<bool>();
  for (const json& d : doc.at("new_dirs")) j.new_dirs.push_back(get_path(d, "dir", j.work_tree, j.git_dir, origin));
  for (const json& o : doc.at("ops")) {
    FsOp op;
    op.kind = kind_from(o.at("op").get<std::string>());
    op.step = o.at("step").get<int>();
    op.from = get_path(o, "from", j.work_tree, j.git_dir, origin);
    if (op.kind == FsOp::Kind::rename) op.to = get_path(o, "to", j.work_tree, j.git_dir, origin);
    if (op.kind == FsOp::Kind::write) {
      op.blob = o.at("blob").get<std::string>();
      op.old_blob = o.at("old_blob").get<std::string>();
      op.mode = o.at("mode").get<std::uint32_t>();
      op.old_mode = o.at("old_mode").get<std::uint32_t>();
    }
    if (op.kind == FsOp::Kind::create) {
      op.blob = o.at("blob").get<std::string>();
      op.mode = o.at("mode").get<std::uint32_t>();
    }
    op.raw = o.value("raw", false);
    if (o.contains("temp") || o.contains("temp_git")) op.temp = get_path(o, "temp", j.work_tree, j.git_dir, origin);
    j.ops.push_back(std::move(op));
  }
  return j;
}

void save_journal(const fs::path& gitdir, const Journal& j) {
  fs::create_directories(journal_dir(gitdir));
  std::string path = (journal_dir(gitdir) / "journal").string(), tmp = path + ".tmp";
  std::string text = journal_to_text(j);
  core::Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644));
  if (!fd.valid()) fail("cannot write", tmp);
  if (!write_all_and_sync(fd.get(), text) || !fd.close()) fail("cannot write", tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot write", path);
}

Journal load_journal(const fs::path& gitdir, const fs::path& work_tree) {
  fs::path path = journal_dir(gitdir) / "journal";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("no apply in progress (no " + path.string() + ")");
  std::ostringstream text;
  text << in.rdbuf();
  return journal_from_text(text.str(), path.string(), work_tree, gitdir);
}

fs::path removed_journal_dir(const fs::path& gitdir) { return gitdir / "reorg-removed"; }

void remove_journal(const fs::path& gitdir) {
  std::error_code ec;
  fs::path removed = removed_journal_dir(gitdir);
  fs::remove_all(removed, ec);
  if (::rename(journal_dir(gitdir).c_str(), removed.c_str()) != 0 && errno != ENOENT) fail("cannot remove", journal_dir(gitdir).string());
  fs::remove_all(removed, ec);
  fs::remove(temp_dir(gitdir), ec);  // only if empty: anything left there is the user's to look at
}

std::size_t read_progress(const fs::path& gitdir, const char* name) {
  struct stat st;
  if (lstat((journal_dir(gitdir) / name).c_str(), &st) != 0) return 0;
  return static_cast<std::size_t>(st.st_size);
}

std::optional<std::size_t> read_abort_start(const fs::path& gitdir) {
  std::ifstream in(journal_dir(gitdir) / "abort-start");
  std::size_t n = 0;
  if (!(in >> n)) return std::nullopt;
  return n;
}

void save_abort_start(const fs::path& gitdir, std::size_t done) {
  std::string path = (journal_dir(gitdir) / "abort-start").string(), tmp = path + ".tmp";
  std::string text = std::to_string(done) + "\n";
  core::Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644));
  if (!fd.valid()) fail("cannot write", tmp);
  if (!write_all_and_sync(fd.get(), text) || !fd.close()) fail("cannot write", tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot write", path);
}

ProgressFile::ProgressFile(const fs::path& gitdir, const char* name) {
  std::string path = (journal_dir(gitdir) / name).string();
  fd_ = core::Fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644));
  if (!fd_.valid()) fail("cannot open", path);
}

void ProgressFile::advance() {
  if (::write(fd_.get(), "+", 1) != 1) throw std::runtime_error(std::string("cannot record progress: ") + std::strerror(errno));
}

void remove_temp_files(Disk& disk, const std::vector<FsOp>& ops) {
  std::map<fs::path, std::set<std::string>> names;  // directory -> the temporary files' names in it
  for (const FsOp& op : ops)
    if (!op.temp.empty()) names[fs::path(op.temp).parent_path()].insert(fs::path(op.temp).filename().string());
  for (const auto& [dir, in_dir] : names) {
    if (disk.kind(dir) != FileKind::directory) continue;
    for (const DirEntry& e : disk.list_dir(dir))
      if (in_dir.count(e.name)) disk.remove_file(dir / e.name);
  }
}

// A write or create cut short may have left its temporary file: it is ours (named by the journal,
// in the git dir), so it goes before the content is written again.
void do_op(Disk& disk, const FsOp& op, const core::BlobReader& read_blob, bool may_have_temp) {
  switch (op.kind) {
    case FsOp::Kind::rename: disk.rename(op.from, op.to); break;
    case FsOp::Kind::rmdir: disk.remove_empty_dir(op.from); break;
    case FsOp::Kind::write:
      if (may_have_temp) disk.remove_file(op.temp);
      disk.write_file(op.from, read_blob(op.blob), op.mode, op.temp);
      break;
    case FsOp::Kind::create:
      disk.make_dirs(fs::path(op.from).parent_path());
      if (may_have_temp) disk.remove_file(op.temp);
      disk.write_file(op.from, read_blob(op.blob), op.mode, op.temp);
      break;
  }
}

void undo_op(Disk& disk, const FsOp& op, const core::BlobReader& read_blob) {
  switch (op.kind) {
    case FsOp::Kind::rename: disk.rename(op.to, op.from); break;
    case FsOp::Kind::rmdir: disk.make_dirs(op.from); break;
    case FsOp::Kind::write:
      disk.remove_file(op.temp);
      disk.write_file(op.from, read_blob(op.old_blob), op.old_mode, op.temp);
      break;
    case FsOp::Kind::create: disk.remove_file(op.from); break;
  }
}

namespace {

// Whether the disk shows `op` done (`done`) or not done (undone, or never done).
bool shows(const Disk& disk, const FsOp& op, bool done, const core::BlobReader& read_blob) {
  switch (op.kind) {
    case FsOp::Kind::rename: {
      const std::string& gone = done ? op.from : op.to;
      const std::string& there = done ? op.to : op.from;
      return disk.kind(gone) == FileKind::missing && disk.kind(there) != FileKind::missing;
    }
    case FsOp::Kind::rmdir: return disk.kind(op.from) == (done ? FileKind::missing : FileKind::directory);
    case FsOp::Kind::write: return disk.read_link_or_file(op.from) == read_blob(done ? op.blob : op.old_blob);
    case FsOp::Kind::create:
      if (!done) return disk.kind(op.from) == FileKind::missing;
      return disk.kind(op.from) != FileKind::missing && disk.read_link_or_file(op.from) == read_blob(op.blob);
  }
  return false;
}

}  // namespace

bool is_done(const Disk& disk, const FsOp& op, const core::BlobReader& read_blob) { return shows(disk, op, true, read_blob); }

bool is_undone(const Disk& disk, const FsOp& op, const core::BlobReader& read_blob) {
  return shows(disk, op, false, read_blob);
}

}  // namespace gitreorg::exec
