"""Jobs A, B and C of the Yardstick benchmark done with pandas, Polars or DuckDB, for the
side-by-side comparison in compare.sh.

Job A: read the wide audits CSV, score every audit by the standard's rules, write a durable store.
The rules are read from the workload's standard.xml: yes = weight, no = 0, na leaves the
denominator, a 0-4 level earns weight x level / 4, and a failed zero-audit criterion (no, or the
lowest level) scores the audit 0 and is a critical failure.

Job B: from job A's store, one incentive month (2026-10) per agent of the roster: audits, mean
score, critical failures and the tier amount (>= 95 -> 300, >= 90 -> 150, < 70 -> -100, with at
least 3 audits), written as CSV.

Job C: from job A's store, per team of the roster (the agent's team) and month over the 24 months
2024-11 to 2026-10: audits, mean score and the failure rate of each criterion, written as CSV
(period,team,audits,mean_score,failure:<criterion id>...). The failure rate of a yes-no criterion
is the share of "no" among its answered audits (na left out); of a scale low-high it is
sum(high - level) / (answered x (high - low)); empty when the criterion was never answered.

Usage: python peers.py TOOL WORKLOAD_DIR OUT_DIR [A|B|C]   (TOOL: pandas, polars or duckdb; default A)
  A writes OUT_DIR/audits.pkl (pandas), audits.parquet (Polars) or audits.duckdb (DuckDB);
  B reads it and writes OUT_DIR/payroll.csv; C reads it and writes OUT_DIR/teams.csv.
"""
import os
import sys
import xml.etree.ElementTree as ET


def criteria(folder):
    """Per question, in the form's order: (column, criterion id, weight, is_scale, minimum, maximum, zeroes_audit, is_bonus)."""
    standard = ET.parse(os.path.join(folder, "standard.xml")).getroot()
    form = ET.parse(os.path.join(folder, "form.xml")).getroot()
    by_id = {}
    for criterion in standard.iter("criterion"):
        scale = criterion.get("scale")
        low, high = (int(part) for part in scale.split("-")) if scale else (0, 1)
        by_id[criterion.get("id")] = (float(criterion.get("weight", "1")), scale is not None, low, high,
                                      criterion.get("critical") == "zero-audit", criterion.get("bonus") == "true")
    return [(question.get("id"), question.get("criterion")) + by_id[question.get("criterion")] for question in form.iter("question")]


def rules(folder):
    """Per question: (column, weight, is_scale, minimum, maximum, zeroes_audit, is_bonus)."""
    return [rule[:1] + rule[2:] for rule in criteria(folder)]


def pandas_job(folder, out):
    import numpy as np
    import pandas as pd
    table = pd.read_csv(os.path.join(folder, "audits.csv"), dtype=str, keep_default_na=False)
    earned = np.zeros(len(table))
    possible = np.zeros(len(table))
    zeroed = np.zeros(len(table), dtype=bool)
    for column, weight, is_scale, low, high, zero_audit, bonus in rules(folder):
        cells = table[column].to_numpy()
        answered = cells != "na"
        if is_scale:
            level = pd.to_numeric(table[column], errors="coerce").to_numpy()
            points = np.where(answered, weight * (level - low) / (high - low), 0.0)
            failed = answered & (level <= low)
        else:
            points = np.where(cells == "yes", weight, 0.0)
            failed = cells == "no"
        earned += points
        if not bonus:
            possible += np.where(answered, weight, 0.0)
        if zero_audit:
            zeroed |= failed
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(zeroed, 0.0, 100 * earned / possible)
    table["score"] = np.where(possible > 0, score, np.nan)
    table["critical"] = zeroed
    table.to_pickle(os.path.join(out, "audits.pkl"))


def polars_job(folder, out):
    import polars as pl
    table = pl.read_csv(os.path.join(folder, "audits.csv"), infer_schema_length=0)
    earned, possible, zeroed = pl.lit(0.0), pl.lit(0.0), pl.lit(False)
    for column, weight, is_scale, low, high, zero_audit, bonus in rules(folder):
        cell = pl.col(column)
        answered = cell != "na"
        if is_scale:
            level = cell.cast(pl.Float64, strict=False)
            points = pl.when(answered).then(weight * (level - low) / (high - low)).otherwise(0.0)
            failed = answered & (level <= low)
        else:
            points = pl.when(cell == "yes").then(weight).otherwise(0.0)
            failed = cell == "no"
        earned = earned + points
        if not bonus:
            possible = possible + pl.when(answered).then(weight).otherwise(0.0)
        if zero_audit:
            zeroed = zeroed | failed
    score = pl.when(possible > 0).then(pl.when(zeroed).then(0.0).otherwise(100 * earned / possible)).otherwise(None)
    table.with_columns(score.alias("score"), zeroed.alias("critical")).write_parquet(os.path.join(out, "audits.parquet"))


def duckdb_job(folder, out):
    import duckdb
    terms_earned, terms_possible, terms_zero = [], [], []
    for column, weight, is_scale, low, high, zero_audit, bonus in rules(folder):
        if is_scale:
            terms_earned.append(f"CASE WHEN {column} <> 'na' THEN {weight} * (CAST({column} AS DOUBLE) - {low}) / {high - low} ELSE 0 END")
            failed = f"({column} <> 'na' AND CAST({column} AS DOUBLE) <= {low})"
        else:
            terms_earned.append(f"CASE WHEN {column} = 'yes' THEN {weight} ELSE 0 END")
            failed = f"({column} = 'no')"
        if not bonus:
            terms_possible.append(f"CASE WHEN {column} <> 'na' THEN {weight} ELSE 0 END")
        if zero_audit:
            terms_zero.append(failed)
    earned, possible = " + ".join(terms_earned), " + ".join(terms_possible)
    zeroed = " OR ".join(terms_zero) or "FALSE"
    path = os.path.join(out, "audits.duckdb")
    connection = duckdb.connect(path)
    connection.execute(f"""
        CREATE TABLE audits AS
        SELECT *, CASE WHEN ({possible}) > 0 THEN CASE WHEN {zeroed} THEN 0 ELSE 100 * ({earned}) / ({possible}) END END AS score,
               ({zeroed}) AS critical
        FROM read_csv('{os.path.join(folder, "audits.csv")}', all_varchar = true)
    """)
    connection.close()


MONTH = "2026-10"


def pandas_month(folder, out):
    import numpy as np
    import pandas as pd
    audits = pd.read_pickle(os.path.join(out, "audits.pkl"))
    month = audits[audits["occurred_on"].str.startswith(MONTH)]
    per_agent = month.groupby("agent").agg(audits=("score", "count"), mean_score=("score", "mean"), critical_failures=("critical", "sum"))
    roster = pd.read_csv(os.path.join(folder, "roster.csv"), dtype=str, keep_default_na=False)[["id", "name", "team"]]
    table = roster.merge(per_agent, left_on="id", right_index=True, how="left").fillna({"audits": 0, "critical_failures": 0})
    mean, eligible = table["mean_score"], table["audits"] >= 3
    table["tier_amount"] = np.where(eligible & (mean >= 95), 300, np.where(eligible & (mean >= 90), 150, np.where(eligible & (mean < 70), -100, 0)))
    table.to_csv(os.path.join(out, "payroll.csv"), index=False)


def polars_month(folder, out):
    import polars as pl
    audits = pl.read_parquet(os.path.join(out, "audits.parquet"))
    per_agent = (audits.filter(pl.col("occurred_on").str.starts_with(MONTH)).group_by("agent")
                 .agg(pl.col("score").count().alias("audits"), pl.col("score").mean().alias("mean_score"),
                      pl.col("critical").sum().alias("critical_failures")))
    roster = pl.read_csv(os.path.join(folder, "roster.csv"), infer_schema_length=0).select(["id", "name", "team"])
    table = roster.join(per_agent, left_on="id", right_on="agent", how="left").with_columns(pl.col("audits").fill_null(0))
    mean, eligible = pl.col("mean_score"), pl.col("audits") >= 3
    tier = (pl.when(eligible & (mean >= 95)).then(300).when(eligible & (mean >= 90)).then(150)
            .when(eligible & (mean < 70)).then(-100).otherwise(0))
    table.with_columns(tier.alias("tier_amount")).sort("id").write_csv(os.path.join(out, "payroll.csv"))


def duckdb_month(folder, out):
    import duckdb
    connection = duckdb.connect(os.path.join(out, "audits.duckdb"), read_only=True)
    connection.execute(f"""
        COPY (
            WITH month AS (
                SELECT agent, count(score) AS audits, avg(score) AS mean_score, sum(CAST(critical AS INTEGER)) AS critical_failures
                FROM audits WHERE occurred_on LIKE '{MONTH}%' GROUP BY agent)
            SELECT r.id, r.name, r.team, coalesce(m.audits, 0) AS audits, m.mean_score, coalesce(m.critical_failures, 0) AS critical_failures,
                   CASE WHEN coalesce(m.audits, 0) < 3 THEN 0 WHEN m.mean_score >= 95 THEN 300 WHEN m.mean_score >= 90 THEN 150
                        WHEN m.mean_score < 70 THEN -100 ELSE 0 END AS tier_amount
            FROM read_csv('{os.path.join(folder, "roster.csv")}', all_varchar = true) r LEFT JOIN month m ON m.agent = r.id ORDER BY r.id
        ) TO '{os.path.join(out, "payroll.csv")}' (HEADER, DELIMITER ',')
    """)
    connection.close()


FIRST, LAST = "2024-11", "2026-10"


def pandas_teams(folder, out):
    import numpy as np
    import pandas as pd
    audits = pd.read_pickle(os.path.join(out, "audits.pkl"))
    roster = pd.read_csv(os.path.join(folder, "roster.csv"), dtype=str, keep_default_na=False, usecols=["id", "team"])
    team_of = roster[roster["team"] != ""].set_index("id")["team"]
    columns = {"period": audits["occurred_on"].str[:7], "team": audits["agent"].map(team_of), "score": audits["score"]}
    ids = []
    for column, criterion, _, is_scale, low, high, _, _ in criteria(folder):
        cells = audits[column]
        answered = cells != "na"
        if is_scale:
            level = cells.mask(~answered).astype("float64[pyarrow]").to_numpy(dtype=float, na_value=np.nan)
            columns["failed:" + criterion] = np.where(answered, high - level, 0.0)
            columns["possible:" + criterion] = answered.to_numpy() * float(high - low)
        else:
            columns["failed:" + criterion] = cells == "no"
            columns["possible:" + criterion] = answered
        ids.append(criterion)
    frame = pd.DataFrame(columns)
    frame = frame[frame["period"].between(FIRST, LAST) & frame["team"].notna()]
    groups = frame.groupby(["period", "team"], sort=True)
    sums = groups[[f"{part}:{criterion}" for part in ("failed", "possible") for criterion in ids]].sum()
    failed, possible = sums.iloc[:, :len(ids)].to_numpy(dtype=float), sums.iloc[:, len(ids):].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = np.where(possible > 0, failed / possible, np.nan)
    table = pd.concat([groups.size().rename("audits"), groups["score"].mean().rename("mean_score"),
                       pd.DataFrame(rates, index=sums.index, columns=["failure:" + criterion for criterion in ids])], axis=1)
    table.reset_index().to_csv(os.path.join(out, "teams.csv"), index=False)


def polars_teams(folder, out):
    import polars as pl
    rates = []
    for column, criterion, _, is_scale, low, high, _, _ in criteria(folder):
        cell = pl.col(column)
        answered = (cell != "na").sum()
        if is_scale:
            failed, possible = pl.when(cell != "na").then(high - cell.cast(pl.Float64, strict=False)).sum(), answered * (high - low)
        else:
            failed, possible = (cell == "no").sum(), answered
        rates.append(pl.when(possible > 0).then(failed / possible).alias("failure:" + criterion))
    roster = (pl.scan_csv(os.path.join(folder, "roster.csv"), infer_schema_length=0).select(["id", "team"])
              .filter(pl.col("team").is_not_null() & (pl.col("team") != "")))
    (pl.scan_parquet(os.path.join(out, "audits.parquet"))
     .with_columns(pl.col("occurred_on").str.slice(0, 7).alias("period"))
     .filter(pl.col("period").is_between(pl.lit(FIRST), pl.lit(LAST)))
     .join(roster, left_on="agent", right_on="id")
     .group_by("period", "team")
     .agg(pl.len().alias("audits"), pl.col("score").mean().alias("mean_score"), *rates)
     .sort("period", "team")
     .collect()
     .write_csv(os.path.join(out, "teams.csv")))


def duckdb_teams(folder, out):
    import duckdb
    rates = []
    for column, criterion, _, is_scale, low, high, _, _ in criteria(folder):
        if is_scale:
            failed = f"sum(CASE WHEN a.{column} <> 'na' THEN {high} - CAST(a.{column} AS DOUBLE) END)"
            possible = f"count_if(a.{column} <> 'na') * {high - low}"
        else:
            failed, possible = f"count_if(a.{column} = 'no')", f"count_if(a.{column} <> 'na')"
        rates.append(f'CAST({failed} AS DOUBLE) / nullif({possible}, 0) AS "failure:{criterion}"')
    connection = duckdb.connect(os.path.join(out, "audits.duckdb"), read_only=True)
    connection.execute(f"""
        COPY (
            SELECT substr(a.occurred_on, 1, 7) AS period, r.team, count(*) AS audits, avg(a.score) AS mean_score,
                   {", ".join(rates)}
            FROM audits a JOIN read_csv('{os.path.join(folder, "roster.csv")}', all_varchar = true) r ON r.id = a.agent
            WHERE substr(a.occurred_on, 1, 7) BETWEEN '{FIRST}' AND '{LAST}' AND r.team <> ''
            GROUP BY ALL ORDER BY period, r.team
        ) TO '{os.path.join(out, "teams.csv")}' (HEADER, DELIMITER ',')
    """)
    connection.close()


if __name__ == "__main__":
    tool, folder, out = sys.argv[1], sys.argv[2], sys.argv[3]
    job = sys.argv[4] if len(sys.argv) > 4 else "A"
    os.makedirs(out, exist_ok=True)
    jobs = {"A": {"pandas": pandas_job, "polars": polars_job, "duckdb": duckdb_job},
            "B": {"pandas": pandas_month, "polars": polars_month, "duckdb": duckdb_month},
            "C": {"pandas": pandas_teams, "polars": polars_teams, "duckdb": duckdb_teams}}
    jobs[job][tool](folder, out)
