#!/usr/bin/env bash
# Builds yardstick in release mode and installs the command with the bundled standards and forms:
#   <prefix>/bin/yardstick and <prefix>/share/yardstick/{standards,forms}   (default prefix /usr/local)
# 'yardstick init' and 'yardstick demo' then work from any folder.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=/usr/local
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#*=}"; shift ;;
    -h|--help) echo "usage: scripts/install.sh [--prefix DIR]   (default /usr/local)"; exit 0 ;;
    *) echo "scripts/install.sh: unknown option '$1'; usage: scripts/install.sh [--prefix DIR]" >&2; exit 2 ;;
  esac
done
scripts/setup.sh
swift build -c release --product yardstick
install -d "$prefix/bin" "$prefix/share/yardstick"
install -m 755 .build/release/yardstick "$prefix/bin/yardstick"
rm -rf "$prefix/share/yardstick/standards" "$prefix/share/yardstick/forms"
cp -R standards forms "$prefix/share/yardstick/"
echo "Installed $prefix/bin/yardstick ($("$prefix/bin/yardstick" --version)) with the bundled standards and forms in $prefix/share/yardstick."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Note: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
