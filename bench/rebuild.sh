#!/usr/bin/env bash
# What a person waits for after the first build: `perfdoc build` cold, again with nothing
# changed, again after editing one document, and `serve` from saving a document to its new
# page being served; each build against `hugo --enableGitInfo` in the same rounds, medians of
# RUNS, with peak memory (GNU time's maximum resident set size).
#
#   bench/rebuild.sh                                # 2,000 documents, 4,000 commits
#   DOCS=10000 COMMITS=20000 bench/rebuild.sh       # L
#   PERFDOC=target/release/perfdoc bench/rebuild.sh # this binary, no cargo build
#
# Needs python3, hugo (`apt-get install -y hugo`), curl and GNU time (/usr/bin/time).
set -euo pipefail

DOCS=${DOCS:-2000}
COMMITS=${COMMITS:-4000}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen-corpus.py}
CORPUS=${CORPUS:-/tmp/perfdoc-bench-rebuild-$DOCS}
HUGO_OUT=$CORPUS.hugo-out
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

require hugo curl /usr/bin/time python3 git
generate "$CORPUS" || true
if [ -z "${PERFDOC:-}" ]; then
  (cd "$ROOT" && cargo build --release --locked --quiet)
  PERFDOC=$ROOT/target/release/perfdoc
fi
build=("$PERFDOC" -C "$CORPUS" build --out "$CORPUS/site")
doc=$(git -C "$CORPUS" ls-files 'optimizations/*.md' | awk 'NR == 1')
restore() { git -C "$CORPUS" checkout -q -- "$doc"; }
serve_pid=
stop_serve() { if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; serve_pid=; fi; }
trap 'stop_serve; restore; rm -rf "$HUGO_OUT"' EXIT

# Seconds from a save to `serve` answering the next version (its files are swapped in first).
serve_save() {
  local log port v0 start
  log=$(mktemp)
  "$PERFDOC" -C "$CORPUS" serve --port 0 >"$log" 2>/dev/null &
  serve_pid=$!
  until grep -q '^watching ' "$log"; do sleep 0.1; done
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p' "$log" | head -n 1)
  v0=$(curl -s "http://127.0.0.1:$port/__perfdoc/version")
  start=$(date +%s.%N)
  echo "Saved while serving." >>"$CORPUS/$doc"
  until [ "$(curl -s "http://127.0.0.1:$port/__perfdoc/version")" != "$v0" ]; do sleep 0.02; done
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.3f\n", b - a}'
  stop_serve
  restore
  rm -f "$log"
}

cold=() hugo=() nochange=() oneedit=() saved=()
for ((i = 1; i <= RUNS; i++)); do
  rm -rf "$CORPUS/site" "$CORPUS/.git/perfdoc"
  cold+=("$(timed "${build[@]}")")
  rm -rf "$HUGO_OUT"
  hugo+=("$(timed hugo -s "$CORPUS/_hugo" --enableGitInfo -d "$HUGO_OUT" --quiet)")
  nochange+=("$(timed "${build[@]}")")
  echo "" >>"$CORPUS/$doc"
  oneedit+=("$(timed "${build[@]}")")
  restore
  saved+=("$(serve_save)")
  echo "round $i (wall cpu MiB): cold ${cold[-1]} | hugo ${hugo[-1]} | no-change ${nochange[-1]} |" \
    "one edit ${oneedit[-1]} | serve save→served ${saved[-1]} s" >&2
done

h=$(col 1 "${hugo[@]}")
row() { printf '| %s | %s | %s | %s |\n' "$@"; }
echo
echo "corpus: gen-corpus.py --docs $DOCS --commits $COMMITS --seed 1; medians of $RUNS interleaved" \
  "runs; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
row "what" "perfdoc" "\`hugo --enableGitInfo\`" "ratio"
row "---" "---" "---" "---"
for name in cold nochange oneedit; do
  declare -n runs=$name
  p=$(col 1 "${runs[@]}")
  label=${name/cold/cold build}
  label=${label/nochange/rebuild, nothing changed}
  label=${label/oneedit/rebuild after editing one document}
  row "$label" "$(printf '%.3f s' "$p")" "$(printf '%.3f s' "$h")" "$(ratio "$p" "$h")"
done
row "peak memory, cold build" "$(col 3 "${cold[@]}") MiB" "$(col 3 "${hugo[@]}") MiB" \
  "$(ratio "$(col 3 "${cold[@]}")" "$(col 3 "${hugo[@]}")")"
row "\`serve\`: save → new page served" "$(printf '%s\n' "${saved[@]}" | median) s" "—" "—"
