#!/usr/bin/env bash
# Benchmarks: speed and memory of check, plan and apply on a generated repository (default 100,000
# files), against the baseline of reading every blob of HEAD once with git itself. Prints figures and
# ratios; the targets (plan within 2x of reading every file once, apply in seconds, under 300 MB)
# are reported as met or not, never asserted in unit tests.
#
# usage: tests/bench/bench.sh [FILES] [BUILD_DIR]
set -euo pipefail
files=${1:-100000}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${2:-$root/build}
reorg="$build/git-reorg"
[ -x "$reorg" ] && [ -x "$build/make-demo-repo" ] || { echo "build first: cmake --build $build" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package: time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapping="$root/mappings/demo.yaml"

# measure NAME CMD...: runs CMD (in the repository), records seconds and peak RSS in MB.
declare -A secs mb
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r s kb < "$work/time"
  secs[$name]=$s
  mb[$name]=$(( kb / 1024 ))
  printf '%-34s %8.2f s %6d MB\n' "$name" "$s" "${mb[$name]}"
}

echo "git-reorg benchmarks: $files files, $(nproc) cores, $(git --version)"
measure "generate (make-demo-repo)" "$build/make-demo-repo" "$work/repo" --scale 3 --files "$files"
cd "$work/repo"
echo "repository: $(git ls-files | wc -l) files, $(du -sm .git | cut -f1) MB in .git"
# Warm the page cache so every run below reads from memory, as a second run in CI would.
git ls-tree -r HEAD | awk '{print $3}' | git cat-file --batch >/dev/null
measure "baseline: read every blob once" bash -c "git ls-tree -r HEAD | awk '{print \$3}' | git cat-file --batch >/dev/null"
measure "git-reorg check" "$reorg" check "$mapping" -q
measure "git-reorg plan (text)" "$reorg" plan "$mapping" -q
measure "git-reorg plan (json, all files)" "$reorg" plan "$mapping" --format json -o "$work/plan.json"
measure "git-reorg links" bash -c "'$reorg' links -q || true"
measure "git-reorg apply" "$reorg" apply "$mapping" -q
measure "git status after apply" git status --porcelain
moved=$(git diff -M --name-status HEAD~2 HEAD~1 | grep -c '^R100' || true)
edited=$(git diff --name-only HEAD~1 HEAD | wc -l)
echo "apply: $moved files renamed (R100), $edited files edited in the second commit"

ratio=$(awk -v p="${secs[git-reorg plan (text)]}" -v b="${secs[baseline: read every blob once]}" 'BEGIN { printf "%.2f", (b > 0 ? p / b : 0) }')
echo
echo "plan / baseline read:  ${ratio}x   (target: within 2x)  $(awk -v r="$ratio" 'BEGIN { print (r <= 2 ? "met" : "NOT met") }')"
echo "apply:                 ${secs[git-reorg apply]} s   (target: seconds)"
peak=0
for k in "${!mb[@]}"; do [[ $k == git-reorg* ]] && (( mb[$k] > peak )) && peak=${mb[$k]}; done
echo "peak RSS of git-reorg: ${peak} MB   (target: under 300 MB)  $( (( peak < 300 )) && echo met || echo 'NOT met')"
