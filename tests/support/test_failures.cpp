// The listener behind testing::current_test_failed(): remembers whether any assertion of the running
// test case failed (Catch2's lastAssertionPassed() sees only the last one).
#define CATCH_CONFIG_EXTERNAL_INTERFACES  // the listener base class
#include <catch2/catch.hpp>

#include "support/temp_repo.hpp"

namespace gitreorg::testing {
namespace {

bool g_failed = false;

struct FailureListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(const Catch::TestCaseInfo& info) override {
    TestEventListenerBase::testCaseStarting(info);
    g_failed = false;
  }
  bool assertionEnded(const Catch::AssertionStats& stats) override {
    if (!stats.assertionResult.isOk()) g_failed = true;
    return TestEventListenerBase::assertionEnded(stats);
  }
};

CATCH_REGISTER_LISTENER(FailureListener)

}  // namespace

bool current_test_failed() { return g_failed; }

}  // namespace gitreorg::testing
