// git::CheckoutForm: the blob itself where no filter can apply, libgit2's filters wherever an attribute
// source or core.autocrlf exists; always the same bytes as worktree_form.
#include <catch2/catch.hpp>

#include "gitreorg/git/filter.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using testing::TempRepo;

namespace {

std::string blob_of(TempRepo& r, const std::string& path) { return testing::lines(r.git({"rev-parse", "HEAD:" + path}).out).at(0); }

}  // namespace

TEST_CASE("checkout form: filters skipped only where none can apply", "[git][filter]") {
  TempRepo r;
  r.write("a.txt", "one\ntwo\n");
  r.write("sub/deep/b.txt", "$Id$\nb\n");
  std::string head = r.commit("first");
  auto form_of = [&](const std::string& path) {
    git::Repository repo = git::Repository::open(r.dir());
    git::CheckoutForm form(repo);
    bool filtered = form.may_filter(path, head);
    std::string got = form.read(blob_of(r, path), path, head);
    CHECK(got == git::worktree_form(repo, blob_of(r, path), path, head));
    return std::pair(filtered, got);
  };
  SECTION("no attributes, no core.autocrlf: the blob") {
    CHECK(form_of("a.txt") == std::pair(false, std::string("one\ntwo\n")));
    CHECK(form_of("sub/deep/b.txt").first == false);
  }
  SECTION("core.autocrlf=true: filtered everywhere") {
    r.git({"config", "core.autocrlf", "true"});
    CHECK(form_of("a.txt") == std::pair(true, std::string("one\r\ntwo\r\n")));
  }
  SECTION("an untracked .gitattributes on disk: filtered below it only") {
    r.write("sub/.gitattributes", "*.txt ident\n");
    CHECK(form_of("a.txt").first == false);
    auto [filtered, got] = form_of("sub/deep/b.txt");
    CHECK(filtered);
    CHECK(got.rfind("$Id: ", 0) == 0);
  }
  SECTION("a .gitattributes in the commit's tree: filtered everywhere") {
    r.write("other/.gitattributes", "*.md text\n");
    head = r.commit("attributes");
    r.git({"rm", "-q", "--cached", "other/.gitattributes"});  // not on disk's index either: the tree decides
    CHECK(form_of("a.txt").first == true);
  }
  SECTION("info/attributes: filtered everywhere") {
    r.write(".git/info/attributes", "*.txt eol=crlf\n");
    CHECK(form_of("a.txt") == std::pair(true, std::string("one\r\ntwo\r\n")));
  }
}
