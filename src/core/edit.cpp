// Applying edits: sort, check, splice.
#include "gitreorg/core/edit.hpp"

#include <algorithm>
#include <stdexcept>

namespace gitreorg::core {

std::string apply_edits(std::string_view text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const Edit& e : edits) {
    if (e.offset < pos) throw std::invalid_argument("overlapping edits at offset " + std::to_string(e.offset));
    if (e.offset > text.size() || e.length > text.size() - e.offset)
      throw std::invalid_argument("edit outside the text at offset " + std::to_string(e.offset));
    out.append(text.substr(pos, e.offset - pos));
    out.append(e.replacement);
    pos = e.offset + e.length;
  }
  out.append(text.substr(pos));
  return out;
}

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

int LineIndex::line(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<int>(it - starts_.begin());
}

std::size_t LineIndex::offset(int line) const {
  if (line < 1) return 0;
  std::size_t at = static_cast<std::size_t>(line - 1);
  return at < starts_.size() ? starts_[at] : (starts_.empty() ? 0 : starts_.back());
}

int LineIndex::column(std::size_t offset) const {
  return static_cast<int>(offset - starts_[static_cast<std::size_t>(line(offset) - 1)]) + 1;
}

}  // namespace gitreorg::core
