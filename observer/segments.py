"""Coded TV monitoring logs (tv_segments): read, validate and aggregate them. Pure pandas and pyarrow.

Monitoring teams code every news item: day, channel, programme, subject (a party, or another subject
such as the president, the government or the CEC), airtime in seconds, tone and the gender of the person
shown. From such a log this module computes the shares tv_coverage publishes (so the TV page works from a
log alone) and what percentages cannot show: hours of airtime, tone, coverage week by week, the share
of women among those shown and the airtime of non-party subjects, kept apart from the parties.

A log may hold a million rows, so it does not go through the generic per-cell path of observer.reading:
pyarrow parses the file with every column dictionary-encoded, and each check runs once per distinct
value and is spread to the rows with numpy. Problems still name the file, row, column and value as
typed, the first MAX_PROBLEMS of them with a count of the rest.

Measures: a segment coded ``campaign`` (or with no measure) is campaign coverage; one coded
``incl_institutional`` covers a subject's institutional activities. The campaign share counts campaign
segments only; the share "including institutional activities" counts every segment, as the statement's
second measure does.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from observer import reading
from observer.problems import Problem
from observer.reading import RawTable, ReadError, problem
from observer.tv import CAMPAIGN, INSTITUTIONAL, MEASURES

TABLE = "tv_segments"
FILE = "tv_segments.csv"
PARQUET_EXTENSION = ".parquet"
MAX_ROWS = 2_000_000        # this table only; every other table keeps reading.MAX_ROWS
MAX_FILE_MB = 300           # a log opened from disk (--data); uploads keep the 20 MB cap
MAX_FILE_BYTES = MAX_FILE_MB * reading.MB
MAX_PROBLEMS = 100          # listed one by one; the rest are counted
COLUMNS = ["date", "channel", "programme", "party", "seconds", "tone", "gender", "measure"]
TONES = ("positive", "neutral", "negative")
GENDERS = ("female", "male", "unknown")
UNKNOWN = "unknown"
# Subjects monitors commonly code besides parties; their names come from the catalogue.
KNOWN_SUBJECTS = ("president", "government", "cec", "parliament")


def is_log_file(name: str) -> bool:
    return reading.table_name_of(name, [TABLE]) == TABLE


# --- reading --------------------------------------------------------------------------------------

@dataclass
class RawLog:
    """A log as read: one pyarrow column per schema column found (strings, dictionary-encoded, or typed
    when read from Parquet), and how to find the spreadsheet row of a record."""

    name: str
    file: str
    columns: dict[str, pa.ChunkedArray]
    rows: int
    header_row: int = 1
    lines: np.ndarray | None = None  # spreadsheet row of each record, when not simply header_row + 1 + i
    text: bytes | None = None        # the CSV, to find rows when records span lines or blank lines occur
    present: list[str] = field(default_factory=list)


def read_csv(data: bytes, file: str, fields: list[dict]) -> RawLog:
    """A CSV log (any encoding and delimiter observer.reading accepts) into a RawLog."""
    data = _utf8(data, file)
    head = data[:100_000].decode("utf-8", errors="ignore")
    names = [f["name"] for f in fields]
    delimiter = reading.sniff_delimiter(head, names)
    first, header_row = next(((line, n) for n, line in enumerate(head.splitlines(), start=1) if line.strip()),
                             ("", 1))
    header = next(csv.reader([first], delimiter=delimiter), [])
    rename, problems = _match_header(header, fields, file, header_row)
    if problems:
        raise ReadError(problems)
    invalid: list = []

    def skip(row) -> str:
        invalid.append((row.number, row.text))
        return "skip"

    as_text = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=skip,
                                             newlines_in_values=b'"' in data),
            convert_options=pacsv.ConvertOptions(column_types={h: as_text for h in header},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 include_columns=[h for h in header if h in rename]))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise ReadError([problem(file, "log_unsplittable", detail=str(exc).splitlines()[0][:200])]) from None
    if invalid:
        shown = [problem(file, "row_cell_count", row=number or _line_of_text(data, text), value=text)
                 for number, text in invalid[:MAX_PROBLEMS]]
        raise ReadError(shown + _more(file, len(invalid) - len(shown)))
    table = table.unify_dictionaries()
    log = RawLog(TABLE, file, {rename[h]: table.column(h) for h in table.column_names}, table.num_rows, header_row,
                 present=[rename[h] for h in table.column_names])
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if header_row != 1 or lines != table.num_rows + 1:
        log.text = data  # blank lines or line breaks inside cells: rows are counted again if a problem needs one
    return _checked_size(log)


def _line_of_text(data: bytes, text: str) -> int | None:
    """The line a record's text starts on (pyarrow gives no row number when it reads in parallel)."""
    at = data.find(text.encode("utf-8"))
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def read_parquet(data: bytes, file: str, fields: list[dict]) -> RawLog:
    import pyarrow.parquet as pq

    try:
        # Text columns come dictionary-encoded, as the CSV reader gives them: checks run once per value.
        schema = pq.read_schema(pa.BufferReader(data))
        text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
        table = pq.read_table(pa.BufferReader(data), read_dictionary=text)
    except (pa.ArrowInvalid, OSError) as exc:
        raise ReadError([problem(file, "parquet_unreadable", detail=str(exc)[:200])]) from None
    rename, problems = _match_header(table.column_names, fields, file, 1)
    if problems:
        raise ReadError(problems)
    table = table.unify_dictionaries()
    columns = {rename[h]: table.column(h) for h in table.column_names if h in rename}
    return _checked_size(RawLog(TABLE, file, columns, table.num_rows, present=list(columns)))


def from_rows(raw: RawTable, fields: list[dict]) -> RawLog:
    """A log read from a workbook sheet (observer.reading's RawTable) into a RawLog."""
    rename, problems = _match_header(raw.header, fields, raw.file, raw.header_row)
    if problems:
        raise ReadError(problems)
    columns = {}
    for index, header in enumerate(raw.header):
        if header in rename:
            columns[rename[header]] = pa.chunked_array([pa.array([r[index] if index < len(r) else "" for r in raw.rows],
                                                                 pa.string())])
    return _checked_size(RawLog(TABLE, raw.file, columns, len(raw.rows), raw.header_row,
                                lines=np.asarray(raw.lines), present=list(columns)))


def _checked_size(log: RawLog) -> RawLog:
    if log.rows > MAX_ROWS:
        raise ReadError([problem(log.file, "log_too_many_rows", rows=log.rows, limit=MAX_ROWS)])
    if not log.rows:
        raise ReadError([problem(log.file, "log_no_rows", row=log.header_row)])
    return log


def _utf8(data: bytes, file: str) -> bytes:
    """The bytes as UTF-8 without BOM; other encodings go through observer.reading's decoder."""
    if not data[:4096].strip() and not data.strip():
        raise ReadError([problem(file, "file_empty")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (len(data) >= 4 and 0 in data[:4]):
        return reading.decode(data, file).encode("utf-8")
    reading.decode(data[:20_000].rsplit(b"\n", 1)[0] or data[:20_000], file)  # binary files and junk refused
    try:
        codecs.decode(data, "utf-8")
    except UnicodeDecodeError:
        return reading.decode(data, file).encode("utf-8")  # Windows-1251, as Excel saves Cyrillic CSV
    return data


def _match_header(header: list[str], fields: list[dict], file: str, header_row: int) -> tuple[dict, list[Problem]]:
    names = [f["name"] for f in fields]
    by_key = {reading.header_key(n): n for n in names}
    rename, problems = {}, []
    for label in header:
        if not label.strip():
            continue
        name = by_key.get(reading.header_key(label))
        if name is None:
            problems.append(problem(file, "column_not_in_schema", row=header_row, column=label.strip(), value=label,
                                    table=TABLE, columns=", ".join(names)))
        elif name in rename.values():
            problems.append(problem(file, "column_twice", row=header_row, column=name, value=label))
        else:
            rename[label] = name
    for spec in fields:
        if spec["name"] not in rename.values() and spec.get("constraints", {}).get("required"):
            problems.append(problem(file, "column_missing", row=header_row, column=spec["name"]))
    return rename, problems


def _more(file: str, count: int) -> list[Problem]:
    if count <= 0:
        return []
    return [Problem(file, None, None, None, "more_problems", {"count": count, "limit": MAX_PROBLEMS})]


# --- validation -----------------------------------------------------------------------------------

@dataclass
class _Column:
    """A column as distinct values (as typed) and, per row, the index of its value."""

    labels: list
    codes: np.ndarray

    def values(self, rows: np.ndarray) -> list:
        return [self.labels[c] for c in self.codes[rows]]


def _column(array: pa.ChunkedArray | None, rows: int) -> _Column:
    if array is None:
        return _Column([""], np.zeros(rows, dtype=np.int32))
    if not pa.types.is_dictionary(array.type):
        if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
            array = array.cast(pa.string())
        array = pa.chunked_array([array.combine_chunks().dictionary_encode()]) if rows else array
    chunks = [c for c in array.chunks if len(c)]
    if not chunks:
        return _Column([""], np.zeros(rows, dtype=np.int32))
    labels = chunks[0].dictionary.to_pylist()
    codes = np.concatenate([c.indices.fill_null(len(labels)).to_numpy(zero_copy_only=False) for c in chunks])
    return _Column(labels + [""], codes.astype(np.int32, copy=False))  # "" stands for a null from Parquet


class _Issues:
    """Rows that break a check, per check; only the first MAX_PROBLEMS become Problems."""

    def __init__(self, log: RawLog):
        self.log = log
        self.found: list[tuple[np.ndarray, str, list | _Column | None, str, dict]] = []

    def add(self, mask: np.ndarray, column: str, values, key: str, **params) -> None:
        """Rows of ``mask`` break the check whose problem key (and parameters) are given."""
        rows = np.flatnonzero(mask)
        if len(rows):
            self.found.append((rows, column, values, key, params))

    def __bool__(self) -> bool:
        return bool(self.found)

    def problems(self) -> list[Problem]:
        total = sum(len(rows) for rows, *_ in self.found)
        everything = np.concatenate([rows for rows, *_ in self.found])
        which = np.concatenate([np.full(len(rows), i) for i, (rows, *_) in enumerate(self.found)])
        first = np.lexsort((which, everything))[:MAX_PROBLEMS]
        picked_rows, picked_checks = everything[first], which[first]
        lines = self._lines(picked_rows)
        out = []
        for row, check, line in zip(picked_rows, picked_checks, lines):
            _, column, values, key, params = self.found[check]
            value = values.values(np.array([row]))[0] if isinstance(values, _Column) else None
            out.append(problem(self.log.file, key, row=int(line), column=column, value=value, **params))
        return out + _more(self.log.file, total - len(out))

    def _lines(self, rows: np.ndarray) -> np.ndarray:
        log = self.log
        if log.lines is not None:
            return log.lines[rows]
        if log.text is None:
            return rows + log.header_row + 1
        wanted = int(rows.max())
        found, index = [], -1
        reader = csv.reader(io.StringIO(log.text.decode("utf-8"), newline=""),
                            delimiter=reading.sniff_delimiter(log.text[:100_000].decode("utf-8", "ignore"), COLUMNS))
        header_seen = False
        for record in reader:
            if not any(c.strip() for c in record):
                continue
            if not header_seen:
                header_seen = True
                continue
            index += 1
            found.append(reader.line_num)
            if index >= wanted:
                break
        found = np.asarray(found + [0] * (wanted + 1 - len(found)))
        return found[rows]


def validate(log: RawLog, fields: list[dict], channels: RawTable | None = None,
             parties: RawTable | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """The log as a DataFrame (date as datetime64, seconds as float64, the rest categorical; channel and
    party names replaced by ids; a non-party subject in lower case), and every Problem found."""
    n = log.rows
    issues = _Issues(log)
    spec = {f["name"]: f for f in fields}
    cols = {}

    def required(column: str, col: _Column, empty: np.ndarray) -> None:
        if spec[column].get("constraints", {}).get("required"):
            issues.add(empty[col.codes], column, None, "constraint_required")

    # date: typed in Parquet, else text as in every other table (YYYY-MM-DD, or 30.12.2020 from Excel)
    raw_date = log.columns.get("date")
    if raw_date is not None and (pa.types.is_date(raw_date.type) or pa.types.is_timestamp(raw_date.type)):
        values = raw_date.cast(pa.timestamp("s")).to_numpy().astype("datetime64[ns]")
        issues.add(np.isnat(values), "date", None, "constraint_required")
        cols["date"] = values
    else:
        col = _column(raw_date, n)
        parsed = [_date(v) for v in col.labels]
        empty = np.array([not str(v).strip() for v in col.labels])
        required("date", col, empty)
        bad = np.array([p is None for p in parsed]) & ~empty
        issues.add(bad[col.codes], "date", col, "type_date")
        days = np.array([p if p is not None else np.datetime64("NaT") for p in parsed], dtype="datetime64[D]")
        cols["date"] = days[col.codes].astype("datetime64[ns]")

    # channel: an id or a name of channels.csv
    col = _column(log.columns.get("channel"), n)
    lookup = reading.name_lookup(channels, "channel") if channels is not None else None
    ids = [str(v).strip() for v in col.labels]
    empty = np.array([not v for v in ids])
    required("channel", col, empty)
    if lookup is not None:
        ids = [lookup.get(reading.key(v), v) for v in ids]
        known = set(lookup.values())
        unknown = np.array([v not in known for v in ids]) & ~empty
        issues.add(unknown[col.codes], "channel", col, "foreign_key", table_file="channels.csv")
    cols["channel"] = _categorical(ids, col.codes)

    # party: a party's id or name where it matches one; anything else is a non-party subject
    col = _column(log.columns.get("party"), n)
    lookup = reading.name_lookup(parties, "party") if parties is not None else {}
    party_ids = set(lookup.values())
    subjects = [lookup.get(reading.key(v), reading.key(v)) for v in col.labels]
    required("party", col, np.array([not s for s in subjects]))
    cols["party"] = _categorical(subjects, col.codes)
    cols["programme"] = (lambda c: _categorical([str(v).strip() for v in c.labels], c.codes))(
        _column(log.columns.get("programme"), n))

    # seconds: a number above 0 (decimal commas and thousands separators as elsewhere)
    raw_seconds = log.columns.get("seconds")
    if raw_seconds is not None and (pa.types.is_integer(raw_seconds.type) or pa.types.is_floating(raw_seconds.type)):
        seconds = raw_seconds.to_numpy().astype("float64")
        issues.add(np.isnan(seconds), "seconds", None, "constraint_required")
        issues.add(seconds <= 0, "seconds", None, "seconds_not_positive")
    else:
        col = _column(raw_seconds, n)
        parsed = _numbers(col.labels)
        empty = np.array([not str(v).strip() for v in col.labels])
        required("seconds", col, empty)
        issues.add((np.isnan(parsed) & ~empty)[col.codes], "seconds", col, "type_number")
        issues.add((parsed <= 0)[col.codes], "seconds", col, "seconds_not_positive")
        seconds = parsed[col.codes]
    cols["seconds"] = seconds

    # tone, gender, measure: codes from a short list, in any case
    for column, allowed, blank in (("tone", TONES, None), ("gender", GENDERS, UNKNOWN), ("measure", MEASURES, CAMPAIGN)):
        col = _column(log.columns.get(column), n)
        codes = [reading.key(v) for v in col.labels]
        empty = np.array([not c for c in codes])
        if blank is None:
            required(column, col, empty)
        bad = np.array([bool(c) and c not in allowed for c in codes])
        issues.add(bad[col.codes], column, col, "constraint_enum" if blank is None else "constraint_enum_or_empty",
                   allowed=", ".join(allowed))
        cols[column] = _categorical([c if c in allowed else (blank or "") for c in codes], col.codes)

    frame = pd.DataFrame({c: cols[c] for c in COLUMNS})
    return frame, issues.problems() if issues else []


def _date(value) -> np.datetime64 | None:
    text = reading.normalise_date(str(value))
    try:
        if len(text) != 10:
            return None
        return np.datetime64(date.fromisoformat(text), "D")
    except ValueError:
        return None


def _numbers(labels: list) -> np.ndarray:
    text = [str(v) for v in labels]
    plain = pd.to_numeric(pd.Series(text, dtype=object).str.strip(), errors="coerce").to_numpy(dtype="float64", copy=True)
    # 'nan' and 'inf' parse but mean no number; the rest of the odd forms go through the shared rules.
    plain[~np.isfinite(plain)] = np.nan
    odd = [i for i, v in enumerate(plain) if np.isnan(v) and text[i].strip()]
    if odd:
        fixed, _ = reading.normalise_numbers([text[i] for i in odd], "number")
        for i, value in zip(odd, fixed):
            try:
                number = float(value)
            except ValueError:
                continue
            plain[i] = number if np.isfinite(number) and reading.key(value) not in reading.NOT_NUMBERS else np.nan
    return plain


def _categorical(values: list[str], codes: np.ndarray) -> pd.Categorical:
    """Rows' values from per-label values; labels that mean the same thing share one category."""
    categories = list(dict.fromkeys(values))
    position = {v: i for i, v in enumerate(categories)}
    remap = np.array([position[v] for v in values], dtype=np.int32)
    return pd.Categorical.from_codes(remap[codes], categories=categories)


# --- aggregation ----------------------------------------------------------------------------------

KEYS = ["date", "channel", "party", "measure", "tone", "gender"]


def summarise(log: pd.DataFrame) -> pd.DataFrame:
    """The log with one row per day, channel, subject, measure, tone and gender: airtime summed in
    ``seconds``, items counted in ``segments``. Every function below gives the same answer on it as on
    the log, and it is small (a few thousand rows for a campaign), so pages aggregate it instantly."""
    columns = ["seconds", "segments"]
    if log.empty:
        return pd.DataFrame(columns=KEYS + columns)
    days = log["date"].to_numpy().astype("datetime64[D]")
    first = days.min()
    codes = [(days - first).astype(np.int64)]
    labels = [None]
    for key in KEYS[1:]:
        values = log[key] if isinstance(log[key].dtype, pd.CategoricalDtype) else log[key].astype("category")
        codes.append(values.cat.codes.to_numpy().astype(np.int64))
        labels.append(np.asarray(values.cat.categories.astype(str)))
    # One integer per combination of keys, then sums by bincount: a groupby over six keys of a million
    # rows would take half a second, this takes a few tens of milliseconds.
    sizes = [int(c.max()) + 1 for c in codes]
    combined = np.zeros(len(log), dtype=np.int64)
    for code, size in zip(codes, sizes):
        combined = combined * size + code
    seconds = np.bincount(combined, weights=log["seconds"].to_numpy(dtype="float64"))
    counts = np.bincount(combined)
    present = np.flatnonzero(counts)
    out, rest = {}, present
    for key, size, label in reversed(list(zip(KEYS, sizes, labels))):
        rest, code = np.divmod(rest, size)
        out[key] = first + code.astype("timedelta64[D]") if label is None else label[code]
    frame = pd.DataFrame({key: out[key] for key in KEYS})
    frame["date"] = frame["date"].astype("datetime64[ns]")
    frame["seconds"] = seconds[present]
    frame["segments"] = counts[present]
    return frame


def _items(frame: pd.DataFrame) -> pd.Series:
    return frame["segments"] if "segments" in frame else pd.Series(1, index=frame.index)


def party_ids(parties: pd.DataFrame) -> list[str]:
    return list(parties["party"])


def parties_only(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["party"].isin(party_ids(parties))]


def non_party(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    return frame[~frame["party"].isin(party_ids(parties))]


def in_measure(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The segments a measure counts: campaign segments, or every segment including institutional ones."""
    return frame if measure == INSTITUTIONAL else frame[frame["measure"] == CAMPAIGN]


def measures_in(frame: pd.DataFrame) -> list[str]:
    """Measures the log can give: campaign, and including institutional activities only when it codes some."""
    coded = set(frame["measure"].astype(str))
    return [CAMPAIGN] + ([INSTITUTIONAL] if INSTITUTIONAL in coded else [])


def select(frame: pd.DataFrame, channels: list[str] | None = None, parties: list[str] | None = None,
           all_parties: list[str] | None = None) -> pd.DataFrame:
    """Rows of the chosen channels and parties (None keeps all). Given all_parties (every party id), rows
    of non-party subjects are kept too: the party filter then narrows the parties only."""
    keep = pd.Series(True, index=frame.index)
    if channels is not None:
        keep &= frame["channel"].isin(channels)
    if parties is not None:
        chosen = frame["party"].isin(parties)
        if all_parties is not None:
            chosen |= ~frame["party"].isin(all_parties)
        keep &= chosen
    return frame[keep]


def to_coverage(frame: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame | None = None,
                source: str = "") -> pd.DataFrame:
    """The log in tv_coverage's shape: per channel, party and measure, share_pct = the party's airtime as
    a per cent of all parties' airtime on that channel under that measure. Every party gets a row on every
    channel with party airtime (0 when never covered); non-party subjects are left out."""
    rows = parties_only(frame, parties)
    order = list(channels["channel"]) if channels is not None else []
    out = []
    for measure in measures_in(rows) if len(rows) else []:
        airtime = in_measure(rows, measure).groupby(["channel", "party"], observed=True)["seconds"].sum()
        if airtime.empty:
            continue
        airtime.index = airtime.index.set_levels([lvl.astype(str) for lvl in airtime.index.levels])
        on = [c for c in order if c in set(airtime.index.get_level_values(0))] or sorted(
            set(airtime.index.get_level_values(0)))
        grid = airtime.reindex(pd.MultiIndex.from_product([on, party_ids(parties)], names=["channel", "party"]),
                               fill_value=0.0)
        total = grid.groupby(level="channel").transform("sum")
        share = (100 * grid / total).where(total > 0)
        out.append(share.rename("share_pct").reset_index().assign(measure=measure).dropna(subset=["share_pct"]))
    columns = ["channel", "party", "measure", "share_pct", "source"]
    if not out:
        return pd.DataFrame(columns=columns)
    result = pd.concat(out, ignore_index=True).assign(source=source)
    result["share_pct"] = result["share_pct"].astype("float64")
    return result[columns]


def airtime(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Hours of airtime per channel and party (parties only; 0 for a party never covered on a channel)."""
    rows = parties_only(frame, parties)
    hours = rows.groupby(["channel", "party"], observed=True)["seconds"].sum() / 3600
    if hours.empty:
        return pd.DataFrame(columns=["channel", "party", "hours"])
    channels_ = list(dict.fromkeys(str(c) for c in hours.index.get_level_values(0)))
    hours.index = pd.MultiIndex.from_tuples([(str(c), str(p)) for c, p in hours.index])
    grid = hours.reindex(pd.MultiIndex.from_product([channels_, party_ids(parties)]), fill_value=0.0)
    grid.index.names = ["channel", "party"]
    return grid.rename("hours").reset_index()


def tone(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Per channel and party: the per cent of its airtime that was positive, neutral and negative."""
    rows = parties_only(frame, parties)
    wide = rows.groupby(["channel", "party", "tone"], observed=True)["seconds"].sum().unstack("tone", fill_value=0.0)
    wide = wide.reindex(columns=list(TONES), fill_value=0.0)
    total = wide.sum(axis=1)
    shares = wide.div(total, axis=0) * 100
    shares.columns = list(TONES)
    out = shares.assign(hours=total / 3600).reset_index()
    out["channel"], out["party"] = out["channel"].astype(str), out["party"].astype(str)
    return out[out["hours"] > 0].reset_index(drop=True)


def weekly(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Hours per ISO week and party: week ('2020-W51'), week_start (its Monday), party, hours."""
    rows = parties_only(frame, parties)
    days = rows.groupby(["date", "party"], observed=True)["seconds"].sum().reset_index()
    if days.empty:
        return pd.DataFrame(columns=["week", "week_start", "party", "hours"])
    iso = days["date"].dt.isocalendar()
    days["week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)
    days["week_start"] = (days["date"] - pd.to_timedelta(iso["day"].astype(int) - 1, unit="D")).dt.normalize()
    days["party"] = days["party"].astype(str)
    out = days.groupby(["week", "week_start", "party"], sort=True)["seconds"].sum().div(3600).rename("hours")
    return out.reset_index()


def women(frame: pd.DataFrame) -> pd.DataFrame:
    """Per channel: items showing a woman, a man, and the women's per cent of items whose person's gender
    is known (items coded unknown or empty are left out of the share)."""
    counts = _items(frame).groupby([frame["channel"], frame["gender"]], observed=True).sum().unstack(fill_value=0)
    counts = counts.reindex(columns=list(GENDERS), fill_value=0)
    out = pd.DataFrame({"channel": counts.index.astype(str), "women": counts["female"].to_numpy(),
                        "men": counts["male"].to_numpy(), "unknown": counts[UNKNOWN].to_numpy()})
    known = out["women"] + out["men"]
    out["share_pct"] = (100 * out["women"] / known).where(known > 0)
    return out


def women_overall(frame: pd.DataFrame) -> dict:
    """The same over every channel together: women, men, unknown and share_pct (None when none is known)."""
    items = _items(frame)
    counts = {g: int(items[frame["gender"] == g].sum()) for g in GENDERS}
    known = counts["female"] + counts["male"]
    return {"women": counts["female"], "men": counts["male"], "unknown": counts[UNKNOWN],
            "share_pct": 100 * counts["female"] / known if known else None}


def subjects(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Non-party subjects (president, government, cec, ...) with their hours and items, most airtime first."""
    rows = non_party(frame, parties)
    grouped = rows.groupby("party", observed=True)
    out = pd.DataFrame({"hours": grouped["seconds"].sum() / 3600, "segments": _items(rows).groupby(rows["party"],
                                                                                                 observed=True).sum()})
    out = out.rename_axis("subject").reset_index()
    out["subject"] = out["subject"].astype(str)
    return out[out["hours"] > 0].sort_values("hours", ascending=False, kind="stable").reset_index(drop=True)


def total_hours(frame: pd.DataFrame) -> float:
    return float(frame["seconds"].sum()) / 3600


def segment_count(frame: pd.DataFrame) -> int:
    return int(_items(frame).sum())
