// Binary files of the demo, made by code rather than stored: small valid PNG images and opaque bytes.
#pragma once

#include <cstddef>
#include <string>

namespace gitreorg::demo {

// A w x h RGB image with a gradient derived from `seed`: real CRCs, one stored deflate block.
std::string make_png(unsigned w, unsigned h, unsigned seed);

// `n` bytes, NULs included, from a fixed-seed std::mt19937 behind a small header (a stand-in for a
// SentencePiece model).
std::string make_binary(std::size_t n, unsigned seed);

}  // namespace gitreorg::demo
