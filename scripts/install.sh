#!/bin/sh
# Installs a perfdoc release binary: picks the archive for this OS and CPU, downloads it and its
# SHA-256 sum from the release, refuses it unless the sum matches, and puts `perfdoc` in a
# folder. The GitHub Action runs this script, and so does the test that serves a release from a
# local folder, so what is tested is what CI runs.
#
#   scripts/install.sh [--version X.Y.Z] [--base-url URL] [--dir DIR]
#   scripts/install.sh --print-target
#
# The same settings as environment variables: PERFDOC_VERSION, PERFDOC_BASE_URL (the folder
# holding one subfolder per tag, vX.Y.Z; the project's GitHub releases by default),
# PERFDOC_INSTALL_DIR ($HOME/.local/bin by default).
set -eu

# The project's home is named once, in Cargo.toml beside this script (the action's checkout
# has it); a copy of the script on its own must be given --base-url.
here="$(cd "$(dirname "$0")" 2>/dev/null && pwd || true)"
repository=""
if [ -n "$here" ] && [ -f "$here/../Cargo.toml" ]; then
  repository="$(sed -n 's/^repository = "\(.*\)"$/\1/p' "$here/../Cargo.toml" | head -n 1)"
fi
version="${PERFDOC_VERSION:-}"
base_url="${PERFDOC_BASE_URL:-}"
dir="${PERFDOC_INSTALL_DIR:-}"
print_target=""

die() {
  echo "perfdoc install: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || die "--version needs a value"; version="$2"; shift 2 ;;
    --base-url) [ $# -ge 2 ] || die "--base-url needs a value"; base_url="$2"; shift 2 ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir="$2"; shift 2 ;;
    --print-target) print_target=1; shift ;;
    *) die "unknown argument '$1' (try --version, --base-url, --dir, --print-target)" ;;
  esac
done

# The release targets, named as cargo-dist names its archives (dist-workspace.toml).
os="$(uname -s)"
cpu="$(uname -m)"
case "$os" in
  Linux) os_part="unknown-linux-musl" ;;
  Darwin) os_part="apple-darwin" ;;
  MINGW* | MSYS* | CYGWIN* | Windows_NT) os_part="pc-windows-msvc" ;;
  *) die "no release binary for $os; build from source: cargo install --locked perfdoc" ;;
esac
case "$cpu" in
  x86_64 | amd64 | AMD64) cpu_part="x86_64" ;;
  aarch64 | arm64) cpu_part="aarch64" ;;
  *) die "no release binary for $cpu; build from source: cargo install --locked perfdoc" ;;
esac
target="$cpu_part-$os_part"
[ "$target" != "aarch64-pc-windows-msvc" ] || die "no release binary for Windows on arm64; build from source: cargo install --locked perfdoc"
if [ -n "$print_target" ]; then
  echo "$target"
  exit 0
fi

[ -n "$version" ] || die "no version given: pass --version X.Y.Z or set PERFDOC_VERSION"
version="${version#v}"
# The version becomes part of a URL and of paths: nothing but a semantic version gets through.
echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$' ||
  die "'$version' is not a version like 1.2.3"
if [ -z "$base_url" ]; then
  [ -n "$repository" ] || die "no base URL: pass --base-url (the releases' download folder)"
  base_url="$repository/releases/download"
fi
base_url="${base_url%/}"
case "$base_url" in
  https://* | file://* | http://127.0.0.1[:/]* | http://localhost[:/]*) ;;
  *) die "refusing base URL '$base_url': use https:// (or file:// and http://127.0.0.1 for tests)" ;;
esac
[ -n "$dir" ] || dir="${HOME:?set HOME or pass --dir}/.local/bin"

case "$os_part" in
  pc-windows-msvc) archive="perfdoc-$target.zip"; exe="perfdoc.exe" ;;
  *) archive="perfdoc-$target.tar.gz"; exe="perfdoc" ;;
esac
url="$base_url/v$version/$archive"

command -v curl >/dev/null 2>&1 || die "curl is needed to download $url"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

fetch() {
  curl --fail --silent --show-error --location --proto '=https,file,http' --retry 3 -o "$2" "$1" ||
    die "could not download $1"
}
fetch "$url" "$work/$archive"
fetch "$url.sha256" "$work/$archive.sha256"

# A sum file reads `HEX  NAME` or `HEX *NAME`; only the digest matters.
want="$(tr -d '\r' <"$work/$archive.sha256" | awk 'NR == 1 { print tolower($1) }')"
echo "$want" | grep -Eq '^[0-9a-f]{64}$' || die "$url.sha256 holds no SHA-256 sum"
if command -v sha256sum >/dev/null 2>&1; then
  got="$(sha256sum "$work/$archive" | awk '{ print $1 }')"
else
  got="$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')"
fi
[ "$got" = "$want" ] || die "checksum mismatch for $archive: expected $want, got $got; nothing installed"

mkdir -p "$work/x"
case "$archive" in
  *.zip) (cd "$work/x" && { unzip -q "../$archive" 2>/dev/null || tar -xf "../$archive"; }) ;;
  *) tar -xzf "$work/$archive" -C "$work/x" ;;
esac
# cargo-dist puts the binary in a folder named after the archive (tarballs) or at the top (zip).
for candidate in "$work/x/perfdoc-$target/$exe" "$work/x/$exe"; do
  if [ -f "$candidate" ] && [ ! -L "$candidate" ]; then
    mkdir -p "$dir"
    # Copy next to the destination, then rename: a reader never sees half a binary.
    cp "$candidate" "$dir/.$exe.tmp.$$"
    chmod 755 "$dir/.$exe.tmp.$$"
    mv -f "$dir/.$exe.tmp.$$" "$dir/$exe"
    echo "installed perfdoc $version ($target) to $dir/$exe"
    exit 0
  fi
done
die "$archive holds no $exe"
