"""What a coded TV monitoring log (tv_segments) shows: its codes, and everything computed from it. Pure pandas.

Monitoring teams code every news item: day, channel, programme, subject (a party, or another subject
such as the president, the government or the CEC), airtime in seconds, tone and the gender of the person
shown. From such a log this module computes the shares tv_coverage publishes (so the TV page works from a
log alone) and what percentages cannot show: hours of airtime, tone, coverage week by week, the share
of women among those shown and the airtime of non-party subjects, kept apart from the parties.
Reading and checking a log is the loader's (observer.loading.log and log_check).

Measures: a segment coded ``campaign`` (or with no measure) is campaign coverage; one coded
``incl_institutional`` covers a subject's institutional activities. The campaign share counts campaign
segments only; the share "including institutional activities" counts every segment, as the statement's
second measure does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from observer.tv import CAMPAIGN, INSTITUTIONAL

TABLE = "tv_segments"
FILE = "tv_segments.csv"
COLUMNS = ["date", "channel", "programme", "party", "seconds", "tone", "gender", "measure",
           "programme_type", "speech", "time", "item_id", "coder", "outlet_type", "items", "characters"]
TONES = ("positive", "neutral", "negative")
# Monitoring methodology's codes (observer.monitoring computes their figures). An empty programme type is
# news and an empty outlet type is TV, so a log without these columns means what it always meant.
NEWS = "news"
PROGRAMME_TYPES = ("news", "current_affairs", "debate", "free_airtime", "paid_advertising", "voter_education",
                   "other")
SPEECH = ("direct", "indirect")
TV = "tv"
OUTLET_TYPES = ("tv", "radio", "online", "print")
BROADCAST = ("tv", "radio")
GENDERS = ("female", "male", "unknown")
UNKNOWN = "unknown"
# Subjects monitors commonly code besides parties; their names come from the catalogue.
KNOWN_SUBJECTS = ("president", "government", "cec", "parliament")
# The subjects chart draws this many non-party subjects, the rest summed as one row (the log keeps all).
SUBJECTS_SHOWN = 20
OTHER_SUBJECTS = "…"  # that row's subject: no word, so it reads the same in every language


# --- aggregation ----------------------------------------------------------------------------------

KEYS = ["date", "channel", "party", "measure", "tone", "gender"]
# Keys of the monitoring methodology's columns (observer.monitoring), each with what a log without the
# column means; ``prime`` is derived from the time: "yes", "no", or "" where the item has no time.
MONITORING_KEYS = {"programme_type": NEWS, "speech": "", "outlet_type": TV, "prime": ""}
PRIME = "prime"
SUMS = ["seconds", "segments", "items", "characters", "with_characters"]


def log_days(pkg) -> list[str]:
    """The coded log's days, ISO dates in order (none: the package has no log)."""
    log = pkg.table(TABLE)
    if log is None:
        return []
    return [str(d.date()) for d in sorted(log["date"].dropna().dt.normalize().unique())]


def summarise(log: pd.DataFrame, prime: tuple[float, float] | None = None, keys: list[str] | None = None,
              rows: np.ndarray | None = None, coded: Coded | None = None) -> pd.DataFrame:
    """The log with one row per combination of ``keys`` (KEYS: day, channel, subject, measure, tone and
    gender; the monitoring views add programme type, speech, outlet type or prime time): airtime summed in
    ``seconds``, rows counted in ``segments``, ``items`` (a row's items, 1 when empty), ``characters`` and
    ``with_characters`` (rows that give characters). Every function below gives the same answer on it as
    on the log, and it is small (a few thousand rows for a campaign), so pages aggregate it instantly.
    ``prime``: the prime-time window as seconds after midnight (start, end); without it no row is in prime
    time or out of it. ``rows``: a mask of the rows to sum (None: all of them); ``coded``: the log's
    columns as codes, shared by several summaries of one log (see Coded)."""
    keys = list(KEYS if keys is None else keys)
    if log.empty or (rows is not None and not rows.any()):
        return pd.DataFrame(columns=keys + SUMS)
    coded = coded if coded is not None else Coded(log, prime)
    ids, length, decode = coded.combinations(keys, rows)
    # Sums by bincount over each row's combination: a groupby over ten keys of a million rows would take
    # half a second, this a tenth of that. The combinations with rows are the summary's.
    counts = np.bincount(ids, minlength=length)
    if rows is not None:
        counts[length - 1] = 0  # the left-out rows' number
    present = np.flatnonzero(counts)
    frame = pd.DataFrame({key: coded.key(key)[1][codes] for key, codes in zip(keys, decode(present))})
    if "date" in frame:
        frame["date"] = frame["date"].astype("datetime64[ns]")
    weights = coded.weights()
    for name in SUMS:
        if name == "segments" or (name == "items" and name not in weights):
            frame[name] = counts[present]
        elif name not in weights:
            frame[name] = 0.0
        else:
            frame[name] = np.bincount(ids, weights=weights[name], minlength=length)[present]
    return frame


# Keys every summary of the page starts with (KEYS and monitoring.SUMMARIES): their combinations are
# numbered once per log.
SHARED_KEYS = ("date", "channel", "party", "measure")


class Coded:
    """A log's keys as integer codes with the values they stand for, and its sums as floats, each worked
    out once: the page's summaries of one log (monitoring.summaries) share them, and pass masks of rows
    instead of copying the log for each."""

    def __init__(self, log: pd.DataFrame, prime: tuple[float, float] | None = None):
        self.log, self.prime = log, prime
        self._keys: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._weights: dict[str, np.ndarray] | None = None
        self._shared: tuple[np.ndarray, list] | None = None

    def key(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        if key not in self._keys:
            if key == "date":
                # Dates too as codes of the values present (factorised, not counted in days from the
                # first): how much is allocated depends on the rows, never on the span of dates.
                days = self.log["date"].to_numpy().astype("datetime64[ns]")
                values, codes = _factorised(days.astype("datetime64[D]").astype(np.int64))
                self._keys[key] = (codes, values.astype("datetime64[D]").astype("datetime64[ns]"))
            else:
                values = _key_column(self.log, key, self.prime)
                self._keys[key] = (values.codes.astype(np.int64), np.asarray(values.categories.astype(str)))
        return self._keys[key]

    def prepare(self, keys) -> None:
        """Every code, sum and shared combination worked out now, so that summaries can then run in
        threads without working any of them out twice."""
        for key in keys:
            self.key(key)
        self.weights()
        self.shared()

    def shared(self) -> tuple[np.ndarray, list]:
        """Each row's combination of SHARED_KEYS, numbered 0 to n - 1, and each key's code for every one."""
        if self._shared is None:
            ids, _, decode = self.combinations(list(SHARED_KEYS))
            values, numbers = _factorised(ids)
            self._shared = (numbers, decode(values))
        return self._shared

    def combinations(self, keys: list[str], rows: np.ndarray | None = None):
        """Each row's combination of ``keys`` as a number below ``length``, and ``decode(numbers)``: each
        key's codes for those numbers. With ``rows``, a row left out is numbered ``length - 1``, which no
        row summed has.

        A combination is its codes in mixed radix, numbered again (by _factorised) only where that range
        is large for the rows; the keys every summary of the page starts with are numbered once per log.
        A partial combination that could overflow 64 bits is numbered first."""
        keys = tuple(keys)
        shared = len(SHARED_KEYS) if keys[:len(SHARED_KEYS)] == SHARED_KEYS and len(keys) > len(SHARED_KEYS) else 0
        if shared:
            ids, table = self.shared()
        else:
            ids, table = np.zeros(len(self.log), dtype=np.int64), []
        size = len(table[0]) if table else 1
        widths: list[int] = []
        for key in keys[shared:]:
            code = self.key(key)[0]
            width = int(code.max()) + 1 if len(code) else 1
            if size * width > 1 << 40:
                values, ids = _factorised(ids)
                table, widths = _decoded(values, table, widths), []
                size = len(values)
            ids = ids * width + code
            size *= width
            widths.append(width)
        if rows is not None:
            ids = ids.copy() if not widths else ids
            ids[~rows] = size
            size += 1
        if size > max(4 * len(ids), 1 << 16):  # a range much larger than the rows: numbered by sorting
            values, ids = _factorised(ids)
            return ids, len(values), lambda numbers: _decoded(values[numbers], table, widths)
        return ids, size, lambda numbers: _decoded(numbers, table, widths)

    def weights(self) -> dict[str, np.ndarray]:
        """What the summary sums besides the rows themselves, for the columns the log has."""
        if self._weights is None:
            log = self.log
            found = {"seconds": _filled(log["seconds"], 0.0)}
            if "items" in log:
                found["items"] = _filled(log["items"], 1.0)
            if "characters" in log:
                found["characters"] = _filled(log["characters"], 0.0)
                found["with_characters"] = (~np.isnan(log["characters"].to_numpy(dtype="float64"))).astype("float64")
            self._weights = found
        return self._weights


def _filled(values: pd.Series, empty: float) -> np.ndarray:
    """A column of numbers as floats, ``empty`` where it has none (np.nan_to_num's infinity checks are
    not needed: the loader refuses infinite numbers)."""
    found = values.to_numpy(dtype="float64", copy=True)
    found[np.isnan(found)] = empty
    return found


def _decoded(values: np.ndarray, table: list, widths: list[int]) -> list[np.ndarray]:
    """Each key's codes for combinations written in mixed radix: an index into ``table`` (the codes of
    keys numbered before), then codes of the given widths."""
    codes = []
    rest = values
    for width in reversed(widths):
        codes.append(rest % width)
        rest = rest // width
    return [t[rest] for t in table] + codes[::-1]


def _factorised(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_inverse=True) for integers: by counting when their range is within a few
    times the number of values (no sort: a million rows in milliseconds), else by sorting. Memory is
    bounded by the rows either way, never by the range alone."""
    if not len(values):
        return values[:0], values[:0].astype(np.int64)
    low, high = int(values.min()), int(values.max())
    if high - low < max(4 * len(values), 1 << 16):
        offset = values - low
        present = np.bincount(offset, minlength=high - low + 1) > 0
        lookup = np.cumsum(present) - 1
        return np.flatnonzero(present) + low, lookup[offset].astype(np.int64)
    found, inverse = np.unique(values, return_inverse=True)
    return found, inverse.astype(np.int64).ravel()


def _key_column(log: pd.DataFrame, key: str, prime: tuple[float, float] | None) -> pd.Categorical:
    """A key's values as a Categorical; a monitoring column the log lacks is its default throughout."""
    if key == PRIME:
        if "time" not in log or prime is None:
            return pd.Categorical.from_codes(np.zeros(len(log), dtype=np.int8), categories=[""])
        start, end = prime
        time = log["time"].to_numpy(dtype="float64")
        inside = (time >= start) & (time < end) if start <= end else (time >= start) | (time < end)
        return pd.Categorical.from_codes(np.where(np.isnan(time), 0, np.where(inside, 1, 2)).astype(np.int8),
                                         categories=["", "yes", "no"])
    if key not in log:
        return pd.Categorical.from_codes(np.zeros(len(log), dtype=np.int8), categories=[MONITORING_KEYS[key]])
    values = log[key]
    return values.array if isinstance(values.dtype, pd.CategoricalDtype) else pd.Categorical(values)


def counted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the TV shares count: news programmes on TV (a log without these columns is all of that)."""
    keep = counted_rows(frame)
    return frame if keep.all() else frame[keep]


def counted_rows(frame: pd.DataFrame) -> np.ndarray:
    """Per row, whether the TV shares count it (see counted)."""
    keep = np.ones(len(frame), dtype=bool)
    if "programme_type" in frame:
        keep &= equals(frame["programme_type"], NEWS)
    if "outlet_type" in frame:
        keep &= equals(frame["outlet_type"], TV)
    return keep


def equals(values: pd.Series, value: str) -> np.ndarray:
    """Rows whose code is ``value``: compared once per category, not once per row as text."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        matches = np.append(np.asarray(values.cat.categories.astype(str)) == value, False)  # code -1: missing
        return matches[codes]
    return (values.astype(str) == value).to_numpy()


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
    channel with party airtime (0 when never covered); non-party subjects are left out, and so are
    programmes other than news and outlets other than TV (observer.monitoring shows those)."""
    rows = counted(parties_only(frame, parties))
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


def subjects(frame: pd.DataFrame, parties: pd.DataFrame, shown: int | None = None) -> pd.DataFrame:
    """Non-party subjects (president, government, cec, ...) with their hours and items, most airtime first:
    the ``shown`` (SUBJECTS_SHOWN) with most airtime, and every other one summed in one last row whose
    subject is OTHER_SUBJECTS, so a log of thousands of subjects still draws as a readable chart."""
    shown = SUBJECTS_SHOWN if shown is None else shown
    rows = non_party(frame, parties)
    grouped = rows.groupby("party", observed=True)
    out = pd.DataFrame({"hours": grouped["seconds"].sum() / 3600, "segments": _items(rows).groupby(rows["party"],
                                                                                                 observed=True).sum()})
    out = out.rename_axis("subject").reset_index()
    out["subject"] = out["subject"].astype(str)
    out = out[out["hours"] > 0].sort_values("hours", ascending=False, kind="stable").reset_index(drop=True)
    if len(out) <= shown:
        return out
    rest = out.iloc[shown:]
    others = pd.DataFrame({"subject": [OTHER_SUBJECTS], "hours": [float(rest["hours"].sum())],
                           "segments": [rest["segments"].sum()]}).astype(out.dtypes.to_dict())
    return pd.concat([out.iloc[:shown], others], ignore_index=True)


def total_hours(frame: pd.DataFrame) -> float:
    return float(frame["seconds"].sum()) / 3600


def segment_count(frame: pd.DataFrame) -> int:
    return int(_items(frame).sum())
