// Histories through libgit2's revision walker and packbuilder.
#include "gitreorg/git/history.hpp"

#include <string_view>

#include "git/handle.hpp"
#include "git/staged_pack.hpp"

namespace gitreorg::git {
namespace {

using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;

RevwalkPtr walk_from(const Repository& repo, const std::string& tip, unsigned sort) {
  git_revwalk* w = nullptr;
  check(git_revwalk_new(&w, repo.raw()), "cannot walk the history");
  RevwalkPtr walk(w);
  check(git_revwalk_sorting(w, sort), "cannot walk the history");
  git_oid oid = oid_from_hex(tip);
  check(git_revwalk_push(w, &oid), "cannot walk the history");
  return walk;
}

Signature from_git(const git_signature* s) {
  return {s->name ? s->name : "", s->email ? s->email : "", static_cast<std::int64_t>(s->when.time), s->when.offset};
}


}  // namespace

bool message_has_line(std::string_view text, std::string_view line) {
  for (std::size_t at = text.find(line); at != std::string_view::npos; at = text.find(line, at + 1)) {
    bool starts = at == 0 || text[at - 1] == '\n';
    std::size_t end = at + line.size();
    bool ends = end == text.size() || text[end] == '\n' || text[end] == '\r';
    if (starts && ends) return true;
  }
  return false;
}

bool message_has_line_starting(std::string_view text, std::string_view prefix) {
  for (std::size_t at = text.find(prefix); at != std::string_view::npos; at = text.find(prefix, at + 1))
    if (at == 0 || text[at - 1] == '\n') return true;
  return false;
}

std::vector<TreeChange> tree_changes(const Repository& repo, const std::string& old_tree, const std::string& new_tree) {
  TreePtr a = lookup_tree(repo.raw(), old_tree, "cannot read tree");
  TreePtr b = lookup_tree(repo.raw(), new_tree, "cannot read tree");
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  git_diff* d = nullptr;
  check(git_diff_tree_to_tree(&d, repo.raw(), a.get(), b.get(), &opts), "cannot compare trees");
  DiffPtr diff(d);
  std::vector<TreeChange> out;
  const std::size_t n = git_diff_num_deltas(diff.get());
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    bool deleted = delta->status == GIT_DELTA_DELETED;
    const git_diff_file& f = deleted ? delta->old_file : delta->new_file;
    TreeChange::Kind kind = deleted                             ? TreeChange::Kind::deleted
                            : delta->status == GIT_DELTA_ADDED ? TreeChange::Kind::added
                                                               : TreeChange::Kind::modified;
    out.push_back({f.path, static_cast<std::uint32_t>(f.mode), oid_hex(&f.id), kind});
  }
  return out;
}

std::vector<std::string> history_of(const Repository& repo, const std::string& tip) {
  RevwalkPtr walk = walk_from(repo, tip, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  std::vector<std::string> out;
  git_oid oid;
  int rc = 0;
  while ((rc = git_revwalk_next(&oid, walk.get())) == 0) out.push_back(oid_hex(&oid));
  if (rc != GIT_ITEROVER) check(rc, "cannot walk the history");
  return out;
}

CommitInfo read_commit(const Repository& repo, const std::string& id) {
  CommitPtr c = lookup_commit(repo.raw(), id, "cannot read commit");
  CommitInfo info;
  info.id = id;
  info.tree = oid_hex(git_commit_tree_id(c.get()));
  for (unsigned i = 0; i < git_commit_parentcount(c.get()); ++i) info.parents.push_back(oid_hex(git_commit_parent_id(c.get(), i)));
  info.author = from_git(git_commit_author(c.get()));
  info.committer = from_git(git_commit_committer(c.get()));
  const char* raw = git_commit_message_raw(c.get());
  info.message = raw ? raw : "";
  if (const char* enc = git_commit_message_encoding(c.get())) info.encoding = enc;
  return info;
}

std::optional<std::string> find_commit_with_line(const Repository& repo, const std::string& from, const std::string& line) {
  RevwalkPtr walk = walk_from(repo, from, GIT_SORT_TIME);
  git_oid oid;
  int rc = 0;
  while ((rc = git_revwalk_next(&oid, walk.get())) == 0) {
    git_commit* c = nullptr;
    check(git_commit_lookup(&c, repo.raw(), &oid), "cannot read commit");
    CommitPtr commit(c);
    const char* msg = git_commit_message_raw(c);
    if (msg && message_has_line(msg, line)) return oid_hex(&oid);
  }
  if (rc != GIT_ITEROVER) check(rc, "cannot walk the history");
  return std::nullopt;
}

std::pair<std::size_t, std::size_t> ahead_behind(const Repository& repo, const std::string& local, const std::string& upstream) {
  git_oid a = oid_from_hex(local), b = oid_from_hex(upstream);
  std::size_t ahead = 0, behind = 0;
  check(git_graph_ahead_behind(&ahead, &behind, repo.raw(), &a, &b), "cannot compare two commits");
  return {ahead, behind};
}

void copy_history(const Repository& from, const std::string& tip, const Repository& to) {
  PackBuilderPtr builder = new_pack_builder(from);
  git_packbuilder* pb = builder.get();
  RevwalkPtr walk = walk_from(from, tip, GIT_SORT_NONE);
  check(git_packbuilder_insert_walk(pb, walk.get()), "cannot add the history to the pack");
  write_staged_pack(pb, to);
}

void copy_objects(const Repository& from, const std::vector<std::string>& ids, const Repository& to) {
  if (ids.empty()) return;
  PackBuilderPtr builder = new_pack_builder(from);
  git_packbuilder* pb = builder.get();
  for (const std::string& id : ids) {
    git_oid oid = oid_from_hex(id);
    check(git_packbuilder_insert(pb, &oid, nullptr), ("cannot read object " + id).c_str());
  }
  write_staged_pack(pb, to);
}

}  // namespace gitreorg::git
