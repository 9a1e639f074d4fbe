// git-reorg's entry point: parse the command line, run one subcommand, map errors to exit codes.
#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "cli/progress_display.hpp"
#include "gitreorg/core/closest_name.hpp"
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
    "  git reorg links                            are all Markdown links (and #anchors) intact?\n"
    "  git reorg help COMMAND                     a command's options (also `git-reorg COMMAND --help`)\n\n"
    "Exit status: 0 ok, 1 problems found in the input, 2 usage or environment error, 3 refused to touch\n"
    "the repository (local changes, a merge in progress, a lock), 4 an apply is in progress (--continue or\n"
    "--abort), 5 internal error.\n"
    "Colour follows --color, NO_COLOR and whether output is a terminal.\n"
    "Mapping format: docs/mapping.md; `man git-reorg` once installed.";

// The first word of the command line that is not an option (or an option's value): the subcommand
// the user meant, even when it is misspelt.
std::string_view command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-C" || a == "--log-level") {
      ++i;  // its value
      continue;
    }
    if (a == "--color") {
      if (i + 1 < argc && (std::string_view(argv[i + 1]) == "auto" || std::string_view(argv[i + 1]) == "always" ||
                           std::string_view(argv[i + 1]) == "never"))
        ++i;
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    return a;
  }
  return {};
}

// Says that `word` is no command and suggests the closest one, as git does for `git chekcout`.
int unknown_command(std::string_view word, const std::vector<std::string_view>& names) {
  fmt::print(stderr, "git-reorg: error: `{}` is not a git-reorg command", word);
  if (auto guess = gitreorg::core::closest_name(word, names)) fmt::print(stderr, "; did you mean `{}`?", *guess);
  fmt::print(stderr, "\nRun `git-reorg --help` for the list of commands.\n");
  return gitreorg::cli::kExitUsage;
}

// git's -S[KEYID] and --gpg-sign[=KEYID] take a key id only when it is attached: as --gpg-sign=KEYID,
// or the hidden flag --gpg-sign-default alone, for CLI11, so that `-S mapping.yaml` leaves the mapping
// alone (CLI11 would take `mapping.yaml` as the value of an empty `--gpg-sign=`).
std::vector<std::string> attached_sign_options(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--") break;
    if (args[i] == "-S" || args[i] == "--gpg-sign" || args[i] == "--gpg-sign=") args[i] = "--gpg-sign-default";
    else if (args[i].size() > 2 && args[i].rfind("-S", 0) == 0) args[i] = "--gpg-sign=" + args[i].substr(2);
  }
  return args;
}

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
  std::string log_level;
  app.add_option("--log-level", log_level, "Log lines (on stderr) from LEVEL up: trace, debug, info, warn, error or off")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_check_command());
  commands.push_back(make_where_command());
  commands.push_back(make_plan_command());
  commands.push_back(make_apply_command());
  commands.push_back(make_links_command());
  commands.push_back(make_stubs_command());
  commands.push_back(make_rewrite_command());
  commands.push_back(make_invert_command());
  std::vector<std::pair<CLI::App*, Command*>> table;
  for (auto& c : commands) table.emplace_back(c->setup(app), c.get());
  // `help [COMMAND]`, as in git: the same text as --help.
  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show the help of git-reorg or of one COMMAND");
  help->add_option("COMMAND", help_topic, "The command to explain")->type_name("COMMAND");
  std::vector<std::string_view> names;
  for (auto& [sub, command] : table) names.push_back(sub->get_name());
  names.push_back("help");

  try {
    std::vector<std::string> args = attached_sign_options(argc, argv);
    std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 takes them last first, without argv[0]
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string_view word = command_word(argc, argv);
    if (!word.empty() && std::find(names.begin(), names.end(), word) == names.end()) return unknown_command(word, names);
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
  // Log lines go to stderr, so that stdout holds only the report (`-v plan --format json` is JSON).
  // --log-level wins over -v (debug), -vv (trace) and -q (error); warn by default.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("git-reorg"));
  spdlog::level::level_enum level = global.verbose >= 2   ? spdlog::level::trace
                                    : global.verbose == 1 ? spdlog::level::debug
                                    : global.quiet        ? spdlog::level::err
                                                          : spdlog::level::warn;
  if (!log_level.empty()) level = spdlog::level::from_str(log_level);
  spdlog::set_level(level);
  spdlog::set_pattern("git-reorg: %l: %v");
  // Progress lines only for a person at a terminal: never in a pipe, a log file or CI.
  std::optional<TerminalProgress> progress = terminal_progress(global.quiet);
  if (progress) gitreorg::core::set_progress_display(&*progress);

  if (help->parsed()) {
    if (help_topic.empty()) {
      // Not app.help(): with `help` selected, CLI11 would print the help of `help` itself.
      fmt::print("{}", app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal));
      return kExitOk;
    }
    for (auto& [sub, command] : table)
      if (sub->get_name() == help_topic) {
        fmt::print("{}", sub->help(app.get_name()));
        return kExitOk;
      }
    return unknown_command(help_topic, names);
  }

  // As git -C: every path on the command line (the mapping, -o FILE) is then relative to DIR.
  if (global.repo_dir != ".") {
    std::error_code ec;
    std::filesystem::current_path(global.repo_dir, ec);
    if (ec) {
      fmt::print(stderr, "git-reorg: error: cannot change to `{}`: {}\n", global.repo_dir, ec.message());
      return kExitUsage;
    }
  }
  for (auto& [sub, command] : table)
    if (sub->parsed()) return run_command(*command, global);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  gitreorg::git::LibGit2 libgit2;
  try {
    int code = run(argc, argv);
    // Output that never arrived (stdout on a full disk) is a failure, whatever the command found.
    if (!gitreorg::cli::flush_stdout()) return gitreorg::cli::kExitUsage;
    return code;
  } catch (const std::exception& e) {  // errors of the program itself: run_command reports the others
    return gitreorg::cli::internal_error(e.what());
  }
}
