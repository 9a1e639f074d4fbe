// Objects, refs, the index and identities through libgit2, for the executor. Nothing here decides
// what to write; exec/ does, in an order that keeps the repository recoverable.
#include "gitreorg/git/write.hpp"

#include <algorithm>
#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <ctime>

#include "git/handle.hpp"

namespace gitreorg::git {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// A tiny cursor over the date text.
struct Scanner {
  std::string_view s;
  std::size_t i = 0;
  void spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
  }
  bool done() const { return i >= s.size(); }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  std::optional<std::int64_t> number(std::size_t min_digits = 1, std::size_t max_digits = 18) {  // 18: no int64 overflow
    std::size_t start = i;
    std::int64_t v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < max_digits) v = v * 10 + (s[i++] - '0');
    if (i - start < min_digits) return std::nullopt;
    return v;
  }
  std::string word() {
    std::size_t start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    return std::string(s.substr(start, i - start));
  }
  // `+hhmm`, `+hh:mm`, `Z`, or nothing (UTC). Returns minutes, nullopt if malformed.
  std::optional<int> zone() {
    spaces();
    if (done()) return 0;
    if (eat('Z') || eat('z')) return 0;
    int sign = eat('+') ? 1 : eat('-') ? -1 : 0;
    if (!sign) return std::nullopt;
    auto hh = number(2, 2);
    if (!hh) return std::nullopt;
    eat(':');
    auto mm = number(2, 2);
    if (!mm) return std::nullopt;
    return sign * static_cast<int>(*hh * 60 + *mm);
  }
};

std::optional<std::pair<std::int64_t, int>> finish(Scanner& sc, std::int64_t y, int mon, int d, int h, int mi, int sec) {
  auto zone = sc.zone();
  sc.spaces();
  if (!zone || !sc.done() || mon < 1 || mon > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::int64_t local = days_from_civil(y, static_cast<unsigned>(mon), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec;
  return std::make_pair(local - *zone * 60, *zone);
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::string config_string(git_config* cfg, const char* key) {
  git_buf buf = GIT_BUF_INIT;
  if (git_config_get_string_buf(&buf, cfg, key) < 0) {
    git_error_clear();
    return {};
  }
  std::string out(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  return out;
}

git_signature* to_git(const Signature& s, const char* what) {
  git_signature* sig = nullptr;
  check(git_signature_new(&sig, s.name.c_str(), s.email.c_str(), static_cast<git_time_t>(s.time), s.offset_minutes), what);
  return sig;
}

}  // namespace

std::optional<std::pair<std::int64_t, int>> parse_git_date(std::string_view text) {
  Scanner sc{text};
  sc.spaces();
  // `@seconds [zone]` and `seconds zone` (git's internal format).
  bool at = sc.eat('@');
  std::size_t start = sc.i;
  if (auto n = sc.number(); n && (at || sc.i - start >= 9) && (sc.done() || sc.s[sc.i] == ' ')) {
    auto zone = sc.zone();
    sc.spaces();
    if (zone && sc.done()) return std::make_pair(*n, *zone);
    return std::nullopt;
  }
  if (at) return std::nullopt;
  sc.i = start;
  // ISO 8601: YYYY-MM-DD[T ]HH:MM[:SS][zone].
  if (auto y = sc.number(4, 4); y && sc.eat('-')) {
    auto mon = sc.number(1, 2);
    if (!mon || !sc.eat('-')) return std::nullopt;
    auto d = sc.number(1, 2);
    if (!d || !(sc.eat('T') || sc.eat(' '))) return std::nullopt;
    auto h = sc.number(1, 2);
    if (!h || !sc.eat(':')) return std::nullopt;
    auto mi = sc.number(2, 2);
    std::int64_t sec = 0;
    if (sc.eat(':')) {
      auto s = sc.number(2, 2);
      if (!s) return std::nullopt;
      sec = *s;
      if (sc.eat('.')) sc.number();
    }
    if (!mi) return std::nullopt;
    return finish(sc, *y, static_cast<int>(*mon), static_cast<int>(*d), static_cast<int>(*h), static_cast<int>(*mi), static_cast<int>(sec));
  }
  sc.i = start;
  // RFC 2822: [Day,] DD Mon YYYY HH:MM[:SS] zone.
  static const char* months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string w = sc.word();
  if (!w.empty()) sc.spaces();
  auto d = sc.number(1, 2);
  sc.spaces();
  std::string mname = sc.word();
  for (char& c : mname) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int mon = 0;
  for (int k = 0; k < 12; ++k)
    if (mname.size() >= 3 && mname.substr(0, 3) == months[k]) mon = k + 1;
  sc.spaces();
  auto y = sc.number(4, 4);
  sc.spaces();
  auto h = sc.number(1, 2);
  if (!d || !mon || !y || !h || !sc.eat(':')) return std::nullopt;
  auto mi = sc.number(2, 2);
  std::int64_t sec = 0;
  if (sc.eat(':')) sec = sc.number(2, 2).value_or(99);
  if (!mi) return std::nullopt;
  return finish(sc, *y, mon, static_cast<int>(*d), static_cast<int>(*h), static_cast<int>(*mi), static_cast<int>(sec));
}

Signature signature_for(const Repository& repo, const std::string& who) {
  std::string lower = who == "AUTHOR" ? "author" : "committer";
  git_config* c = nullptr;
  check(git_repository_config_snapshot(&c, repo.raw()), "cannot read the repository's config");
  ConfigPtr cfg(c);
  Signature s;
  s.name = env(("GIT_" + who + "_NAME").c_str());
  if (s.name.empty()) s.name = config_string(cfg.get(), (lower + ".name").c_str());
  if (s.name.empty()) s.name = config_string(cfg.get(), "user.name");
  s.email = env(("GIT_" + who + "_EMAIL").c_str());
  if (s.email.empty()) s.email = config_string(cfg.get(), (lower + ".email").c_str());
  if (s.email.empty()) s.email = config_string(cfg.get(), "user.email");
  if (s.email.empty()) s.email = env("EMAIL");
  if (s.name.empty() || s.email.empty())
    throw GitError("no " + lower + " identity: set user.name and user.email (git config) or GIT_" + who + "_NAME and GIT_" +
                       who + "_EMAIL",
                   GIT_ENOTFOUND);
  std::string date = env(("GIT_" + who + "_DATE").c_str());
  if (!date.empty()) {
    auto parsed = parse_git_date(date);
    if (!parsed) throw GitError("cannot parse GIT_" + who + "_DATE `" + date + "`", GIT_EINVALID);
    s.time = parsed->first;
    s.offset_minutes = parsed->second;
  } else {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    s.time = now;
    s.offset_minutes = static_cast<int>(local.tm_gmtoff / 60);
  }
  return s;
}

std::string write_blob(const Repository& repo, std::string_view content) {
  git_oid oid;
  check(git_blob_create_from_buffer(&oid, repo.raw(), content.data(), content.size()), "cannot write blob");
  return oid_hex(&oid);
}

std::string write_tree(const Repository& repo, const plan::Tree& files) {
  git_index* i = nullptr;
  check(git_index_new(&i), "cannot create an in-memory index");
  IndexPtr index(i);
  for (const plan::TreeEntry& f : files) {
    git_index_entry e{};
    e.mode = f.mode;
    e.id = oid_from_hex(f.oid);
    e.path = f.path.c_str();
    check(git_index_add(index.get(), &e), ("cannot add `" + f.path + "` to the new tree").c_str());
  }
  git_oid oid;
  check(git_index_write_tree_to(&oid, index.get(), repo.raw()), "cannot write tree");
  return oid_hex(&oid);
}

std::string write_commit(const Repository& repo, const std::string& tree, const std::vector<std::string>& parents,
                         const Signature& author, const Signature& committer, const std::string& message) {
  git_oid tree_oid = oid_from_hex(tree);
  git_tree* t = nullptr;
  check(git_tree_lookup(&t, repo.raw(), &tree_oid), "cannot read tree");
  TreePtr tree_obj(t);
  std::vector<CommitPtr> owned;
  std::vector<const git_commit*> raw_parents;
  for (const std::string& p : parents) {
    git_oid oid = oid_from_hex(p);
    git_commit* c = nullptr;
    check(git_commit_lookup(&c, repo.raw(), &oid), "cannot read parent commit");
    owned.emplace_back(c);
    raw_parents.push_back(c);
  }
  SignaturePtr a(to_git(author, "invalid author")), c(to_git(committer, "invalid committer"));
  git_oid out;
  check(git_commit_create(&out, repo.raw(), nullptr, a.get(), c.get(), "UTF-8", message.c_str(), tree_obj.get(),
                          raw_parents.size(), raw_parents.data()),
        "cannot write commit");
  return oid_hex(&out);
}

std::string write_tag_object(const Repository& repo, const std::string& name, const std::string& target,
                             const Signature& tagger, const std::string& message) {
  git_oid oid = oid_from_hex(target);
  git_object* o = nullptr;
  check(git_object_lookup(&o, repo.raw(), &oid, GIT_OBJECT_COMMIT), "cannot read the commit to tag");
  ObjectPtr obj(o);
  SignaturePtr sig(to_git(tagger, "invalid tagger"));
  git_oid out;
  check(git_tag_annotation_create(&out, repo.raw(), name.c_str(), obj.get(), sig.get(), message.c_str()), "cannot write tag");
  return oid_hex(&out);
}

std::string tree_of_commit(const Repository& repo, const std::string& commit) {
  git_oid oid = oid_from_hex(commit);
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo.raw(), &oid), "cannot read commit");
  CommitPtr owned(c);
  return oid_hex(git_commit_tree_id(c));
}

std::string operation_in_progress(const Repository& repo) {
  switch (git_repository_state(repo.raw())) {
    case GIT_REPOSITORY_STATE_NONE: return "";
    case GIT_REPOSITORY_STATE_MERGE: return "merge";
    case GIT_REPOSITORY_STATE_REVERT:
    case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "revert";
    case GIT_REPOSITORY_STATE_CHERRYPICK:
    case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "cherry-pick";
    case GIT_REPOSITORY_STATE_BISECT: return "bisect";
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX: return "am";
    default: return "rebase";
  }
}

Head read_head(const Repository& repo) {
  Head h;
  int detached = git_repository_head_detached(repo.raw());
  int unborn = git_repository_head_unborn(repo.raw());
  check(std::min(detached, unborn), "cannot read HEAD");
  h.detached = detached == 1;
  h.unborn = unborn == 1;
  git_reference* r = nullptr;
  check(git_reference_lookup(&r, repo.raw(), "HEAD"), "cannot read HEAD");
  ReferencePtr head(r);
  if (git_reference_type(r) == GIT_REFERENCE_SYMBOLIC) h.ref = git_reference_symbolic_target(r);
  if (!h.unborn) h.commit = repo.resolve_commit("HEAD");
  return h;
}

std::vector<std::string> changed_tracked_paths(const Repository& repo, std::size_t limit) {
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* l = nullptr;
  check(git_status_list_new(&l, repo.raw(), &opts), "cannot compute status");
  StatusListPtr list(l);
  std::vector<std::string> out;
  std::size_t n = git_status_list_entrycount(l);
  for (std::size_t k = 0; k < n && out.size() < limit; ++k) {
    const git_status_entry* e = git_status_byindex(l, k);
    if (e->status == GIT_STATUS_CURRENT || (e->status & (GIT_STATUS_WT_NEW | GIT_STATUS_IGNORED)) == e->status) continue;
    const git_diff_delta* d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
    out.push_back(d && d->new_file.path ? d->new_file.path : d && d->old_file.path ? d->old_file.path : "?");
  }
  return out;
}

std::optional<std::string> read_ref(const Repository& repo, const std::string& name) {
  git_oid oid;
  int rc = git_reference_name_to_id(&oid, repo.raw(), name.c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  check(rc, ("cannot read " + name).c_str());
  return oid_hex(&oid);
}

bool ref_name_valid(const std::string& name) {
  int valid = 0;
  return git_reference_name_is_valid(&valid, name.c_str()) == 0 && valid;
}

void update_ref(const Repository& repo, const std::string& name, const std::string& id,
                const std::optional<std::string>& expected, const std::string& message, bool force) {
  git_oid oid = oid_from_hex(id);
  git_reference* r = nullptr;
  if (force) {
    check(git_reference_create(&r, repo.raw(), name.c_str(), &oid, 1, message.c_str()), ("cannot update " + name).c_str());
  } else if (expected) {
    git_oid old = oid_from_hex(*expected);
    check(git_reference_create_matching(&r, repo.raw(), name.c_str(), &oid, 1, &old, message.c_str()),
          ("cannot update " + name).c_str());
  } else {
    check(git_reference_create(&r, repo.raw(), name.c_str(), &oid, 0, message.c_str()), ("cannot create " + name).c_str());
  }
  git_reference_free(r);
}

void delete_ref(const Repository& repo, const std::string& name) {
  int rc = git_reference_remove(repo.raw(), name.c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return;
  }
  check(rc, ("cannot delete " + name).c_str());
}

void set_head_to_branch(const Repository& repo, const std::string& ref, const std::string& message) {
  git_reference* r = nullptr;
  check(git_reference_symbolic_create(&r, repo.raw(), "HEAD", ref.c_str(), 1, message.c_str()), "cannot update HEAD");
  git_reference_free(r);
}

void set_head_detached(const Repository& repo, const std::string& commit, const std::string& message) {
  git_oid oid = oid_from_hex(commit);
  git_reference* r = nullptr;
  check(git_reference_create(&r, repo.raw(), "HEAD", &oid, 1, message.c_str()), "cannot update HEAD");
  git_reference_free(r);
}

void write_index_for_tree(const Repository& repo, const std::string& tree) {
  git_index* i = nullptr;
  check(git_repository_index(&i, repo.raw()), "cannot open the index");
  IndexPtr index(i);
  check(git_index_read(i, 1), "cannot read the index");
  git_oid oid = oid_from_hex(tree);
  git_tree* t = nullptr;
  check(git_tree_lookup(&t, repo.raw(), &oid), "cannot read tree");
  TreePtr tree_obj(t);
  // libgit2 keeps the stat data of entries whose path, mode and id are unchanged.
  check(git_index_read_tree(i, t), "cannot read the tree into the index");
  std::filesystem::path workdir = repo.workdir();
  std::vector<git_index_entry> fresh;
  std::vector<std::string> paths;
  std::size_t n = git_index_entrycount(i);
  for (std::size_t k = 0; k < n; ++k) {
    const git_index_entry* e = git_index_get_byindex(i, k);
    if (e->mtime.seconds != 0 || e->ino != 0 || e->mode == GIT_FILEMODE_COMMIT) continue;
    struct stat st;
    if (lstat((workdir / e->path).c_str(), &st) != 0) continue;  // left without stat data: git re-reads it
    git_index_entry copy = *e;
    copy.ctime.seconds = static_cast<std::int32_t>(st.st_ctim.tv_sec);
    copy.ctime.nanoseconds = static_cast<std::uint32_t>(st.st_ctim.tv_nsec);
    copy.mtime.seconds = static_cast<std::int32_t>(st.st_mtim.tv_sec);
    copy.mtime.nanoseconds = static_cast<std::uint32_t>(st.st_mtim.tv_nsec);
    copy.dev = static_cast<std::uint32_t>(st.st_dev);
    copy.ino = static_cast<std::uint32_t>(st.st_ino);
    copy.uid = st.st_uid;
    copy.gid = st.st_gid;
    copy.file_size = static_cast<std::uint32_t>(st.st_size);
    fresh.push_back(copy);
    paths.emplace_back(e->path);
  }
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    fresh[k].path = paths[k].c_str();
    check(git_index_add(i, &fresh[k]), ("cannot update the index entry of " + paths[k]).c_str());
  }
  check(git_index_write(i), "cannot write the index");
}

}  // namespace gitreorg::git
