"""Write a SYNTHETIC coded TV monitoring log: a package folder with parties.csv and channels.csv (copied
from the test fixture or the bundled package), tv_segments.csv and/or tv_segments.parquet of N made-up
segments, and a datapackage.json whose title says it is synthetic. Seeded, so the same arguments give
the same files. Nothing in it describes a real election or real monitoring.

    .venv/bin/python bench/make_segments.py --rows 1000000 --out /tmp/segments-work/log1m
    .venv/bin/python bench/make_segments.py --rows 400 --parties bundled --out /tmp/some-folder
    .venv/bin/python bench/make_segments.py --rows 800 --monitoring --seed 12 --out tests/fixtures/synthetic_monitoring

--monitoring adds the monitoring methodology's columns (programme type, speech, start time, outlet type,
items, characters, item id and coder with a double-coded sample of known agreement), online and print
outlets in channels.csv, and a facts.csv with prime time, a campaign-silence day and what the law allots.
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


# The monitoring methodology's columns (--monitoring): what share of rows get each code.
PROGRAMME_TYPES = ["news", "current_affairs", "debate", "free_airtime", "paid_advertising", "voter_education", "other"]
PROGRAMME_WEIGHTS = [0.70, 0.08, 0.04, 0.08, 0.05, 0.03, 0.02]
# Online and print outlets: rows in channels.csv too (the log's channel column names every outlet).
OUTLETS = [("synthetic_portal", "online", "Synthetic News Portal", "Синтетикалық жаңалықтар порталы", "Синтетический новостной портал"),
           ("synthetic_daily", "print", "Synthetic Daily", "Синтетикалық күнделік", "Синтетическая ежедневная газета")]
DOUBLE_CODED = 0.05   # share of TV items a second coder codes again
# The second coder copies each variable with this probability, else draws it afresh: subject and airtime
# near-identical, tone less so (a sample whose readings differ by variable).
AGREE = {"party": 0.95, "tone": 0.7, "seconds": 0.9}


def add_monitoring(log: pa.Table, parties: list[str], n_outlets: int, seed: int) -> pa.Table:
    """Programme type, speech, start time, outlet type, items and characters for every row, an item id
    and a coder, and a double-coded sample: DOUBLE_CODED of the TV items coded again by a second coder,
    who copies the first coder's subject, tone and seconds with the probabilities of AGREE (a known
    agreement rate per variable; a fresh draw sometimes agrees too) and otherwise draws that variable afresh."""
    rng = np.random.default_rng(seed + 1)
    rows = log.num_rows
    programme = rng.choice(len(PROGRAMME_TYPES), rows, p=PROGRAMME_WEIGHTS)
    speech = rng.choice(3, rows, p=[0.35, 0.55, 0.10])  # direct, indirect, not coded
    # Start times through the day, more in the evening news; a few rows without a time.
    minutes = np.clip(np.where(rng.random(rows) < 0.45, rng.normal(20.5 * 60, 60, rows), rng.uniform(6 * 60, 24 * 60, rows)),
                      0, 24 * 60 - 1).astype(np.int64)
    times = np.char.add(np.char.add(np.char.zfill((minutes // 60).astype(str), 2), ":"),
                        np.char.zfill((minutes % 60).astype(str), 2))
    times = np.where(rng.random(rows) < 0.03, "", times)
    outlet = np.where(rng.random(rows) < 0.1, 1 + rng.integers(0, n_outlets, rows), 0) if n_outlets else np.zeros(rows, int)
    columns = {name: log.column(name) for name in log.column_names}
    channel = np.asarray(columns["channel"].to_pylist(), dtype=object)
    kinds = np.array(["tv"] + [o[1] for o in OUTLETS[:n_outlets]])
    outlet_type = kinds[outlet]
    outlet_ids = np.array([""] + [o[0] for o in OUTLETS[:n_outlets]], dtype=object)
    channel = np.where(outlet > 0, outlet_ids[outlet], channel)
    seconds = np.asarray(columns["seconds"].to_numpy(), dtype=np.float64)
    characters = np.where(outlet > 0, np.round(rng.lognormal(7.5, 0.5, rows)), np.nan)
    item_id = np.char.add("i", np.arange(1, rows + 1).astype(str)).astype(object)
    coders = np.array(["coder_a", "coder_b", "coder_c"], dtype=object)
    coder = coders[rng.integers(0, 3, rows)]
    table = {
        **{k: v for k, v in columns.items() if k not in ("channel", "seconds")},
        "channel": pa.array(channel.astype(str)),
        "seconds": _numbers(np.where(outlet > 0, np.nan, seconds)),
        "programme_type": pa.array(np.where(outlet > 0, "news", np.array(PROGRAMME_TYPES)[programme])),
        "speech": pa.array(np.where(outlet > 0, "", np.array(["direct", "indirect", ""])[speech])),
        "time": pa.array(np.where(outlet > 0, "", times)),
        "item_id": pa.array(item_id.astype(str)),
        "coder": pa.array(coder.astype(str)),
        "outlet_type": pa.array(outlet_type),
        "items": _numbers(np.where(outlet > 0, 1.0, np.nan)),
        "characters": _numbers(characters),
    }
    first = pa.table(table)
    # The double-coded sample: a second coding of some TV items, each by a coder other than the first.
    again = np.flatnonzero((outlet == 0) & (rng.random(rows) < DOUBLE_CODED))
    second = first.take(pa.array(again))
    n = len(again)
    other = coders[(np.searchsorted(coders, coder[again]) + 1 + rng.integers(0, 2, n)) % 3]
    subjects = np.asarray(second.column("party").to_pylist(), dtype=object)
    all_subjects = np.array(parties + SUBJECTS, dtype=object)
    subjects = np.where(rng.random(n) < AGREE["party"], subjects, all_subjects[rng.integers(0, len(all_subjects), n)])
    tones = np.asarray(second.column("tone").to_pylist(), dtype=object)
    tones = np.where(rng.random(n) < AGREE["tone"], tones, np.array(["positive", "neutral", "negative"], dtype=object)[rng.integers(0, 3, n)])
    secs = second.column("seconds").to_numpy()
    secs = np.where(rng.random(n) < AGREE["seconds"], secs, np.maximum(5, np.round(rng.lognormal(4.2, 0.6, n))))
    second = second.set_column(second.schema.get_field_index("coder"), "coder", pa.array(other.astype(str)))
    second = second.set_column(second.schema.get_field_index("party"), "party", pa.array(subjects.astype(str)))
    second = second.set_column(second.schema.get_field_index("tone"), "tone", pa.array(tones.astype(str)))
    second = second.set_column(second.schema.get_field_index("seconds"), "seconds", _numbers(secs))
    return pa.concat_tables([first, second])


def _numbers(values: np.ndarray) -> pa.Array:
    """Whole numbers with empty cells where NaN (a CSV then holds 94, not 94.0 or nan)."""
    missing = np.isnan(values)
    return pa.array(np.where(missing, 0, values).astype(np.int64), mask=missing)


def write_package(out: Path, rows: int, source: str = "synthetic", seed: int = 2031, formats=("csv",),
                  start: str | None = None, monitoring: bool = False) -> Path:
    folder = SOURCES[source]
    out.mkdir(parents=True, exist_ok=True)
    for name in ("parties.csv", "channels.csv"):
        shutil.copyfile(folder / name, out / name)
    start = start or ("2020-12-14" if source == "bundled" else "2031-02-10")  # a Monday: whole ISO weeks
    parties = read_ids(folder, "parties", "party")
    log = make_log(rows, parties, read_ids(folder, "channels", "channel", news_only=True), start, seed)
    if monitoring:
        log = add_monitoring(log, parties, len(OUTLETS), seed)
        _add_outlets(out / "channels.csv")
        _write_facts(out / "facts.csv", start)
    for stale in ("tv_segments.csv", "tv_segments.parquet"):
        (out / stale).unlink(missing_ok=True)
    if "csv" in formats:
        pacsv.write_csv(log, out / "tv_segments.csv", pacsv.WriteOptions(quoting_style="none"))  # plain cells, as Excel writes them
    if "parquet" in formats:
        pq.write_table(log, out / "tv_segments.parquet")
    resources = [{"name": "parties", "path": "parties.csv"}, {"name": "channels", "path": "channels.csv"},
                 {"name": "tv_segments", "path": "tv_segments.csv" if "csv" in formats else "tv_segments.parquet"}]
    if monitoring:
        resources.append({"name": "facts", "path": "facts.csv"})
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


def _add_outlets(channels_csv: Path) -> None:
    """The online and print outlets as rows of channels.csv (they broadcast no TV news)."""
    header = channels_csv.read_text(encoding="utf-8").splitlines()[0].split(",")
    lines = []
    for outlet, _, en, kk, ru in OUTLETS:
        values = {"channel": outlet, "name_en": en, "name_kk": kk, "name_ru": ru, "broadcasts_news": "false",
                  "source": "\"SYNTHETIC test data, outlets\""}
        lines.append(",".join(values.get(h, "") for h in header))
    with channels_csv.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# Facts a monitoring unit's package may give: prime time, campaign silence, what the law allots. SYNTHETIC.
FACTS = [("prime_time_start", "19", "count", "Prime time starts, hour of the day"),
         ("prime_time_end", "23", "count", "Prime time ends, hour of the day"),
         ("free_airtime_minutes", "30", "count", "Free airtime the law allots each party per channel, minutes"),
         ("paid_advertising_max_minutes", "60", "count", "Paid advertising the law allows each party per channel, minutes")]


def _write_facts(facts_csv: Path, start: str) -> None:
    header = "fact,value,unit,label_en,label_kk,label_ru,source,quote_kk,date,approximate,topic"
    silence = str(np.datetime64(start) + np.timedelta64(DAYS - 2, "D"))
    rows = [f'{fact},{value},{unit},"{label}","{label}","{label}","SYNTHETIC test data, facts",,,false,media'
            for fact, value, unit, label in FACTS]
    rows.append(f'silence_day,,date,"Campaign silence day","Тыныштық күні","День тишины","SYNTHETIC test data, facts",,{silence},false,campaign')
    facts_csv.write_text("\n".join([header] + rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True, help="package folder to write")
    parser.add_argument("--parties", choices=sorted(SOURCES), default="synthetic",
                        help="take parties.csv and channels.csv from the test fixture or the bundled package")
    parser.add_argument("--seed", type=int, default=2031)
    parser.add_argument("--format", choices=["csv", "parquet", "both"], default="csv")
    parser.add_argument("--monitoring", action="store_true",
                        help="also write programme type, speech, time, outlets and a double-coded sample, and facts.csv")
    args = parser.parse_args(argv)
    formats = ("csv", "parquet") if args.format == "both" else (args.format,)
    out = write_package(args.out, args.rows, args.parties, args.seed, formats, monitoring=args.monitoring)
    print(f"wrote {args.rows:,} synthetic segments to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
