// Aho-Corasick over a reduced alphabet: the bytes the needles hold (letters folded to lower case),
// every other byte one symbol, so the table stays small; failure links are folded into the table,
// so the scan is one lookup per byte.
#include "gitreorg/core/literal_search.hpp"

#include <cctype>
#include <deque>

namespace gitreorg::core {
namespace {

unsigned char fold(unsigned char c) { return static_cast<unsigned char>(std::tolower(c)); }

}  // namespace

LiteralSearch::LiteralSearch(const std::vector<std::string>& needles) {
  for (const std::string& n : needles)
    for (char ch : n) {
      unsigned char c = fold(static_cast<unsigned char>(ch));
      if (!classes_[c]) classes_[c] = static_cast<std::uint8_t>(symbols_++);
    }
  for (int c = 'A'; c <= 'Z'; ++c) classes_[c] = classes_[c - 'A' + 'a'];
  const std::size_t k = symbols_;
  // The trie, 0 = no edge yet (state 0 is the root, never a target).
  std::vector<std::uint32_t> go(k, 0);
  std::vector<std::vector<std::uint32_t>> own(1);
  for (std::size_t i = 0; i < needles.size(); ++i) {
    if (needles[i].empty()) continue;
    empty_ = false;
    std::uint32_t s = 0;
    for (char ch : needles[i]) {
      std::uint8_t sym = classes_[static_cast<unsigned char>(ch)];
      if (!go[s * k + sym]) {
        go[s * k + sym] = static_cast<std::uint32_t>(own.size());
        own.emplace_back();
        go.resize(own.size() * k, 0);
      }
      s = go[s * k + sym];
    }
    own[s].push_back(static_cast<std::uint32_t>(i));
  }
  // Breadth first: each state's missing edges are its failure state's, and its needles include its
  // failure state's (the longest proper suffix that is a trie state).
  const std::size_t states = own.size();
  std::vector<std::uint32_t> fail(states, 0);
  std::vector<std::vector<std::uint32_t>> outs = own;
  next_ = go;
  std::deque<std::uint32_t> queue;
  for (std::size_t sym = 0; sym < k; ++sym)
    if (std::uint32_t t = go[sym]) queue.push_back(t);
  while (!queue.empty()) {
    std::uint32_t s = queue.front();
    queue.pop_front();
    for (std::uint32_t n : outs[fail[s]]) outs[s].push_back(n);
    for (std::size_t sym = 0; sym < k; ++sym) {
      std::uint32_t t = go[s * k + sym];
      if (t) {
        fail[t] = next_[fail[s] * k + sym];
        queue.push_back(t);
        next_[s * k + sym] = t;
      } else {
        next_[s * k + sym] = next_[fail[s] * k + sym];
      }
    }
  }
  out_begin_.reserve(states + 1);
  for (const auto& o : outs) {
    out_begin_.push_back(static_cast<std::uint32_t>(out_.size()));
    out_.insert(out_.end(), o.begin(), o.end());
  }
  out_begin_.push_back(static_cast<std::uint32_t>(out_.size()));
}

bool LiteralSearch::find(std::string_view text, const std::function<bool(std::size_t, std::size_t)>& found) const {
  if (empty_) return false;
  const std::uint32_t* next = next_.data();
  const std::size_t k = symbols_;
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    s = next[s * k + classes_[static_cast<unsigned char>(text[i])]];
    for (std::uint32_t o = out_begin_[s]; o < out_begin_[s + 1]; ++o)
      if (found(out_[o], i + 1)) return true;
  }
  return false;
}

}  // namespace gitreorg::core
