#!/usr/bin/env bash
# Installs what the build needs beyond the Swift toolchain: the SQLite and libxml2 development
# packages, and pkg-config (SwiftPM finds libxml2's headers through it). Nothing else is fetched.
set -euo pipefail

missing=()
for package in libsqlite3-dev libxml2-dev pkg-config; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing ${missing[*]} …" >&2
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (6.0 or newer) is not on PATH; install it from swift.org first" >&2
  exit 1
fi
