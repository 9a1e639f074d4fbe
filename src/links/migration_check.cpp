// Broken links before and after a migration, compared link by link: a broken link of the new tree
// that the old tree did not have at the same place means the migration broke something.
#include "gitreorg/links/migration_check.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <set>
#include <tuple>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace gitreorg::links {

MigrationLinkCheck check_migration_links(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite& refs,
                                         const core::BlobReader& read_blob, const CheckOptions& options,
                                         const rewrite::BlobReaderFactory* make_reader) {
  MigrationLinkCheck out;
  // The old tree's check, on a second thread when a reader can be made for it; it writes only
  // `out.before` and `out.before_sink`.
  std::exception_ptr before_error;
  auto check_before = [&](const core::BlobReader& read) {
    try {
      out.before = check_links(rp.tree, read, options, out.before_sink);
    } catch (...) {
      before_error = std::current_exception();
    }
  };
  std::thread before_thread;
  if (make_reader)
    before_thread = std::thread([&] {
      try {
        core::BlobReader read = (*make_reader)();
        check_before(read);
      } catch (...) {
        before_error = std::current_exception();
      }
    });
  else
    check_before(read_blob);
  struct Join {  // joined on every way out, an exception of the new tree's check included
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{before_thread};

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
  if (before_thread.joinable()) before_thread.join();
  if (before_error) std::rethrow_exception(before_error);

  // A broken link of the new tree was already broken when the old tree has one on the same line of the
  // same file (new paths; edits never add or remove lines), preferably with the same destination (a
  // broken link is left as is), else one whose destination the rewrite changed.
  std::map<std::pair<std::string, int>, std::multiset<std::string>> before;
  for (const BrokenLink& b : out.before.broken_links)
    before[{moves.new_path(b.path).value_or(b.path), b.pos.line}].insert(b.destination);
  std::vector<const BrokenLink*> unmatched;
  for (const BrokenLink& a : out.after.broken_links) {
    auto it = before.find({a.path, a.pos.line});
    if (it == before.end()) {
      out.added.push_back({diag::Severity::error, a.path, a.pos, a.message, a.names});
    } else if (auto same = it->second.find(a.destination); same != it->second.end()) {
      it->second.erase(same);
    } else {
      unmatched.push_back(&a);
    }
  }
  for (const BrokenLink* a : unmatched) {
    std::multiset<std::string>& left = before[{a->path, a->pos.line}];
    if (!left.empty())
      left.erase(left.begin());
    else
      out.added.push_back({diag::Severity::error, a->path, a->pos, a->message, a->names});
  }
  std::sort(out.added.begin(), out.added.end(), [](const diag::Diagnostic& x, const diag::Diagnostic& y) {
    return std::tie(x.path, x.pos.line, x.pos.column) < std::tie(y.path, y.pos.line, y.pos.column);
  });
  return out;
}

}  // namespace gitreorg::links
