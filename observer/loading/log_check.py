"""The coded log's values checked and typed, column by column: each check runs once per distinct value
and is spread to the rows with numpy, so a million rows take a second, not a minute.

Problems still name the file, row, column and value as typed, the first MAX_PROBLEMS of them with a
count of the rest. Dates, numbers and names follow the same rules as every other table
(observer.loading.normalise); channel and party names become ids, a subject that is no party is kept in
lower case, and tone, gender, measure, programme type, speech and outlet type are codes from a short
list; a time is HH:MM or HH:MM:SS, and a coder needs an item id (the double-coded sample)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

from observer.loading import limits
from observer.loading.limits import MAX_PROBLEMS
from observer.loading.log import RawLog, more_problems
from observer.loading.names import key
from observer.loading.normalise import NOT_NUMBERS, name_lookup, normalise_date, normalise_numbers
from observer.loading.text import RawTable, records
from observer.problems import Problem, problem
from observer.segments import (BROADCAST, COLUMNS, GENDERS, NEWS, OUTLET_TYPES, PROGRAMME_TYPES, SPEECH, TONES,
                               TV, UNKNOWN)
from observer.tv import CAMPAIGN, MEASURES


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
    # Without nulls the indices are read in place (no copy of a million codes per column).
    parts = [(c.indices.fill_null(len(labels)) if c.null_count else c.indices).to_numpy(zero_copy_only=False)
             for c in chunks]
    codes = parts[0] if len(parts) == 1 else np.concatenate(parts)
    return _Column(labels + [""], codes.astype(np.int32, copy=False))  # "" stands for a null from Parquet


class _Issues:
    """Rows that break a check, per check; only the first MAX_PROBLEMS become Problems."""

    def __init__(self, log: RawLog):
        self.log = log
        self.found: list[tuple[np.ndarray, str, list | _Column | None, str, dict]] = []

    def add(self, mask: np.ndarray, column: str, values, kind: str, **params) -> None:
        """Rows of ``mask`` break the check whose problem kind (and parameters) are given."""
        rows = np.flatnonzero(mask)
        if len(rows):
            self.found.append((rows, column, values, kind, params))

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
            _, column, values, kind, params = self.found[check]
            value = values.values(np.array([row]))[0] if isinstance(values, _Column) else None
            out.append(problem(self.log.file, kind, row=int(line), column=column, value=value, **params))
        return out + more_problems(self.log.file, total - len(out))

    def _lines(self, rows: np.ndarray) -> np.ndarray:
        log = self.log
        if log.lines is not None:
            return log.lines[rows]
        if log.text is None:
            return rows + log.header_row + 1
        # Records as pyarrow counts them: empty lines skipped, the first other line is the header.
        wanted = int(rows.max())
        kept = (line for line, record in records(log.text.decode("utf-8"), log.delimiter, log.file) if record)
        next(kept, None)
        found = list(itertools.islice(kept, wanted + 1))
        found = np.asarray(found + [0] * (wanted + 1 - len(found)))
        return found[rows]


def check(log: RawLog, fields: list[dict], tables: dict) -> tuple[pd.DataFrame, list[Problem]]:
    """The log checked, its channel and party names looked up in the channels and parties read with it."""
    return validate(log, fields, tables.get("channels"), tables.get("parties"))


def validate(log: RawLog, fields: list[dict], channels: RawTable | None = None,
             parties: RawTable | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """The log as a DataFrame (date as datetime64, seconds as float64, the rest categorical; channel and
    party names replaced by ids; a non-party subject in lower case), and every Problem found."""
    check = _Check(log, fields)
    columns = {"date": _dates(check), "channel": _channels(check, channels), "party": _subjects(check, parties),
               "programme": _texts(check, "programme")}
    for column, allowed, blank in CODES:
        columns[column] = _codes(check, column, allowed, blank)
    broadcast = np.asarray(columns["outlet_type"].isin(BROADCAST))
    columns["seconds"] = _seconds(check, broadcast)
    columns["items"] = _positive(check, "items", "log_count_not_positive", whole=True)
    columns["characters"] = _positive(check, "characters", "log_count_not_positive")
    columns["time"] = _times(check)
    columns["item_id"], columns["coder"] = _item_numbers(check), _texts(check, "coder")
    coder = columns["coder"]
    named = (np.asarray(coder.categories) != "")[coder.codes]
    check.issues.add(named & (columns["item_id"] < 0), "coder", check.column("coder"), "log_coder_without_item")
    # Columns of the log's own (the reader added them to fields) are kept as text, after the contract's.
    own = [f["name"] for f in fields if f.get("extra") and f["name"] in log.columns and f["name"] not in COLUMNS]
    for name in own:
        columns[name] = _texts(check, name)
    frame = pd.DataFrame({c: columns[c] for c in (*COLUMNS, *own)})
    return frame, check.counted + (check.issues.problems() if check.issues else [])


# Columns of codes from a short list, in any case, and what an empty cell means (None: it is required;
# "": not coded).
CODES = (("tone", TONES, None), ("gender", GENDERS, UNKNOWN), ("measure", MEASURES, CAMPAIGN),
         ("programme_type", PROGRAMME_TYPES, NEWS), ("speech", SPEECH, ""), ("outlet_type", OUTLET_TYPES, TV))


class _Check:
    """One log being checked: its columns as read, its fields, and the rows found wrong so far."""

    def __init__(self, log: RawLog, fields: list[dict]):
        self.log = log
        self.issues = _Issues(log)
        self.counted: list[Problem] = []  # problems of the log as a whole, not of its rows
        self.spec = {f["name"]: f for f in fields}
        self._columns: dict[str, _Column] = {}

    def raw(self, name: str) -> pa.ChunkedArray | None:
        return self.log.columns.get(name)

    def column(self, name: str) -> _Column:
        if name not in self._columns:  # several checks read one column
            self._columns[name] = _column(self.raw(name), self.log.rows)
        return self._columns[name]

    def required(self, name: str, col: _Column, empty: np.ndarray) -> None:
        if self.spec[name].get("constraints", {}).get("required"):
            self.issues.add(empty[col.codes], name, None, "constraint_required")


def _blank(col: _Column) -> np.ndarray:
    return np.array([not str(v).strip() for v in col.labels])


def _dates(check: _Check) -> np.ndarray:
    """Typed in Parquet, else text as in every other table (YYYY-MM-DD, or 30.12.2020 from Excel)."""
    raw = check.raw("date")
    first, last = np.datetime64(limits.FIRST_DATE, "D"), np.datetime64(limits.LAST_DATE, "D")
    bounds = {"first": limits.FIRST_DATE, "last": limits.LAST_DATE}
    if raw is not None and (pa.types.is_date(raw.type) or pa.types.is_timestamp(raw.type)):
        days = raw.cast(pa.timestamp("s")).to_numpy().astype("datetime64[D]")
        check.issues.add(np.isnat(days), "date", None, "constraint_required")
        outside = ~np.isnat(days) & ((days < first) | (days > last))
        check.issues.add(outside, "date", None, "date_out_of_range", **bounds)
        days[outside] = np.datetime64("NaT")  # never converted to nanoseconds, where it would wrap
        return days.astype("datetime64[ns]")
    col = check.column("date")
    parsed = [_date(v) for v in col.labels]
    empty = _blank(col)
    check.required("date", col, empty)
    bad = np.array([p is None for p in parsed]) & ~empty
    check.issues.add(bad[col.codes], "date", col, "type_date")
    days = np.array([p if p is not None else np.datetime64("NaT") for p in parsed], dtype="datetime64[D]")
    outside = ~np.isnat(days) & ((days < first) | (days > last))
    check.issues.add(outside[col.codes], "date", col, "date_out_of_range", **bounds)
    days[outside] = np.datetime64("NaT")
    return days[col.codes].astype("datetime64[ns]")


def _lengths(check: _Check, name: str, col: _Column) -> None:
    """Names longer than MAX_NAME_CHARS: drawn on charts, they are refused, not cut."""
    lengths = np.array([len(str(v)) for v in col.labels])
    long = lengths > limits.MAX_NAME_CHARS
    if long.any():
        for label in np.flatnonzero(long)[:limits.MAX_PROBLEMS]:
            check.issues.add(col.codes == label, name, col, "text_too_long", length=int(lengths[label]),
                             limit=limits.MAX_NAME_CHARS)


def _channels(check: _Check, channels: RawTable | None) -> pd.Categorical:
    """An id or a name of channels.csv (anything, when the package has no channels to check against)."""
    col = check.column("channel")
    _lengths(check, "channel", col)
    ids = [str(v).strip() for v in col.labels]
    empty = np.array([not v for v in ids])
    check.required("channel", col, empty)
    if channels is None:
        distinct = len({key(v) for v in ids if v})
        if distinct > limits.MAX_CHANNELS:
            check.counted.append(problem(check.log.file, "too_many_channels", column="channel", count=distinct,
                                         limit=limits.MAX_CHANNELS))
    else:
        lookup = name_lookup(channels, "channel")
        ids = [lookup.get(key(v), v) for v in ids]
        known = set(lookup.values())
        unknown = np.array([v not in known for v in ids]) & ~empty
        check.issues.add(unknown[col.codes], "channel", col, "foreign_key", table_file="channels.csv")
    return _categorical(ids, col.codes)


def _subjects(check: _Check, parties: RawTable | None) -> pd.Categorical:
    """A party's id or name where it matches one; anything else is a non-party subject, in lower case."""
    col = check.column("party")
    _lengths(check, "party", col)
    lookup = name_lookup(parties, "party") if parties is not None else {}
    keys = [key(v) for v in col.labels]
    subjects = [lookup.get(k, k) for k in keys]
    check.required("party", col, np.array([not s for s in subjects]))
    return _categorical(subjects, col.codes)


def _texts(check: _Check, name: str) -> pd.Categorical:
    col = check.column(name)
    _lengths(check, name, col)
    return _categorical([str(v).strip() for v in col.labels], col.codes)


def _item_numbers(check: _Check) -> np.ndarray:
    """Each row's item as a number (rows with the same item id, outer spaces trimmed, share one; -1 where
    the id is empty). An item id is nearly unique per row, so a million of them go through pyarrow's
    string kernels, never one Python string at a time (the readers give every chunk one dictionary); only
    which rows share an item matters to the figures, so the ids themselves are not kept."""
    import pyarrow.compute as pc

    raw = check.raw("item_id")
    rows = check.log.rows
    if raw is None or not len(raw):
        return np.full(rows, -1, dtype=np.int64)
    if not pa.types.is_dictionary(raw.type):
        raw = pa.chunked_array([pc.cast(raw, pa.string()).combine_chunks().dictionary_encode()])
    chunks = [c for c in raw.chunks if len(c)]
    typed = pc.cast(chunks[0].dictionary, pa.string())
    trimmed = pc.utf8_trim_whitespace(typed)
    codes = np.concatenate([c.indices.fill_null(len(typed)).to_numpy(zero_copy_only=False) for c in chunks])
    dictionary = pa.concat_arrays([trimmed, pa.array([""])])  # the last: a null from Parquet
    if pc.any(pc.greater(pc.utf8_length(trimmed), limits.MAX_NAME_CHARS)).as_py():
        _lengths(check, "item_id", _Column(dictionary.to_pylist(), codes.astype(np.int32)))
    if pc.all(pc.equal(trimmed, typed)).as_py() is not False:
        remap = np.arange(len(dictionary), dtype=np.int64)  # nothing trimmed: one dictionary entry per id
    else:
        encoded = dictionary.dictionary_encode()  # ids equal once trimmed are one item
        remap = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    empty = pc.equal(dictionary, "").to_numpy(zero_copy_only=False)
    remap[empty] = -1
    return remap[codes]


def _seconds(check: _Check, broadcast: np.ndarray) -> np.ndarray:
    """A number above 0, required on rows of a broadcast outlet (TV, radio); online and print may have none."""
    seconds = _positive(check, "seconds", "seconds_not_positive")
    missing = np.isnan(seconds) & broadcast
    if check.raw("seconds") is not None and (pa.types.is_integer(check.raw("seconds").type)
                                              or pa.types.is_floating(check.raw("seconds").type)):
        check.issues.add(missing, "seconds", None, "constraint_required")
    else:
        col = check.column("seconds")
        check.issues.add(missing & _blank(col)[col.codes], "seconds", None, "constraint_required")
    return seconds


def _positive(check: _Check, name: str, kind: str, whole: bool = False) -> np.ndarray:
    """A number above 0, or NaN where empty (typed in Parquet; decimal commas and thousands separators as
    elsewhere). ``whole``: a count, so a fraction is refused too."""
    raw = check.raw(name)
    if raw is not None and (pa.types.is_integer(raw.type) or pa.types.is_floating(raw.type)):
        values = raw.to_numpy(zero_copy_only=False).astype("float64")
        check.issues.add(values <= 0, name, None, kind)
        if whole:
            check.issues.add(np.isfinite(values) & (values != np.floor(values)), name, None, "type_integer")
        return values
    col = check.column(name)
    parsed = _numbers(col.labels)
    empty = _blank(col)
    check.issues.add((np.isnan(parsed) & ~empty)[col.codes], name, col, "type_number")
    check.issues.add((parsed <= 0)[col.codes], name, col, kind)
    if whole:
        check.issues.add((np.isfinite(parsed) & (parsed != np.floor(parsed)))[col.codes], name, col, "type_integer")
    return parsed[col.codes]


def _times(check: _Check) -> np.ndarray:
    """The item's start as seconds after midnight (NaN where empty): HH:MM or HH:MM:SS, 00:00 to 23:59:59."""
    col = check.column("time")
    parsed = np.array([_time(v) for v in col.labels], dtype="float64")
    bad = np.isnan(parsed) & ~_blank(col)
    check.issues.add(bad[col.codes], "time", col, "log_time_invalid")
    return parsed[col.codes]


def _time(value) -> float:
    parts = str(value).strip().split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) == 2 for p in parts[1:]) \
            or not parts[0].isdigit() or len(parts[0]) > 2:
        return np.nan
    hours, minutes, seconds = (int(p) for p in parts + ["0"] * (3 - len(parts)))
    if hours > 23 or minutes > 59 or seconds > 59:
        return np.nan
    return float(hours * 3600 + minutes * 60 + seconds)


def _codes(check: _Check, name: str, allowed: tuple, blank: str | None) -> pd.Categorical:
    """One of ``allowed`` in any case; empty is ``blank`` (or, when blank is None, a missing required value)."""
    col = check.column(name)
    codes = [key(v) for v in col.labels]
    if blank is None:
        check.required(name, col, np.array([not c for c in codes]))
    bad = np.array([bool(c) and c not in allowed for c in codes])
    check.issues.add(bad[col.codes], name, col, "constraint_enum" if blank is None else "constraint_enum_or_empty",
                     allowed=", ".join(allowed))
    return _categorical([c if c in allowed else (blank or "") for c in codes], col.codes)


def _date(value) -> np.datetime64 | None:
    text = normalise_date(str(value))
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
        fixed, _ = normalise_numbers([text[i] for i in odd], "number")
        for i, value in zip(odd, fixed):
            try:
                number = float(value)
            except ValueError:
                continue
            plain[i] = number if np.isfinite(number) and key(value) not in NOT_NUMBERS else np.nan
    return plain


def _categorical(values: list[str], codes: np.ndarray) -> pd.Categorical:
    """Rows' values from per-label values; labels that mean the same thing share one category."""
    categories = list(dict.fromkeys(values))
    position = {v: i for i, v in enumerate(categories)}
    # The codes in the narrowest type that holds them (what pandas would convert them to), and not
    # checked again: each is a position in categories by construction.
    narrow = np.int8 if len(categories) < 1 << 7 else np.int16 if len(categories) < 1 << 15 else np.int32
    remap = np.array([position[v] for v in values], dtype=narrow)
    return pd.Categorical.from_codes(remap[codes], categories=categories, validate=False)
