#!/usr/bin/env bash
# Kills the real git-reorg (SIGKILL, through strace's syscall tampering) at every state-changing
# system call of `apply` on the bundled demo repository, then of `--continue` and `--abort` of crashed
# states, and checks with git as the oracle that each repository ends untouched or fully migrated:
# same refs, index entries, status (untracked and ignored files included) and work tree bytes as an
# untouched copy or a clean apply, `git fsck --strict` clean, no lock file, no journal or temporary
# file left. See docs/reliability.md ("Killed at every system call").
#
#   tests/crash/kill_every_syscall.sh [--build DIR] [--recovery-points K] [--syscalls S,S...] [--shard I/N] [--phase2-only] [--keep]
#
# Phase 1 kills `apply` at invocation N of each syscall S for N = 1, 2, ... until a run with
# when=N finishes unkilled; after each kill, `--continue` runs in one copy of the crashed repository and
# `--abort` in another. Phase 2 takes K crashed states of phase 1 (evenly spread over those that left
# a journal; the product of both loops is too large to take them all) and kills `--continue` and
# `--abort` of each the same way, then runs the same command again to finish. --phase2-only skips
# phase 1's loop: its K crashed states are then apply killed at evenly spread kill points (the first
# from each that leaves a journal). Prints counts; exit 1 on any failure (the failing repositories are
# kept under the work directory and named). The work directory is under $TMPDIR: TMPDIR=/dev/shm
# makes the many copies some 15 times faster.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$root/build
points=4
shard=0 shards=1
only=()
keep=0
phase2_only=0
while (($#)); do
  case $1 in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --recovery-points) points=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --phase2-only) phase2_only=1; shift ;;
    --syscalls) IFS=, read -ra only <<<"$2"; shift 2 ;;
    --shard) shard=${2%/*} shards=${2#*/}; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--recovery-points K] [--syscalls S,S...] [--shard I/N] [--phase2-only] [--keep]" >&2; exit 2 ;;
  esac
done
reorg=$build/git-reorg
mapping=$root/mappings/demo.yaml
for tool in "$reorg" "$build/make-demo-repo"; do [[ -x $tool ]] || { echo "missing $tool: build it first" >&2; exit 2; }; done
command -v strace >/dev/null || { echo "strace is not installed" >&2; exit 2; }

# Fixed identity and dates: commit ids are the same in every run, so refs compare byte for byte.
export GIT_AUTHOR_NAME=Crash GIT_AUTHOR_EMAIL=crash@example.com GIT_COMMITTER_NAME=Crash GIT_COMMITTER_EMAIL=crash@example.com
export GIT_AUTHOR_DATE="1700000000 +0000" GIT_COMMITTER_DATE="1700000000 +0000"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=gc.auto GIT_CONFIG_VALUE_0=0
# Every syscall that can change a file or a directory (openat: all of them; most only read).
syscalls=(openat open creat write pwrite64 writev ftruncate truncate fsync fdatasync rename renameat renameat2
          unlink unlinkat rmdir mkdir mkdirat link linkat symlink symlinkat fchmod fchmodat chmod utimensat)
[[ -n ${only[*]:-} ]] && syscalls=("${only[@]}")

work=$(mktemp -d "${TMPDIR:-/tmp}/gitreorg-crash.XXXXXX")
((keep)) || trap '[[ -s $work/failures ]] || rm -rf "$work"' EXIT
start=$SECONDS

# The demo repository, with an untracked and an ignored file inside directories the mapping moves and
# beside them at the root, and the sibling the demo mapping imports (../demo-inference from every copy:
# all of them are directly under $work).
"$build/make-demo-repo" --sibling "$work/demo-inference" >/dev/null || exit 2
"$build/make-demo-repo" "$work/template" --scale 2 >/dev/null || exit 2
sibling_sig=$(cd "$work/demo-inference" && git for-each-ref && git status --porcelain --ignored)
(
  cd "$work/template" || exit 2
  moved=$(git ls-files | grep '^3\.test_cases/.*/' | head -1 | xargs dirname)
  printf 'notes\n' >"$moved/untracked-notes.txt"
  mkdir -p "$moved/logs" && printf 'log\n' >"$moved/logs/run.log"   # logs/ is ignored
  printf 'scratch\n' >scratch.txt
  mkdir -p __pycache__ && printf 'pyc\n' >__pycache__/cache.pyc
  [[ $(git status --porcelain --ignored | grep -c '^??') -ge 2 && $(git status --porcelain --ignored | grep -c '^!!') -ge 2 ]] ||
    { echo "the untracked and ignored files are not seen as such" >&2; exit 2; }
) || exit 2

# What git sees of a repository (refs, HEAD, ORIG_HEAD, index entries, status with untracked and
# ignored files) and the work tree's every path, mode and content. Read-only for the index: the raw
# index bytes are hashed before anything could refresh it.
signature() (
  cd "$1" || exit 1
  sha1sum .git/index | cut -c1-40 >"$2.index"
  {
    git symbolic-ref -q HEAD; git rev-parse HEAD; git rev-parse -q --verify ORIG_HEAD; git for-each-ref
    git ls-files -s
    find . -path ./.git -prune -o -printf '%y %m %p -> %l\n' | LC_ALL=C sort
    find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha1sum
    git status --porcelain --ignored
  } >"$2" 2>&1
)
# Leftovers that no end state may have: locks, the journal, temporary files (ours and libgit2's).
leftovers() {
  find "$1/.git" \( -name '*.lock' -o -name 'reorg' -o -name 'reorg-tmp' -o -name 'reorg-removed' -o -name 'pack_git2_*' \
    -o -name 'tmp_*' -o -name 'index.git-reorg' \) -print | sed "s|^$1/||"
}

cp -a "$work/template" "$work/before" && signature "$work/before" "$work/before.sig"
cp -a "$work/template" "$work/migrated"
(cd "$work/migrated" && "$reorg" apply "$mapping" --tag-before pre-reorg >/dev/null 2>&1) || { echo "a clean apply fails" >&2; exit 2; }
signature "$work/migrated" "$work/migrated.sig"
cmp -s "$work/before.sig" "$work/migrated.sig" && { echo "the apply changed nothing" >&2; exit 2; }

kills=0 untouched=0 migrated=0 failures=0 index_differs=0 runs=0
# Judges the repository $1 after a recovery ($2: continue / abort / none, $3: whether a journal was
# there before it, $4: a description). Recovery after a journal must end in its own direction.
judge() {
  local dir=$1 how=$2 journaled=$3 what=$4 state
  signature "$dir" "$dir.sig"
  if cmp -s "$dir.sig" "$work/before.sig"; then
    state=untouched
    cmp -s "$dir.sig.index" "$work/before.sig.index" || ((index_differs++))
  elif cmp -s "$dir.sig" "$work/migrated.sig"; then
    state=migrated
  else
    state=mixed
  fi
  local problem=
  [[ $state == mixed ]] && problem="neither untouched nor migrated"
  [[ $journaled == 1 && $how == continue && $state != migrated ]] && problem="--continue did not finish ($state)"
  [[ $journaled == 1 && $how == abort && $state != untouched ]] && problem="--abort did not undo ($state)"
  local left
  left=$(leftovers "$dir")
  [[ -n $left ]] && problem="${problem:+$problem; }left behind: $(echo $left)"
  if ! (cd "$dir" && git fsck --strict >"$dir.fsck" 2>&1); then problem="${problem:+$problem; }git fsck --strict fails"; fi
  if [[ -n $problem ]]; then
    ((failures++))
    mv "$dir" "$work/failed-$failures"
    diff "$work/before.sig" "$dir.sig" >"$work/failed-$failures.diff-before"
    diff "$work/migrated.sig" "$dir.sig" >"$work/failed-$failures.diff-migrated"
    echo "FAIL $failures: $what: $problem (kept in $work/failed-$failures)" | tee -a "$work/failures"
  else
    [[ $state == untouched ]] && ((untouched++))
    [[ $state == migrated ]] && ((migrated++))
    rm -rf "$dir"
  fi
  rm -f "$dir.sig" "$dir.sig.index" "$dir.fsck"
}

# Runs git-reorg with ARGS in $1, killed at invocation $3 of syscall $2; status 137 when killed.
killed_run() {
  local dir=$1 sc=$2 n=$3
  shift 3
  ((runs++))
  (cd "$dir" && strace -f -qq -o /dev/null -e trace="$sc" -e inject="$sc":signal=KILL:when="$n" "$reorg" "$@" >/dev/null 2>&1) 2>/dev/null
}

# The kill points of `git-reorg ARGS` run in $1 (a scratch copy): "SYSCALL N" for each call of the
# main thread that changes something, N counting that syscall's calls as strace's when= does. Calls
# that fail, read-only openat and writes to stdout and stderr change nothing: a kill before one of
# them is a kill before the next call that does.
kill_points() {
  local dir=$1
  shift
  (cd "$dir" && strace -f -qq -o "$work/trace" -e trace="$(IFS=,; echo "${syscalls[*]}")" "$reorg" "$@" >/dev/null 2>&1)
  awk -v set=" ${syscalls[*]} " '
    {
      pid = $1; line = $0; sub(/^[0-9]+ +/, "", line)
      if (!main) main = pid
      if (pid != main) { other++; next }
      name = line; sub(/\(.*/, "", name)
      if (index(set, " " name " ") == 0) next
      n = ++count[name]
      if (line ~ /= -1 [A-Z]/ || line ~ /<unfinished/) next
      if ((name == "openat" || name == "open") && line !~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/) next
      if ((name == "write" || name == "writev") && line ~ /^writev?\([12],/) next
      # The new pack, written in hundreds of pieces to one temporary file that is removed when the
      # run is killed: the first, the last and every 16th piece.
      if (name == "pwrite64") { if (n == 1 || n % 16 == 0) print name, n; else last = n; next }
      print name, n
    }
    END { if (last) print "pwrite64", last }' "$work/trace"
}

# Restores the crashed repository saved at $1 into $work/run (the same path: a journal is refused
# anywhere else).
restore() { rm -rf "$work/run" && cp -a "$1" "$work/run"; }

# Recovers the crashed repository in $work/run both ways (--abort on a copy put back at the same
# path) and judges both.
recover_both() {
  local what=$1 journaled=0 dir=$work/run
  [[ -e $dir/.git/reorg/journal ]] && journaled=1
  rm -rf "$work/saved" && cp -a "$dir" "$work/saved"
  (cd "$dir" && "$reorg" apply --continue >/dev/null 2>&1)
  judge "$dir" continue $journaled "$what, then --continue"
  restore "$work/saved"
  (cd "$dir" && "$reorg" apply --abort >/dev/null 2>&1)
  judge "$dir" abort $journaled "$what, then --abort"
}

missed=0
# Kills `git-reorg ARGS` at each of its kill points, starting each time from the repository saved at
# $1, then calls `$2 WHAT` to recover and judge.
kill_each() {
  local saved=$1 after=$2
  shift 2
  restore "$saved"
  local points
  points=$(kill_points "$work/run" "$@")
  local count=0 k=0
  while read -r sc n; do
    [[ -n $sc ]] || continue
    # Phase 1 split between parallel runs (--shard I/N): the kill points whose index is I modulo N.
    ((phase == 2 || k++ % shards == shard)) || continue
    restore "$saved"
    killed_run "$work/run" "$sc" "$n" "$@"
    # Not killed: the run took another path than the traced one (then it must have finished).
    (($? == 137)) || ((missed++))
    [[ -e $work/run/.git/reorg/journal ]] && echo "$sc $n" >>"$work/journaled-$phase"
    ((kills++, count++))
    "$after" "killed at $sc #$n"
  done <<<"$points"
  last_count=$count
}

# Phase 2's recovery: the same command again, which must finish in its own direction.
again() {
  local dir=$work/run journaled=0
  [[ -e $dir/.git/reorg/journal ]] && journaled=1
  # Killed once the journal was gone (the apply had finished or was undone): "no interrupted apply".
  (cd "$dir" && "$reorg" apply --"$how" >"$work/again.out" 2>&1) || ((!journaled)) ||
    { ((failures++)); echo "FAIL: $where, --$how $1: --$how again fails: $(head -c 300 "$work/again.out")" | tee -a "$work/failures"; }
  judge "$dir" "$how" 1 "$where, --$how $1, then --$how"
}

recover_after_apply() { recover_both "apply $1"; }
cp -a "$work/template" "$work/start"
phase=1
touch "$work/journaled-1"
if ((phase2_only)); then
  # Crashed states without phase 1: apply killed at evenly spread kill points of its traced run, each
  # moved on to the next point until a kill leaves a journal.
  restore "$work/start"
  mapfile -t apply_points < <(kill_points "$work/run" apply "$mapping" --tag-before pre-reorg)
  for ((p = 0; p < points * shards; p++)); do
    for ((i = (2 * p + 1) * ${#apply_points[@]} / (2 * points * shards); i < ${#apply_points[@]}; i++)); do
      restore "$work/start"
      killed_run "$work/run" ${apply_points[$i]} apply "$mapping" --tag-before pre-reorg
      [[ -e $work/run/.git/reorg/journal ]] && { echo "${apply_points[$i]}" >>"$work/journaled-1"; break; }
    done
  done
  # Phase 2 below picks from this list as from phase 1's: one entry per pick.
  echo "phase 1 skipped: $(wc -l <"$work/journaled-1") crashed states of apply picked from ${#apply_points[@]} kill points"
else
  echo "phase 1: apply killed before every call that changes something, of: ${syscalls[*]}"
  kill_each "$work/start" recover_after_apply apply "$mapping" --tag-before pre-reorg
  echo "phase 1: $kills kills of apply, $((SECONDS - start)) s"
fi
apply_kills=$kills

# Phase 2: K crashed states with a journal, spread evenly over phase 1's kill points; --continue and
# --abort each killed before every call that changes something, then run again.
mapfile -t journaled_points <"$work/journaled-1"
phase=2
total=${#journaled_points[@]}
echo "phase 2: --continue and --abort killed at every call, after $points of the $total kills of apply that left a journal"
for ((p = 0; p < points && total > 0; p++)); do
  # Spread over all shards' choices: shard I of N takes the (p*N+I)-th of points*N even picks.
  point=${journaled_points[$(((2 * (p * shards + shard) + 1) * total / (2 * points * shards)))]}
  restore "$work/start"
  killed_run "$work/run" $point apply "$mapping" --tag-before pre-reorg
  rm -rf "$work/crashed" && mv "$work/run" "$work/crashed"
  where="apply killed at ${point/ / #}"
  for how in continue abort; do
    before_kills=$kills
    kill_each "$work/crashed" again apply --"$how"
    echo "  $where: --$how killed $((kills - before_kills)) times ($((SECONDS - start)) s so far)"
  done
done

now_sig=$(cd "$work/demo-inference" && git for-each-ref && git status --porcelain --ignored)
[[ $now_sig == "$sibling_sig" ]] || { ((failures++)); echo "FAIL: the sibling repository changed" | tee -a "$work/failures"; }

echo
echo "kills: $kills ($apply_kills of apply, $((kills - apply_kills)) of --continue / --abort); runs under strace: $runs; kill points not reached: $missed"
echo "end states: $untouched untouched, $migrated migrated, $failures failures"
echo "untouched with index bytes other than before (stat data only; entries equal): $index_differs"
echo "time: $((SECONDS - start)) s"
((failures == 0)) || { echo "failures listed in $work/failures"; exit 1; }
