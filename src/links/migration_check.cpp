// Broken links before and after a migration, compared per file: a file of the new tree with more
// broken links than it had in the old tree means the migration broke something.
#include "gitreorg/links/migration_check.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace gitreorg::links {

namespace {
constexpr std::string_view kRewritePrefix = "rewrite:";
}

core::Tree tree_after(const plan::Plan& plan, const rewrite::ReferenceRewrite& refs) {
  std::unordered_map<std::string, const rewrite::FileRewrite*> rewritten;
  for (const rewrite::FileRewrite& f : refs.files) rewritten.emplace(f.old_path, &f);
  core::Tree out;
  out.reserve(plan.files.size());
  for (const plan::PlannedFile& f : plan.files) {
    std::string oid = rewritten.count(f.old_path) ? std::string(kRewritePrefix) + f.new_path : f.oid;
    out.push_back({f.new_path, f.mode, std::move(oid)});
  }
  std::sort(out.begin(), out.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
  return out;
}

MigrationLinkCheck check_migration_links(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite& refs,
                                         const core::BlobReader& read_blob, const CheckOptions& options) {
  MigrationLinkCheck out;
  out.before = check_links(rp.tree, read_blob, options, out.before_sink);

  std::unordered_map<std::string, const std::string*> contents;
  for (const rewrite::FileRewrite& f : refs.files) contents.emplace(f.new_path, &f.new_content);
  auto read_after = [&](const std::string& oid) {
    if (oid.compare(0, kRewritePrefix.size(), kRewritePrefix) == 0) return *contents.at(oid.substr(kRewritePrefix.size()));
    return read_blob(oid);
  };
  out.after = check_links(tree_after(rp.plan, refs), read_after, options, out.after_sink);

  // Count broken links per file, in new paths on both sides.
  std::unordered_map<std::string, std::string> new_path_of;
  for (const plan::PlannedFile& f : rp.plan.files) new_path_of.emplace(f.old_path, f.new_path);
  std::map<std::string, long> delta;
  for (const diag::Diagnostic& d : out.before_sink.all())
    if (d.severity == diag::Severity::error) --delta[new_path_of.count(d.path) ? new_path_of[d.path] : d.path];
  for (const diag::Diagnostic& d : out.after_sink.all())
    if (d.severity == diag::Severity::error) ++delta[d.path];
  for (const diag::Diagnostic& d : out.after_sink.all())
    if (d.severity == diag::Severity::error && delta[d.path] > 0) out.added.push_back(d);
  return out;
}

}  // namespace gitreorg::links
