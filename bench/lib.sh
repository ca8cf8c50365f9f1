# Shared by the bench scripts: one way to time a command and take a median.
# Sourced, not run.

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
