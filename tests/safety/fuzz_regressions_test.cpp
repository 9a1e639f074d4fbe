// Inputs the fuzz targets (tests/fuzz/) found crashing, each kept as a test that runs in every build;
// under GITREORG_SANITIZE a regression fails at once. The comment says what was wrong.
#include <catch2/catch.hpp>

#include <string>

#include "gitreorg/mapping/mapping.hpp"

using namespace gitreorg;

// mapping_fuzz, first input: the loader kept a reference to a YAML key that lived in a temporary
// iterator proxy (stack-use-after-scope on every mapping with a key; GCC's -Wdangling-pointer had
// said so and was silenced).
TEST_CASE("safety: fuzz regression mapping keys outlive the YAML iterator", "[safety][fuzz]") {
  diag::Sink sink;
  auto m = mapping::load_mapping("version: 1\nx: &a [1, 2]\nmoves: *a\n", "m.yaml", sink);
  CHECK(sink.has_errors());
  diag::Sink ok;
  auto good = mapping::load_mapping("version: 1\nmoves:\n  - from: a\n    to: b\n    reason: r\n", "m.yaml", ok);
  CHECK_FALSE(ok.has_errors());
  REQUIRE(good.rules.size() == 1);
  CHECK(good.rules[0].to == "b");
  CHECK(good.rules[0].reason == "r");
}
