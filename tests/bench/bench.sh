#!/usr/bin/env bash
# The benchmark of issue 16 (see bench.py): git-reorg against a git mv loop, git mv + sed, filter-repo and
# the read and plumbing floors, at 1k, 10k and 100k files (1M with --huge).
#
# usage: tests/bench/bench.sh [--build DIR] [--sizes 1000,10000,100000] [--huge] [--runs N] [--shape gen|demo|both] [--keep DIR]
exec python3 "$(dirname "${BASH_SOURCE[0]}")/bench.py" "$@"
