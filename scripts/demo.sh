#!/usr/bin/env bash
# The main job, end to end: set up, build, then run yardstick over a fresh demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product yardstick
db=.build/demo/yardstick.db
rm -f "$db" "$db-wal" "$db-shm"
mkdir -p .build/demo
echo "\$ yardstick --db $db demo"
.build/debug/yardstick --db "$db" demo
