// Edit distance and the closest known name, for "did you mean" hints.
#include "gitreorg/core/closest_name.hpp"

#include <algorithm>

namespace gitreorg::core {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string_view> closest_name(std::string_view name, const std::vector<std::string_view>& known,
                                             std::size_t limit) {
  std::optional<std::string_view> best;
  for (std::string_view k : known) {
    std::size_t d = edit_distance(name, k);
    if (d < limit) limit = d, best = k;
  }
  return best;
}

}  // namespace gitreorg::core
