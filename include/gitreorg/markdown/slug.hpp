// GitHub's heading anchors ("slugs"), as github-slugger computes them.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace gitreorg::markdown {

// Lowercase (ASCII); punctuation and symbols dropped except `-` and `_`; each space becomes `-`
// (runs are not collapsed). Letters, digits and marks of any script are kept.
std::string github_slug(std::string_view heading);

// Slugs of one document in order: a repeated slug gets `-1`, `-2`, ...
class Slugger {
 public:
  std::string slug(std::string_view heading);

 private:
  std::map<std::string, int> seen_;
};

}  // namespace gitreorg::markdown
