// Heading slugs. github-slugger removes everything that is not a letter, mark, number, connector
// punctuation, space or hyphen; without Unicode tables we keep every non-ASCII code point except the
// common symbol and punctuation blocks (arrows, dingbats, emoji, CJK punctuation, variation selectors).
#include "gitreorg/markdown/slug.hpp"

#include <cctype>

namespace gitreorg::markdown {
namespace {

bool dropped_code_point(unsigned long cp) {
  return (cp >= 0x2000 && cp <= 0x2BFF) ||   // general punctuation, symbols, arrows, dingbats, ...
         (cp >= 0x2E00 && cp <= 0x2E7F) ||   // supplemental punctuation
         (cp >= 0x3000 && cp <= 0x303F) ||   // CJK punctuation
         (cp >= 0xFE00 && cp <= 0xFE0F) ||   // variation selectors
         (cp >= 0x1F000 && cp <= 0x1FAFF) || // emoji and pictographs
         cp == 0xA0 || cp == 0xA7 || cp == 0xA9 || cp == 0xAE || cp == 0xB0 || cp == 0xB1 || cp == 0xB6 ||
         cp == 0xB7 || cp == 0xBF || cp == 0xA1 || cp == 0xAB || cp == 0xBB || cp == 0xD7 || cp == 0xF7;
}

}  // namespace

std::string github_slug(std::string_view heading) {
  std::string out;
  for (std::size_t i = 0; i < heading.size();) {
    auto c = static_cast<unsigned char>(heading[i]);
    if (c < 0x80) {
      if (std::isalnum(c) || c == '-' || c == '_')
        out += static_cast<char>(std::tolower(c));
      else if (c == ' ')
        out += '-';
      ++i;
      continue;
    }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    unsigned long cp = n == 4 ? c & 0x07 : n == 3 ? c & 0x0F : n == 2 ? c & 0x1F : c;
    for (std::size_t k = 1; k < n && i + k < heading.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(heading[i + k]) & 0x3F);
    if (!dropped_code_point(cp)) out.append(heading.substr(i, n));
    i += n;
  }
  return out;
}

std::string Slugger::slug(std::string_view heading) {
  // github-slugger: while taken, bump the base's counter and try `base-N`; every result is taken.
  std::string base = github_slug(heading);
  std::string s = base;
  while (seen_.count(s)) s = base + "-" + std::to_string(++seen_[base]);
  seen_.emplace(s, 0);
  return s;
}

}  // namespace gitreorg::markdown
