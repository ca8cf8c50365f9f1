#!/usr/bin/env bash
# Sets perfdoc's version everywhere it is written down:
#   scripts/bump-version.sh 0.2.0
# Cargo.toml and Cargo.lock, the GitHub Action's default, the pre-commit comment, the pre-commit
# hook's package (pyproject.toml: its version and the `perfdoc==` wheel it pins), the README's
# install lines, and CHANGELOG.md (Unreleased becomes the new release). The workflows and the
# .gitlab-ci.yml that `perfdoc init` writes take the version from Cargo.toml when perfdoc is
# built, so they need no edit. tests/testsuite/versions.rs fails when any of these disagree.
set -euo pipefail
cd "$(dirname "$0")/.."

new="${1:-}"
new="${new#v}"
if ! [[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
  echo "usage: scripts/bump-version.sh X.Y.Z   ('${1:-}' is not a version)" >&2
  exit 2
fi
old="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
[ -n "$old" ] || { echo "bump-version: no version in Cargo.toml" >&2; exit 2; }
if [ "$old" = "$new" ]; then
  echo "bump-version: already $new"
  exit 0
fi
esc() { printf '%s' "$1" | sed 's/[.]/\\./g'; }
o="$(esc "$old")"

# The first `version =` in Cargo.toml is the package's.
sed -i.bak "0,/^version = \"$o\"\$/s//version = \"$new\"/" Cargo.toml
# In Cargo.lock, only the entry of the perfdoc package itself.
sed -i.bak "/^name = \"perfdoc\"\$/{n;s/^version = \"$o\"\$/version = \"$new\"/;}" Cargo.lock
sed -i.bak -e "s/^\(    default: \)\"$o\"\$/\1\"$new\"/" -e "s/perfdoc\/perfdoc@v$o/perfdoc\/perfdoc@v$new/g" action.yml
sed -i.bak "s/rev: v$o\$/rev: v$new/" .pre-commit-hooks.yaml
sed -i.bak -e "s/^version = \"$o\"\$/version = \"$new\"/" -e "s/\"perfdoc==$o\"/\"perfdoc==$new\"/" pyproject.toml
# The README names the version in its install examples only.
sed -E -i.bak "s/(^|[^0-9.])$o([^0-9]|\$)/\1$new\2/g" README.md
today="$(date -u +%Y-%m-%d)"
sed -i.bak -e "s/^## \[Unreleased\]\$/## [Unreleased]\n\n## [$new] - $today/" CHANGELOG.md
rm -f Cargo.toml.bak Cargo.lock.bak action.yml.bak .pre-commit-hooks.yaml.bak pyproject.toml.bak README.md.bak \
  CHANGELOG.md.bak
echo "bump-version: $old -> $new (review with git diff, then tag v$new)"
