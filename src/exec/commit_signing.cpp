// The programs git signs with, run as git runs them (gpg-interface.c): `gpg --status-fd=2 -bsau KEY`
// with the commit on stdin; `ssh-keygen -Y sign -n git -f KEY` (-U for a literal public key, whose
// private half is in the agent).
#include "gitreorg/exec/commit_signing.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "gitreorg/core/fd.hpp"
#include "gitreorg/core/process.hpp"
#include "gitreorg/exec/apply.hpp"
#include "gitreorg/git/config.hpp"
#include "gitreorg/git/state.hpp"

namespace fs = std::filesystem;

namespace gitreorg::exec {
namespace {

std::string expand_home(const std::string& path) {
  if (path.rfind("~/", 0) != 0) return path;
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + path.substr(1);
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? text : line;
}

}  // namespace

std::optional<CommitSigner> CommitSigner::configured(const git::Repository& repo, const SignOptions& options,
                                                     const git::Signature& committer, const char* setting) {
  if (options.no_sign) return std::nullopt;
  if (!options.key && !git::config_bool(repo, setting, false)) return std::nullopt;
  CommitSigner s;
  s.format_ = git::config_string(repo, "gpg.format").value_or("openpgp");
  if (s.format_ != "openpgp" && s.format_ != "ssh" && s.format_ != "x509")
    throw ApplyError(fmt::format("invalid value for gpg.format: `{}` (openpgp, ssh or x509)", s.format_), core::kExitUsage);
  std::string defaults = s.format_ == "openpgp" ? "gpg" : s.format_ == "ssh" ? "ssh-keygen" : "gpgsm";
  s.program_ = git::config_string(repo, "gpg." + s.format_ + ".program")
                   .value_or(s.format_ == "openpgp" ? git::config_string(repo, "gpg.program").value_or(defaults) : defaults);
  s.key_ = options.key && !options.key->empty() ? *options.key : git::config_string(repo, "user.signingKey").value_or("");
  if (s.format_ == "ssh") {
    if (s.key_.empty())
      throw ApplyError("an ssh signature needs a key: set user.signingKey or pass -S<KEY>", core::kExitUsage,
                       {"git reads gpg.ssh.defaultKeyCommand then; git-reorg does not"});
    if (s.key_.rfind("key::", 0) == 0) {
      s.key_ = s.key_.substr(5);
      s.literal_key_ = true;
    } else if (s.key_.rfind("ssh-", 0) == 0) {
      s.literal_key_ = true;
    } else {
      s.key_ = expand_home(s.key_);
    }
  } else if (s.key_.empty()) {
    s.key_ = fmt::format("{} <{}>", committer.name, committer.email);  // git's default: the committer
  }
  return s;
}

std::string CommitSigner::sign(const std::string& buffer) const {
  std::vector<std::string> argv;
  std::string literal_file;
  if (format_ == "ssh") {
    std::string key = key_;
    if (literal_key_) {  // ssh-keygen reads a public key from a file: a temporary one
      char name[] = "/tmp/git-reorg-signing-key-XXXXXX";
      core::Fd fd(::mkstemp(name));
      if (!fd.valid()) throw ApplyError("cannot create a temporary file for the signing key", core::kExitUsage);
      std::string text = key_ + "\n";
      if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        throw ApplyError("cannot write the signing key's temporary file", core::kExitUsage);
      literal_file = key = name;
    }
    argv = {program_, "-Y", "sign", "-n", "git", "-f", key};
    if (literal_key_) argv.push_back("-U");
  } else {
    argv = {program_, "--status-fd=2", "-bsau", key_};
  }
  core::ProcessOptions options;
  options.input = buffer;
  core::ProcessResult r = core::run_process(argv, options);
  if (!literal_file.empty()) ::unlink(literal_file.c_str());
  if (!r.started) throw ApplyError(fmt::format("cannot run `{}` to sign: {}", program_, r.error), core::kExitUsage);
  bool created = format_ == "ssh" ? r.status == 0 && r.out.find("-----BEGIN SSH SIGNATURE-----") != std::string::npos
                                  : r.status == 0 && r.err.find("\n[GNUPG:] SIG_CREATED ") != std::string::npos;
  if (format_ != "ssh" && r.status == 0 && r.err.rfind("[GNUPG:] SIG_CREATED ", 0) == 0) created = true;
  if (!created)
    throw ApplyError(fmt::format("{} failed to sign the data", program_), core::kExitUsage,
                     {first_line(r.err.empty() ? r.out : r.err)});
  return r.out;
}

}  // namespace gitreorg::exec
