// Independent per-item work spread over threads, for the stages that read one blob per item.
#pragma once

#include <cstddef>
#include <functional>

namespace gitreorg::core {

// The threads a stage that reads blobs uses: every core, at most 8 (blob reads and zlib do not
// scale past that, and each thread holds a repository handle).
unsigned default_workers();

// Calls `work(worker, i)` for every i in [0, n), on `workers` threads (the calling thread alone when
// 1), each item once; `worker` (0 .. workers-1) names the thread, for state of its own such as a
// blob reader (libgit2 handles are not shared between threads). Items go out in chunks of `grain`, in
// index order, to whichever worker is free. The first exception a call throws stops the others and
// is rethrown here.
void parallel_for(std::size_t n, unsigned workers, const std::function<void(unsigned worker, std::size_t i)>& work,
                  std::size_t grain = 64);

}  // namespace gitreorg::core
