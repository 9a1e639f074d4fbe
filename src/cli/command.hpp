// What every subcommand shares: the global options, output helpers and the exit-code contract.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/exit_code.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/pipeline/migration.hpp"
#include "gitreorg/report/json_document.hpp"

namespace gitreorg::cli {

// Exit codes, as documented in --help.
using enum core::ExitCode;

enum class ColorMode { auto_, always, never };

struct GlobalOptions {
  std::string repo_dir = ".";  // -C DIR, as given: the process has changed into it already (as git does)
  ColorMode color = ColorMode::auto_;
  bool quiet = false;
  int verbose = 0;
};

// What a subcommand says of itself in --help.
struct CommandHelp {
  std::string name;
  std::string summary;  // one line, in `git-reorg --help`
  std::string footer;   // what it does in detail, its exit status, examples (`git-reorg NAME --help`)
};

// A subcommand: its help, its options, and how it runs.
class Command {
 public:
  explicit Command(CommandHelp help) : help_(std::move(help)) {}
  virtual ~Command() = default;
  // Registers the subcommand with its help and its options.
  CLI::App* setup(CLI::App& root);
  virtual int run(const GlobalOptions& global) = 0;
  // Whether its report is GitHub annotations (--format github): an error that stops it is one too.
  virtual bool annotates() const { return false; }

 protected:
  virtual void add_options(CLI::App& app) = 0;

 private:
  CommandHelp help_;
};

// A subcommand that runs the migration pipeline on a MAPPING file: check, plan, apply.
class MigrationCommand : public Command {
 public:
  using Command::Command;

 protected:
  // MAPPING (positional) and --rev, --allow-missing, --allow-broken.
  void add_mapping_options(CLI::App& app, const std::string& rev_help, bool mapping_required = true);
  // Runs the read-only pipeline for MAPPING in -C's repository. Returns kExitOk with `out` filled, or
  // the exit code of an environment problem (unreadable mapping, no repository, unknown revision),
  // already reported.
  int prepare(const GlobalOptions& global, diag::Sink& sink, pipeline::Migration& out);
  bool annotates() const override { return format_ == "github"; }
  // Annotations name the mapping by its path in the repository (GitHub reads `file=` from the root),
  // not as given on the command line.
  diag::GithubStyle github_style() const;

  std::string format_;
  std::string mapping_;
  pipeline::MigrationOptions options_;
};

// --format, one of `choices` (the first is the default).
void add_format_option(CLI::App& app, std::string& format, const std::string& help, const std::vector<std::string>& choices);

// Colour on `stream` under the --color mode, NO_COLOR (https://no-color.org) and TERM=dumb.
bool use_color(ColorMode mode, std::FILE* stream);

// Prints the sink's diagnostics as text on stderr (warnings and notes hidden with --quiet).
void print_diagnostics(const diag::Sink& sink, const GlobalOptions& global);

// Writes `text` to `path` ("-" or empty: stdout). Returns false (after saying why) on failure.
bool write_output(const std::string& path, const std::string& text);
// The same for a text made piece by piece: `produce` hands each piece to the writer it is given, which
// writes it at once (a large document is never held whole).
bool write_output(const std::string& path, const std::function<void(const std::function<void(std::string_view)>&)>& produce);

// Flushes stdout at the end of a command; false (after saying "cannot write") when any write to it
// failed (a full disk, a closed pipe's EPIPE is not reported: SIGPIPE ends the process first).
bool flush_stdout();

// Reports the diagnostics of a command that checks something, in --format `format`: "json", the
// object `summary` with a "diagnostics" member, versioned by `schema`, on stdout; "github", annotations
// on stdout; "text", the diagnostics on stderr, and then returns true for the caller to print its summary line.
bool print_report(const std::string& format, const report::JsonSchema& schema, nlohmann::json summary, const diag::Sink& sink,
                  const GlobalOptions& global, const diag::GithubStyle& github = {});

// An environment problem (no repository, unknown revision, unreadable file): message and exit 2.
int environment_error(const std::string& message);

// An error of git-reorg itself (a bug): message, a request to report it, and exit 5.
int internal_error(const std::string& message);

// Runs `command`, reporting the errors it throws the same way for every command: the message (and
// its details) on stderr and the error's exit code; libgit2 and system errors are environment
// errors (exit 2), any other exception an internal error (exit 5).
int run_command(Command& command, const GlobalOptions& global);

// Mapping file exists and is readable; otherwise says so (exit 2 is the caller's).
bool mapping_readable(const std::string& path);

// git's core.quotePath of the repository git would use here (true, git's default, outside one):
// whether printed paths quote their non-ASCII bytes.
bool quote_non_ascii();

}  // namespace gitreorg::cli
