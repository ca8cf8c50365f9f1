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

# Wall seconds of one run of "$@", output discarded.
seconds() {
    local TIMEFORMAT=%R
    { time "$@" > /dev/null 2>&1; } 2>&1
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
    echo "run $i: git ${git_floor[-1]} s, cold ${cold[-1]} s, warm ${warm[-1]} s" >&2
done

g=$(printf '%s\n' "${git_floor[@]}" | median)
c=$(printf '%s\n' "${cold[@]}" | median)
w=$(printf '%s\n' "${warm[@]}" | median)
commits=$(git -C "$corpus" rev-list --count HEAD)
docs=$("$bin" -C "$corpus" log --format json | grep -c '"path"')

echo "corpus: $corpus ($docs documents, $commits commits), $runs runs each, medians:"
printf '  %-62s %7.3f s\n' "git log --name-status --format=%H%x09%at%x09%an > /dev/null" "$g"
printf '  %-62s %7.3f s  (%.2fx git)\n' "perfdoc log --format json > /dev/null, cold" "$c" "$(echo "$c / $g" | bc -l)"
printf '  %-62s %7.3f s  (%.1f%% of git)\n' "perfdoc log --format json > /dev/null, warm" "$w" "$(echo "100 * $w / $g" | bc -l)"
