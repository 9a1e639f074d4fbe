// External documents: plan the repository as `check` does, build the URL rewriters the repository's
// own rewrite uses (host and imports), then read each document and hand it to rewrite_document.
#include "gitreorg/pipeline/external_documents.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gitreorg/core/error.hpp"
#include "gitreorg/core/path.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/pipeline/old_layout.hpp"

namespace gitreorg::pipeline {
namespace {

namespace fs = std::filesystem;

// `path` and every directory above it.
void add_with_parents(std::unordered_set<std::string>& set, std::string_view path) {
  while (!path.empty() && set.insert(std::string(path)).second) {
    std::size_t slash = path.rfind('/');
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw core::Error(fmt::format("cannot read `{}`", path), core::ExitCode::kExitUsage);
  return bytes.str();
}

}  // namespace

ExternalRewrite prepare_external_rewrite(const git::Repository& repo, const std::string& mapping_path,
                                         const RepositoryPlanOptions& options, diag::Sink& sink) {
  ExternalRewrite out;
  RepositoryPlanOptions opts = options;
  if (opts.rev == "HEAD") {
    diag::Sink ignored;  // plan_repository reports the mapping's problems
    mapping::Mapping m = mapping::load_mapping_file(mapping_path, ignored);
    if (!ignored.has_errors()) {
      OldLayout old = find_old_layout(repo, m, mapping_path, repo.resolve_commit("HEAD"));
      if (!old.commit.empty()) opts.rev = old.commit;
      out.note = std::move(old.note);
    }
  }
  out.plan = plan_repository(repo, mapping_path, opts, sink);
  if (sink.has_errors()) return out;
  const mapping::Mapping& m = out.plan.mapping;
  if (!m.repository || m.repository->urls.empty()) {
    sink.error(m.path, {}, "the mapping has no `repository:` section with `urls`: there is no URL to rewrite");
    return out;
  }
  out.host = std::make_unique<rewrite::GithubUrls>(*m.repository, out.plan.move_model());
  out.imports = import_urls(out.plan);
  for (const plan::PlannedFile& f : out.plan.plan.files) add_with_parents(out.current, f.new_path);
  for (const auto& ip : out.imports.plans)
    if (ip)
      for (const plan::PlannedFile& f : ip->plan.files) add_with_parents(out.current, f.new_path);
  return out;
}

std::vector<std::string> collect_documents(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& p) {
    if (seen.insert(fs::weakly_canonical(p).string()).second) out.push_back(p);
  };
  for (const std::string& arg : args) {
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) throw core::Error(fmt::format("`{}` does not exist", arg), core::ExitCode::kExitUsage);
    if (!fs::is_directory(st)) {
      add(arg);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename() == ".git") {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_symlink() || !it->is_regular_file()) continue;
      found.push_back(it->path().string());
    }
    if (ec) throw core::Error(fmt::format("cannot read directory `{}`: {}", arg, ec.message()), core::ExitCode::kExitUsage);
    std::sort(found.begin(), found.end());
    for (const std::string& f : found) add(f);
  }
  return out;
}

std::vector<rewrite::DocumentRewrite> rewrite_documents(const ExternalRewrite& ext, const std::vector<std::string>& paths,
                                                        bool report_moves, diag::Sink& sink) {
  std::vector<rewrite::DocumentRewrite> out;
  // Paths in a clone: the repository's keeps its directory name unless `new_url` renames it; an
  // import's becomes the repository's. (PathMentions learns as it reads: one per call.)
  const mapping::Mapping& m = ext.plan.mapping;
  std::vector<std::unique_ptr<rewrite::PathMentions>> owned;
  if (!m.repository->name.empty())
    owned.push_back(std::make_unique<rewrite::PathMentions>(ext.plan.move_model(), ext.plan.tree, m.repository->name,
                                                            m.repository->new_name, /*clone_only=*/true));
  for (const rewrite::SiblingReferences& sib : ext.imports.siblings)
    if (sib.plan && !sib.clone_name.empty() && !sib.new_clone_name.empty())
      owned.push_back(std::make_unique<rewrite::PathMentions>(sib.plan->move_model(), sib.plan->tree, sib.clone_name,
                                                              sib.new_clone_name, /*clone_only=*/true));
  std::vector<const rewrite::PathMentions*> clones;
  for (const auto& c : owned) clones.push_back(c.get());
  rewrite::ExternalUrls urls{ext.host.get(), ext.imports.urls, &ext.current, clones};
  for (const std::string& p : paths) out.push_back(rewrite::rewrite_document(p, read_file(p), urls, report_moves, sink));
  return out;
}

}  // namespace gitreorg::pipeline
