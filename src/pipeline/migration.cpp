// The narrated read-only pipeline: load and plan, checkpoint, rewrite references, verify links.
#include "gitreorg/pipeline/migration.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>
#include <unordered_map>

#include "gitreorg/core/parallel_for.hpp"
#include "gitreorg/core/path.hpp"
#include "gitreorg/git/diff_size.hpp"
#include "gitreorg/git/error.hpp"
#include "gitreorg/git/object_id.hpp"
#include "gitreorg/git/similarity.hpp"
#include "gitreorg/markdown/scan_cache.hpp"
#include "gitreorg/pipeline/move_history.hpp"
#include "gitreorg/rewrite/squash_similarity.hpp"

namespace gitreorg::pipeline {
namespace {

// Reads blobs through `repo`; an object that is not there (a partial or damaged clone) is reported
// with the file of `tree` it belongs to, not by its id alone. The tree is searched only then, and
// outlives the reader (both live while the references are rewritten).
core::BlobReader naming_reader(std::shared_ptr<git::Repository> repo, const core::Tree* tree, std::string what) {
  return [repo = std::move(repo), tree, what = std::move(what)](const std::string& oid) {
    try {
      return repo->read_blob(oid);
    } catch (const git::GitError& e) {
      auto it = std::find_if(tree->begin(), tree->end(), [&](const core::TreeEntry& t) { return t.oid == oid; });
      throw git::GitError(fmt::format("{}cannot read `{}` (blob {}): {}; the clone is incomplete or damaged: fetch it again", what,
                                      it == tree->end() ? std::string("?") : it->path, oid.substr(0, 12), e.what()),
                          e.code());
    }
  };
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// An import as a repository plan of its own: its rules, its kept files, and as `repository` its own
// URLs, re-pointed to the host's, so the same rewriters and move model run on its files.
// Filled in place: the move model refers to the plan's mapping.
void import_repository_plan(const plan::RepositoryPlan& host, const plan::ImportPlan& ip, plan::RepositoryPlan& rp) {
  const mapping::Import& imp = host.mapping.imports[ip.import];
  rp.mapping = ip.rules;
  const auto& hr = host.mapping.repository;
  if (hr && !hr->urls.empty() && !imp.urls.empty()) {
    mapping::Repository r;
    r.urls = imp.urls;
    r.new_url = hr->new_url.empty() ? hr->urls.front() : hr->new_url;
    r.branches = {imp.ref == "HEAD" ? std::string("main") : imp.ref};
    r.name = std::string(core::base_name(imp.urls.front()));
    r.new_name = std::string(core::base_name(r.new_url));
    r.imported = true;
    rp.mapping.repository = std::move(r);
  }
  rp.imported = &ip;
  rp.mapping_blob = host.mapping_blob;
  rp.rev = imp.ref;
  rp.commit = ip.commit;
  for (const plan::PlannedFile& f : ip.plan.files) rp.tree.push_back({f.old_path, f.mode, f.oid});
  rp.plan = ip.plan;
  // A dropped file the host has at the same path after the migration (LICENSE, CONTRIBUTING.md: the
  // host's own) stands in for it as a link target: `../../LICENSE` in an imported README and the
  // sibling's `blob/main/LICENSE` lead to the host's file instead of breaking. Only the move model
  // knows it; the import's files (rp.plan.files) are unchanged, so nothing rewrites or writes it.
  std::vector<plan::PlannedFile> stand_ins;
  if (!ip.dropped.empty()) {
    std::unordered_map<std::string_view, const plan::PlannedFile*> host_new;
    for (const plan::PlannedFile& f : host.plan.files) host_new.emplace(f.new_path, &f);
    for (const std::string& d : ip.dropped)
      if (auto it = host_new.find(d); it != host_new.end()) stand_ins.push_back({d, d, it->second->mode, it->second->oid});
  }
  if (stand_ins.empty()) {
    plan::build_move_model(rp);
    return;
  }
  std::vector<plan::PlannedFile> model_files = rp.plan.files;
  for (const plan::PlannedFile& s : stand_ins) {
    rp.tree.push_back({s.old_path, s.mode, s.oid});
    model_files.push_back(s);
  }
  std::sort(rp.tree.begin(), rp.tree.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
  std::sort(model_files.begin(), model_files.end(),
            [](const plan::PlannedFile& a, const plan::PlannedFile& b) { return a.old_path < b.old_path; });
  rp.moves = std::make_unique<const plan::MoveModel>(rp.tree, model_files, std::make_shared<const plan::PathMapper>(rp.mapping));
}

}  // namespace

ImportUrls import_urls(const plan::RepositoryPlan& host, bool fix_broken) {
  ImportUrls out;
  for (const plan::ImportPlan& ip : host.imports) {
    if (!ip.merged_by.empty()) {
      out.plans.emplace_back();
      out.repairs.emplace_back();
      continue;
    }
    auto irp = std::make_unique<plan::RepositoryPlan>();
    import_repository_plan(host, ip, *irp);
    rewrite::SiblingReferences sibling{nullptr, irp.get(), "", ""};
    // Where its paths went in its own history (read only when a broken link asks).
    out.repairs.push_back(fix_broken ? std::make_unique<markdown::LinkRepairs>(
                                           irp->tree, move_history(git::Repository::open(ip.repo_dir), ip.commit))
                                     : nullptr);
    if (irp->mapping.repository) {
      out.owned.push_back(
          std::make_unique<rewrite::GithubUrls>(*irp->mapping.repository, irp->move_model(), out.repairs.back().get(), &ip));
      out.urls.push_back(out.owned.back().get());
      sibling = {out.owned.back().get(), irp.get(), irp->mapping.repository->name, irp->mapping.repository->new_name};
    }
    out.siblings.push_back(std::move(sibling));
    out.plans.push_back(std::move(irp));
  }
  return out;
}

Migration prepare_migration(const git::Repository& repo, const std::string& mapping_path, const MigrationOptions& options,
                            diag::Sink& sink) {
  Migration m;
  // 1. Load the mapping and plan it against the tree (the policy is checked on the result).
  m.plan = plan_repository(repo, mapping_path, options.plan, sink);
  if (sink.has_errors()) return m;  // checkpoint: references of a broken plan mean nothing

  // 2. Rewrite references: every blob read once, edits as byte ranges.
  auto read_blob = [&](const std::string& oid) { return repo.read_blob(oid); };
  // Each worker thread reads blobs through a repository handle of its own (libgit2 handles are
  // not shared between threads).
  auto make_reader = [&]() -> core::BlobReader {
    return naming_reader(std::make_shared<git::Repository>(git::Repository::open(repo.gitdir())), &m.plan.tree, "");
  };
  unsigned threads = core::default_workers();
  auto t0 = std::chrono::steady_clock::now();
  // Old link rot: the one plausible target of each link that names nothing (fixed only when asked).
  markdown::LinkRepairs repairs(m.plan.tree, move_history(repo, m.plan.commit));
  // The imports' own plans first: host files that link to a sibling's URLs follow its moves too.
  ImportUrls imports = import_urls(m.plan, options.fix_broken);
  const std::vector<std::unique_ptr<plan::RepositoryPlan>>& import_plans = imports.plans;
  // Each Markdown blob parsed once, by the rewrite or by either link check, whichever asks first.
  markdown::ScanCache scans;
  // Blob ids, rename scores and diff sizes taken while each old content is in memory: the squash check
  // and the pull request's diff below need not read the old blobs again.
  const rewrite::RewriteMeasures measures{git::hash_blob, git::similarity, git::diff_size};
  m.references = rewrite::rewrite_references(m.plan, make_reader, threads, options.fix_broken ? &repairs : nullptr,
                                             imports.siblings, &scans, &measures);
  spdlog::debug("rewrote references: {} files edited, in {:.0f} ms on up to {} threads", m.references->files.size(),
                ms_since(t0), threads);
  sink.append(m.references->diagnostics);
  scans.keep_links_only();  // the link checks below read no more of them
  // What a squash merge would make of each moved and edited file: git's rename score of its old
  // content against its final one (the two commits themselves keep every rename exact). The rewrite
  // measured every file: the reader is for a file it did not (none).
  std::vector<core::BlobReader> readers{read_blob};
  m.references->squash_breaks = rewrite::squash_similarity(m.plan.plan, m.references->files, readers, git::similarity, sink);
  m.references->squash_scored = true;
  // 2b. The references inside each import's files, read from the sibling, named NAME:PATH.
  for (std::size_t k = 0; k < m.plan.imports.size(); ++k) {
    const plan::ImportPlan& ip = m.plan.imports[k];
    const std::string& name = m.plan.mapping.imports[ip.import].name;
    if (!import_plans[k]) {
      m.import_references.emplace_back();
      continue;
    }
    const plan::RepositoryPlan& irp = *import_plans[k];
    std::string dir = ip.repo_dir;
    auto make_import_reader = [dir, tree = &ip.tree, what = fmt::format("import `{}` ({}): ", name, dir)]() -> core::BlobReader {
      return naming_reader(std::make_shared<git::Repository>(git::Repository::open(dir)), tree, what);
    };
    const rewrite::RewriteMeasures blob_ids{git::hash_blob, {}, {}};  // an import's files are added whole: no scores
    rewrite::ReferenceRewrite r =
        rewrite::rewrite_references(irp, make_import_reader, threads, imports.repairs[k].get(), {}, nullptr, &blob_ids);
    std::set<std::string> quoted;  // each file's text copied once, however many diagnostics it has
    for (const diag::Diagnostic& d : r.diagnostics.all()) {
      std::string path = name + ":" + d.path;
      if (const std::string* src = r.diagnostics.source(d.path); src && quoted.insert(path).second) sink.add_source(path, *src);
      sink.report(d.severity, path, d.pos, d.message).names = d.names;
    }
    m.import_references.push_back(std::move(r));
  }
  // 2c. The pull request's diff against GitHub's limits (the imports' files added whole).
  std::vector<core::BlobReader> import_readers;
  for (const plan::ImportPlan& ip : m.plan.imports)
    import_readers.push_back(ip.merged_by.empty() ? naming_reader(std::make_shared<git::Repository>(git::Repository::open(ip.repo_dir)),
                                                                  &ip.tree, fmt::format("import ({}): ", ip.repo_dir))
                                                  : core::BlobReader());
  m.references->pull_request_diff =
      rewrite::pull_request_diff(m.plan, *m.references, readers, import_readers, m.import_references, git::diff_size);
  if (m.plan.plan.moved_files == 0 && m.references->files.empty()) return m;  // nothing to verify

  // 3. Verify: the new tree, built in memory, may not have broken links the old one did not have.
  t0 = std::chrono::steady_clock::now();
  rewrite::BlobReaderFactory make_link_reader = make_reader;  // the old tree's links on a second thread
  m.links = links::check_migration_links(m.plan, *m.references, read_blob, {.anchors = true, .repairs = &repairs, .scans = &scans},
                                         threads > 1 ? &make_link_reader : nullptr);
  for (const links::BrokenLink& b : m.links->before.broken_links) m.fixable_links += b.repair.has_value();
  spdlog::debug("checked links: {} before, {} after, {} broken before, {} after, in {:.0f} ms", m.links->before.links,
                m.links->after.links, m.links->before.broken, m.links->after.broken, ms_since(t0));
  auto severity = options.allow_broken ? diag::Severity::warning : diag::Severity::error;
  for (const diag::Diagnostic& d : m.links->added)
    sink.report(severity, d.path, d.pos, d.message + " (the migration breaks this link)").names = d.names;
  if (!m.links->added.empty())
    sink.report(severity, m.plan.mapping.path, {},
                fmt::format("the migration would break links ({} broken before, {} after){}", m.links->before.broken,
                            m.links->after.broken, options.allow_broken ? "" : "; fix the mapping or pass --allow-broken"));
  // Links broken before are not the migration's doing: one line, not one warning each.
  std::size_t old_broken = m.links->before.broken;
  std::size_t fixed = m.references->counts.count("broken-link-fix") ? m.references->counts.at("broken-link-fix") : 0;
  if (old_broken > fixed) {
    std::string fixable = m.fixable_links > fixed ? fmt::format("; {} of them {} one plausible target (`--fix-broken` fixes {})",
                                                                m.fixable_links, m.fixable_links == 1 ? "has" : "have",
                                                                m.fixable_links == 1 ? "it" : "them")
                                                  : "";
    sink.note(m.plan.mapping.path, {},
              fmt::format("{} link{} already broken before the migration (left as is){}; `git reorg links --suggest` lists them",
                          old_broken - fixed, old_broken - fixed == 1 ? " was" : "s were", fixable));
  }
  if (fixed > 0)
    sink.note(m.plan.mapping.path, {},
              fmt::format("fixed {} link{} that {} already broken (--fix-broken)", fixed, fixed == 1 ? "" : "s",
                          fixed == 1 ? "was" : "were"));
  // Show the new text of files whose links the migration breaks (other diagnostics quote old text).
  // Once per file: a big file with many broken links is copied once, not once per link.
  std::set<std::string> quoted;
  for (const diag::Diagnostic& d : m.links->added)
    if (quoted.insert(d.path).second)
      if (const std::string* src = m.links->after_sink.source(d.path)) sink.add_source(d.path, *src);
  return m;
}

}  // namespace gitreorg::pipeline
