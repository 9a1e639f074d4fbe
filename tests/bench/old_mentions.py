#!/usr/bin/env python3
"""Counts mentions of old directory names left after a migration, per kind of file.

    old_mentions.py REPO --before REV --after REV [--plan PLAN.json] [--sibling DIR]... [--branch main] [--list]

An obsolete name is the last segment of an old directory whose new place has another last segment,
when that name is numbered (`3.test_cases`, `0.common`) or the directory was at the top level and
is gone. Each occurrence in a text file of BEFORE and of AFTER is counted, by kind of file. In AFTER
each one is put in one column: in a URL pinned to another ref than --branch (right to stay), naming a
path the mapping keeps (`keep:`, from PLAN.json: it is still there), listed
under "needs review" by the plan (PLAN.json: `git reorg plan --format json` run on BEFORE; an item
counts for the lines of its file, old or new path, that hold its text), or left: the issue's target is at most 5 left.
With --plan, the imports' moves count too, and each --sibling DIR (an imported repository's clone)
adds its HEAD's occurrences to BEFORE.
The git CLI does the reading (`git diff -M`, `git grep`), so this is independent of git-reorg.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True,
                          errors="replace").stdout


NUMBERED = re.compile(r"^[0-9]+[._-][^0-9]")


def renames_between(repo, before, after):
    renames = {}
    for line in git(repo, "diff", "-M", "--name-status", "-r", before, after).splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3:
            renames[parts[1]] = parts[2]
    return renames


def obsolete_names(renames):
    """Old directory names whose new place is named otherwise (numbered, or gone top-level ones)."""
    new_dirs = set()
    for new in renames.values():
        segs = new.split("/")[:-1]
        for i in range(1, len(segs) + 1):
            new_dirs.add("/".join(segs[:i]))
    names = set()
    for old, new in renames.items():
        o, n = old.split("/"), new.split("/")
        # Align from the end: the file name and the segments below the moved directory stay.
        while len(o) > 1 and len(n) > 1 and o[-1] == n[-1]:
            o.pop()
            n.pop()
        if len(o) == 0:
            continue
        dirs = len(old.split("/")) - 1  # the file's own name is not a directory's
        for k in range(min(len(o), dirs)):
            name = o[k]
            if name in n:
                continue
            top_gone = k == 0 and name not in new_dirs
            if NUMBERED.match(name) or top_gone:
                names.add(name)
    return names


def kind_of(path):
    base = os.path.basename(path).lower()
    ext = os.path.splitext(base)[1]
    if path.startswith(".github/workflows/") or base.startswith("action.y"):
        return "workflow"
    if base == "codeowners" or base in (".gitignore", ".gitattributes", ".dockerignore"):
        return "pattern file"
    if ext in (".md", ".markdown", ".mdx"):
        return "markdown"
    if ext in (".sh", ".bash", ".zsh", ".sbatch", ".slurm", ".mk") or base in ("makefile", "dockerfile") or \
            base.startswith("dockerfile"):
        return "script"
    if ext == ".py":
        return "python"
    if ext in (".yaml", ".yml", ".json", ".toml", ".cfg", ".ipynb", ".template"):
        return "config"
    return "other"


def occurrences(repo, rev, names, skip):
    """(path, line, text, name) for each occurrence of an obsolete name in rev's text files."""
    if not names:
        return []
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    word = re.compile(r"(?<![A-Za-z0-9_.-])(" + alternation + r")(?![A-Za-z0-9_-])")
    try:
        out = git(repo, "grep", "-I", "-n", "-F", *sum((["-e", n] for n in sorted(names)), []), rev)
    except subprocess.CalledProcessError:
        return []
    found = []
    for line in out.splitlines():
        _, path, num, text = line.split(":", 3)
        if path in skip:
            continue
        for m in word.finditer(text):
            found.append((path, int(num), text, m.group(1), m.start(1)))
    return found


URL = re.compile(r"https?://[^\s)\"'<>\]]+")


def pinned(text, col, branch):
    """The name at col sits in a URL whose ref (after blob/tree/raw) is not the branch."""
    for m in URL.finditer(text):
        if m.start() <= col < m.end():
            ref = re.search(r"/(?:blob|tree|raw|edit)/([^/]+)/", m.group(0)) or \
                  re.search(r"raw\.githubusercontent\.com/[^/]+/[^/]+/([^/]+)/", m.group(0))
            return bool(ref) and ref.group(1) != branch
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("repo")
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--plan", help="git reorg plan --format json, run on BEFORE")
    ap.add_argument("--sibling", action="append", default=[], help="an imported repository's clone")
    ap.add_argument("--branch", default="main")
    ap.add_argument("--mapping", action="append", default=[], help="paths not counted (the mapping itself)")
    ap.add_argument("--list", action="store_true", help="print each mention left")
    a = ap.parse_args()

    renames = renames_between(a.repo, a.before, a.after)
    review = set()
    plan = {}
    if a.plan:
        with open(a.plan) as f:
            plan = json.load(f)
    kept = [k["path"] for k in plan.get("kept", [])]
    moved = dict(renames)
    # Lines move when an edit adds some (a filter split in two), so an item is found by its text; a URL
    # by its path in the repository (its host part may have been renamed).
    def reviewed(text):
        return re.sub(r"^https?://[^/]+/[^/]+/[^/]+/(?:blob|tree|raw)/[^/]+/", "", text)

    for item in plan.get("references", {}).get("needs_review", []):
        review.add((renames.get(item["path"], item["path"]), reviewed(item["text"])))
    for imp in plan.get("imports", []):
        imported = {f["old"]: f["new"] for f in imp.get("files", [])}
        moved.update(imported)
        for item in imp.get("needs_review", []):
            review.add((imported.get(item["path"], item["path"]), reviewed(item["text"])))
    names = obsolete_names(moved)

    skip = set(a.mapping)
    before = collections.Counter(kind_of(p) for p, *_ in occurrences(a.repo, a.before, names, skip))
    for sibling in a.sibling:
        before.update(kind_of(p) for p, *_ in occurrences(sibling, "HEAD", names, skip))
    after = occurrences(a.repo, a.after, names, skip)
    cols = collections.defaultdict(collections.Counter)
    left = []
    for path, num, text, name, col in after:
        k = kind_of(path)
        if pinned(text, col, a.branch):
            cols[k]["pinned"] += 1
        elif any(path_kept in text for path_kept in kept):
            cols[k]["kept"] += 1
        elif any(p == path and t in text for p, t in review):
            cols[k]["review"] += 1
        else:
            cols[k]["left"] += 1
            left.append((path, num, name, text.strip()))
    kinds = sorted(set(before) | set(cols))
    print(f"obsolete names: {len(names)} ({', '.join(sorted(names)[:12])}{', ...' if len(names) > 12 else ''})")
    print(f"{'kind':<14}{'before':>8}{'after':>8}{'pinned':>8}{'kept':>8}{'review':>8}{'left':>8}")
    total = collections.Counter()
    for k in kinds:
        row = [before[k], sum(cols[k].values()), cols[k]["pinned"], cols[k]["kept"], cols[k]["review"], cols[k]["left"]]
        total.update(dict(zip("bapkrl", row)))
        print(f"{k:<14}" + "".join(f"{v:>8}" for v in row))
    print(f"{'all':<14}" + "".join(f"{total[c]:>8}" for c in "bapkrl"))
    if a.list:
        for path, num, name, text in left:
            print(f"{path}:{num}: {name}: {text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
