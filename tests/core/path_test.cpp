// core/path: the README test that the policy, the link check and the link-text rewrite share.
#include <catch2/catch.hpp>

#include "gitreorg/core/path.hpp"

using gitreorg::core::is_readme;

TEST_CASE("core: is_readme takes GitHub's README names, in any case, and nothing that merely starts like one", "[core]") {
  CHECK(is_readme("README.md"));
  CHECK(is_readme("docs/readme.rst"));
  CHECK(is_readme("a/b/README"));
  CHECK(is_readme("ReadMe.markdown"));
  CHECK_FALSE(is_readme("READMEFIRST.md"));
  CHECK_FALSE(is_readme("README/x.md"));
  CHECK_FALSE(is_readme("read.md"));
  CHECK_FALSE(is_readme("docs/"));
}
