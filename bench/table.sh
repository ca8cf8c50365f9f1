#!/usr/bin/env bash
# The whole benchmark table in one run: every perfdoc figure next to its reference measured in
# the same rounds (interleaved, so load on a shared machine hits both alike), medians of RUNS
# runs, the ratio and its target.
#
#   bench/table.sh                              # 10,000 documents, 20,000 commits (L)
#   DOCS=2000 COMMITS=4000 RUNS=3 bench/table.sh  # smaller, for a loaded machine
#   CORPUS=/tmp/somewhere KEEP=1 bench/table.sh   # reuse / keep a generated corpus
#   PERFDOC=target/release/perfdoc bench/table.sh  # this binary, no cargo build
#
# Needs python3, hugo (`apt-get install -y hugo`), markdownlint-cli2 (`npm install -g
# markdownlint-cli2`) and GNU time (/usr/bin/time). Uses target/release/perfdoc, built here if
# it is older than the sources. The corpus is generated under /tmp and removed at the end
# unless KEEP=1 (an L corpus with its site and Hugo's output takes a few GB).
set -euo pipefail

DOCS=${DOCS:-10000}
COMMITS=${COMMITS:-20000}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen-corpus.py}
CORPUS=${CORPUS:-/tmp/perfdoc-bench-table-$DOCS}
HUGO_OUT=$CORPUS.hugo-out
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

for tool in hugo markdownlint-cli2 /usr/bin/time python3 git; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (see the top of $0)" >&2; exit 2; }
done
generated=
if [ ! -d "$CORPUS/.git" ]; then
  echo "generating $DOCS documents, $COMMITS commits in $CORPUS" >&2
  python3 "$GEN" --docs "$DOCS" --commits "$COMMITS" --seed 1 "$CORPUS" --force --hugo >/dev/null
  generated=1
fi
cleanup() {
  rm -rf "$HUGO_OUT" "$CORPUS/site"
  if [ -n "$generated" ] && [ -z "${KEEP:-}" ]; then rm -rf "$CORPUS"; fi
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

cold=() hugo=() nochange=() oneedit=() staged=() check=() mdl=() log=() gitlog=()
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
  echo "round $i (wall cpu MiB): cold ${cold[-1]} | hugo ${hugo[-1]} | no-change ${nochange[-1]} |" \
    "one edit ${oneedit[-1]} | staged ${staged[-1]} | check ${check[-1]} | mdl ${mdl[-1]} |" \
    "log ${log[-1]} | git log ${gitlog[-1]}" >&2
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
row "\`check --staged\`, one staged edit" "$(secs "$(w "${staged[@]}")")" "—" "—" "≤ 50 ms"
k=$(w "${check[@]}") m=$(w "${mdl[@]}")
row "\`check\`, whole practice" "$(secs "$k")" "markdownlint-cli2 $(secs "$m")" "$(ratio "$k" "$m")" "≤ 0.02"
cm=$(col 3 "${cold[@]}")
row "peak memory, cold build" "$cm MiB" "Hugo $hm MiB" "$(ratio "$cm" "$hm")" "≤ 0.30"
l=$(w "${log[@]}") g=$(w "${gitlog[@]}")
row "\`log\`, cold" "$(secs "$l")" "\`git log --name-status\` $(secs "$g")" "$(ratio "$l" "$g")" "≤ 1.0"
echo
echo "CPU seconds (user + system), same runs: cold build $(col 2 "${cold[@]}"), hugo $(col 2 "${hugo[@]}")," \
  "no-change $(col 2 "${nochange[@]}"), one edit $(col 2 "${oneedit[@]}"), staged $(col 2 "${staged[@]}")," \
  "check $(col 2 "${check[@]}"), markdownlint-cli2 $(col 2 "${mdl[@]}"), log $(col 2 "${log[@]}")," \
  "git log $(col 2 "${gitlog[@]}")"
