// parallel_for: an atomic chunk counter shared by the workers; no queue, no allocation per item.
#include "gitreorg/core/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace gitreorg::core {

unsigned default_workers() { return std::max(1u, std::min(8u, std::thread::hardware_concurrency())); }

void parallel_for(std::size_t n, unsigned workers, const std::function<void(unsigned worker, std::size_t i)>& work,
                  std::size_t grain) {
  const std::size_t kChunk = std::max<std::size_t>(grain, 1);
  std::size_t chunks = (n + kChunk - 1) / kChunk;
  workers = static_cast<unsigned>(std::clamp<std::size_t>(chunks, 1, std::max(1u, workers)));
  std::atomic<std::size_t> next{0};
  auto run = [&](unsigned w) {
    for (std::size_t c = next++; c < chunks; c = next++)
      for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i) work(w, i);
  };
  if (workers == 1) {
    run(0);
    return;
  }
  std::vector<std::exception_ptr> errors(workers);
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      try {
        run(w);
      } catch (...) {
        errors[w] = std::current_exception();
        next = chunks;  // the others stop after their current chunk
      }
    });
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace gitreorg::core
