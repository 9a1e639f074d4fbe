// The progress counter: counts from any thread, reports to the installed display at most every
// 100 ms, finishes once; without a display nothing is called.
#include <catch2/catch.hpp>

#include <mutex>
#include <thread>
#include <vector>

#include "gitreorg/core/progress.hpp"

using namespace gitreorg::core;

namespace {
struct Recorder : ProgressDisplay {
  std::mutex m;
  std::vector<std::size_t> updates;
  std::vector<std::pair<std::size_t, std::size_t>> finished;  // done, total
  void update(const std::string& what, std::size_t done, std::size_t, std::chrono::steady_clock::duration) override {
    std::lock_guard<std::mutex> lock(m);
    CHECK(what == "Scanning");
    updates.push_back(done);
  }
  void finish(const std::string&, std::size_t done, std::size_t total) override { finished.emplace_back(done, total); }
};
}  // namespace

TEST_CASE("core: progress counts from every thread, reports throttled, finishes once", "[core][progress]") {
  Recorder rec;
  set_progress_display(&rec);
  {
    Progress p("Scanning", 40000);
    std::vector<std::thread> pool;
    for (int t = 0; t < 4; ++t)
      pool.emplace_back([&] {
        for (int i = 0; i < 10000; ++i) p.add();
      });
    for (std::thread& th : pool) th.join();
  }
  set_progress_display(nullptr);
  REQUIRE(rec.finished.size() == 1);
  CHECK(rec.finished[0] == std::make_pair(std::size_t{40000}, std::size_t{40000}));
  // The first count reports at once (the display decides the delay), then at most every 100 ms: a
  // few reports for 40,000 counts done in well under a second.
  REQUIRE(!rec.updates.empty());
  CHECK(rec.updates.size() < 20);
  CHECK(rec.updates.front() >= 1);
  {
    Progress quiet("Scanning", 3);  // no display installed now
    quiet.add(3);
  }
  CHECK(rec.finished.size() == 1);
}
