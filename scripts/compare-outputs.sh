#!/usr/bin/env bash
# Byte-for-byte comparison of every command-line output between a git revision and the working tree
# (a refactoring must change none): the reports of `check`, `merge` and the unzipped parts of their
# workbooks, on examples/, ../shared/corpus/ and the bench workloads. Prints the differences; exit 1 if any.
#   bash scripts/compare-outputs.sh [REV=HEAD] [--no-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
shift || true
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$rev" >/dev/null
ln -s "$PWD/node_modules" "$work/base/node_modules"
npx tsx scripts/snapshot-outputs.ts "$work/before" --cli "$work/base" "$@" >/dev/null
npx tsx scripts/snapshot-outputs.ts "$work/after" "$@" >/dev/null
if diff -r "$work/before" "$work/after" > "$work/diff.txt"; then
  echo "identical: $(find "$work/after" -type f | wc -l) files ($rev vs the working tree)"
else
  head -c 20000 "$work/diff.txt"
  echo "DIFFERENT ($rev vs the working tree)"
  exit 1
fi
