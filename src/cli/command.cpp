// Shared CLI plumbing: colour decisions, diagnostics on stderr, output files, exit codes.
#include "cli/command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "gitreorg/core/error.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/exec/apply.hpp"
#include "gitreorg/git/error.hpp"
#include "gitreorg/git/state.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"

namespace gitreorg::cli {

bool use_color(ColorMode mode, std::FILE* stream) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fileno(stream)) == 1;
}

void print_diagnostics(const diag::Sink& sink, const GlobalOptions& global) {
  diag::TextStyle style{use_color(global.color, stderr), true, quote_non_ascii()};
  for (const diag::Diagnostic& d : sink.all())
    if (!global.quiet || d.severity == diag::Severity::error) std::fputs(diag::render_text(d, sink, style).c_str(), stderr);
}

bool write_output(const std::string& path, const std::string& text) {
  return write_output(path, [&](const std::function<void(std::string_view)>& write) { write(text); });
}

bool write_output(const std::string& path, const std::function<void(const std::function<void(std::string_view)>&)>& produce) {
  if (path.empty() || path == "-") {
    bool ok = true;
    produce([&](std::string_view piece) {
      if (ok && std::fwrite(piece.data(), 1, piece.size(), stdout) != piece.size()) ok = false;
    });
    if (ok && std::fflush(stdout) == 0) return true;
    fmt::print(stderr, "git-reorg: error: cannot write to standard output: {}\n", std::strerror(errno));
    return false;
  }
  // The error of a full disk shows when the data reaches the file: at the flush, not at `<<`.
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  produce([&](std::string_view piece) { out.write(piece.data(), static_cast<std::streamsize>(piece.size())); });
  out.flush();
  int err = errno;
  out.close();
  if (out.fail()) {
    fmt::print(stderr, "git-reorg: error: cannot write {}: {}\n", path, std::strerror(err ? err : EIO));
    return false;
  }
  return true;
}

bool flush_stdout() {
  errno = 0;
  bool failed = std::ferror(stdout) != 0;
  if (std::fflush(stdout) != 0) failed = true;
  if (!failed) return true;
  int err = errno;
  fmt::print(stderr, "git-reorg: error: cannot write to standard output{}\n", err ? fmt::format(": {}", std::strerror(err)) : "");
  return false;
}

bool print_report(const std::string& format, const report::JsonSchema& schema, nlohmann::json summary, const diag::Sink& sink,
                  const GlobalOptions& global, const diag::GithubStyle& github) {
  if (format == "json") {
    write_output("-", report::summary_json(schema, std::move(summary), sink));
  } else if (format == "github") {
    diag::GithubStyle style = github;
    style.quote_non_ascii = quote_non_ascii();
    write_output("-", diag::render_github(sink, style));
  } else {
    print_diagnostics(sink, global);
    return true;
  }
  return false;
}

int environment_error(const std::string& message) {
  fmt::print(stderr, "git-reorg: error: {}\n", message);
  return kExitUsage;
}

int internal_error(const std::string& message) {
  fmt::print(stderr, "git-reorg: internal error: {}\n", message);
  fmt::print(stderr, "This is a bug of git-reorg: please report it with the command line that caused it.\n");
  return kExitInternal;
}

namespace {
void print_error(const core::Error& e) {
  fmt::print(stderr, "git-reorg: error: {}\n", e.what());
  for (const std::string& d : e.details()) fmt::print(stderr, "  {}\n", d);
}
}  // namespace

int run_command(Command& command, const GlobalOptions& global) {
  // Under --format github the error that stops a command is an annotation too, so CI shows why.
  auto annotate = [&](const std::string& message) {
    if (!command.annotates()) return;
    diag::Sink one;
    one.error("", {}, message);
    write_output("-", diag::render_github(one));
  };
  try {
    return command.run(global);
  } catch (const exec::ApplyError& e) {
    print_error(e);
    fmt::print(stderr, "git-reorg: nothing was changed\n");
    annotate(fmt::format("{} (nothing was changed)", e.what()));
    return e.exit_code();
  } catch (const core::Error& e) {
    print_error(e);
    annotate(e.what());
    return e.exit_code();
  } catch (const git::GitError& e) {
    annotate(e.what());
    return environment_error(e.what());
  } catch (const std::runtime_error& e) {  // std::filesystem_error, the journal's I/O errors, ...
    annotate(e.what());
    return environment_error(e.what());
  } catch (const std::exception& e) {  // std::logic_error, std::bad_alloc, ...: a bug of git-reorg
    annotate(fmt::format("internal error: {}", e.what()));
    return internal_error(e.what());
  }
}

CLI::App* Command::setup(CLI::App& root) {
  CLI::App* app = root.add_subcommand(help_.name, help_.summary);
  app->footer(help_.footer);
  add_options(*app);
  return app;
}

void MigrationCommand::add_mapping_options(CLI::App& app, const std::string& rev_help, bool mapping_required) {
  CLI::Option* mapping = app.add_option("mapping", mapping_, "The mapping file (YAML)");
  if (mapping_required) mapping->required();
  app.add_option("--rev", options_.plan.rev, rev_help)->capture_default_str();
  app.add_flag("--allow-missing", options_.plan.plan.allow_missing,
               "A `from` that is not in the tree is a warning, not an error (to re-run an applied mapping)");
  app.add_flag("--allow-new", options_.plan.plan.allow_new,
               "A numbered directory no rule covers (new since the mapping was written) is a warning, not a policy error");
  app.add_flag("--allow-broken", options_.allow_broken, "Links the migration would break are warnings, not errors");
  app.add_flag("--fix-broken", options_.fix_broken,
               "Fix links that were already broken where one target is plausible (see `links --suggest`)");
}

int MigrationCommand::prepare(const GlobalOptions& /*global*/, diag::Sink& sink, pipeline::Migration& out) {
  if (!mapping_readable(mapping_)) return kExitUsage;
  git::Repository repo = git::Repository::locate(".");
  out = pipeline::prepare_migration(repo, mapping_, options_, sink);
  sink.sort();
  return kExitOk;
}

diag::GithubStyle MigrationCommand::github_style() const {
  diag::GithubStyle style;
  style.quote_non_ascii = quote_non_ascii();
  if (auto rel = pipeline::path_below(mapping_, git::Repository::locate(".").workdir())) style.files[mapping_] = *rel;
  return style;
}

void add_format_option(CLI::App& app, std::string& format, const std::string& help, const std::vector<std::string>& choices) {
  format = choices.front();
  app.add_option("--format", format, help)->check(CLI::IsMember(choices))->capture_default_str();
}

bool mapping_readable(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    fmt::print(stderr, "git-reorg: error: cannot read mapping file `{}`: it is a directory\n", path);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "git-reorg: error: cannot read mapping file `{}`\n", path);
    return false;
  }
  return true;
}

bool quote_non_ascii() {
  try {
    return git::config_bool(git::Repository::locate("."), "core.quotePath", true);
  } catch (const std::exception&) {  // no repository here
    return true;
  }
}

}  // namespace gitreorg::cli
