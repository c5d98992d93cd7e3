#!/usr/bin/env bash
# Other writers beside a long import (several auditors writing at once lose and fail nothing): 8 processes each submit at least
# 200 audits with 'audit new --answers', and go on until the import ends, while one process
# imports ROWS audits (default 1,000,000) into the same database. Prints how many submissions
# succeeded and failed, how many audits are missing afterwards, the longest a submission took
# and how long the import held the write lock (the import reads and checks the whole file
# without it).
#   scripts/bench/concurrent-writers.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
writers=8
each=200
work=.build-bench/concurrent
mkdir -p "$work"
scripts/setup.sh >/dev/null
swift build -c release --product yardstick 2>&1 | tail -1
yardstick=$PWD/.build/release/yardstick
workload=$PWD/.build-bench/workload-$rows
[ -f "$workload/audits.csv" ] || "$yardstick" bench generate --workload reference --audits "$rows" --out "$workload"

db=$PWD/$work/concurrent.db
rm -f "$db" "$db-wal" "$db-shm" "$work"/writer-*.log
(cd "$work" && "$yardstick" --db "$db" init >/dev/null)
"$yardstick" --db "$db" load "$workload/standard.xml" "$workload/form.xml" "$workload/policy.xml" >/dev/null 2>&1
"$yardstick" --db "$db" agents import "$workload/roster.csv" >/dev/null
answers=$PWD/$work/answers.json
{
  printf '{"occurred_on": "2026-10-05"'
  for i in $(seq 1 40); do printf ', "q%02d": "%s"' "$i" "$([ "$i" -le 30 ] && echo yes || echo 3)"; done
  printf '}\n'
} > "$answers"

echo "Importing $rows audits while $writers processes submit $each audits each…"
started=$(date +%s.%N)
YARDSTICK_TRACE_IMPORT=1 /usr/bin/time -f "%e" -o "$work/import.time" "$yardstick" --db "$db" audit import "$workload/audits.csv" --form reference >"$work/import.log" 2>"$work/import.trace" &
import_pid=$!
sleep 1
for writer in $(seq 1 $writers); do
  (
    n=0
    while [ "$n" -lt "$each" ] || kill -0 "$import_pid" 2>/dev/null; do
      n=$((n + 1))
      before=$(date +%s.%N)
      if "$yardstick" --db "$db" --actor "writer-$writer" audit new --form reference --agent "B0000$writer" --answers "$answers" >/dev/null 2>"$work/writer-$writer.err"; then
        status=ok
      else
        status=failed
      fi
      echo "$(echo "$(date +%s.%N) - $before" | bc) $status" >> "$work/writer-$writer.log"
    done
  ) &
done
wait
ended=$(date +%s.%N)
total=$(cat "$work"/writer-*.log | wc -l)

submitted=$(cat "$work"/writer-*.log | grep -c ' ok$' || true)
failed=$(cat "$work"/writer-*.log | grep -c ' failed$' || true)
longest=$(cat "$work"/writer-*.log | sort -g | tail -1 | cut -d' ' -f1)
stored=$("$yardstick" --db "$db" verify | sed -n 's/.* \([0-9]*\) audits (.*/\1/p')
expected=$((rows + submitted))
echo "import: $(tail -1 "$work/import.log") in $(cat "$work/import.time") s"
echo "import: $(grep -o '[0-9]* ms holding the write lock' "$work/import.trace") (reading and checking the whole file took the rest, without it)"
echo "submissions: $submitted succeeded, $failed failed; longest took ${longest} s"
echo "stored: $stored audits of $expected expected; lost: $((expected - stored))"
echo "verify: $("$yardstick" --db "$db" verify | tail -1)"
echo "wall time of the whole run: $(echo "$ended - $started" | bc) s"
