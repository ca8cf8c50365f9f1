#!/usr/bin/env bash
# Times `perfdoc log` on a large generated practice against the floor of reading the same
# history with git itself. Cold runs start without the cache (`.git/perfdoc` removed), warm
# runs reuse it. Runs are interleaved (git, cold, warm per round) so load on the machine hits
# all three alike; medians and ratios are printed at the end.
#
#   bench/history.sh [CORPUS_DIR]      default /tmp/perfdoc-corpus-L
#   RUNS=5 GEN_CORPUS=path/to/gen-corpus.py DOCS=10000 COMMITS=20000 bench/history.sh
set -euo pipefail

corpus="${1:-/tmp/perfdoc-corpus-L}"
runs="${RUNS:-5}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen="${GEN_CORPUS:-$repo_root/../shared/bench/gen-corpus.py}"

if [ ! -d "$corpus/.git" ]; then
    echo "generating corpus in $corpus (takes a minute or two)" >&2
    python3 "$gen" --docs "${DOCS:-10000}" --commits "${COMMITS:-20000}" --seed 1 "$corpus" --force
fi

cargo build --release --quiet --manifest-path "$repo_root/Cargo.toml"
bin="$repo_root/target/release/perfdoc"

# "wall cpu" seconds of one run of "$@" (cpu = user + system), output discarded. CPU time is
# printed too because on a shared machine wall time mostly measures the neighbours.
seconds() {
    local TIMEFORMAT='%R %U %S'
    local t
    t=$({ time "$@" > /dev/null 2>&1; } 2>&1)
    awk '{ printf "%s %.3f\n", $1, $2 + $3 }' <<< "$t"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cold_run() {
    rm -rf "$corpus/.git/perfdoc"
    "$bin" -C "$corpus" log --format json
}

git_floor=() cold=() warm=()
for ((i = 1; i <= runs; i++)); do
    git_floor+=("$(seconds git -C "$corpus" log --name-status '--format=%H%x09%at%x09%an')")
    cold+=("$(seconds cold_run)")
    warm+=("$(seconds "$bin" -C "$corpus" log --format json)")
    echo "run $i (wall cpu): git ${git_floor[-1]}, cold ${cold[-1]}, warm ${warm[-1]}" >&2
done

col() { printf '%s\n' "${@:2}" | awk -v c="$1" '{ print $c }' | median; }
g=$(col 1 "${git_floor[@]}") gc=$(col 2 "${git_floor[@]}")
c=$(col 1 "${cold[@]}") cc=$(col 2 "${cold[@]}")
w=$(col 1 "${warm[@]}") wc=$(col 2 "${warm[@]}")
commits=$(git -C "$corpus" rev-list --count HEAD)
docs=$("$bin" -C "$corpus" log --format json | grep -c '"path"')

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "corpus: $corpus ($docs documents, $commits commits), $runs runs each, medians:"
printf '  %-60s %8s %8s %10s %10s\n' "" "wall s" "cpu s" "wall/git" "cpu/git"
printf '  %-60s %8.3f %8.3f\n' "git log --name-status --format=%H%x09%at%x09%an >/dev/null" "$g" "$gc"
printf '  %-60s %8.3f %8.3f %10s %10s\n' "perfdoc log --format json >/dev/null (cold)" "$c" "$cc" "$(ratio "$c" "$g")" "$(ratio "$cc" "$gc")"
printf '  %-60s %8.3f %8.3f %10s %10s\n' "perfdoc log --format json >/dev/null (warm)" "$w" "$wc" "$(ratio "$w" "$g")" "$(ratio "$wc" "$gc")"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
