#!/usr/bin/env bash
# Proves the pre-commit hook `perfdoc-check` installs a prebuilt binary and compiles nothing:
# builds perfdoc's wheel (maturin, python/perfdoc/pyproject.toml; the debug target folder, so
# after `cargo test` it mostly links), installs the real pre-commit from PyPI in a fresh
# virtualenv, and runs the hook from a clone of this repository at HEAD, tagged v<version> and
# pinned by `rev:` as a user's .pre-commit-config.yaml pins it. pip resolves the root package's
# `perfdoc==<version>` to the wheel through PIP_FIND_LINKS, as it would to PyPI's after a
# release. cargo and rustc are shadowed by stand-ins that fail, so a compile fails loudly.
# A clean staged practice must pass, a staged scaffold must fail. Prints each step's time.
#   bash scripts/wheel-check.sh    (uncommitted changes are not in the clone: commit first)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
fail() { echo "wheel-check: $*" >&2; exit 1; }

python3 -m venv --help >/dev/null 2>&1 || { echo "wheel-check: python3 with venv is needed" >&2; exit 2; }
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
[ -n "$version" ] || fail "no version in Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The binary wheel, as publish-pypi.yml builds it (there with --release, per target).
started=$SECONDS
# maturin in a virtualenv of its own: a system Python may refuse `pip install` (PEP 668).
maturin="$(command -v maturin || true)"
if [ -z "$maturin" ]; then
  python3 -m venv "$work/build"
  "$work/build/bin/pip" install --quiet "maturin>=1.9,<2"
  maturin="$work/build/bin/maturin"
fi
if ! (cd python/perfdoc && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" \
  "$maturin" build --locked --profile dev --out "$work/wheels") >"$work/maturin.log" 2>&1; then
  cat "$work/maturin.log" >&2
  fail "maturin could not build the wheel"
fi
wheels=("$work"/wheels/perfdoc-"$version"-*.whl)
[ "${#wheels[@]}" -eq 1 ] && [ -f "${wheels[0]}" ] || fail "expected one perfdoc-$version wheel, got: $(ls "$work/wheels")"
wheel="${wheels[0]}"
echo "wheel-check: built $(basename "$wheel") ($(du -h "$wheel" | cut -f1)) in $((SECONDS - started))s"
# The sdist (a platform without a wheel builds from it): maturin lifts the project to its root.
(cd python/perfdoc && "$maturin" sdist --out "$work/sdist") >"$work/sdist.log" 2>&1 \
  || { cat "$work/sdist.log" >&2; fail "maturin could not build the sdist"; }
tar -tzf "$work/sdist/perfdoc-$version.tar.gz" >"$work/sdist.list"
for member in pyproject.toml Cargo.toml Cargo.lock build.rs README.md src/main.rs templates/; do
  grep -q "^perfdoc-$version/$member" "$work/sdist.list" || fail "the sdist lacks $member"
done
tar -xzOf "$work/sdist/perfdoc-$version.tar.gz" "perfdoc-$version/pyproject.toml" \
  | grep -q '^manifest-path = "Cargo.toml"$' || fail "the sdist's pyproject.toml does not point at its Cargo.toml"

# 2. The real pre-commit, from PyPI.
t=$SECONDS
python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet pre-commit
echo "wheel-check: installed $("$work/tools/bin/pre-commit" --version) from PyPI in $((SECONDS - t))s"

# 3. This repository as a user's pre-commit fetches it: a clone at HEAD, with the release tag.
git -C "$root" diff --quiet HEAD -- || echo "wheel-check: note: uncommitted changes are not in the clone" >&2
git clone -q --no-local "$root" "$work/perfdoc-repo"
git -C "$work/perfdoc-repo" tag "v$version"

# 4. A practice pinning the hook, holding the example practice that ships at the root.
practice="$work/practice"
mkdir -p "$practice"
git -C "$work/perfdoc-repo" archive HEAD book.toml reports optimizations content benchmarks \
  | tar -x -C "$practice"
cat >"$practice/.pre-commit-config.yaml" <<EOF
repos:
  - repo: file://$work/perfdoc-repo
    rev: v$version
    hooks:
      - id: perfdoc-check
EOF
cd "$practice"
git init -q -b main
git config user.name "Wheel Check"
git config user.email "wheel@example.com"
git config commit.gpgsign false
git add -A

# cargo, rustc and rustup answer with a failure and leave a mark: the hook compiles nothing.
# A version probe only fails (pip asks `rustc --version` for its user agent, and ignores the
# answer). The stand-ins use shell builtins only, so one can never run itself again.
mkdir -p "$work/no-compiler"
for tool in cargo rustc rustup; do
  printf '#!/bin/sh\ncase "$1" in --version|-V) exit 97 ;; esac\necho "wheel-check: %s %s was run while pre-commit installed the hook: it compiled" >&2\n: >"%s"\nexit 97\n' \
    "$tool" '$*' "$work/compiled" >"$work/no-compiler/$tool"
  chmod +x "$work/no-compiler/$tool"
done
export PATH="$work/no-compiler:$work/tools/bin:$PATH"
unset CARGO RUSTC RUSTUP_TOOLCHAIN
[ "$(command -v cargo)" = "$work/no-compiler/cargo" ] || fail "cargo is not shadowed"
export PRE_COMMIT_HOME="$work/pre-commit-home" PIP_CACHE_DIR="$work/pip-cache"
export PIP_FIND_LINKS="$work/wheels${PIP_FIND_LINKS:+ $PIP_FIND_LINKS}"

# 5. From nothing (no hook environment, no pip cache) to the hook having run on the clean stage.
# Wall time, and CPU time (user + sys), which a busy machine inflates less.
TIMEFORMAT='%R %U %S'
if ! { time pre-commit run >"$work/clean.log" 2>&1; } 2>"$work/clean.time"; then
  cat "$work/clean.log" >&2
  fail "the hook failed a clean staged practice"
fi
read -r wall user sys <"$work/clean.time"
ready="${wall}s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')s CPU"
grep -q "^perfdoc check\.*Passed" "$work/clean.log" || { cat "$work/clean.log" >&2; fail "the hook did not run"; }
[ ! -e "$work/compiled" ] || fail "the hook's install ran a Rust compiler"
# The binary the hook ran is the wheel's, not one from anywhere else.
hook_bin="$(find "$PRE_COMMIT_HOME" -path '*/py_env-*/bin/perfdoc' -type f)"
[ -n "$hook_bin" ] || fail "no perfdoc in the hook's environment"
mkdir -p "$work/unpacked"
python3 -m zipfile -e "$wheel" "$work/unpacked"
cmp -s "$hook_bin" "$work/unpacked/perfdoc-$version.data/scripts/perfdoc" \
  || fail "the hook's perfdoc is not the wheel's binary"
echo "wheel-check: the hook perfdoc-check (rev: v$version) installed and passed a clean staged practice in $ready (load $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')), no compiler on PATH"

# 6. A staged scaffold full of placeholders fails the hook.
git commit -q --no-verify -m "the example practice"
"$hook_bin" new daily --date 2026-01-05 >/dev/null
git add -A
if pre-commit run >"$work/scaffold.log" 2>&1; then
  cat "$work/scaffold.log" >&2
  fail "the hook passed a staged scaffold full of placeholders"
fi
grep -q "placeholder" "$work/scaffold.log" || { cat "$work/scaffold.log" >&2; fail "the hook failed the scaffold for another reason"; }
echo "wheel-check: the hook failed a staged scaffold (placeholders); whole check ${SECONDS}s"
