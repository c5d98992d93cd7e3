#!/usr/bin/env bash
# Job A of PRODUCT.md §10 side by side: Yardstick's import against pandas, Polars and DuckDB doing
# the same job (read the wide CSV, score every audit, write a durable store) on the same generated
# files, interleaved, 3 repetitions; prints the medians and each peer's ratio to Yardstick.
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

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
base=$(echo "${times[yardstick]}" | median)
echo
echo "Job A: import, score and store $audits audits ($(du -m "$workload/audits.csv" | cut -f1) MB wide CSV, 40 criteria); median of $repetitions interleaved runs"
echo "Peers: $versions"
printf '%-10s %10s %14s %22s\n' tool seconds "peak RSS MB" "time / Yardstick's"
for tool in yardstick pandas polars duckdb; do
  seconds=$(echo "${times[$tool]}" | median)
  kib=$(echo "${memory[$tool]}" | median)
  printf '%-10s %10.2f %14d %21.2fx\n' "$tool" "$seconds" $((kib / 1024)) "$(echo "$seconds / $base" | bc -l)"
done
