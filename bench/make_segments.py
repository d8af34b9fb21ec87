"""Write a SYNTHETIC coded TV monitoring log: a package folder with parties.csv and channels.csv (copied
from the test fixture or the bundled package), tv_segments.csv and/or tv_segments.parquet of N made-up
segments, and a datapackage.json whose title says it is synthetic. Seeded, so the same arguments give
the same files. Nothing in it describes a real election or real monitoring.

    .venv/bin/python bench/make_segments.py --rows 1000000 --out /tmp/segments-work/log1m
    .venv/bin/python bench/make_segments.py --rows 400 --parties bundled --out /tmp/some-folder
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {"synthetic": ROOT / "tests" / "fixtures" / "synthetic_election", "bundled": ROOT / "data"}
SUBJECTS = ["president", "government", "cec"]
PROGRAMMES = ["Morning news", "Midday news", "Evening news", "Late news"]
DAYS = 28  # a four-week campaign


def read_ids(folder: Path, table: str, key: str, news_only: bool = False) -> list[str]:
    table_ = pacsv.read_csv(folder / f"{table}.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=False))
    rows = table_.to_pylist()
    if news_only:
        rows = [r for r in rows if str(r.get("broadcasts_news", "true")).lower() in ("true", "1", "yes")]
    return [r[key] for r in rows]


def make_log(rows: int, parties: list[str], channels: list[str], start: str, seed: int) -> pa.Table:
    """N segments with a structure a monitor might find: one party favoured on one channel, mostly
    positive or neutral tone, mostly men shown, some items on institutional activities."""
    rng = np.random.default_rng(seed)
    subjects = parties + SUBJECTS
    channel = rng.integers(0, len(channels), rows)
    # Per channel, weights over subjects: parties roughly even, the first party favoured on the last channel.
    weights = rng.uniform(0.7, 1.3, (len(channels), len(subjects)))
    weights[:, len(parties):] *= 0.8
    weights[-1, 0] *= 3
    weights /= weights.sum(axis=1, keepdims=True)
    cumulative = weights.cumsum(axis=1)
    subject = (rng.random(rows)[:, None] > cumulative[channel]).sum(axis=1)
    subject = np.minimum(subject, len(subjects) - 1)
    seconds = np.maximum(5, np.round(rng.lognormal(4.2, 0.6, rows))).astype(np.int64)
    day = rng.integers(0, DAYS, rows)
    # Coverage grows towards election day.
    day = np.maximum(day, rng.integers(0, DAYS, rows))
    tone_p = np.where(subject == 0, 0.7, 0.55)
    draw = rng.random(rows)
    tone = np.where(draw < tone_p, 0, np.where(draw < tone_p + 0.35, 1, 2))
    gender = rng.choice(3, rows, p=[0.12, 0.78, 0.10])
    institutional = rng.random(rows) < np.where(subject == 0, 0.45, 0.15)
    dates = (np.datetime64(start) + day.astype("timedelta64[D]"))
    return pa.table({
        "date": pa.array(dates.astype("datetime64[D]").astype(str)),
        "channel": pa.DictionaryArray.from_arrays(channel.astype(np.int32), channels).cast(pa.string()),
        "programme": pa.DictionaryArray.from_arrays(rng.integers(0, len(PROGRAMMES), rows).astype(np.int32),
                                                    PROGRAMMES).cast(pa.string()),
        "party": pa.DictionaryArray.from_arrays(subject.astype(np.int32), subjects).cast(pa.string()),
        "seconds": pa.array(seconds),
        "tone": pa.DictionaryArray.from_arrays(tone.astype(np.int32), ["positive", "neutral", "negative"]).cast(pa.string()),
        "gender": pa.DictionaryArray.from_arrays(gender.astype(np.int32), ["female", "male", ""]).cast(pa.string()),
        "measure": pa.array(np.where(institutional, "incl_institutional", "campaign")),
    })


def write_package(out: Path, rows: int, source: str = "synthetic", seed: int = 2031, formats=("csv",),
                  start: str | None = None) -> Path:
    folder = SOURCES[source]
    out.mkdir(parents=True, exist_ok=True)
    for name in ("parties.csv", "channels.csv"):
        shutil.copyfile(folder / name, out / name)
    start = start or ("2020-12-14" if source == "bundled" else "2031-02-10")  # a Monday: whole ISO weeks
    log = make_log(rows, read_ids(folder, "parties", "party"), read_ids(folder, "channels", "channel", news_only=True),
                   start, seed)
    for stale in ("tv_segments.csv", "tv_segments.parquet"):
        (out / stale).unlink(missing_ok=True)
    if "csv" in formats:
        pacsv.write_csv(log, out / "tv_segments.csv", pacsv.WriteOptions(quoting_style="none"))  # plain cells, as Excel writes them
    if "parquet" in formats:
        pq.write_table(log, out / "tv_segments.parquet")
    resources = [{"name": "parties", "path": "parties.csv"}, {"name": "channels", "path": "channels.csv"},
                 {"name": "tv_segments", "path": "tv_segments.csv" if "csv" in formats else "tv_segments.parquet"}]
    descriptor = {
        "profile": "tabular-data-package",
        "name": "synthetic-coded-log",
        "title": f"SYNTHETIC coded TV monitoring log: {rows:,} made-up segments (not real monitoring)",
        "description": (f"Synthetic data made by bench/make_segments.py (seed {seed}) with the parties and channels "
                        f"of the {source} package: invented segments for tests and benchmarks only. Nothing here "
                        "describes real coverage."),
        "sources": [{"title": "Synthetic test data (invented by bench/make_segments.py)"}],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "README.md").write_text("SYNTHETIC: a made-up coded monitoring log written by bench/make_segments.py "
                                   f"(seed {seed}, {rows:,} rows). Not real monitoring data.\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True, help="package folder to write")
    parser.add_argument("--parties", choices=sorted(SOURCES), default="synthetic",
                        help="take parties.csv and channels.csv from the test fixture or the bundled package")
    parser.add_argument("--seed", type=int, default=2031)
    parser.add_argument("--format", choices=["csv", "parquet", "both"], default="csv")
    args = parser.parse_args(argv)
    formats = ("csv", "parquet") if args.format == "both" else (args.format,)
    out = write_package(args.out, args.rows, args.parties, args.seed, formats)
    print(f"wrote {args.rows:,} synthetic segments to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
