// Makes work spread over threads observable without timing luck: each of `n` parties waits, on its
// first arrival, until all `n` have arrived (or a timeout passes, so a test fails instead of hanging).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

namespace gitreorg::testing {

class Rendezvous {
 public:
  explicit Rendezvous(std::size_t n) : n_(n) {}

  // Party `who` arrives; its first arrival blocks until every party has arrived once.
  void arrive(std::size_t who) {
    std::unique_lock<std::mutex> lock(m_);
    if (!arrived_.insert(who).second) return;
    cv_.notify_all();
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return arrived_.size() == n_; });
  }

  std::size_t arrived() {
    std::lock_guard<std::mutex> lock(m_);
    return arrived_.size();
  }

 private:
  std::size_t n_;
  std::mutex m_;
  std::condition_variable cv_;
  std::set<std::size_t> arrived_;
};

}  // namespace gitreorg::testing
