// Link resolution: split off query and fragment, decode, resolve against the file's directory.
#include "gitreorg/markdown/resolve_link.hpp"

#include <optional>

#include "gitreorg/core/path.hpp"

namespace gitreorg::markdown {

ResolvedLink resolve_link(std::string_view file_path, std::string_view raw, Syntax syntax, const core::PathKinds& paths) {
  ResolvedLink r;
  if (raw.empty() || has_scheme(raw)) return r;
  SplitDestination d = split_destination(raw, syntax);
  r.raw_path = d.path;
  r.has_fragment = d.has_fragment;
  r.fragment = decode(d.fragment, syntax);
  if (d.path.empty()) {
    r.status = ResolvedLink::Status::anchor;
    return r;
  }
  std::optional<std::string> target = resolve_path(core::parent_dir(file_path), decode(d.path, syntax));
  if (!target) {
    r.status = ResolvedLink::Status::outside;
    return r;
  }
  r.target = std::move(*target);
  r.kind = paths.kind(r.target);
  r.status = r.kind == core::PathKind::none ? ResolvedLink::Status::broken : ResolvedLink::Status::ok;
  return r;
}

}  // namespace gitreorg::markdown
