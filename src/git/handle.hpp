// RAII owners for libgit2 handles and buffers, and the one place that turns libgit2 return codes into GitError.
// The only header of the project that includes git2.h.
#pragma once

#include <git2.h>

#include <memory>
#include <string>
#include <vector>

#include "gitreorg/git/error.hpp"
#include "gitreorg/git/signature.hpp"

namespace gitreorg::git {

template <typename T, void (*FreeFn)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) FreeFn(p);
  }
};
template <typename T, void (*FreeFn)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, FreeFn>>;

using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using SignaturePtr = Handle<git_signature, git_signature_free>;
using ConfigPtr = Handle<git_config, git_config_free>;
using StatusListPtr = Handle<git_status_list, git_status_list_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;

// Owns the memory libgit2 puts in a git_buf.
class Buf {
 public:
  Buf() = default;
  ~Buf() { git_buf_dispose(&buf_); }
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  git_buf* get() { return &buf_; }
  std::string str() const { return buf_.ptr ? std::string(buf_.ptr, buf_.size) : std::string(); }

 private:
  git_buf buf_ = GIT_BUF_INIT;
};

// Throws GitError with libgit2's last message if `rc` is an error. Reads git_error_last() at once:
// it is per-thread and the next libgit2 call may overwrite it.
inline void check(int rc, const char* what) {
  if (rc >= 0) return;
  const git_error* e = git_error_last();
  std::string msg = std::string(what) + ": " + (e && e->message ? e->message : "unknown libgit2 error");
  throw GitError(msg, rc);
}

inline std::string oid_hex(const git_oid* oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, oid);
  return buf;
}

inline git_oid oid_from_hex(const std::string& hex) {
  git_oid oid;
  check(git_oid_fromstr(&oid, hex.c_str()), "invalid object id");
  return oid;
}

// The commit and the tree with hex id `id`; throw GitError (`what`: libgit2's message) if absent.
inline CommitPtr lookup_commit(git_repository* repo, const std::string& id, const char* what) {
  git_oid oid = oid_from_hex(id);
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo, &oid), what);
  return CommitPtr(c);
}
inline TreePtr lookup_tree(git_repository* repo, const std::string& id, const char* what) {
  git_oid oid = oid_from_hex(id);
  git_tree* t = nullptr;
  check(git_tree_lookup(&t, repo, &oid), what);
  return TreePtr(t);
}

// `s` as a libgit2 signature.
inline SignaturePtr to_git(const Signature& s, const char* what) {
  git_signature* sig = nullptr;
  check(git_signature_new(&sig, s.name.c_str(), s.email.c_str(), static_cast<git_time_t>(s.time), s.offset_minutes), what);
  return SignaturePtr(sig);
}

// A commit's parents as libgit2's commit functions take them: the handles, and pointers to them.
struct ParentCommits {
  std::vector<CommitPtr> owned;
  std::vector<const git_commit*> raw;
};
inline ParentCommits lookup_parents(git_repository* repo, const std::vector<std::string>& ids) {
  ParentCommits out;
  for (const std::string& id : ids) {
    out.owned.push_back(lookup_commit(repo, id, "cannot read parent commit"));
    out.raw.push_back(out.owned.back().get());
  }
  return out;
}

}  // namespace gitreorg::git
