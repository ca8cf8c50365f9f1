#!/usr/bin/env bash
# Builds perfdoc's wheel (maturin, `bindings = "bin"`), installs it in a fresh virtualenv, and
# runs the pre-commit hook's command, `perfdoc check --staged`, in a temporary practice: once
# with a staged scaffold (must fail) and once with nothing wrong staged (must pass). Reuses the
# debug target folder, so after `cargo test` it only links.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

python3 -m venv --help >/dev/null 2>&1 || { echo "wheel-check: python3 with venv is needed" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

started=$SECONDS
# maturin in a virtualenv of its own: a system Python may refuse `pip install` (PEP 668).
maturin="$(command -v maturin || true)"
if [ -z "$maturin" ]; then
  python3 -m venv "$work/build"
  "$work/build/bin/pip" install --quiet "maturin>=1.9,<2"
  maturin="$work/build/bin/maturin"
fi
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" \
  "$maturin" build --quiet --locked --profile dev --out "$work/wheels" >/dev/null
wheel="$(ls "$work"/wheels/perfdoc-*.whl)"
echo "wheel-check: built $(basename "$wheel") ($(du -h "$wheel" | cut -f1)) in $((SECONDS - started))s"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "$wheel"
perfdoc="$work/venv/bin/perfdoc"
"$perfdoc" --version

practice="$work/practice"
mkdir -p "$practice"
cd "$practice"
git init -q -b main
git config user.name "Wheel Check"
git config user.email "wheel@example.com"
"$perfdoc" init --ci none >/dev/null
git add -A
"$perfdoc" check --staged
"$perfdoc" new daily --date 2025-12-04 >/dev/null
git add -A
if "$perfdoc" check --staged >/dev/null 2>&1; then
  echo "wheel-check: the hook's command passed a staged scaffold full of placeholders" >&2
  exit 1
fi
echo "wheel-check: the wheel's perfdoc runs the hook's command (passes clean, fails the scaffold) in $((SECONDS - started))s"
