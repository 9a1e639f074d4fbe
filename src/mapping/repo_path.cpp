// Validation of repository-relative paths: nothing a mapping names may leave the repository.
#include "gitreorg/mapping/repo_path.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "gitreorg/core/path.hpp"

namespace gitreorg::mapping {

namespace {

// What Linux file systems take (NAME_MAX, PATH_MAX): a longer path would fail half-way through apply.
constexpr std::size_t kMaxSegmentBytes = 255;
constexpr std::size_t kMaxPathBytes = 4095;

std::optional<std::string> length_problem(std::string_view path) {
  if (path.size() > kMaxPathBytes)
    return "path is " + std::to_string(path.size()) + " bytes long (file systems allow at most 4095)";
  return std::nullopt;
}

// The segment rules shared by mapping paths and tree paths.
std::optional<std::string> segment_problem(std::string_view norm) {
  for (std::size_t start = 0; start <= norm.size();) {
    std::size_t end = std::min(norm.find('/', start), norm.size());
    std::string_view seg = norm.substr(start, end - start);
    if (seg.empty()) return "path has an empty segment (`//`)";
    if (seg == ".") return "path has a `.` segment";
    if (seg == "..") return "path has a `..` segment (paths may not leave the repository)";
    if (seg.size() > kMaxSegmentBytes)
      return "path has a segment of " + std::to_string(seg.size()) + " bytes (file systems allow at most 255)";
    // `.git` in any case: git itself refuses such paths (core.protectNTFS/HFS apply the same idea).
    if (core::iequals(seg, ".git")) return "path names `.git` (the repository's own data)";
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::string normalize_repo_path(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return std::string(path);
}

std::optional<std::string> repo_path_problem(std::string_view path) {
  if (path.empty()) return "path is empty";
  if (path.find('\0') != std::string_view::npos) return "path contains a NUL byte";
  if (path.find('\n') != std::string_view::npos || path.find('\r') != std::string_view::npos)
    return "path contains a line break";
  if (path.find('\\') != std::string_view::npos) return "path contains a backslash (use `/` between directories)";
  if (path.front() == '/') return "path is absolute (paths are relative to the repository root)";
  if (path.size() >= 2 && path[1] == ':' && std::isalpha(static_cast<unsigned char>(path[0])))
    return "path is absolute (paths are relative to the repository root)";
  if (auto problem = length_problem(path)) return problem;
  return segment_problem(normalize_repo_path(path));
}

std::optional<std::string> tree_path_problem(std::string_view path) {
  if (path.empty()) return "path is empty";
  if (path.find('\0') != std::string_view::npos) return "path contains a NUL byte";
  if (path.front() == '/') return "path is absolute (paths are relative to the repository root)";
  if (auto problem = length_problem(path)) return problem;
  return segment_problem(normalize_repo_path(path));
}

std::optional<std::string> moved_path_problem(std::string_view to, std::string_view rest) {
  if (auto problem = repo_path_problem(to)) return problem;
  if (rest.empty()) return std::nullopt;
  if (rest.front() != '/') return "path has an empty segment (`//`)";  // cannot happen: `from` is a whole-segment prefix
  if (auto problem = length_problem(std::string(to) + std::string(rest))) return problem;
  return tree_path_problem(rest.substr(1));
}

}  // namespace gitreorg::mapping
