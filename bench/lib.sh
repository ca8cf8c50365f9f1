# Shared by the bench scripts: one way to check the tools, make a corpus, time a command and
# take a median. Sourced, not run; GEN names gen-corpus.py.

# "wall cpu peak_mib" of one run of "$@", output discarded (cpu = user + system, which a busy
# machine disturbs less than wall time; peak = maximum resident set size). A non-zero exit is
# not an error here: `check` exits 1 on findings, and the corpus's prose disagrees with its
# numbers by design.
timed() {
  local t
  t=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >/dev/null 2>&1 || true
  # /usr/bin/time prefixes "Command exited with non-zero status N" on its own line.
  tail -n 1 "$t" | awk '{printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024}'
  rm -f "$t"
}

# The median of the numbers on stdin (the mean of the middle two for an even count).
median() {
  sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# col N "wall cpu peak"...: the median of column N of timed's lines.
col() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | median; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

# Exits 2 naming the first of "$@" that is not installed (the script's header says how).
require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (see the top of $0)" >&2; exit 2; }
  done
}

# Makes the corpus of DOCS documents and COMMITS commits (seed 1, with Hugo's copy) in $1
# unless it is there; succeeds only when it made one.
generate() {
  [ -d "$1/.git" ] && return 1
  echo "generating $DOCS documents, $COMMITS commits in $1" >&2
  # Called as a condition, where `set -e` does not reach: a failure must exit by itself.
  python3 "$GEN" --docs "$DOCS" --commits "$COMMITS" --seed 1 "$1" --force --hugo >/dev/null ||
    { echo "could not generate the corpus with $GEN" >&2; exit 2; }
}
