#!/usr/bin/env bash
# Times `perfdoc changes` over a practice of 10,000 daily reports and 3,000 k6 runs (the
# issue's target: under a second). The corpus is generated here, once, into CORPUS_DIR: daily
# reports dated one a day from 1998-08-18 with five figures each, noisy, with a level shift
# every 1,000 reports; one k6 summary export every third day, with a shift every 500 runs;
# all of it in one git commit, so the baseline's history and the commit walk are part of the
# run. A release build is made once.
#
#   bench/changes.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-/tmp/perfdoc-corpus-changes}"
runs="${2:-5}"
reports="${REPORTS:-10000}"
k6runs="${K6RUNS:-3000}"
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

if [ ! -d "$corpus/.git" ]; then
  rm -rf "$corpus"
  mkdir -p "$corpus"
  python3 - "$corpus" "$reports" "$k6runs" <<'PY'
import datetime, json, os, random, sys
root, n_reports, n_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(1)
start = datetime.date(1998, 8, 18)
os.makedirs(f"{root}/reports")
os.makedirs(f"{root}/benchmarks")
with open(f"{root}/book.toml", "w") as f:
    f.write('[book]\ntitle = "Bench"\n\n[preprocessor.perfdoc]\nrenderers = []\n')
def noisy(level, pct=0.04):
    return round(level * (1 + rnd.gauss(0, pct)), 2)
for i in range(n_reports):
    day = start + datetime.timedelta(days=i)
    step = 1 + 0.25 * ((i // 1000) % 2)
    with open(f"{root}/reports/daily-{day}.md", "w") as f:
        f.write(
            f"---\ntitle: Daily performance report {day}\nkind: daily\ndate: {day}\n"
            f"owner: Jane Doe\nstatus: GREEN\ntags: [report, daily]\nmetrics:\n"
            f"  avg_ms: {noisy(200 * step)}\n  p95_ms: {noisy(400 * step)}\n"
            f"  error_rate_pct: {noisy(0.1)}\n  throughput_rps: {noisy(5.0)}\n"
            f"  slow_queries: {max(0, round(rnd.gauss(4, 1)))}\n---\n\n"
            f"## Summary\n\nA quiet day.\n"
        )
for i in range(n_runs):
    day = start + datetime.timedelta(days=3 * i)
    step = 1 + 0.3 * ((i // 500) % 2)
    d = {
        "metrics": {
            "http_req_duration": {
                "avg": noisy(200 * step), "med": noisy(180 * step), "p(90)": noisy(300 * step),
                "p(95)": noisy(400 * step), "max": noisy(900 * step), "min": 10,
            },
            "http_reqs": {"count": 3000, "rate": noisy(5.0)},
        }
    }
    with open(f"{root}/benchmarks/k6-run-{day}.json", "w") as f:
        json.dump(d, f)
PY
  git -C "$corpus" init -q -b main
  git -C "$corpus" add -A
  GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=b@example.com GIT_COMMITTER_NAME=Bench \
    GIT_COMMITTER_EMAIL=b@example.com git -C "$corpus" commit -q -m "Corpus"
fi
(cd "$here" && cargo build --release --quiet)
bin="$here/target/release/perfdoc"

echo "corpus: $corpus ($(find "$corpus/reports" -name '*.md' | wc -l) reports, $(find "$corpus/benchmarks" -name 'k6-*.json' | wc -l) runs)"
found=$("$bin" -C "$corpus" changes --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "change points found: $found"
lines=()
for _ in $(seq "$runs"); do
  lines+=("$(timed "$bin" -C "$corpus" changes)")
done
echo "perfdoc changes: $(col 1 "${lines[@]}") s wall, $(col 2 "${lines[@]}") s CPU, $(col 3 "${lines[@]}") MiB peak (median of $runs)"
