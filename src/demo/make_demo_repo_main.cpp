// make-demo-repo DIR [--scale N] [--files N] | make-demo-repo --sibling DIR
// Creates the deterministic demo repository (see include/gitreorg/demo/demo_repo.hpp).
#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "gitreorg/demo/demo_repo.hpp"
#include "gitreorg/git/error.hpp"
#include "gitreorg/git/init.hpp"

namespace {

constexpr const char* kUsage =
    "usage: make-demo-repo DIR [--scale N] [--files N]\n"
    "       make-demo-repo --sibling DIR\n"
    "  DIR        directory to create (must not exist or be empty)\n"
    "  --scale N  N >= 1; adds N-1 synthetic test cases per framework (default 1)\n"
    "  --files N  pad the tree with generated config files up to about N files\n"
    "  --sibling  the repository mappings/demo.yaml imports instead (shaped like awsome-inference;\n"
    "             the mapping expects it at ../demo-inference beside the demo repository)\n";

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "make-demo-repo: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

template <class T>
std::optional<T> parse_number(std::string_view s) {
  T value{};
  const auto* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  gitreorg::demo::DemoOptions opts;
  std::optional<std::string> dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--sibling") {
      opts.sibling = true;
      continue;
    }
    if (arg == "--scale" || arg == "--files") {
      if (i + 1 >= argc) return usage_error(std::string(arg) + " needs a value");
      const std::string_view value = argv[++i];
      if (arg == "--scale") {
        const auto n = parse_number<int>(value);
        if (!n || *n < 1) return usage_error("--scale needs an integer >= 1, got '" + std::string(value) + "'");
        opts.scale = *n;
      } else {
        const auto n = parse_number<std::size_t>(value);
        if (!n) return usage_error("--files needs a non-negative integer, got '" + std::string(value) + "'");
        opts.target_files = *n;
      }
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') return usage_error("unknown option " + std::string(arg));
    if (dir) return usage_error("more than one directory given");
    dir = std::string(arg);
  }
  if (!dir) return usage_error("no directory given");
  if (opts.sibling && (opts.scale != 1 || opts.target_files != 0))
    return usage_error("--scale and --files are for the demo repository, not the sibling");
  opts.dir = *dir;

  std::error_code ec;
  if (std::filesystem::exists(opts.dir, ec) &&
      !(std::filesystem::is_directory(opts.dir, ec) && std::filesystem::is_empty(opts.dir, ec))) {
    std::fprintf(stderr, "make-demo-repo: refusing to write into %s: it exists and is not an empty directory\n",
                 dir->c_str());
    return 1;
  }

  try {
    gitreorg::git::LibGit2 libgit2;
    // The output never depends on the user's or the system's git configuration.
    gitreorg::git::ignore_user_config();
    const auto result = gitreorg::demo::generate_demo_repo(opts);
    std::printf("created %s: %zu files, %zu commits\n", dir->c_str(), result.files, result.commits);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
