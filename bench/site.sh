#!/usr/bin/env bash
# Times `perfdoc build` against `hugo --enableGitInfo` on the same generated practice
# (../shared/bench/gen-corpus.py), whole process, median of RUNS runs, and prints the ratio.
# Also times a rebuild after editing one document.
#
#   bench/site.sh                      # 1,000 documents, 2,000 commits
#   DOCS=10000 COMMITS=20000 bench/site.sh
#
# Needs python3, hugo (`apt-get install -y hugo`) and a release build (made here).
set -euo pipefail

DOCS=${DOCS:-1000}
COMMITS=${COMMITS:-2000}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen-corpus.py}
WORK=${WORK:-/tmp/perfdoc-bench-site}
CORPUS=$WORK/corpus-$DOCS

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

require hugo /usr/bin/time python3 git
mkdir -p "$WORK"
generate "$CORPUS" || true
(cd "$ROOT" && cargo build --release --locked --quiet)
PERFDOC=$ROOT/target/release/perfdoc

perfdoc_runs=() hugo_runs=() rebuild_runs=()
for _ in $(seq "$RUNS"); do
  # Cold: no site and no history cache, so the git walk is timed as Hugo's is.
  rm -rf "$CORPUS/site" "$WORK/hugo-out" "$CORPUS/.git/perfdoc"
  perfdoc_runs+=("$(timed "$PERFDOC" -C "$CORPUS" build --out "$CORPUS/site")")
  hugo_runs+=("$(timed hugo -s "$CORPUS/_hugo" --enableGitInfo -d "$WORK/hugo-out" --quiet)")
  # A rebuild after editing one document (over the previous site; the history cache is warm,
  # as it is for anyone who built before).
  doc=$(cd "$CORPUS" && git ls-files 'optimizations/*.md' | awk 'NR == 1')
  echo "" >> "$CORPUS/$doc"
  rebuild_runs+=("$(timed "$PERFDOC" -C "$CORPUS" build --out "$CORPUS/site")")
  (cd "$CORPUS" && git checkout -q -- "$doc")
done

p=$(col 1 "${perfdoc_runs[@]}") h=$(col 1 "${hugo_runs[@]}") r=$(col 1 "${rebuild_runs[@]}")
pc=$(col 2 "${perfdoc_runs[@]}") hc=$(col 2 "${hugo_runs[@]}") rc=$(col 2 "${rebuild_runs[@]}")
pages=$(find "$CORPUS/site" -name '*.html' | wc -l)
echo "corpus: $DOCS documents, $COMMITS commits ($CORPUS); $pages pages written; medians of $RUNS runs"
printf '%-26s wall %7.2f s   cpu %7.2f s\n' "perfdoc build" "$p" "$pc"
printf '%-26s wall %7.2f s   cpu %7.2f s\n' "perfdoc rebuild (1 edit)" "$r" "$rc"
printf '%-26s wall %7.2f s   cpu %7.2f s\n' "hugo --enableGitInfo" "$h" "$hc"
printf 'ratio perfdoc/hugo: wall %s, cpu %s (target: at most 0.50)\n' "$(ratio "$p" "$h")" "$(ratio "$pc" "$hc")"
