// Makes work spread over threads observable without timing luck: each of `n` parties waits, on its
// first arrival, until all `n` have arrived (or a timeout passes, so a test fails instead of hanging).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "gitreorg/core/blob_reader.hpp"

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

// `n` blob readers for a stage that reads on one thread per reader: reader t counts its reads in
// `reads[t]` and waits at `meet` on its first one (so a test sees every reader used, each on a
// thread of its own); a read returns `content(oid)`.
inline std::vector<core::BlobReader> meeting_readers(std::size_t n, std::vector<std::size_t>& reads, Rendezvous& meet,
                                                     std::function<std::string(const std::string&)> content) {
  reads.assign(n, 0);
  std::vector<core::BlobReader> out;
  for (std::size_t t = 0; t < n; ++t)
    out.push_back([&reads, &meet, content, t](const std::string& oid) {
      meet.arrive(t);
      ++reads[t];
      return content(oid);
    });
  return out;
}

}  // namespace gitreorg::testing
