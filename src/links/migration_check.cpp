// Broken links before and after a migration, compared per file: a file of the new tree with more
// broken links than it had in the old tree means the migration broke something.
#include "gitreorg/links/migration_check.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace gitreorg::links {

MigrationLinkCheck check_migration_links(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite& refs,
                                         const core::BlobReader& read_blob, const CheckOptions& options) {
  MigrationLinkCheck out;
  out.before = check_links(rp.tree, read_blob, options, out.before_sink);

  const plan::MoveModel& moves = rp.move_model();
  std::unordered_map<std::string, std::string> new_blobs;         // old path -> new blob id
  std::unordered_map<std::string, const std::string*> contents;  // new blob id -> its bytes
  for (const rewrite::FileRewrite& f : refs.files) {
    if (f.new_oid.empty()) throw std::logic_error("check_migration_links: `" + f.new_path + "` has no blob id yet");
    new_blobs.emplace(f.old_path, f.new_oid);
    contents.emplace(f.new_oid, &f.new_content);
  }
  auto read_after = [&](const std::string& oid) {
    if (auto it = contents.find(oid); it != contents.end()) return *it->second;
    return read_blob(oid);
  };
  out.after = check_links(moves.new_tree(new_blobs), read_after, options, out.after_sink);

  // Count broken links per file, in new paths on both sides.
  std::map<std::string, long> delta;
  for (const diag::Diagnostic& d : out.before_sink.all())
    if (d.severity == diag::Severity::error) --delta[moves.new_path(d.path).value_or(d.path)];
  for (const diag::Diagnostic& d : out.after_sink.all())
    if (d.severity == diag::Severity::error) ++delta[d.path];
  for (const diag::Diagnostic& d : out.after_sink.all())
    if (d.severity == diag::Severity::error && delta[d.path] > 0) out.added.push_back(d);
  return out;
}

}  // namespace gitreorg::links
