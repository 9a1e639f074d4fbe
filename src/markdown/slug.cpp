// Heading slugs as github-slugger makes them: the heading lowercased as JavaScript's toLowerCase()
// does, then every code point of a category github-slugger strips removed unless it is Alphabetic,
// spaces made hyphens. Unicode categories and case mappings come from utf8proc.
#include "gitreorg/markdown/slug.hpp"

#include <utf8proc.h>

#include <vector>

namespace gitreorg::markdown {
namespace {

// Alphabetic code points outside the letter, mark and letter-number categories (PropList.txt's
// Other_Alphabetic symbols: circled and squared Latin letters). github-slugger keeps every
// Alphabetic code point; utf8proc has no Alphabetic property, and these are the only ones a
// category test would strip.
bool alphabetic_symbol(utf8proc_int32_t cp) {
  return (cp >= 0x24B6 && cp <= 0x24E9) || (cp >= 0x1F130 && cp <= 0x1F149) || (cp >= 0x1F150 && cp <= 0x1F169) ||
         (cp >= 0x1F170 && cp <= 0x1F189);
}

// github-slugger's generate-regex strips Other_Number, every punctuation but connectors (and `-`),
// symbols, controls, format, private use, unassigned and separators (but ` `).
bool kept(utf8proc_int32_t cp) {
  if (cp == ' ' || cp == '-') return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_CS:
      return true;
    default:
      return alphabetic_symbol(cp);
  }
}

// SpecialCasing.txt's context Final_Sigma needs "cased" and "case-ignorable" (Unicode 3.13).
bool cased(utf8proc_int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
         utf8proc_toupper(cp) != cp || utf8proc_tolower(cp) != cp;
}

bool case_ignorable(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_SK:
      return true;
    default:  // Word_Break MidLetter, MidNumLet and Single_Quote
      return cp == '\'' || cp == '.' || cp == ':' || cp == 0x00B7 || cp == 0x0387 || cp == 0x055F || cp == 0x05F4 ||
             cp == 0x2018 || cp == 0x2019 || cp == 0x2024 || cp == 0x2027 || cp == 0xFE13 || cp == 0xFE52 ||
             cp == 0xFE55 || cp == 0xFF07 || cp == 0xFF0E || cp == 0xFF1A;
  }
}

// Σ is ς at the end of a word: a cased letter before it and none after (case-ignorables skipped).
bool final_sigma(const std::vector<utf8proc_int32_t>& cps, std::size_t i) {
  std::size_t b = i;
  while (b > 0 && case_ignorable(cps[b - 1])) --b;
  if (b == 0 || !cased(cps[b - 1])) return false;
  std::size_t a = i + 1;
  while (a < cps.size() && case_ignorable(cps[a])) ++a;
  return a == cps.size() || !cased(cps[a]);
}

void append(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t len = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
}

}  // namespace

std::string github_slug(std::string_view heading) {
  // Decode first: Final_Sigma looks both ways. A byte that is not UTF-8 is kept as it is (as a
  // browser's slug would keep its replacement); -1 - byte marks it.
  std::vector<utf8proc_int32_t> cps;
  cps.reserve(heading.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(heading.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(heading.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      cps.push_back(-1 - static_cast<utf8proc_int32_t>(*p));
      n = 1;
    } else {
      cps.push_back(cp);
    }
    p += n;
    left -= n;
  }

  std::string out;
  out.reserve(heading.size());
  auto emit = [&out](utf8proc_int32_t lower) {
    if (!kept(lower)) return;
    if (lower == ' ') out += '-';
    else append(out, lower);
  };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    utf8proc_int32_t cp = cps[i];
    if (cp < 0) {
      out += static_cast<char>(-1 - cp);
    } else if (cp == 0x0130) {  // İ: SpecialCasing.txt's one unconditional lowercase of two code points
      emit('i');
      emit(0x0307);
    } else if (cp == 0x03A3) {
      emit(final_sigma(cps, i) ? 0x03C2 : 0x03C3);
    } else {
      emit(utf8proc_tolower(cp));  // the category is the lowercased code point's: lowercasing comes first
    }
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
