// What every subcommand shares: the global options, output helpers and the exit-code contract.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "gitreorg/core/exit_code.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/pipeline/migration.hpp"

namespace gitreorg::cli {

// Exit codes, as documented in --help.
using enum core::ExitCode;

enum class ColorMode { auto_, always, never };

struct GlobalOptions {
  std::string repo_dir = ".";  // -C
  ColorMode color = ColorMode::auto_;
  bool quiet = false;
  int verbose = 0;
};

// A subcommand: its options, how it registers them, and how it runs.
class Command {
 public:
  virtual ~Command() = default;
  virtual CLI::App* setup(CLI::App& root) = 0;
  virtual int run(const GlobalOptions& global) = 0;
};

// Colour on `stream` under the --color mode, NO_COLOR (https://no-color.org) and TERM=dumb.
bool use_color(ColorMode mode, std::FILE* stream);

// Prints the sink's diagnostics as text on stderr (warnings and notes hidden with --quiet).
void print_diagnostics(const diag::Sink& sink, const GlobalOptions& global);

// Writes `text` to `path` ("-" or empty: stdout). Returns false (after saying why) on failure.
bool write_output(const std::string& path, const std::string& text);

// An environment problem (no repository, unknown revision, unreadable file): message and exit 2.
int environment_error(const std::string& message);

// Runs `command`, reporting the errors it throws the same way for every command: the message (and
// its details) on stderr and the error's exit code; libgit2 and system errors are environment
// errors (exit 2).
int run_command(Command& command, const GlobalOptions& global);

// The options of every command that runs the migration pipeline: --rev, --allow-missing, --allow-broken.
void add_migration_options(CLI::App* app, pipeline::MigrationOptions& options, const std::string& rev_help);

// Runs the read-only pipeline for `mapping` in -C's repository. Returns kExitOk with `out` filled,
// or the exit code of an environment problem (unreadable mapping, no repository, unknown revision),
// already reported.
int prepare(const std::string& mapping, pipeline::MigrationOptions& options, const GlobalOptions& global, diag::Sink& sink,
            pipeline::Migration& out);

// Mapping file exists and is readable; otherwise says so (exit 2 is the caller's).
bool mapping_readable(const std::string& path);

}  // namespace gitreorg::cli
