// git-reorg's entry point: parse the command line, run one subcommand, map errors to exit codes.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <vector>

#include "cli/commands.hpp"
#include "gitreorg/git/error.hpp"

namespace {

constexpr const char* kDescription =
    "git-reorg: reorganize a repository's directory layout from a YAML mapping, in one reviewable\n"
    "change, keeping history and every reference (links, URLs, CI filters, CODEOWNERS, scripts).\n";

constexpr const char* kFooter =
    "Typical use:\n"
    "  git reorg check mappings/reorg.yaml        is the mapping valid for this repository?\n"
    "  git reorg where mappings/reorg.yaml PATH   where does PATH go?\n"
    "  git reorg plan  mappings/reorg.yaml        dry run: what moves (--format markdown for the PR)\n"
    "  git reorg apply mappings/reorg.yaml        commit the moves (pure renames), then the reference edits\n"
    "  git reorg apply --continue | --abort       finish or undo an interrupted apply\n"
    "  git reorg links                            are all Markdown links (and #anchors) intact?\n\n"
    "Exit status: 0 ok, 1 problems found in the input, 2 usage or environment error.\n"
    "Colour follows --color, NO_COLOR and whether output is a terminal.\n"
    "Mapping format: docs/mapping.md. Run `git-reorg COMMAND --help` for a command's options.";

int run(int argc, char** argv) {
  using namespace gitreorg::cli;
  CLI::App app(kDescription, "git-reorg");
  app.footer(kFooter);
  app.set_version_flag("--version", std::string("git-reorg ") + GITREORG_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options are accepted after the subcommand too

  GlobalOptions global;
  app.add_option("-C", global.repo_dir, "Run as if started in DIR (like git -C)")->type_name("DIR");
  std::string color = "auto";
  app.add_option("--color", color, "Colour: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->type_name("WHEN")
      ->expected(0, 1);
  app.add_flag("-q,--quiet", global.quiet, "Print errors only");
  app.add_flag("-v,--verbose", global.verbose, "Log what is done (repeat for more)");

  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_check_command());
  commands.push_back(make_where_command());
  commands.push_back(make_plan_command());
  commands.push_back(make_apply_command());
  commands.push_back(make_links_command());
  std::vector<std::pair<CLI::App*, Command*>> table;
  for (auto& c : commands) table.emplace_back(c->setup(app), c.get());

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "git-reorg: error: {}\n", e.what());
    fmt::print(stderr, "Run `git-reorg --help` for usage.\n");
    return kExitUsage;
  }
  // `--color` alone means always, as in git.
  if (color.empty() || color == "always") global.color = ColorMode::always;
  else if (color == "never") global.color = ColorMode::never;
  else if (color == "auto") global.color = ColorMode::auto_;
  else {
    fmt::print(stderr, "git-reorg: error: --color takes auto, always or never, not `{}`\n", color);
    return kExitUsage;
  }
  spdlog::set_level(global.verbose >= 2 ? spdlog::level::trace : global.verbose == 1 ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_pattern("git-reorg: %l: %v");

  for (auto& [sub, command] : table)
    if (sub->parsed()) return run_command(*command, global);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  gitreorg::git::LibGit2 libgit2;
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // errors of the program itself: run_command reports the others
    fmt::print(stderr, "git-reorg: internal error: {}\n", e.what());
    return gitreorg::cli::kExitUsage;
  }
}
