// The progress counter: an atomic count, and a report to the display at most every 100 ms, by
// whichever thread counts first after that.
#include "gitreorg/core/progress.hpp"

namespace gitreorg::core {
namespace {
ProgressDisplay* g_display = nullptr;
constexpr std::chrono::steady_clock::duration kEvery = std::chrono::milliseconds(100);
}  // namespace

void set_progress_display(ProgressDisplay* display) { g_display = display; }

Progress::Progress(std::string what, std::size_t total)
    : display_(g_display), what_(std::move(what)), total_(total), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (display_) display_->finish(what_, done_.load(), total_);
}

void Progress::add(std::size_t n) {
  std::size_t done = done_.fetch_add(n, std::memory_order_relaxed) + n;
  if (!display_) return;
  auto elapsed = std::chrono::steady_clock::now() - start_;
  if (elapsed.count() < next_report_.load(std::memory_order_relaxed)) return;
  if (reporting_.exchange(true, std::memory_order_acquire)) return;  // another thread is reporting
  next_report_.store((elapsed + kEvery).count(), std::memory_order_relaxed);
  display_->update(what_, done, total_, elapsed);
  reporting_.store(false, std::memory_order_release);
}

}  // namespace gitreorg::core
