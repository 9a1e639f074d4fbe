// `.gitmodules` rewriting: a line-level reading of git-config syntax, enough for `path = value`.
#include "gitreorg/rewrite/gitmodules.hpp"

#include <fmt/format.h>

#include <cctype>

#include "gitreorg/core/path.hpp"
#include "gitreorg/core/tree.hpp"

namespace gitreorg::rewrite {
namespace {

// A value as git-config writes it: bare when it can be, else quoted with `"` and `\` escaped.
std::string config_value(std::string_view path, bool quoted) {
  bool needs_quotes = quoted || path.find_first_of(";#\"\\") != std::string_view::npos ||
                      (!path.empty() && (std::isspace(static_cast<unsigned char>(path.front())) ||
                                         std::isspace(static_cast<unsigned char>(path.back()))));
  if (!needs_quotes) return std::string(path);
  std::string out = "\"";
  for (char c : path) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool is_gitmodules_path(std::string_view path) { return path == ".gitmodules"; }

std::vector<core::Edit> rewrite_gitmodules(std::string_view file, std::string_view text, const plan::MoveModel& moves, diag::Sink& sink) {
  std::vector<core::Edit> edits;
  bool in_submodule = false;
  int line_no = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_no;
    std::size_t i = line.find_first_not_of(" \t");
    if (i != std::string_view::npos && line[i] == '[') {
      std::size_t close = line.find(']', i);
      std::string_view section = line.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
      in_submodule = core::iequals(section.substr(0, std::min<std::size_t>(section.size(), 9)), "submodule");
    } else if (in_submodule && i != std::string_view::npos) {
      std::size_t eq = line.find('=', i);
      std::string_view key = line.substr(i, eq == std::string_view::npos ? 0 : eq - i);
      while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
      if (eq != std::string_view::npos && core::iequals(key, "path")) {
        // The value: from the first non-blank after `=` to a comment or the end, quotes kept apart.
        std::size_t v = line.find_first_not_of(" \t", eq + 1);
        if (v != std::string_view::npos) {
          bool quoted = line[v] == '"';
          std::size_t v_end;
          std::string value;
          if (quoted) {
            v_end = v + 1;
            for (; v_end < line.size() && line[v_end] != '"'; ++v_end) {
              if (line[v_end] == '\\' && v_end + 1 < line.size()) ++v_end;
              value += line[v_end];
            }
            if (v_end < line.size()) ++v_end;  // closing quote
          } else {
            v_end = line.find_first_of(";#", v);
            if (v_end == std::string_view::npos) v_end = line.size();
            while (v_end > v && (line[v_end - 1] == ' ' || line[v_end - 1] == '\t' || line[v_end - 1] == '\r')) --v_end;
            value = std::string(line.substr(v, v_end - v));
          }
          while (value.size() > 1 && value.back() == '/') value.pop_back();
          const core::TreeEntry* entry = moves.entry(value);
          if (!entry || entry->mode != core::kModeGitlink) {
            sink.warning(std::string(file), {line_no, static_cast<int>(v) + 1},
                         fmt::format("`path = {}` names no submodule of the tree (left as is)", value));
          } else if (auto to = moves.new_path(value); to && *to != value) {
            core::Edit e;
            e.offset = start + v;
            e.length = v_end - v;
            e.replacement = config_value(*to, quoted);
            e.line = line_no;
            e.kind = "gitmodules";
            e.original = std::string(line.substr(v, v_end - v));
            edits.push_back(std::move(e));
          }
        }
      }
    }
    start = end + 1;
  }
  return edits;
}

bool gitmodules_applies(const FileInput& file, const RewriteContext& ctx) {
  return ctx.moving && file.regular() && is_gitmodules_path(file.old_path);
}

KindResult gitmodules_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  return {rewrite_gitmodules(file.old_path, *file.text, ctx.moves, sink), {}, {}, false};
}

}  // namespace gitreorg::rewrite
