// An in-memory exec::Disk (ninja's VirtualFileSystem): files, symlinks and directories in a map, with
// rename(2)'s rules, so the disk planner and the journal's operations are tested without a work tree.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "gitreorg/exec/disk.hpp"

namespace gitreorg::testing {

class MemoryDisk : public exec::Disk {
 public:
  // Adds a file (mode 0100644 or 0100755) or a symlink (0120000), creating its parent directories.
  void add(const std::string& path, const std::string& content, std::uint32_t mode = 0100644) {
    make_dirs(std::filesystem::path(key(path)).parent_path());
    nodes_[key(path)] = {mode, content};
  }
  void add_dir(const std::string& path) { make_dirs(path); }

  // Every path below `root` (relative to it): "dir", "file:BYTES", "exec:BYTES" or "link:TARGET".
  std::map<std::string, std::string> snapshot(const std::string& root) const {
    std::map<std::string, std::string> out;
    std::string prefix = key(root) + "/";
    for (auto it = nodes_.lower_bound(prefix); it != nodes_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      const Node& n = it->second;
      out[it->first.substr(prefix.size())] = n.mode == kDir            ? std::string("dir")
                                             : n.mode == 0120000       ? "link:" + n.content
                                             : n.mode == 0100755       ? "exec:" + n.content
                                                                       : "file:" + n.content;
    }
    return out;
  }

  exec::FileKind kind(const std::filesystem::path& path) const override {
    auto it = nodes_.find(key(path));
    if (it == nodes_.end()) return key(path) == "/" ? exec::FileKind::directory : exec::FileKind::missing;
    return it->second.mode == kDir ? exec::FileKind::directory : exec::FileKind::other;
  }

  std::vector<exec::DirEntry> list_dir(const std::filesystem::path& dir) const override {
    std::vector<exec::DirEntry> out;
    if (kind(dir) != exec::FileKind::directory) return out;
    for (const std::string& c : children(key(dir)))
      out.push_back({c.substr(c.rfind('/') + 1), nodes_.at(c).mode == kDir ? exec::FileKind::directory : exec::FileKind::other});
    return out;
  }

  std::string read_link_or_file(const std::filesystem::path& path) const override {
    auto it = nodes_.find(key(path));
    return it == nodes_.end() || it->second.mode == kDir ? std::string() : it->second.content;
  }

  void rename(const std::filesystem::path& from_path, const std::filesystem::path& to_path) override {
    std::string from = key(from_path), to = key(to_path);
    auto fail = [&](const char* why) { throw std::runtime_error("cannot rename `" + from + "` to `" + to + "`: " + why); };
    make_dirs(std::filesystem::path(to).parent_path());
    auto src = nodes_.find(from);
    if (src == nodes_.end()) fail("No such file or directory");
    if (from == to) return;
    bool dir = src->second.mode == kDir;
    if (dir && to.compare(0, from.size() + 1, from + "/") == 0) fail("Invalid argument");
    if (auto dst = nodes_.find(to); dst != nodes_.end()) {
      bool dst_dir = dst->second.mode == kDir;
      if (dir && !dst_dir) fail("Not a directory");
      if (!dir && dst_dir) fail("Is a directory");
      if (dst_dir && !children(to).empty()) fail("Directory not empty");
      nodes_.erase(dst);
    }
    std::map<std::string, Node> moved;
    for (auto it = nodes_.begin(); it != nodes_.end();) {
      if (it->first == from || it->first.compare(0, from.size() + 1, from + "/") == 0) {
        moved[to + it->first.substr(from.size())] = it->second;
        it = nodes_.erase(it);
      } else {
        ++it;
      }
    }
    nodes_.merge(moved);
  }

  void make_dirs(const std::filesystem::path& dir) override {
    std::string k = key(dir);
    if (k == "/" || k.empty()) return;
    if (auto it = nodes_.find(k); it != nodes_.end()) {
      if (it->second.mode != kDir) throw std::runtime_error("cannot create `" + k + "`: File exists");
      return;
    }
    make_dirs(std::filesystem::path(k).parent_path());
    nodes_[k] = {kDir, ""};
  }

  bool remove_empty_dir(const std::filesystem::path& dir) override {
    auto it = nodes_.find(key(dir));
    if (it == nodes_.end()) return false;
    if (it->second.mode != kDir) throw std::runtime_error("cannot remove directory `" + key(dir) + "`: Not a directory");
    if (!children(key(dir)).empty()) return false;
    nodes_.erase(it);
    return true;
  }

  void write_file(const std::filesystem::path& path, const std::string& content, std::uint32_t mode,
                  const std::filesystem::path& temp) override {
    std::string k = key(path);
    if (kind(temp) != exec::FileKind::missing) throw std::runtime_error("cannot write `" + key(temp) + "`: File exists");
    if (kind(std::filesystem::path(k).parent_path()) != exec::FileKind::directory)
      throw std::runtime_error("cannot write `" + key(temp) + "`: No such file or directory");
    if (kind(k) == exec::FileKind::directory) throw std::runtime_error("cannot replace `" + k + "`: Is a directory");
    nodes_[k] = {mode, content};
  }

  void remove_file(const std::filesystem::path& path) override {
    auto it = nodes_.find(key(path));
    if (it == nodes_.end()) return;
    if (it->second.mode == kDir) throw std::runtime_error("cannot remove `" + key(path) + "`: Is a directory");
    nodes_.erase(it);
  }

 private:
  static constexpr std::uint32_t kDir = 040000;
  struct Node {
    std::uint32_t mode = 0100644;  // kDir for a directory
    std::string content;           // a file's bytes, a symlink's target
  };

  static std::string key(const std::filesystem::path& p) {
    std::string s = p.lexically_normal().generic_string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
  }

  std::vector<std::string> children(const std::string& dir) const {
    std::vector<std::string> out;
    std::string prefix = dir == "/" ? "/" : dir + "/";
    for (auto it = nodes_.lower_bound(prefix); it != nodes_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      if (it->first.find('/', prefix.size()) == std::string::npos) out.push_back(it->first);
    return out;
  }

  std::map<std::string, Node> nodes_;
};

}  // namespace gitreorg::testing
