// parallel_for: every item once, on the threads asked for, each knowing its worker; errors come back.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gitreorg/core/parallel_for.hpp"
#include "support/rendezvous.hpp"

using gitreorg::core::parallel_for;

TEST_CASE("parallel_for: every index exactly once, each worker on a thread of its own", "[core][parallel]") {
  for (unsigned workers : {1u, 2u, 4u}) {
    std::vector<std::atomic<int>> seen(10'000);
    std::mutex m;
    std::set<unsigned> worker_ids;
    std::set<std::thread::id> threads;
    std::vector<std::thread::id> thread_of(workers);
    std::atomic<bool> mismatch{false};
    gitreorg::testing::Rendezvous meet(workers);
    parallel_for(seen.size(), workers, [&](unsigned w, std::size_t i) {
      meet.arrive(w);  // every worker takes part (157 chunks: enough for 4)
      ++seen[i];
      std::lock_guard<std::mutex> lock(m);
      if (worker_ids.insert(w).second) thread_of.at(w) = std::this_thread::get_id();
      else if (thread_of[w] != std::this_thread::get_id()) mismatch = true;  // a worker's state stays on its thread
      threads.insert(std::this_thread::get_id());
    });
    INFO("workers " << workers);
    for (const auto& s : seen) REQUIRE(s == 1);
    CHECK_FALSE(mismatch);
    CHECK(worker_ids.size() == workers);
    CHECK(*worker_ids.rbegin() < workers);
    CHECK(threads.size() == worker_ids.size());
    if (workers == 1) CHECK(*threads.begin() == std::this_thread::get_id());
  }
}

TEST_CASE("parallel_for: nothing to do, fewer items than threads", "[core][parallel]") {
  std::atomic<int> calls{0};
  parallel_for(0, 4, [&](unsigned, std::size_t) { ++calls; });
  CHECK(calls == 0);
  std::set<unsigned> workers;
  std::mutex m;
  parallel_for(3, 8, [&](unsigned w, std::size_t) {
    std::lock_guard<std::mutex> lock(m);
    workers.insert(w);
  });
  CHECK(workers == std::set<unsigned>{0});  // one chunk: one worker
}

TEST_CASE("parallel_for: an exception on a worker is rethrown to the caller", "[core][parallel]") {
  for (unsigned workers : {1u, 2u}) {
    std::atomic<std::size_t> done{0};
    CHECK_THROWS_WITH(parallel_for(100'000, workers,
                                   [&](unsigned, std::size_t i) {
                                     if (i == 500) throw std::runtime_error("item 500");
                                     ++done;
                                   }),
                      "item 500");
    if (workers == 1) CHECK(done == 500);  // nothing after the failing item
  }
}
