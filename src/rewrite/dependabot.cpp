// dependabot is read with yaml-cpp only to find the directory scalars; each change is an edit at the
// bytes of one scalar, so comments, quoting and layout stay.
#include "gitreorg/rewrite/dependabot.hpp"

#include <algorithm>
#include <optional>

#include "gitreorg/core/path.hpp"
#include "gitreorg/mapping/repo_path.hpp"
#include "rewrite/yaml_scalar.hpp"

namespace gitreorg::rewrite {

bool is_dependabot_path(std::string_view path) {
  return path == ".github/dependabot.yml" || path == ".github/dependabot.yaml";
}

std::vector<core::Edit> rewrite_dependabot(std::string_view old_path, std::string_view text, const plan::MoveModel& moves,
                                     diag::Sink& sink, std::vector<ReviewItem>& review) {
  std::vector<core::Edit> edits;
  std::optional<YAML::Node> root = load_yaml(text);
  if (!root) {
    sink.warning(std::string(old_path), {}, "not valid YAML: its paths were not updated");
    return edits;
  }
  core::LineIndex lines(text);
  auto directory = [&](const YAML::Node& node, bool flow) {
    std::optional<YamlScalar> s = locate_scalar(text, node, flow);
    if (!s || s->value.value.empty()) return;
    const std::string& v = s->value.value;
    std::size_t from = s->value.from.front(), to = s->value.to.back();
    std::string raw(text.substr(from, to - from));
    bool slash = v[0] == '/';
    std::string dir = mapping::normalize_repo_path(std::string_view(v).substr(slash ? 1 : 0));
    if (v.find_first_of("*?[") != std::string::npos || moves.kind(dir) == core::PathKind::none) {
      // Below a directory that moved: someone should look.
      for (std::string_view d = dir; !d.empty(); d = core::parent_dir(d)) {
        std::optional<std::string> nd = moves.new_path(d);
        if (nd && *nd != d) {
          review.push_back({std::string(old_path), lines.line(from), raw, "a pattern or unknown directory below a moved one"});
          break;
        }
      }
      return;
    }
    if (moves.dissolved(dir)) {
      review.push_back({std::string(old_path), lines.line(from), raw, "`" + dir + "` is split by the move: no single new place"});
      return;
    }
    std::string nd = *moves.new_path(dir);
    if (nd == dir) return;
    std::string repl = (slash ? "/" : "") + nd;
    if (raw.size() != v.size()) {
      edits.push_back(core::Edit{s->begin, s->end - s->begin, quote_scalar(repl, s->style), lines.line(from), "dependabot",
                           std::string(text.substr(s->begin, s->end - s->begin))});
    } else {
      edits.push_back(core::Edit{from, to - from, repl, lines.line(from), "dependabot", raw});
    }
  };
  const YAML::Node updates = (*root)["updates"];
  if (!updates || !updates.IsSequence()) return edits;
  for (const YAML::Node& u : updates) {
    if (!u.IsMap()) continue;
    if (const YAML::Node d = u["directory"]; d && d.IsScalar()) directory(d, false);
    if (const YAML::Node ds = u["directories"]; ds && ds.IsSequence())
      for (const YAML::Node& d : ds)
        if (d.IsScalar()) directory(d, ds.Style() == YAML::EmitterStyle::Flow);
  }
  std::sort(edits.begin(), edits.end(), [](const core::Edit& a, const core::Edit& b) { return a.offset < b.offset; });
  return edits;
}

bool dependabot_applies(const FileInput& file, const RewriteContext& ctx) {
  return ctx.moving && file.regular() && is_dependabot_path(file.old_path);
}

KindResult dependabot_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  KindResult out;
  out.edits = rewrite_dependabot(file.old_path, *file.text, ctx.moves, sink, out.review);
  return out;
}

}  // namespace gitreorg::rewrite
