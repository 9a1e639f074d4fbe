// git::similarity against git itself: for pairs of contents, a rename of A to B in a throwaway
// repository is shown by `git diff -M --name-status` as R<score> exactly when similarity(A, B) is 50
// or more, with that score.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <sstream>

#include "gitreorg/git/similarity.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::TempRepo;

namespace {

// A text of `lines` lines of words from `rnd`, each line unique to `tag`.
std::string text(std::mt19937& rnd, const std::string& tag, int lines, const char* eol = "\n") {
  static const char* words[] = {"train", "model", "node", "cluster", "slurm", "pytorch", "batch", "shard", "epoch", "token"};
  std::string out;
  for (int l = 0; l < lines; ++l) {
    out += tag + "-" + std::to_string(l);
    for (int w = 0; w < 1 + static_cast<int>(rnd() % 14); ++w) out += std::string(" ") + words[rnd() % 10];
    out += eol;
  }
  return out;
}

// `a` with a share of its lines replaced (`every`-th line).
std::string edited(const std::string& a, int every, const std::string& with) {
  std::istringstream in(a);
  std::string out, line;
  for (int i = 0; std::getline(in, line); ++i) out += (i % every == 0 ? with + std::to_string(i) : line) + "\n";
  return out;
}

}  // namespace

TEST_CASE("git similarity: the score and the 50% threshold are git's", "[git][similarity]") {
  std::mt19937 rnd(7);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 12; ++i) {
    // Each pair's own text: a file pairs with the best match git finds among all of them.
    for (int every : {1, 2, 3, 5, 9}) {
      std::string tag = "p" + std::to_string(i) + "e" + std::to_string(every);
      std::string a = text(rnd, tag, 3 + i * 4);
      pairs.push_back({a, edited(a, every, tag + "-new line written again ")});
    }
    std::string tag = "p" + std::to_string(i);
    std::string a = text(rnd, tag, 3 + i * 4);
    pairs.push_back({a, a + text(rnd, tag + "x", i + 1)});               // lines added
    pairs.push_back({text(rnd, tag + "c", 6, "\r\n"), text(rnd, tag + "c", 6)});  // CRLF against LF
  }
  pairs.push_back({std::string(300, 'x') + "\n", std::string(300, 'x') + "y\n"});   // one line longer than 64 bytes
  pairs.push_back({std::string("bin\0ary\n", 8) + std::string(200, 'q'), std::string("bin\0ary\n", 8) + std::string(150, 'q')});
  pairs.push_back({"short\n", "short!\n"});
  pairs.push_back({"no newline at the end", "no newline at the end, still"});

  TempRepo r;
  for (std::size_t i = 0; i < pairs.size(); ++i) r.write("a" + std::to_string(i) + ".txt", pairs[i].first);
  r.commit("before");
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    r.git({"rm", "-q", "a" + std::to_string(i) + ".txt"});
    r.write("b" + std::to_string(i) + ".txt", pairs[i].second);
  }
  r.commit("after");
  std::map<std::string, int> git_score;  // new path -> R score
  std::istringstream in(r.git({"diff", "-M", "--name-status", "HEAD~1", "HEAD"}).out);
  for (std::string line; std::getline(in, line);)
    if (line[0] == 'R') git_score[line.substr(line.rfind('\t') + 1)] = std::stoi(line.substr(1, 3));

  int renames = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    std::string b = "b" + std::to_string(i) + ".txt";
    int ours = gitreorg::git::similarity(pairs[i].first, pairs[i].second);
    INFO(b << ": ours " << ours);
    if (ours >= 50) {
      ++renames;
      REQUIRE(git_score.count(b));
      CHECK(git_score.at(b) == ours);
    } else {
      CHECK_FALSE(git_score.count(b));
    }
  }
  // Both sides of the threshold are exercised.
  CHECK(renames > 10);
  CHECK(static_cast<std::size_t>(renames) < pairs.size() - 10);
}
