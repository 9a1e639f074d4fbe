// PNG encoding by hand (CRC-32, Adler-32, a stored deflate block), so the demo needs no image library.
#include "demo/generated_bytes.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace gitreorg::demo {
namespace {

std::uint32_t crc32(const std::string& bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = ~0U;
  for (const unsigned char b : bytes) crc = table[(crc ^ b) & 0xFFU] ^ (crc >> 8);
  return ~crc;
}

void put_be32(std::string& out, std::uint32_t v) {
  for (const int shift : {24, 16, 8, 0}) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void png_chunk(std::string& out, const char* type, const std::string& payload) {
  const std::string body = std::string(type, 4) + payload;
  put_be32(out, static_cast<std::uint32_t>(payload.size()));
  out += body;
  put_be32(out, crc32(body));
}

}  // namespace

std::string make_png(unsigned w, unsigned h, unsigned seed) {
  std::string raw;
  for (unsigned y = 0; y < h; ++y) {
    raw.push_back('\0');  // filter type: none
    for (unsigned x = 0; x < w; ++x) {
      raw.push_back(static_cast<char>((x * 255U / w + seed * 37U) & 0xFF));
      raw.push_back(static_cast<char>((y * 255U / h + seed * 91U) & 0xFF));
      raw.push_back(static_cast<char>(((x ^ y) * 8U + seed * 13U) & 0xFF));
    }
  }
  // A zlib stream of one stored (uncompressed) deflate block: header, BFINAL=1 BTYPE=00, LEN, NLEN.
  const auto len = static_cast<std::uint16_t>(raw.size());
  const auto nlen = static_cast<std::uint16_t>(~len);
  std::string z = {0x78, 0x01, 0x01};
  for (const std::uint16_t v : {len, nlen}) {
    z.push_back(static_cast<char>(v & 0xFF));
    z.push_back(static_cast<char>(v >> 8));
  }
  z += raw;
  std::uint32_t a = 1, b = 0;
  for (const unsigned char ch : raw) {
    a = (a + ch) % 65521U;
    b = (b + a) % 65521U;
  }
  put_be32(z, (b << 16) | a);

  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put_be32(ihdr, w);
  put_be32(ihdr, h);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit, RGB, deflate, no filter, no interlace
  png_chunk(png, "IHDR", ihdr);
  png_chunk(png, "IDAT", z);
  png_chunk(png, "IEND", "");
  return png;
}

std::string make_binary(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out("\x0a\x00\x12\x00spm-demo", 12);
  while (out.size() < n) out.push_back(static_cast<char>(gen() % 256U));
  return out;
}

}  // namespace gitreorg::demo
