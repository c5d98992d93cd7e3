#!/usr/bin/env bash
# Jobs A, B and C of the benchmark side by side: Yardstick against pandas, Polars and DuckDB doing
# the same jobs on the same generated files, interleaved, 3 repetitions; prints the medians and each
# peer's ratio to Yardstick. A: read the wide CSV, score every audit, write a durable store.
# B: from that store, one incentive month (2026-10) per agent with the tier amounts, as CSV.
# C: from that store, per team and month over 24 months (2024-11 to 2026-10), audits, mean score and
# the failure rate of each of the 40 criteria, as CSV.
# A script beside the product, never a unit test; CI does not run it.
#
#   scripts/bench/compare.sh [AUDITS]        (default 200000)
set -euo pipefail
cd "$(dirname "$0")/../.."
audits=${1:-200000}
repetitions=3
work=.build-bench
venv=$work/venv
workload=$work/workload-$audits
mkdir -p "$work"

scripts/setup.sh >/dev/null
swift build -c release --product yardstick 2>&1 | tail -1
yardstick=.build/release/yardstick

if [ ! -x "$venv/bin/python" ]; then
  echo "Creating a Python environment with pandas, Polars and DuckDB in $venv…"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pandas polars duckdb pyarrow numpy
fi
python=$venv/bin/python
versions=$("$python" -c 'import pandas, polars, duckdb; print(f"pandas {pandas.__version__}, Polars {polars.__version__}, DuckDB {duckdb.__version__}")')

if [ ! -f "$workload/audits.csv" ]; then
  "$yardstick" bench generate --workload reference --audits "$audits" --out "$workload"
fi

# A database with the definitions and the roster, copied fresh for every run of job A.
template=$work/template.db
rm -f "$template" "$template-wal" "$template-shm"
(cd "$work" && "../$yardstick" --db template.db init >/dev/null)
"$yardstick" --db "$template" load "$workload/standard.xml" "$workload/form.xml" "$workload/policy.xml" >/dev/null 2>&1
"$yardstick" --db "$template" agents import "$workload/roster.csv" >/dev/null

declare -A times memory
measure() { # name, command…
  local name=$1; shift
  local report=$work/time.txt
  /usr/bin/time -f "%e %M" -o "$report" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
  read -r seconds kib < "$report"
  times[$name]+="$seconds "
  memory[$name]+="$kib "
}

for repetition in $(seq 1 $repetitions); do
  echo "Repetition $repetition of $repetitions…"
  rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
  cp "$template" "$work/run.db"
  measure yardstick "$yardstick" --db "$work/run.db" audit import "$workload/audits.csv" --form reference
  for tool in pandas polars duckdb; do
    rm -rf "$work/out-$tool"
    measure "$tool" "$python" scripts/bench/peers.py "$tool" "$workload" "$work/out-$tool"
  done
done
"$yardstick" --db "$work/run.db" verify | tail -1
# The peers computed what Yardstick computed: the same score for every audit.
"$python" - "$work/run.db" "$work/out-polars/audits.parquet" <<'PY'
import sqlite3, sys
import polars
stored = dict(sqlite3.connect(sys.argv[1]).execute("SELECT external_id, score FROM audit"))
peer = polars.read_parquet(sys.argv[2]).select(["external_id", "score"])
differ = sum(1 for external_id, score in peer.iter_rows()
             if (score is None) != (stored.get(external_id) is None) or (score is not None and abs(score - stored[external_id]) > 1e-9))
print(f"scores: Polars and Yardstick agree on {peer.height - differ} of {peer.height} audits")
PY

# Job B over each tool's own job-A store (the last repetition's).
for repetition in $(seq 1 $repetitions); do
  echo "Job B, repetition $repetition of $repetitions…"
  measure yardstick-B "$yardstick" --db "$work/run.db" incentives run --policy reference-monthly --period 2026-10 -o "$work/yardstick-payroll.csv"
  for tool in pandas polars duckdb; do
    measure "$tool-B" "$python" scripts/bench/peers.py "$tool" "$workload" "$work/out-$tool" B
  done
done
# Job B computed the same tier amounts as Polars for every agent.
"$python" - "$work/yardstick-payroll.csv" "$work/out-polars/payroll.csv" <<'PY'
import csv, sys
ours = {row["agent"]: (int(row["audits"]), float(row["tier_amount"])) for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
theirs = {row["id"]: (int(row["audits"]), float(row["tier_amount"])) for row in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8"))}
same = sum(1 for agent, value in theirs.items() if ours.get(agent) == value)
print(f"job B: Polars and Yardstick agree on audits and tier amount for {same} of {len(theirs)} agents")
PY

# Job C over each tool's own job-A store.
for repetition in $(seq 1 $repetitions); do
  echo "Job C, repetition $repetition of $repetitions…"
  measure yardstick-C "$yardstick" --db "$work/run.db" report team --from 2024-11 --to 2026-10 --by month --csv -o "$work/yardstick-teams.csv"
  for tool in pandas polars duckdb; do
    measure "$tool-C" "$python" scripts/bench/peers.py "$tool" "$workload" "$work/out-$tool" C
  done
done
# Job C computed the same audits, mean scores (Yardstick writes 2 decimals) and failure rates
# (4 decimals) as Polars for every team and month; columns are matched by name.
"$python" - "$work/yardstick-teams.csv" "$work/out-polars/teams.csv" <<'PY'
import csv, sys
def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, {(row["period"], row["team"]): row for row in reader}
_, ours = read(sys.argv[1])
fields, theirs = read(sys.argv[2])
rates = [field for field in fields if field.startswith("failure:")]
def number(text):
    return None if text in (None, "") else float(text)
def close(a, b, tolerance):
    return (a is None) == (b is None) and (a is None or abs(a - b) <= tolerance)
def agree(key):
    mine, peer = ours.get(key), theirs.get(key)
    if mine is None or peer is None:
        return False
    return (int(mine["audits"]) == int(peer["audits"]) and close(number(mine["mean_score"]), number(peer["mean_score"]), 0.006)
            and all(close(number(mine.get(rate)), number(peer[rate]), 0.00006) for rate in rates))
# Every team-month either tool reports with audits in it (Yardstick may also list empty ones).
keys = set(theirs) | {key for key, row in ours.items() if int(row["audits"] or 0) > 0}
same = sum(1 for key in keys if agree(key))
print(f"job C: Polars and Yardstick agree on audits, mean score (±0.006) and {len(rates)} failure rates (±0.00006) for {same} of {len(keys)} team-months")
PY

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
table() { # job suffix
  local suffix=$1
  local base
  base=$(echo "${times[yardstick$suffix]}" | median)
  printf '%-10s %10s %14s %22s\n' tool seconds "peak RSS MB" "time / Yardstick's"
  for tool in yardstick pandas polars duckdb; do
    seconds=$(echo "${times[$tool$suffix]}" | median)
    kib=$(echo "${memory[$tool$suffix]}" | median)
    printf '%-10s %10.2f %14d %21.2fx\n' "$tool" "$seconds" $((kib / 1024)) "$(echo "$seconds / $base" | bc -l)"
  done
}
echo
echo "Peers: $versions; medians of $repetitions interleaved runs"
echo "Job A: import, score and store $audits audits ($(du -m "$workload/audits.csv" | cut -f1) MB wide CSV, 40 criteria)"
table ""
echo
echo "Job B: incentive month 2026-10 for every agent of the roster, from each tool's job-A store, as CSV"
table "-B"
echo
echo "Job C: per team and month over 24 months, mean score and the failure rate of each of the 40 criteria, from each tool's job-A store"
table "-C"
