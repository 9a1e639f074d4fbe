// Writes rewritten external documents (`rewrite` without --check): each replaced atomically, a
// temporary file beside it renamed over it, so a reader sees the old or the new bytes, never a part.
#pragma once

#include <vector>

#include "gitreorg/exec/disk.hpp"
#include "gitreorg/rewrite/external_documents.hpp"

namespace gitreorg::exec {

// Writes the new content of every document with edits, in order, through `disk`; a symlink named as a
// document is followed (its target is written, the link stays). A file keeps its permission bits.
// Throws std::runtime_error naming the file on the first failure (documents before it are written,
// the temporary file is removed).
void write_documents(Disk& disk, const std::vector<rewrite::DocumentRewrite>& docs);

}  // namespace gitreorg::exec
