// `apply` signs its commits as `git commit -S` does (issue 12): commit.gpgSign or -S[KEYID], gpg.format
// ssh through ssh-keygen, openpgp through gpg and x509 through gpgsm, with keys made here,
// --no-gpg-sign; and its --tag-before tag as `git tag -s` does (tag.gpgSign or -S). git verify-commit, git verify-tag / tag -v and git log --show-signature,
// with gpg.ssh.allowedSignersFile, are the oracle.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "support/docs_move_repo.hpp"
#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

// Two commits to make (make_docs_move_repo). An ssh key in .git/key (and its allowed-signers line for
// the committer).
void make_repo(TempRepo& r) {
  gitreorg::testing::make_docs_move_repo(r, ".git/mapping.yaml");
  REQUIRE(gitreorg::testing::run_command({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f",
                                          (r.dir() / ".git/key").string()})
              .exit_code == 0);
  r.write(".git/allowed_signers", "committer@example.com namespaces=\"git\" " + r.read(".git/key.pub"));
  r.git({"config", "gpg.format", "ssh"});
  r.git({"config", "gpg.ssh.allowedSignersFile", (r.dir() / ".git/allowed_signers").string()});
}

bool verified(TempRepo& r, const std::string& rev) { return r.git({"verify-commit", rev}, true).exit_code == 0; }

}  // namespace

TEST_CASE("apply signing: commit.gpgSign with gpg.format ssh signs every commit, as git verifies", "[exec][apply][signing]") {
  TempRepo r;
  make_repo(r);
  r.git({"config", "user.signingKey", (r.dir() / ".git/key").string()});
  r.git({"config", "commit.gpgSign", "true"});
  CommandResult res = r.reorg({"apply", (r.dir() / ".git/mapping.yaml").string()});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(verified(r, "HEAD"));
  CHECK(verified(r, "HEAD~1"));
  CHECK(!verified(r, "HEAD~2"));  // the commit before, made unsigned
  CHECK(r.git({"log", "-1", "--show-signature"}).out.find("Good \"git\" signature for committer@example.com") !=
        std::string::npos);
  CHECK(r.git({"log", "-2", "--format=%G?"}).out == "G\nG\n");
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
}

TEST_CASE("apply signing: -S[KEYID] as git takes it, attached only; --no-gpg-sign wins over commit.gpgSign",
          "[exec][apply][signing]") {
  TempRepo r;
  make_repo(r);
  std::string mapping = (r.dir() / ".git/mapping.yaml").string(), key = (r.dir() / ".git/key").string();
  SECTION("-SKEY") {
    CommandResult res = r.reorg({"apply", "-S" + key, mapping});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.git({"log", "-2", "--format=%G?"}).out == "G\nG\n");
  }
  SECTION("-S before the mapping takes no key id from it") {
    r.git({"config", "user.signingKey", key});
    CommandResult res = r.reorg({"apply", "-S", mapping});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.git({"log", "-2", "--format=%G?"}).out == "G\nG\n");
  }
  SECTION("--gpg-sign=KEY") {
    CommandResult res = r.reorg({"apply", "--gpg-sign=" + key, mapping});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.git({"log", "-2", "--format=%G?"}).out == "G\nG\n");
  }
  SECTION("--no-gpg-sign") {
    r.git({"config", "user.signingKey", key});
    r.git({"config", "commit.gpgSign", "true"});
    CommandResult res = r.reorg({"apply", "--no-gpg-sign", mapping});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.git({"log", "-2", "--format=%G?"}).out == "N\nN\n");
  }
}

TEST_CASE("apply signing: a signing program that fails refuses and changes nothing", "[exec][apply][signing]") {
  TempRepo r;
  make_repo(r);
  r.git({"config", "user.signingKey", (r.dir() / ".git/no-such-key").string()});
  r.git({"config", "commit.gpgSign", "true"});
  std::string head = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
  std::string status = r.git({"status", "--porcelain"}).out;
  CommandResult res = r.reorg({"apply", (r.dir() / ".git/mapping.yaml").string()});
  INFO(res.out << res.err);
  CHECK(res.exit_code == 2);
  CHECK(res.err.find("git-reorg: error: ssh-keygen failed to sign the data") != std::string::npos);
  CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}).out) == head);
  CHECK(r.git({"status", "--porcelain"}).out == status);
  CHECK(!fs::exists(r.dir() / ".git/reorg"));
}

TEST_CASE("apply signing: the --tag-before tag is signed as git tag -s signs, with tag.gpgSign or -S", "[exec][apply][signing]") {
  TempRepo r;
  make_repo(r);
  std::string mapping = (r.dir() / ".git/mapping.yaml").string(), key = (r.dir() / ".git/key").string();
  std::string before = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
  auto tag_verified = [&] { return r.git({"verify-tag", "pre"}, true).exit_code == 0; };
  auto check_tag = [&](bool signed_tag, const std::string& commits) {
    CHECK(tag_verified() == signed_tag);
    std::string raw = r.git({"cat-file", "tag", "pre"}).out;
    CHECK((raw.find("-----BEGIN SSH SIGNATURE-----") != std::string::npos) == signed_tag);
    CHECK(TempRepo::trim(r.git({"rev-parse", "pre^{commit}"}).out) == before);
    CHECK(
        r.git({"for-each-ref", "--format=%(objecttype) %(taggername) %(taggeremail) %(contents:subject)", "refs/tags/pre"}).out ==
        "tag Test Committer <committer@example.com> The layout before git-reorg applied .git/mapping.yaml\n");
    CHECK(r.git({"log", "-2", "--format=%G?"}).out == commits);
    CHECK(r.git({"fsck", "--strict", "--no-dangling"}).exit_code == 0);
  };
  SECTION("tag.gpgSign") {
    r.git({"config", "user.signingKey", key});
    r.git({"config", "tag.gpgSign", "true"});
    CommandResult res = r.reorg({"apply", mapping, "--tag-before", "pre"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    check_tag(true, "N\nN\n");  // tag.gpgSign signs the tag only
    CHECK(r.git({"tag", "-v", "pre"}, true).err.find("Good \"git\" signature for committer@example.com") != std::string::npos);
  }
  SECTION("-SKEY signs the commits and the tag") {
    CommandResult res = r.reorg({"apply", "-S" + key, mapping, "--tag-before", "pre"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    check_tag(true, "G\nG\n");
  }
  SECTION("commit.gpgSign alone signs only the commits, as in git") {
    r.git({"config", "user.signingKey", key});
    r.git({"config", "commit.gpgSign", "true"});
    CommandResult res = r.reorg({"apply", mapping, "--tag-before", "pre"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    check_tag(false, "G\nG\n");
  }
  SECTION("--no-gpg-sign wins over tag.gpgSign") {
    r.git({"config", "user.signingKey", key});
    r.git({"config", "tag.gpgSign", "true"});
    CommandResult res = r.reorg({"apply", "--no-gpg-sign", mapping, "--tag-before", "pre"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    check_tag(false, "N\nN\n");
  }
  SECTION("a tag signature that fails refuses and changes nothing") {
    r.git({"config", "user.signingKey", (r.dir() / ".git/no-such-key").string()});
    r.git({"config", "tag.gpgSign", "true"});
    CommandResult res = r.reorg({"apply", mapping, "--tag-before", "pre"});
    CHECK(res.exit_code == 2);
    CHECK(res.err.find("ssh-keygen failed to sign the data") != std::string::npos);
    CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}).out) == before);
    CHECK(r.git({"tag", "-l"}).out.empty());
  }
}

namespace {

// A GnuPG home with one signing key made here, for gpg (openpgp) or gpgsm (x509), and a wrapper
// named by gpg.program / gpg.x509.program so that git-reorg and the git oracle both use it. Its
// agent is stopped when the test ends.
struct GnupgHome {
  TempRepo& repo;
  fs::path home;
  GnupgHome(TempRepo& r, const std::string& format) : repo(r), home(r.dir() / ".git/gnupg") {
    fs::create_directories(home);
    fs::permissions(home, fs::perms::owner_all);
    std::string program = format == "x509" ? "gpgsm" : "gpg";
    r.write(".git/sign.sh", "#!/bin/sh\nexec " + program + " --homedir '" + home.string() + "' \"$@\"\n", fs::perms(0755));
    r.git({"config", "gpg.format", format});
    r.git({"config", format == "x509" ? "gpg.x509.program" : "gpg.program", (r.dir() / ".git/sign.sh").string()});
  }
  ~GnupgHome() { gitreorg::testing::run_command({"gpgconf", "--homedir", home.string(), "--kill", "all"}); }
  CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {(repo.dir() / ".git/sign.sh").string(), "--batch"});
    return gitreorg::testing::run_command(args, repo.dir());
  }
};

}  // namespace

TEST_CASE("apply signing: gpg.format openpgp signs through gpg with the committer's key, as git does", "[exec][apply][signing]") {
  TempRepo r;
  make_repo(r);
  GnupgHome gpg(r, "openpgp");
  // No user.signingKey: git signs as the committer ("Test Committer <committer@example.com>").
  REQUIRE(gpg.run({"--passphrase", "", "--quick-gen-key", "Test Committer <committer@example.com>", "ed25519", "sign", "never"})
              .exit_code == 0);
  r.git({"config", "commit.gpgSign", "true"});
  CommandResult res = r.reorg({"apply", (r.dir() / ".git/mapping.yaml").string(), "--tag-before", "pre"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(verified(r, "HEAD"));
  CHECK(verified(r, "HEAD~1"));
  CHECK(!verified(r, "HEAD~2"));
  CHECK(r.git({"cat-file", "commit", "HEAD"}).out.find("gpgsig -----BEGIN PGP SIGNATURE-----") != std::string::npos);
  CHECK(r.git({"log", "-1", "--show-signature"}).out.find("Good signature from \"Test Committer <committer@example.com>\"") !=
        std::string::npos);
  CHECK(r.git({"verify-tag", "pre"}, true).exit_code != 0);  // commit.gpgSign signs commits, not tags
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
}

TEST_CASE("apply signing: gpg.format x509 signs through gpgsm with user.signingKey, as git does", "[exec][apply][signing]") {
  TempRepo r;
  make_repo(r);
  GnupgHome sm(r, "x509");
  r.write(".git/gnupg/gpg-agent.conf", "allow-loopback-pinentry\n");
  // A self-signed certificate, imported and trusted (trustlist.txt, "relax": no CRL to check).
  r.write(".git/cert-params", "Key-Type: RSA\nKey-Length: 2048\nKey-Usage: sign\nSerial: random\n"
                               "Name-DN: CN=Test Committer\nName-Email: committer@example.com\n");
  CommandResult cert = sm.run({"--pinentry-mode", "loopback", "--passphrase", "", "--gen-key", (r.dir() / ".git/cert-params").string()});
  REQUIRE(cert.exit_code == 0);
  r.write(".git/cert.der", cert.out);
  REQUIRE(sm.run({"--import", (r.dir() / ".git/cert.der").string()}).exit_code == 0);
  // The fingerprint: field 10 of the first `fpr:` line.
  std::istringstream listing(sm.run({"--with-colons", "--list-secret-keys"}).out);
  std::string fingerprint;
  for (std::string line; fingerprint.empty() && std::getline(listing, line);) {
    if (line.rfind("fpr:", 0) != 0) continue;
    std::istringstream fields(line);
    for (int i = 0; i < 10 && std::getline(fields, fingerprint, ':'); ++i) {}
  }
  REQUIRE(fingerprint.size() == 40);
  r.write(".git/gnupg/trustlist.txt", fingerprint + " S relax\n");
  gitreorg::testing::run_command({"gpgconf", "--homedir", sm.home.string(), "--reload", "gpg-agent"});

  r.git({"config", "user.signingKey", "0x" + fingerprint});
  CommandResult res = r.reorg({"apply", "-S", (r.dir() / ".git/mapping.yaml").string()});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(verified(r, "HEAD"));
  CHECK(verified(r, "HEAD~1"));
  CHECK(r.git({"cat-file", "commit", "HEAD"}).out.find("gpgsig -----BEGIN SIGNED MESSAGE-----") != std::string::npos);
  CHECK(r.git({"log", "-2", "--format=%G?"}).out == "G\nG\n");
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
}
