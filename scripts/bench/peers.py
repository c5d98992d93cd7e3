"""Job A of the Yardstick benchmark (PRODUCT.md §10) done with pandas, Polars or DuckDB, for the
side-by-side comparison in compare.sh: read the wide audits CSV, score every audit by the
standard's rules, write a durable store. The rules are read from the workload's standard.xml:
yes = weight, no = 0, na leaves the denominator, a 0-4 level earns weight x level / 4, and a failed
zero-audit criterion (no, or the lowest level) scores the audit 0.

Usage: python peers.py TOOL WORKLOAD_DIR OUT_DIR   (TOOL: pandas, polars or duckdb)
"""
import os
import sys
import xml.etree.ElementTree as ET


def rules(folder):
    """Per question: (column, weight, is_scale, minimum, maximum, zeroes_audit, is_bonus)."""
    standard = ET.parse(os.path.join(folder, "standard.xml")).getroot()
    form = ET.parse(os.path.join(folder, "form.xml")).getroot()
    criteria = {}
    for criterion in standard.iter("criterion"):
        scale = criterion.get("scale")
        low, high = (int(part) for part in scale.split("-")) if scale else (0, 1)
        criteria[criterion.get("id")] = (float(criterion.get("weight", "1")), scale is not None, low, high,
                                         criterion.get("critical") == "zero-audit", criterion.get("bonus") == "true")
    return [(question.get("id"),) + criteria[question.get("criterion")] for question in form.iter("question")]


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
    table.with_columns(score.alias("score")).write_parquet(os.path.join(out, "audits.parquet"))


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
        SELECT *, CASE WHEN ({possible}) > 0 THEN CASE WHEN {zeroed} THEN 0 ELSE 100 * ({earned}) / ({possible}) END END AS score
        FROM read_csv('{os.path.join(folder, "audits.csv")}', all_varchar = true)
    """)
    connection.close()


if __name__ == "__main__":
    tool, folder, out = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    {"pandas": pandas_job, "polars": polars_job, "duckdb": duckdb_job}[tool](folder, out)
