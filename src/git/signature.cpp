// Identity resolution as git does it: `git var GIT_<WHO>_IDENT` when git can be run (git's own rules and
// date parser), else in git's order of precedence here: environment, then config, then $EMAIL.
#include "gitreorg/git/signature.hpp"

#include <cstdlib>
#include <ctime>
#include <optional>

#include "git/handle.hpp"
#include "gitreorg/core/error.hpp"
#include "gitreorg/core/process.hpp"
#include "gitreorg/git/date.hpp"

namespace gitreorg::git {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::string config_string(git_config* cfg, const char* key) {
  Buf buf;
  if (git_config_get_string_buf(buf.get(), cfg, key) < 0) {
    git_error_clear();
    return {};
  }
  return buf.str();
}

core::Error identity_unknown(const std::string& who) {
  std::string lower = who == "AUTHOR" ? "author" : "committer";
  // git's own advice, in git's words
  return core::Error(lower + " identity unknown: please tell me who you are", core::kExitUsage,
                     {"Run", "  git config --global user.email \"you@example.com\"", "  git config --global user.name \"Your Name\"",
                      "to set your account's default identity (omit --global to set it only in this repository),",
                      "or set GIT_" + who + "_NAME and GIT_" + who + "_EMAIL."});
}

// `NAME <EMAIL> SECONDS +HHMM`, as git var prints an ident.
std::optional<Signature> parse_ident(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  std::size_t lt = line.find(" <"), gt = line.rfind("> ");
  if (lt == std::string::npos || gt == std::string::npos || gt < lt) return std::nullopt;
  Signature s;
  s.name = line.substr(0, lt);
  s.email = line.substr(lt + 2, gt - lt - 2);
  auto when = parse_git_date(line.substr(gt + 2));
  if (!when) return std::nullopt;
  s.time = when->first;
  s.offset_minutes = when->second;
  return s;
}

// What `git var GIT_<WHO>_IDENT` says in the repository; nullopt when git cannot be run.
std::optional<Signature> ident_from_git(const Repository& repo, const std::string& who) {
  core::ProcessOptions options;
  options.cwd = repo.is_bare() ? repo.gitdir() : repo.workdir();
  options.env["GIT_DIR"] = repo.gitdir().string();
  core::ProcessResult r = core::run_process({"git", "var", "GIT_" + who + "_IDENT"}, options);
  if (!r.started) return std::nullopt;
  if (r.status == 0) {
    if (auto s = parse_ident(r.out)) return s;
    return std::nullopt;  // not understood: our own reading decides
  }
  std::string fatal = r.err.substr(r.err.rfind("fatal: ") == std::string::npos ? 0 : r.err.rfind("fatal: ") + 7);
  while (!fatal.empty() && fatal.back() == '\n') fatal.pop_back();
  if (fatal.find("invalid date format") != std::string::npos) {
    std::string date = env(("GIT_" + who + "_DATE").c_str());
    throw core::Error("cannot parse GIT_" + who + "_DATE `" + date + "`", core::kExitUsage, {"git: " + fatal});
  }
  if (r.err.find("identity unknown") != std::string::npos || fatal.find("auto-detect") != std::string::npos ||
      fatal.find("empty ident name") != std::string::npos)
    throw identity_unknown(who);
  throw core::Error("git var GIT_" + who + "_IDENT failed: " + fatal, core::kExitUsage);
}

}  // namespace

Signature signature_for(const Repository& repo, const std::string& who) {
  if (std::optional<Signature> s = ident_from_git(repo, who)) return *s;
  std::string lower = who == "AUTHOR" ? "author" : "committer";
  git_config* c = nullptr;
  check(git_repository_config_snapshot(&c, repo.raw()), "cannot read the repository's config");
  ConfigPtr cfg(c);
  Signature s;
  s.name = env(("GIT_" + who + "_NAME").c_str());
  if (s.name.empty()) s.name = config_string(cfg.get(), (lower + ".name").c_str());
  if (s.name.empty()) s.name = config_string(cfg.get(), "user.name");
  s.email = env(("GIT_" + who + "_EMAIL").c_str());
  if (s.email.empty()) s.email = config_string(cfg.get(), (lower + ".email").c_str());
  if (s.email.empty()) s.email = config_string(cfg.get(), "user.email");
  if (s.email.empty()) s.email = env("EMAIL");
  if (s.name.empty() || s.email.empty()) throw identity_unknown(who);
  std::string date = env(("GIT_" + who + "_DATE").c_str());
  if (!date.empty()) {
    auto parsed = parse_git_date(date);
    if (!parsed) throw core::Error("cannot parse GIT_" + who + "_DATE `" + date + "`", core::kExitUsage);
    s.time = parsed->first;
    s.offset_minutes = parsed->second;
  } else {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    s.time = now;
    s.offset_minutes = static_cast<int>(local.tm_gmtoff / 60);
  }
  return s;
}

}  // namespace gitreorg::git
