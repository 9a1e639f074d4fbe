// Many literal strings searched for in one pass over a text (Aho-Corasick, as a table-driven automaton):
// the rewriter's pre-filter asks of every blob whether it holds any of them before a parser runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gitreorg::core {

class LiteralSearch {
 public:
  // The automaton matches ASCII letters in any case; `found` gets every occurrence and checks the
  // case itself when it matters (one pass serves exact and case-blind needles alike).
  explicit LiteralSearch(const std::vector<std::string>& needles);

  // Calls `found(needle, end)` for each occurrence in `text` (needle: its index in the constructor's
  // list; end: the offset just past it), in order of `end`, until `found` returns true. Returns
  // whether it did.
  bool find(std::string_view text, const std::function<bool(std::size_t needle, std::size_t end)>& found) const;

  bool empty() const { return empty_; }

 private:
  std::uint8_t classes_[256] = {};       // byte -> symbol (0: a byte no needle holds)
  std::size_t symbols_ = 1;
  std::vector<std::uint32_t> next_;      // state * symbols_ + symbol -> state (every transition resolved)
  std::vector<std::uint32_t> out_begin_; // per state: its needles are out_[out_begin_[s], out_begin_[s + 1])
  std::vector<std::uint32_t> out_;
  bool empty_ = true;
};

}  // namespace gitreorg::core
