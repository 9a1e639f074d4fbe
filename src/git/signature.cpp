// Identity resolution, in git's order of precedence: environment, then config, then $EMAIL.
#include "gitreorg/git/signature.hpp"

#include <cstdlib>
#include <ctime>

#include "git/handle.hpp"
#include "gitreorg/core/error.hpp"
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

}  // namespace

Signature signature_for(const Repository& repo, const std::string& who) {
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
  if (s.name.empty() || s.email.empty())  // git's own advice, in git's words
    throw core::Error(lower + " identity unknown: please tell me who you are",
                      core::kExitUsage,
                      {"Run", "  git config --global user.email \"you@example.com\"", "  git config --global user.name \"Your Name\"",
                       "to set your account's default identity (omit --global to set it only in this repository),",
                       "or set GIT_" + who + "_NAME and GIT_" + who + "_EMAIL."});
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
