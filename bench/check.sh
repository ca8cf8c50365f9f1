#!/usr/bin/env bash
# Times `perfdoc check` over a large synthetic practice against markdownlint-cli2 on the same
# files, in the same run. Medians of N runs; the ratio is what to quote.
#
#   bench/check.sh [CORPUS_DIR] [RUNS]
#
# The corpus is made with ../shared/bench/gen-corpus.py (10,000 documents, 20,000 commits) if
# it is missing. markdownlint-cli2 comes from npm (`npm install -g markdownlint-cli2`); without
# it only perfdoc is timed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-/tmp/perfdoc-corpus-L}"
runs="${2:-5}"
gen="$here/../shared/bench/gen-corpus.py"

if [ ! -d "$corpus/.git" ]; then
  python3 "$gen" --docs 10000 --commits 20000 --seed 1 "$corpus" --force
fi
(cd "$here" && cargo build --release --quiet)
bin="$here/target/release/perfdoc"

median() { sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); print a[m]}'; }
time_runs() { # command...
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true   # findings exit 1; the corpus's prose disagrees with its numbers
    e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | median
}

docs=$(find "$corpus/reports" "$corpus/optimizations" -name '*.md' | wc -l)
echo "corpus: $corpus ($docs documents)"
p=$(time_runs "$bin" -C "$corpus" check)
echo "perfdoc check:          ${p}s (median of $runs)"
if command -v markdownlint-cli2 >/dev/null 2>&1; then
  m=$(cd "$corpus" && time_runs markdownlint-cli2 "reports/**/*.md" "optimizations/**/*.md")
  echo "markdownlint-cli2:      ${m}s (median of $runs)"
  echo "ratio perfdoc/markdownlint: $(echo "scale=3; $p / $m" | bc)"
fi
