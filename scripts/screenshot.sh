#!/usr/bin/env bash
# Renders a local HTML file with headless Chromium and writes a PNG, e.g. to look at the printable
# pages Yardstick writes (A4 portrait at 150 dpi by default: 1240 x 1754 pixels). Installs Debian's
# chromium package when no chromium is on PATH.
#
#   scripts/screenshot.sh [--width PIXELS] [--height PIXELS] FILE.html OUT.png
#   (or SCREENSHOT_WIDTH / SCREENSHOT_HEIGHT in the environment; the options win)
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") [--width PIXELS] [--height PIXELS] FILE.html OUT.png" >&2
  echo "  Renders FILE.html with headless Chromium into OUT.png (default size 1240x1754;" >&2
  echo "  SCREENSHOT_WIDTH and SCREENSHOT_HEIGHT in the environment also set it)." >&2
  exit 2
}

width=${SCREENSHOT_WIDTH:-1240}
height=${SCREENSHOT_HEIGHT:-1754}
positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --width) [ $# -ge 2 ] || usage; width=$2; shift 2 ;;
    --width=*) width=${1#--width=}; shift ;;
    --height) [ $# -ge 2 ] || usage; height=$2; shift 2 ;;
    --height=*) height=${1#--height=}; shift ;;
    -h|--help) usage ;;
    --) shift; positional+=("$@"); break ;;
    -*) echo "Unknown option: $1" >&2; usage ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -eq 2 ] || usage
for size in "$width" "$height"; do
  [[ $size =~ ^[1-9][0-9]*$ ]] || { echo "The width and height must be positive whole numbers of pixels, not '$size'." >&2; usage; }
done
input=${positional[0]}
output=${positional[1]}

[ -f "$input" ] || { echo "No such file: $input" >&2; exit 1; }
input=$(cd "$(dirname "$input")" && pwd)/$(basename "$input")
mkdir -p "$(dirname "$output")"
output=$(cd "$(dirname "$output")" && pwd)/$(basename "$output")

if ! command -v chromium >/dev/null 2>&1; then
  echo "No chromium on PATH; installing Debian's chromium package…" >&2
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo=sudo
  else
    echo "Cannot install chromium: not root and no sudo. Install it and run again." >&2
    exit 1
  fi
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

# The file's URL, with the characters that would end or change a URL path escaped.
url=${input//%/%25}
url=${url// /%20}
url=${url//\#/%23}
url=${url//\?/%3F}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rm -f "$output"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" \
  --screenshot="$output" "file://$url" >"$log" 2>&1 || true
if [ ! -s "$output" ]; then
  cat "$log" >&2
  echo "Chromium wrote no screenshot to $output." >&2
  exit 1
fi
echo "Wrote $output (${width}x$height)."
