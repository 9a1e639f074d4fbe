#!/usr/bin/env python3
"""Benchmarks of git-reorg against what a maintainer would otherwise run, in one run.

For each size, generates a repository (gen_repo.py: dense in references, shaped like the motivating
repository; and, with --shape demo or both, make-demo-repo), then times on fresh clones with a warm
page cache, as the median of --runs runs:

  git-reorg check / where / plan / apply
  a `git mv` loop + commit                      (moves only)
  `git mv` + `git grep | sed -i` + two commits  (moves and reference rewrite)
  git filter-repo --path-rename per rule        (Debian: apt-get install git-filter-repo; skipped if absent)
  the read floor                                (git cat-file --batch over HEAD's blobs; every tracked file read once)
  the plumbing floor                            (update-index --index-info + write-tree + commit-tree for the renames)

and prints seconds, peak memory (GNU time's %M), ratios ours / theirs and which targets of issue 16
are met. Never asserted in unit tests: timing is a property of the machine.

usage: tests/bench/bench.py [--build DIR] [--sizes 1000,10000,100000] [--huge] [--runs N] [--shape gen|demo|both]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TIME = "/usr/bin/time"


def progress(msg):
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K" + msg)
        sys.stderr.flush()


def run(cmd, cwd=None, **kw):
    return subprocess.run(cmd, cwd=cwd, check=True, **kw)


def timed(cmd, cwd):
    """Runs cmd (a list, or a shell string) under GNU time: (seconds, CPU seconds, peak MB)."""
    with tempfile.NamedTemporaryFile("r") as t:
        argv = [TIME, "-f", "%e %U %S %M", "-o", t.name] + (["bash", "-c", cmd] if isinstance(cmd, str) else cmd)
        p = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.exit("failed (%d): %s\n%s" % (p.returncode, cmd, p.stderr[-4000:]))
        secs, user, sys_, kb = t.read().split()[-4:]
        return float(secs), float(user) + float(sys_), int(kb) // 1024


def warm(repo):
    # Warm cache, as a second run in CI would: every blob and the index's stat data.
    run("git ls-tree -r HEAD | awk '{print $3}' | git cat-file --batch >/dev/null; git status -s >/dev/null",
        cwd=repo, shell=True)


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.reorg = os.path.join(args.build, "git-reorg")
        self.results = {}  # (shape, size) -> {name: (median secs, peak MB)}

    def measure(self, key, name, cmd, setup=None, check=None):
        """Median of --runs runs of cmd; setup() returns the directory to run in (a fresh clone for
        commands that write), check(dir) verifies the outcome of the first run."""
        secs, cpus, mbs = [], [], []
        for k in range(self.args.runs):
            progress("%s %s: %s (run %d/%d)" % (key[0], key[1], name, k + 1, self.args.runs))
            d = setup()
            warm(d)
            s, cpu, mb = timed(cmd, d)
            secs.append(s)
            cpus.append(cpu)
            mbs.append(mb)
            if check and k == 0:
                check(d)
        self.results.setdefault(key, {})[name] = (statistics.median(secs), max(mbs), statistics.median(cpus))

    def clone(self, source, name):
        d = os.path.join(self.work, name)
        shutil.rmtree(d, ignore_errors=True)
        run(["git", "clone", "-q", "--no-hardlinks", source, d])
        run(["git", "-C", d, "config", "user.name", "Bench"])
        run(["git", "-C", d, "config", "user.email", "bench@example.com"])
        return d

    def gen_shape(self, size):
        key = ("gen", size)
        out = os.path.join(self.work, "gen-%d" % size)
        if not os.path.exists(os.path.join(out, "moves.txt")):  # kept from an earlier run with --keep
            progress("gen %d: generating" % size)
            s, _, _ = timed([sys.executable, os.path.join(HERE, "gen_repo.py"), "--files", str(size), "--commits", "50",
                          "--seed", "1", "--out", out], self.work)
            print("gen %d: generated in %.1f s" % (size, s), file=sys.stderr)
        source = os.path.join(out, "repo.git")
        mapping = os.path.join(out, "mapping.yaml")
        rules = [tuple(line.rstrip("\n").split("\t")) for line in open(os.path.join(out, "moves.txt")) if line.strip()]
        # Deepest source first: a nested rule moves its directory before its parent's rule moves the rest.
        rules.sort(key=lambda r: (-r[0].count("/"), r[0]))
        scripts = self.baseline_scripts(out, rules)
        read_only = self.clone(source, "read-only")
        fresh = lambda: self.clone(source, "work")
        self.plumbing_input(read_only, rules, os.path.join(out, "index-info"))
        moved_tree = {}

        def tree_of(rev, name):
            return lambda d: moved_tree.__setitem__(name, subprocess.run(
                ["git", "-C", d, "rev-parse", rev + "^{tree}"], capture_output=True, text=True, check=True).stdout.strip())

        self.measure(key, "read floor: every blob (cat-file --batch)",
                     "git ls-tree -r HEAD | awk '{print $3}' | git cat-file --batch >/dev/null", lambda: read_only)
        self.measure(key, "read floor: every tracked file", "git ls-files -z | xargs -0 cat >/dev/null", lambda: read_only)
        self.measure(key, "plumbing floor", "bash %s %s" % (scripts["plumbing"], os.path.join(out, "index-info")), fresh)
        self.measure(key, "git mv loop + commit", "bash " + scripts["mv"], fresh, tree_of("HEAD", "git mv"))
        self.measure(key, "git mv + sed + commits", "bash " + scripts["sed"], fresh)
        if shutil.which("git-filter-repo"):
            self.measure(key, "git filter-repo --path-rename", ["git", "filter-repo", "--force", "--quiet"] +
                         [a for r in rules for a in ("--path-rename", "%s/:%s/" % r)], fresh)
        else:
            print("git filter-repo not found (Debian: apt-get install git-filter-repo): that baseline is skipped",
                  file=sys.stderr)
        self.ours(key, mapping, read_only, fresh, tree_of, ["3.test_cases/pytorch/FSDP", "1.architectures", "README.md"])
        if "git mv" in moved_tree and "git-reorg" in moved_tree:
            same = moved_tree["git mv"] == moved_tree["git-reorg"]
            self.results[key]["moves commit has the git mv loop's tree"] = "yes" if same else "NO"

    def demo_shape(self, size):
        key = ("demo", size)
        out = os.path.join(self.work, "demo-%d" % size)
        progress("demo %d: generating" % size)
        if not os.path.exists(out):
            run([os.path.join(self.args.build, "make-demo-repo"), out, "--scale", "3", "--files", str(size)],
                stdout=subprocess.DEVNULL)
        # The sibling mappings/demo.yaml imports, at its `repo:` (../demo-inference) from the clones below.
        sibling = os.path.join(self.work, "demo-inference")
        if not os.path.exists(sibling):
            run([os.path.join(self.args.build, "make-demo-repo"), "--sibling", sibling], stdout=subprocess.DEVNULL)
        mapping = os.path.join(ROOT, "mappings", "demo.yaml")
        read_only = self.clone(out, "read-only")
        fresh = lambda: self.clone(out, "work")
        self.measure(key, "read floor: every blob (cat-file --batch)",
                     "git ls-tree -r HEAD | awk '{print $3}' | git cat-file --batch >/dev/null", lambda: read_only)
        self.ours(key, mapping, read_only, fresh, lambda rev, name: None, ["3.test_cases", "README.md"])

    def ours(self, key, mapping, read_only, fresh, tree_of, where_paths):
        r = self.reorg
        self.measure(key, "git-reorg check", [r, "check", mapping, "-q"], lambda: read_only)
        self.measure(key, "git-reorg where", [r, "where", mapping] + where_paths, lambda: read_only)
        self.measure(key, "git-reorg plan", [r, "plan", mapping, "-q"], lambda: read_only)
        self.measure(key, "git-reorg apply", [r, "apply", mapping, "-q"], fresh, tree_of("HEAD~1", "git-reorg"))
        d = os.path.join(self.work, "work")
        self.measure(key, "git status after apply", ["git", "status", "--porcelain"], lambda: d)

    def plumbing_input(self, repo, rules, path):
        """update-index --index-info lines for the renames (removal of the old path, the entry at the new one)."""
        by_len = sorted(rules, key=lambda r: -len(r[0]))
        out = subprocess.run(["git", "-C", repo, "ls-files", "-s", "-z"], capture_output=True, check=True).stdout
        with open(path, "wb") as f:
            for rec in out.split(b"\0"):
                if not rec:
                    continue
                meta, p = rec.split(b"\t", 1)
                mode, sha, _ = meta.split()
                old = p.decode()
                for a, b in by_len:
                    if old.startswith(a + "/"):
                        new = b + old[len(a):]
                        f.write(b"0 %s\t%s\n" % (b"0" * 40, p))
                        f.write(b"%s %s\t%s\n" % (mode, sha, new.encode()))
                        break

    def baseline_scripts(self, out, rules):
        moves = "".join("mv_dir '%s' '%s'\n" % r for r in rules)
        mv = """set -e
shopt -s dotglob nullglob
mv_dir() {  # git mv SRC DST, or its entries into DST when DST exists already (a nested rule made it)
  [ -e "$1" ] || return 0
  mkdir -p "$(dirname "$2")"
  if [ -e "$2" ]; then git mv "$1"/* "$2"/; else git mv "$1" "$2"; fi
}
""" + moves
        # One grep for every old path, one sed with an expression per rule (deepest first, as the moves).
        pattern = "|".join(a.replace(".", "\\.") for a, _ in rules)
        exprs = " ".join("-e 's|%s|%s|g'" % (a.replace(".", "\\."), b) for a, b in rules)
        sed = mv + "git commit -q -m 'Move files'\n" + \
            "git grep -lz -E '%s' | xargs -0 -r sed -i %s\n" % (pattern, exprs) + \
            "git commit -q -a -m 'Update references'\n"
        plumbing = """set -e
git update-index --index-info < "$1"
tree=$(git write-tree)
commit=$(git commit-tree "$tree" -p HEAD -m 'Move files')
git update-ref HEAD "$commit"
"""
        scripts = {}
        for name, text in (("mv", mv + "git commit -q -m 'Move files'\n"), ("sed", sed), ("plumbing", plumbing)):
            scripts[name] = os.path.join(out, name + ".sh")
            with open(scripts[name], "w") as f:
                f.write(text)
        return scripts


def report(results):
    def get(res, name):
        v = res.get(name)
        return v[0] if isinstance(v, tuple) else None

    def verdict(ok):
        return "met" if ok else "NOT met"

    for (shape, size), res in results.items():
        print("\n## %s shape, %d files\n" % (shape, size))
        print("| what | seconds | CPU seconds | peak MB |\n|---|---:|---:|---:|")
        for name, v in res.items():
            if isinstance(v, tuple):
                print("| %s | %.2f | %.2f | %d |" % (name, v[0], v[2], v[1]))
            else:
                print("| %s | %s | | |" % (name, v))
        blob = get(res, "read floor: every blob (cat-file --batch)")
        plan, apply_, check, where = (get(res, "git-reorg " + n) for n in ("plan", "apply", "check", "where"))
        print()
        lines = []
        if blob:
            lines.append(("plan / blob read floor", plan / blob, 3))
            lines.append(("check / blob read floor", check / blob, 2))
            lines.append(("where / blob read floor", where / blob, 2))
        mv, sed, fr, plumb = (get(res, n) for n in ("git mv loop + commit", "git mv + sed + commits",
                                                     "git filter-repo --path-rename", "plumbing floor"))
        if mv:
            lines.append(("apply / git mv loop", apply_ / mv, 1))
        if sed:
            lines.append(("apply / git mv + sed", apply_ / sed, 1 / 20 if size >= 100000 else None))
        if fr:
            lines.append(("apply / filter-repo", apply_ / fr, 1 / 10 if size >= 100000 else None))
        if plumb and blob:
            lines.append(("apply / (blob read floor + plumbing floor)", apply_ / (blob + plumb), 2))
        for what, ratio, target in lines:
            t = "" if target is None else "  (target <= %.2f: %s)" % (target, verdict(ratio <= target))
            print("- %s: %.2fx%s" % (what, ratio, t))
        peak = max(v[1] for n, v in res.items() if n.startswith("git-reorg") and isinstance(v, tuple))
        limit = 300 if size <= 100000 else 2048
        print("- git-reorg peak memory: %d MB  (target < %d MB: %s)" % (peak, limit, verdict(peak < limit)))
    shapes = sorted({s for s, _ in results})
    for shape in shapes:
        sizes = sorted(n for s, n in results if s == shape)
        for a, b in zip(sizes, sizes[1:]):
            for name in ("git-reorg plan", "git-reorg apply"):
                ta, tb = get(results[(shape, a)], name), get(results[(shape, b)], name)
                if ta and tb:
                    growth = tb / ta
                    scale = b / a
                    print("- %s shape, %s, %d -> %d files: %.1fx the time for %.0fx the files  (target <= %.1fx: %s)" %
                          (shape, name, a, b, growth, scale, scale * 1.1, verdict(growth <= scale * 1.1)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="the build directory (git-reorg, make-demo-repo)")
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated file counts")
    ap.add_argument("--huge", action="store_true", help="add 1,000,000 files (needs tens of minutes and several GB)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    ap.add_argument("--shape", choices=("gen", "demo", "both"), default="both")
    ap.add_argument("--keep", help="work in this directory and keep it (default: a temporary one, removed)")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)  # the binaries run from inside the clones
    if not os.path.exists(TIME):
        sys.exit("needs GNU time at /usr/bin/time (Debian package: time)")
    if not os.access(os.path.join(args.build, "git-reorg"), os.X_OK):
        sys.exit("build first: cmake --build %s" % args.build)
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([1000000] if args.huge else [])
    work = args.keep or tempfile.mkdtemp(prefix="gitreorg-bench-")
    os.makedirs(work, exist_ok=True)
    version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    print("# git-reorg benchmarks: %d cores, %s, %d runs per figure (median), peak memory is GNU time's max RSS" %
          (os.cpu_count(), version, args.runs))
    print("# load average at the start: %.1f (seconds are wall-clock time; CPU seconds, user + system, are steadier on a busy machine)"
          % os.getloadavg()[0])
    bench = Bench(args, work)
    try:
        for size in sizes:
            if args.shape in ("gen", "both"):
                bench.gen_shape(size)
            if args.shape in ("demo", "both"):
                bench.demo_shape(size)
        progress("")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report(bench.results)


if __name__ == "__main__":
    main()
