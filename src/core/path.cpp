// Segment arithmetic on `/`-separated repository paths.
#include "gitreorg/core/path.hpp"

#include <algorithm>
#include <cctype>

namespace gitreorg::core {

std::string_view parent_dir(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_path_prefix(std::string_view prefix, std::string_view path) {
  if (prefix.size() > path.size()) return false;
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return prefix.size() == path.size() || path[prefix.size()] == '/';
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_readme(std::string_view path) {
  std::string_view base = base_name(path);
  return base.size() >= 6 && iequals(base.substr(0, 6), "readme") && (base.size() == 6 || base[6] == '.');
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace gitreorg::core
