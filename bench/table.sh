#!/usr/bin/env bash
# The whole benchmark table in one run: every perfdoc figure next to its reference measured in
# the same rounds (interleaved, so load on a shared machine hits both alike), medians of RUNS
# runs, the ratio and its target.
#
#   bench/table.sh                              # 10,000 documents, 20,000 commits (L)
#   DOCS=2000 COMMITS=4000 RUNS=3 bench/table.sh  # smaller, for a loaded machine
#   CORPUS=/tmp/somewhere KEEP=1 bench/table.sh   # reuse / keep a generated corpus
#   PERFDOC=target/release/perfdoc bench/table.sh  # this binary, no cargo build
#   COPIES=6000 bench/table.sh                    # commits of the copy-heavy history (0: none)
#
# Needs python3, hugo (`apt-get install -y hugo`), markdownlint-cli2 (`npm install -g
# markdownlint-cli2`), curl and GNU time (/usr/bin/time). Uses target/release/perfdoc, built
# here if it is older than the sources. The corpora are generated under /tmp and removed at the
# end unless KEEP=1 (an L corpus with its site and Hugo's output takes a few GB): the L one by
# gen-corpus.py, the copy-heavy one (chapters copied from edition folder to edition folder) by
# bench/gen-copies.py.
#
# `serve` is timed from the save to the moment its live-reload version changes (what an open
# page polls for before it reloads), polling every 10 ms.
set -euo pipefail

DOCS=${DOCS:-10000}
COMMITS=${COMMITS:-20000}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen-corpus.py}
CORPUS=${CORPUS:-/tmp/perfdoc-bench-table-$DOCS}
HUGO_OUT=$CORPUS.hugo-out
COPIES=${COPIES:-6000}
COPY_CORPUS=$CORPUS.copies
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

require hugo markdownlint-cli2 /usr/bin/time python3 git curl
generated=
if generate "$CORPUS"; then generated=1; fi
copies_generated=
if [ "$COPIES" -gt 0 ] && [ ! -d "$COPY_CORPUS/.git" ]; then
  echo "generating a copy-heavy history of $COPIES commits in $COPY_CORPUS" >&2
  python3 "$ROOT/bench/gen-copies.py" --commits "$COPIES" --seed 1 "$COPY_CORPUS" --force >/dev/null
  copies_generated=1
fi
serve_pid=
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$HUGO_OUT" "$CORPUS/site"
  if [ -n "$generated" ] && [ -z "${KEEP:-}" ]; then rm -rf "$CORPUS"; fi
  if [ -n "$copies_generated" ] && [ -z "${KEEP:-}" ]; then rm -rf "$COPY_CORPUS"; fi
}
trap cleanup EXIT
# PERFDOC=path reuses a binary already built (cargo waits for a build lock otherwise).
if [ -z "${PERFDOC:-}" ]; then
  (cd "$ROOT" && cargo build --release --locked --quiet)
  PERFDOC=$ROOT/target/release/perfdoc
fi
# /usr/bin/time runs programs, not shell functions: each preparation happens before `timed`.
pd=("$PERFDOC" -C "$CORPUS")
build=("${pd[@]}" build --out "$CORPUS/site")
# The document every edit touches: a line appended, put back after each measurement.
doc=$(git -C "$CORPUS" ls-files 'optimizations/*.md' | awk 'NR == 1')
edit() { echo "" >>"$CORPUS/$doc"; }
restore() { git -C "$CORPUS" reset -q -- "$doc"; git -C "$CORPUS" checkout -q -- "$doc"; }
trap 'restore; cleanup' EXIT

# Seconds from saving one edit to `serve`'s live-reload version moving on, in a fresh
# `perfdoc serve` (its first build is not timed); "-" when it never answers.
PORT=${PORT:-$((20000 + $$ % 10000))}
serve_reload() {
  local version="http://127.0.0.1:$PORT/__perfdoc/version" before now start i
  "${pd[@]}" serve --port "$PORT" >/dev/null 2>&1 &
  serve_pid=$!
  before=
  for ((i = 0; i < 6000; i++)); do
    before=$(curl -sf "$version" 2>/dev/null) && break
    sleep 0.1
  done
  if [ -z "$before" ]; then echo "-"; kill "$serve_pid"; wait "$serve_pid" 2>/dev/null; serve_pid=; return; fi
  start=$(date +%s.%N)
  edit
  now=$before
  for ((i = 0; i < 60000 && now == before; i++)); do
    sleep 0.01
    now=$(curl -sf "$version" 2>/dev/null || echo "$before")
  done
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.3f\n", b - a}'
  kill "$serve_pid"
  wait "$serve_pid" 2>/dev/null || true
  serve_pid=
  restore
}

cold=() hugo=() nochange=() oneedit=() serve=() staged=() check=() mdl=() log=() gitlog=()
copies=() gitraw=()
copy_pd=("$PERFDOC" -C "$COPY_CORPUS")
for ((i = 1; i <= RUNS; i++)); do
  rm -rf "$CORPUS/site" "$CORPUS/.git/perfdoc"
  cold+=("$(timed "${build[@]}")")
  rm -rf "$HUGO_OUT"
  hugo+=("$(timed hugo -s "$CORPUS/_hugo" --enableGitInfo -d "$HUGO_OUT" --quiet)")
  nochange+=("$(timed "${build[@]}")")
  edit
  oneedit+=("$(timed "${build[@]}")")
  git -C "$CORPUS" add -- "$doc"
  staged+=("$(timed "${pd[@]}" check --staged)")
  restore
  check+=("$(timed "${pd[@]}" check)")
  mdl+=("$(timed env -C "$CORPUS" markdownlint-cli2 "reports/**/*.md" "optimizations/**/*.md")")
  rm -rf "$CORPUS/.git/perfdoc"
  log+=("$(timed "${pd[@]}" log --format json)")
  gitlog+=("$(timed git -C "$CORPUS" log --name-status '--format=%H%x09%at%x09%an')")
  serve+=("$(serve_reload)")
  if [ "$COPIES" -gt 0 ]; then
    rm -rf "$COPY_CORPUS/.git/perfdoc"
    copies+=("$(timed "${copy_pd[@]}" log --format json)")
    gitraw+=("$(timed git -C "$COPY_CORPUS" log --raw -M '--format=%H%x09%at%x09%an')")
  fi
  echo "round $i (wall cpu MiB): cold ${cold[-1]} | hugo ${hugo[-1]} | no-change ${nochange[-1]} |" \
    "one edit ${oneedit[-1]} | serve ${serve[-1]} | staged ${staged[-1]} | check ${check[-1]} |" \
    "mdl ${mdl[-1]} | log ${log[-1]} | git log ${gitlog[-1]} | copies ${copies[-1]:-} |" \
    "git log -M ${gitraw[-1]:-}" >&2
done

w() { col 1 "$@"; }
h=$(w "${hugo[@]}")
hm=$(col 3 "${hugo[@]}")
row() { # what perfdoc reference ratio target
  printf '| %s | %s | %s | %s | %s |\n' "$@"
}
secs() { printf '%.3f s' "$1"; }
pages=$(find "$CORPUS/site" -name '*.html' | wc -l)
echo
echo "corpus: gen-corpus.py --docs $DOCS --commits $COMMITS --seed 1 ($pages pages);" \
  "medians of $RUNS interleaved runs; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
row "what" "perfdoc" "reference" "ratio" "target"
row "---" "---" "---" "---" "---"
c=$(w "${cold[@]}") n=$(w "${nochange[@]}") o=$(w "${oneedit[@]}")
row "cold build, history included" "$(secs "$c")" "\`hugo --enableGitInfo\` $(secs "$h")" "$(ratio "$c" "$h")" "≤ 0.35"
row "rebuild, nothing changed" "$(secs "$n")" "same" "$(ratio "$n" "$h")" "≤ 0.02"
row "rebuild after editing one document" "$(secs "$o")" "same" "$(ratio "$o" "$h")" "≤ 0.05"
answered=$(printf '%s\n' "${serve[@]}" | grep -v '^-$' || true)
sv="—"
if [ -n "$answered" ]; then sv=$(secs "$(median <<<"$answered")"); fi
row "\`serve\`: save → reload version, one edit" "$sv" "—" "—" "≤ 0.3 s"
row "\`check --staged\`, one staged edit" "$(secs "$(w "${staged[@]}")")" "—" "—" "≤ 50 ms"
k=$(w "${check[@]}") m=$(w "${mdl[@]}")
row "\`check\`, whole practice" "$(secs "$k")" "markdownlint-cli2 $(secs "$m")" "$(ratio "$k" "$m")" "≤ 0.02"
cm=$(col 3 "${cold[@]}")
row "peak memory, cold build" "$cm MiB" "Hugo $hm MiB" "$(ratio "$cm" "$hm")" "≤ 0.30"
l=$(w "${log[@]}") g=$(w "${gitlog[@]}")
row "\`log\`, cold" "$(secs "$l")" "\`git log --name-status\` $(secs "$g")" "$(ratio "$l" "$g")" "≤ 1.0"
if [ "$COPIES" -gt 0 ]; then
  cp=$(w "${copies[@]}") gr=$(w "${gitraw[@]}")
  row "\`log\`, cold, copy-heavy history ($COPIES commits)" "$(secs "$cp")" "\`git log --raw -M\` $(secs "$gr")" "$(ratio "$cp" "$gr")" "≤ 3.0"
fi
echo
echo "CPU seconds (user + system), same runs: cold build $(col 2 "${cold[@]}"), hugo $(col 2 "${hugo[@]}")," \
  "no-change $(col 2 "${nochange[@]}"), one edit $(col 2 "${oneedit[@]}"), staged $(col 2 "${staged[@]}")," \
  "check $(col 2 "${check[@]}"), markdownlint-cli2 $(col 2 "${mdl[@]}"), log $(col 2 "${log[@]}")," \
  "git log $(col 2 "${gitlog[@]}")$(if [ "$COPIES" -gt 0 ]; then
    echo ", copy-heavy log $(col 2 "${copies[@]}"), git log --raw -M $(col 2 "${gitraw[@]}")"
  fi)"
