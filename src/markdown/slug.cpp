// Heading slugs as github-slugger makes them: lowercased, then every code point that is not a letter,
// mark, number, connector punctuation, space or hyphen removed, spaces made hyphens. Unicode
// categories and case mapping come from utf8proc.
#include "gitreorg/markdown/slug.hpp"

#include <utf8proc.h>

namespace gitreorg::markdown {
namespace {

bool kept(utf8proc_int32_t cp) {
  if (cp == ' ' || cp == '-') return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string github_slug(std::string_view heading) {
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(heading.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(heading.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // not UTF-8: keep the byte as it is, as a browser's slug would keep its replacement
      out += static_cast<char>(*p);
      ++p;
      --left;
      continue;
    }
    p += n;
    left -= n;
    if (!kept(cp)) continue;
    if (cp == ' ') {
      out += '-';
      continue;
    }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t len = utf8proc_encode_char(utf8proc_tolower(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
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
