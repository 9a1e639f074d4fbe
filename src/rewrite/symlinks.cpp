// Symlink targets are plain bytes relative to the link's directory: resolve, map, relativise.
#include "gitreorg/rewrite/symlinks.hpp"

#include <fmt/format.h>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/link_path.hpp"

namespace gitreorg::rewrite {

std::optional<core::Edit> rewrite_symlink(std::string_view old_path, std::string_view new_path, std::string_view target,
                                    const plan::MoveModel& moves, diag::Sink& sink) {
  if (target.empty() || target.front() == '/') return std::nullopt;
  std::optional<std::string> resolved = markdown::resolve_path(core::parent_dir(old_path), target);
  if (!resolved) {
    sink.warning(std::string(old_path), {}, fmt::format("symlink target `{}` points outside the repository (left as is)", target))
        .names = {std::string(target)};
    return std::nullopt;
  }
  std::optional<std::string> moved = moves.new_path(*resolved);
  if (!moved) {
    sink.warning(std::string(old_path), {}, fmt::format("symlink target `{}` is not in the tree (left as is)", target))
        .names = {std::string(target)};
    return std::nullopt;
  }
  std::string_view new_dir = core::parent_dir(new_path);
  if (markdown::resolve_path(new_dir, target) == *moved) return std::nullopt;
  core::Edit e;
  e.offset = 0;
  e.length = target.size();
  e.original = std::string(target);
  e.replacement = markdown::retarget(target, markdown::Syntax::plain, core::parent_dir(old_path), new_dir, *moved);
  e.line = 1;
  e.kind = "symlink";
  return e;
}

bool symlink_applies(const FileInput& file, const RewriteContext&) { return file.mode == core::kModeSymlink; }

KindResult symlink_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  KindResult out;
  if (auto e = rewrite_symlink(file.old_path, file.new_path, *file.text, ctx.moves, sink)) out.edits.push_back(std::move(*e));
  return out;
}

}  // namespace gitreorg::rewrite
