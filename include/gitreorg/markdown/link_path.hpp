// Link destinations as text: splitting off `?query` and `#fragment`, decoding (Markdown escapes,
// HTML entities, percent-encoding), resolving against a directory, and writing a new path back in
// the style of the original (same `./`, trailing `/`, encoding of unchanged segments).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gitreorg::markdown {

// How the raw bytes of a destination are written, which decides how they are decoded and encoded.
enum class Syntax : std::uint8_t {
  markdown,        // a Markdown destination: backslash escapes, entities, percent-encoding
  markdown_angle,  // a `<...>` Markdown destination: spaces allowed
  html,            // an HTML attribute value: entities, percent-encoding
  url,             // an absolute URL's path: percent-encoding only
  plain,           // a symlink target: bytes as they are
};

// `raw` split at the first `?` or `#` (not an escaped one, nor one of an entity `&#46;`): path, then
// suffix (`?query#fragment`, kept verbatim).
struct SplitDestination {
  std::string_view path;
  std::string_view suffix;
  std::string_view fragment;  // after `#`, raw (empty when none)
  bool has_fragment = false;
};
SplitDestination split_destination(std::string_view raw, Syntax syntax);

// True for `scheme:...` (http, mailto, ...) and `//host/...`: not a path in the repository.
bool has_scheme(std::string_view dest);

std::string percent_decode(std::string_view s);
// Numeric entities (`&#233;`, `&#xE9;`; 0, surrogates and > U+10FFFF as U+FFFD) and every named
// entity of HTML (`&eacute;`, html_entities.hpp); an unknown `&name;` is kept as it is.
std::string decode_entities(std::string_view s);
// Backslash escapes of ASCII punctuation, then entities (CommonMark's rules for destinations).
std::string markdown_unescape(std::string_view s);
// Decodes raw destination text written in `syntax` to the path it names.
std::string decode(std::string_view raw, Syntax syntax);

// `rel` resolved against the directory `base_dir` ("" = root); `.` and `..` removed, trailing `/`
// dropped. A leading `/` is relative to the root. nullopt when it leaves the repository.
std::optional<std::string> resolve_path(std::string_view base_dir, std::string_view rel);

// The shortest relative path from directory `from_dir` to `to` ("." when they are the same).
std::string relative_path(std::string_view from_dir, std::string_view to);

// The relative path from `new_dir` to `new_target` for a link written `old_rel` (decoded) in
// `old_dir`, keeping the link's route: `../../1.arch/1.vpc/x` from `1.arch/3.batch` becomes
// `../../arch/vpc/x` (only renamed segments change), not the shortest `../vpc/x`. The route is kept
// when the holding directory keeps its depth and the directory the link climbs to still holds the
// target; otherwise the shortest path.
std::string route_keeping_path(std::string_view old_dir, std::string_view old_rel, std::string_view new_dir,
                               std::string_view new_target);

// Writes `new_path` (plain text: `../a b/c.md`) as a raw destination in the style of `old_raw`:
// segments also present in `old_raw` keep their original spelling, new ones are percent-encoded
// where `syntax` needs it (and where the original encoded, e.g. spaces as %20). A URL's new segments
// are encoded as GitHub writes them (non-ASCII as UTF-8 escapes, unless `old_raw` has it unencoded).
std::string encode_like(std::string_view new_path, std::string_view old_raw, Syntax syntax);

// The new raw path for a link written `old_raw_path` (no query/fragment) that must now lead from
// directory `new_dir` to `new_target` (a repository path, "" = root), keeping the link's style:
// root-relative `/`, `./` prefix, trailing `/`, encoding, and its route (route_keeping_path) from
// `old_dir`, the directory that held it.
std::string retarget(std::string_view old_raw_path, Syntax syntax, std::string_view old_dir, std::string_view new_dir,
                     std::string_view new_target);

}  // namespace gitreorg::markdown
