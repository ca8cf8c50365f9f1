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

command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install -y hugo)" >&2; exit 2; }
mkdir -p "$WORK"
if [ ! -d "$CORPUS/.git" ]; then
  python3 "$GEN" --docs "$DOCS" --commits "$COMMITS" --seed 1 "$CORPUS" --force --hugo >/dev/null
fi
(cd "$ROOT" && cargo build --release --quiet)
PERFDOC=$ROOT/target/release/perfdoc

# "wall cpu" seconds of a command (cpu = user + system, which a busy machine disturbs less).
timed() {
  local t
  t=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$t" "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$t"
  rm -f "$t"
}
wall() { printf '%s\n' "$@" | awk '{print $1}'; }
cpu() { printf '%s\n' "$@" | awk '{print $2}'; }

median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

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

p=$(median $(wall "${perfdoc_runs[@]}"))
h=$(median $(wall "${hugo_runs[@]}"))
r=$(median $(wall "${rebuild_runs[@]}"))
pc=$(median $(cpu "${perfdoc_runs[@]}"))
hc=$(median $(cpu "${hugo_runs[@]}"))
rc=$(median $(cpu "${rebuild_runs[@]}"))
pages=$(find "$CORPUS/site" -name '*.html' | wc -l)
echo "corpus: $DOCS documents, $COMMITS commits ($CORPUS); $pages pages written; medians of $RUNS runs"
printf '%-26s wall %7.2f s   cpu %7.2f s\n' "perfdoc build" "$p" "$pc"
printf '%-26s wall %7.2f s   cpu %7.2f s\n' "perfdoc rebuild (1 edit)" "$r" "$rc"
printf '%-26s wall %7.2f s   cpu %7.2f s\n' "hugo --enableGitInfo" "$h" "$hc"
printf 'ratio perfdoc/hugo: wall %.2f, cpu %.2f (target: at most 0.50)\n' "$(echo "$p / $h" | bc -l)" "$(echo "$pc / $hc" | bc -l)"
