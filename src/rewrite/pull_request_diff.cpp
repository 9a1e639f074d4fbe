// The migration's pull-request diff, file by file in GitHub's order, sized against GitHub's limits.
#include "gitreorg/rewrite/pull_request_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "gitreorg/core/parallel_for.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"
#include "gitreorg/rewrite/squash_similarity.hpp"

namespace gitreorg::rewrite {
namespace {

// One entry of the diff: GitHub lists them by path.
struct Entry {
  std::string path;
  DiffSize size;
};

// An exact rename: its header only.
DiffSize pure_rename(const std::string& from, const std::string& to) {
  return {0, fmt::format("diff --git a/{0} b/{1}\nsimilarity index 100%\nrename from {0}\nrename to {1}\n", from, to).size()};
}

}  // namespace

PullRequestDiff pull_request_diff(const plan::RepositoryPlan& rp, const ReferenceRewrite& refs,
                                  std::span<const core::BlobReader> read_blob,
                                  const std::vector<core::BlobReader>& read_import_blob,
                                  const std::vector<ReferenceRewrite>& import_refs, const DiffSizer& size) {
  std::map<std::string, const FileRewrite*> edited;  // by old path
  for (const FileRewrite& f : refs.files) edited.emplace(f.old_path, &f);
  std::map<std::string, int> similarity;  // moved and edited files under git's rename threshold, by new path
  for (const SquashBreak& b : refs.squash_breaks) similarity.emplace(b.path, b.similarity);

  // An edited file's patch, sized on the readers' threads into entries[at] (and entries[at + 1]).
  struct EditedEntry {
    std::size_t at;
    const plan::PlannedFile* file;
    const FileRewrite* rewrite;
    bool split;  // deleted and added
  };
  std::vector<Entry> entries;
  std::vector<EditedEntry> sized;
  for (const plan::PlannedFile& f : rp.plan.files) {
    auto e = edited.find(f.old_path);
    if (e == edited.end()) {
      if (f.moved()) entries.push_back({f.new_path, pure_rename(f.old_path, f.new_path)});
      continue;
    }
    const FileRewrite& w = *e->second;
    auto s = similarity.find(w.new_path);
    // git pairs a moved file under its rename threshold with no old path: a deletion and an addition.
    bool split = f.moved() && s != similarity.end() && s->second < kSquashRenameThreshold;
    sized.push_back({entries.size(), &f, &w, split});
    if (split) entries.push_back({f.old_path, {}});
    entries.push_back({w.new_path, {}});
  }
  if (!sized.empty() && read_blob.empty()) throw std::invalid_argument("pull_request_diff: edited files and no blob reader");
  core::parallel_for(sized.size(), static_cast<unsigned>(read_blob.size()), [&](unsigned worker, std::size_t i) {
    const EditedEntry& e = sized[i];
    if (e.rewrite->measured) {  // sized by the rewrite already, with the same split
      entries[e.at].size = e.rewrite->diff;
      if (e.split) entries[e.at + 1].size = e.rewrite->diff_added;
      return;
    }
    std::string before = read_blob[worker](e.file->oid);
    if (e.split) {
      entries[e.at].size = size(e.file->old_path, before, "", "");
      entries[e.at + 1].size = size("", "", e.rewrite->new_path, e.rewrite->new_content);
    } else {
      entries[e.at].size = size(e.file->old_path, before, e.rewrite->new_path, e.rewrite->new_content);
    }
  });
  for (std::size_t k = 0; k < rp.imports.size(); ++k) {
    const plan::ImportPlan& ip = rp.imports[k];
    if (!ip.merged_by.empty() || k >= read_import_blob.size() || !read_import_blob[k]) continue;
    std::map<std::string, const FileRewrite*> import_edited;  // by imported path
    if (k < import_refs.size())
      for (const FileRewrite& f : import_refs[k].files) import_edited.emplace(f.old_path, &f);
    for (const plan::PlannedFile& f : ip.plan.files) {
      auto e = import_edited.find(f.old_path);
      std::string content = e == import_edited.end() ? read_import_blob[k](f.oid) : e->second->new_content;
      entries.push_back({f.new_path, size("", "", f.new_path, content)});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });

  PullRequestDiff out;
  out.files = entries.size();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const DiffSize& d = entries[i].size;
    out.total.lines += d.lines;
    out.total.bytes += d.bytes;
    if (d.lines > kGithubDiffLines || d.bytes > kGithubFileDiffBytes)
      out.too_large.push_back({entries[i].path, d});
    else if (d.lines > kGithubLoadedLines || d.bytes > kGithubLoadedBytes)
      ++out.collapsed;
    if (!out.cut && (out.total.lines > kGithubDiffLines || out.total.bytes > kGithubDiffBytes)) {
      out.cut = i;
      out.cut_path = entries[i].path;
    }
  }
  return out;
}

}  // namespace gitreorg::rewrite
