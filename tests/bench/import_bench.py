#!/usr/bin/env python3
"""The import benchmark of issues 11 and 16: `plan` and `apply` of a mapping that imports a sibling
repository of N commits (shaped like awsome-inference: 1.infrastructure/, 2.projects/<engine>/,
3.use-cases/<name>/, a merged branch every 100 commits, a directory renamed every 1,000), next to
what reading that history costs (`git rev-list --objects`, `git fast-export`) and, when installed,
`git filter-repo --path-rename` + `git merge --allow-unrelated-histories`, the way it is done by hand.

Stdlib only; deterministic for a given --commits and --seed. Prints one line per figure and the ratios.

usage: tests/bench/import_bench.py [--build DIR] [--commits 10000] [--files 250] [--runs 3] [--keep DIR]
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.invalid")
ENGINES = ["vllm", "sglang", "trtllm", "nims", "ray-serve", "triton"]
USE_CASES = ["chat", "rag", "audio-bot", "agents", "eval"]


def run(cmd, cwd=None, stdin=None):
    return subprocess.run(cmd, cwd=cwd, env=ENV, input=stdin, check=True, capture_output=True)


def gen_sibling(path, commits, files, seed):
    rnd = random.Random(seed)
    paths = []
    for i in range(files):
        k = i % 3
        if k == 0:
            paths.append(f"1.infrastructure/{['eks', 'hyperpod', 'slurm'][(i // 3) % 3]}/file{i}.yaml")
        elif k == 1:
            paths.append(f"2.projects/{ENGINES[(i // 3) % len(ENGINES)]}-inference/file{i}.md")
        else:
            paths.append(f"3.use-cases/{USE_CASES[(i // 3) % len(USE_CASES)]}/file{i}.py")
    out = []
    mark = 0

    def blob(text):
        nonlocal mark
        mark += 1
        data = text.encode()
        out.append(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
        return mark

    def commit(branch, n, changes, parents, renames=()):
        nonlocal mark
        mark += 1
        msg = f"commit {n}".encode()
        head = b"commit refs/heads/%s\nmark :%d\nauthor A%d <a%d@example.com> %d +0000\ncommitter C <c@example.com> %d +0000\ndata %d\n%s\n" % (
            branch.encode(), mark, n % 7, n % 7, 1_600_000_000 + n * 60, 1_600_000_000 + n * 60, len(msg), msg)
        body = b""
        for i, p in enumerate(parents):
            body += (b"from :%d\n" if i == 0 else b"merge :%d\n") % p
        for a, b in renames:
            body += b'R "%s" "%s"\n' % (a.encode(), b.encode())
        for p, m in changes:
            body += b"M 100644 :%d %s\n" % (m, p.encode())
        out.append(head + body + b"\n")
        return mark

    first = [(p, blob(f"{p}\nversion 0\n")) for p in paths]
    tip = commit("main", 0, first, [])
    side = None
    for n in range(1, commits):
        renames = []
        if n % 1000 == 0:  # an engine directory renamed (exact renames, as the real sibling did)
            e = ENGINES[(n // 1000) % len(ENGINES)]
            old = [p for p in paths if p.startswith(f"2.projects/{e}-inference/")]
            if old:
                renames = [(f"2.projects/{e}-inference", f"2.projects/{e}-serving")]
                paths = [p.replace(f"2.projects/{e}-inference/", f"2.projects/{e}-serving/") for p in paths]
        changes = []
        for _ in range(rnd.randint(1, 3)):
            p = rnd.choice(paths)
            changes.append((p, blob(f"{p}\nversion {n}\n")))
        if n % 100 == 50:  # a side branch off main, merged 50 commits later
            side = commit("side", n, changes, [tip])
            continue
        if n % 100 == 0 and side is not None:
            tip = commit("main", n, changes, [tip, side], renames)
            side = None
            continue
        tip = commit("main", n, changes, [tip], renames)
    run(["git", "init", "-q", "--bare", "-b", "main", path])
    run(["git", "fast-import", "--quiet"], cwd=path, stdin=b"".join(out))
    run(["git", "update-ref", "-d", "refs/heads/side"], cwd=path)


MAPPING = """version: 1
repository:
  urls: [https://github.com/example/host]
moves:
  - from: docs
    to: documentation
imports:
  - name: sibling
    repo: {sibling}
    ref: main
    urls: [https://github.com/example/sibling]
    moves:
      - match: '2\\.projects/([^/]+)-(inference|serving)'
        to: 'examples/inference/\\1'
      - match: '3\\.use-cases/([^/]+)'
        to: 'examples/use-cases/\\1'
      - from: 1.infrastructure
        to: architectures/inference-infrastructure
"""


def timed(cmd, cwd, runs, setup=None):
    samples = []
    for _ in range(runs):
        if setup:
            setup()
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=ENV, check=True, capture_output=True)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--commits", type=int, default=10000)
    ap.add_argument("--files", type=int, default=250)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep")
    a = ap.parse_args()
    tool = os.path.join(a.build, "git-reorg")
    work = a.keep or tempfile.mkdtemp(prefix="gitreorg-import-bench-")
    os.makedirs(work, exist_ok=True)
    sibling = os.path.join(work, "sibling.git")
    if not os.path.exists(sibling):
        print(f"generating a sibling of {a.commits} commits, {a.files} files ...", file=sys.stderr)
        gen_sibling(sibling, a.commits, a.files, a.seed)
    host_seed = os.path.join(work, "host-seed")
    if not os.path.exists(host_seed):
        run(["git", "init", "-q", "-b", "main", host_seed])
        os.makedirs(os.path.join(host_seed, "docs"))
        with open(os.path.join(host_seed, "docs", "README.md"), "w") as f:
            f.write("# Host\n")
        run(["git", "add", "-A"], cwd=host_seed)
        run(["git", "commit", "-q", "-m", "host"], cwd=host_seed)
    mapping = os.path.join(work, "mapping.yaml")
    with open(mapping, "w") as f:
        f.write(MAPPING.format(sibling=sibling))
    host = os.path.join(work, "host")

    def fresh():
        shutil.rmtree(host, ignore_errors=True)
        run(["git", "clone", "-q", host_seed, host])

    fresh()
    commits = int(run(["git", "rev-list", "--count", "main"], cwd=sibling).stdout)
    figures = {}
    figures["read: rev-list --objects"] = timed(["git", "rev-list", "--objects", "main"], sibling, a.runs)
    figures["read: fast-export"] = timed(["sh", "-c", "git fast-export main >/dev/null"], sibling, a.runs)
    figures["git-reorg plan"] = timed([tool, "plan", mapping], host, a.runs)
    figures["git-reorg apply"] = timed([tool, "apply", mapping], host, a.runs, setup=fresh)
    if shutil.which("git-filter-repo"):
        scratch = os.path.join(work, "filtered")

        def by_hand():
            fresh()
            shutil.rmtree(scratch, ignore_errors=True)
            run(["git", "clone", "-q", "--no-local", sibling, scratch])
        script = (f"cd {scratch} && git filter-repo --force --quiet --path-rename 1.infrastructure/:architectures/inference-infrastructure/ "
                  "--path-rename 3.use-cases/:examples/use-cases/ --path-rename 2.projects/:examples/inference/ && "
                  f"cd {host} && git fetch -q {scratch} main && git merge -q --allow-unrelated-histories -m import FETCH_HEAD")
        figures["by hand: filter-repo + merge"] = timed(["sh", "-c", script], work, a.runs,
                                                        setup=by_hand)
    print(f"sibling: {commits} commits, {a.files} files; median of {a.runs} runs")
    for k, v in figures.items():
        print(f"  {k:<32} {v:8.2f} s")
    floor = figures["read: fast-export"]
    print(f"  plan / fast-export             {figures['git-reorg plan'] / floor:8.1f}x")
    print(f"  apply / fast-export            {figures['git-reorg apply'] / floor:8.1f}x")
    if "by hand: filter-repo + merge" in figures:
        print(f"  apply / filter-repo + merge    {figures['git-reorg apply'] / figures['by hand: filter-repo + merge']:8.2f}x")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
