// The git date parser: git's internal `seconds zone`, ISO 8601 and RFC 2822, with no libgit2 call
// (libgit2 1.5 has no public date parser).
#include "gitreorg/git/date.hpp"

#include <cctype>
#include <string>

#include "gitreorg/core/path.hpp"

namespace gitreorg::git {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// A tiny cursor over the date text.
struct Scanner {
  std::string_view s;
  std::size_t i = 0;
  void spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
  }
  bool done() const { return i >= s.size(); }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  std::optional<std::int64_t> number(std::size_t min_digits = 1, std::size_t max_digits = 18) {  // 18: no int64 overflow
    std::size_t start = i;
    std::int64_t v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < max_digits) v = v * 10 + (s[i++] - '0');
    if (i - start < min_digits) return std::nullopt;
    return v;
  }
  std::string word() {
    std::size_t start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    return std::string(s.substr(start, i - start));
  }
  // `+hhmm`, `+hh:mm`, `Z`, or nothing (UTC). Returns minutes, nullopt if malformed.
  std::optional<int> zone() {
    spaces();
    if (done()) return 0;
    if (eat('Z') || eat('z')) return 0;
    int sign = eat('+') ? 1 : eat('-') ? -1 : 0;
    if (!sign) return std::nullopt;
    auto hh = number(2, 2);
    if (!hh) return std::nullopt;
    eat(':');
    auto mm = number(2, 2);
    if (!mm) return std::nullopt;
    return sign * static_cast<int>(*hh * 60 + *mm);
  }
};

std::optional<std::pair<std::int64_t, int>> finish(Scanner& sc, std::int64_t y, int mon, int d, int h, int mi, int sec) {
  auto zone = sc.zone();
  sc.spaces();
  if (!zone || !sc.done() || mon < 1 || mon > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::int64_t local = days_from_civil(y, static_cast<unsigned>(mon), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec;
  return std::make_pair(local - *zone * 60, *zone);
}

}  // namespace

std::optional<std::pair<std::int64_t, int>> parse_git_date(std::string_view text) {
  Scanner sc{text};
  sc.spaces();
  // `@seconds [zone]` and `seconds zone` (git's internal format).
  bool at = sc.eat('@');
  std::size_t start = sc.i;
  if (auto n = sc.number(); n && (at || sc.i - start >= 9) && (sc.done() || sc.s[sc.i] == ' ')) {
    auto zone = sc.zone();
    sc.spaces();
    if (zone && sc.done()) return std::make_pair(*n, *zone);
    return std::nullopt;
  }
  if (at) return std::nullopt;
  sc.i = start;
  // ISO 8601: YYYY-MM-DD[T ]HH:MM[:SS][zone].
  if (auto y = sc.number(4, 4); y && sc.eat('-')) {
    auto mon = sc.number(1, 2);
    if (!mon || !sc.eat('-')) return std::nullopt;
    auto d = sc.number(1, 2);
    if (!d || !(sc.eat('T') || sc.eat(' '))) return std::nullopt;
    auto h = sc.number(1, 2);
    if (!h || !sc.eat(':')) return std::nullopt;
    auto mi = sc.number(2, 2);
    std::int64_t sec = 0;
    if (sc.eat(':')) {
      auto s = sc.number(2, 2);
      if (!s) return std::nullopt;
      sec = *s;
      if (sc.eat('.')) sc.number();
    }
    if (!mi) return std::nullopt;
    return finish(sc, *y, static_cast<int>(*mon), static_cast<int>(*d), static_cast<int>(*h), static_cast<int>(*mi), static_cast<int>(sec));
  }
  sc.i = start;
  // RFC 2822: [Day,] DD Mon YYYY HH:MM[:SS] zone.
  static const char* months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string w = sc.word();
  if (!w.empty()) sc.spaces();
  auto d = sc.number(1, 2);
  sc.spaces();
  std::string mname = core::to_lower(sc.word());
  int mon = 0;
  for (int k = 0; k < 12; ++k)
    if (mname.size() >= 3 && mname.substr(0, 3) == months[k]) mon = k + 1;
  sc.spaces();
  auto y = sc.number(4, 4);
  sc.spaces();
  auto h = sc.number(1, 2);
  if (!d || !mon || !y || !h || !sc.eat(':')) return std::nullopt;
  auto mi = sc.number(2, 2);
  std::int64_t sec = 0;
  if (sc.eat(':')) sec = sc.number(2, 2).value_or(99);
  if (!mi) return std::nullopt;
  return finish(sc, *y, mon, static_cast<int>(*d), static_cast<int>(*h), static_cast<int>(*mi), static_cast<int>(sec));
}

}  // namespace gitreorg::git
