"""What a media monitoring unit measures beyond the shares, from a coded log (tv_segments). Pure pandas.

Observation missions' monitoring units (the methodology of the ODIHR, EU election observation missions
and MEMO 98) code more than a subject, airtime and tone: the programme type (the shares count news; free
airtime and paid advertising are compared with what the law allots), whether the subject speaks on air
(direct speech) or is spoken about, when the item started (the share in prime time), the outlet type
(TV and radio in seconds, online and print in items or characters), and a double-coded sample whose
agreement is the inter-coder reliability (Krippendorff's alpha). Every figure here reads the log's
summary (observer.segments.summarise) except reliability, which reads the double-coded rows.

A log without one of these columns means what it always meant: every row is TV news, and a figure that
needs the column is simply not shown.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observer import segments
from observer.segments import BROADCAST, NEWS, PROGRAMME_TYPES, TV, parties_only

# Krippendorff's thresholds (Content Analysis, 2004/2018, section 12.4): below 0.667 data are not to be
# relied on, from 0.667 only tentative conclusions, from 0.8 reliable.
TENTATIVE = 0.667
RELIABLE = 0.8
# The prime-time window when the package gives none (facts prime_time_start and prime_time_end, in hours).
PRIME_DEFAULT = (19.0, 23.0)
PRIME_FACTS = ("prime_time_start", "prime_time_end")
# What the law allots, where the package says (facts, in minutes per party and channel).
FREE_AIRTIME_FACT = "free_airtime_minutes"
PAID_ADVERTISING_FACT = "paid_advertising_max_minutes"
SILENCE_FACTS = ("silence_day", "silence_day_2")
VARIABLES = ("party", "tone", "seconds")  # the coded variables whose agreement is measured
LEVELS = {"party": "nominal", "tone": "ordinal", "seconds": "interval"}
TONE_ORDER = {"negative": 0, "neutral": 1, "positive": 2}
UNITS = {"tv": "seconds", "radio": "seconds", "online": "items", "print": "items"}


def has(log: pd.DataFrame | None, column: str) -> bool:
    """Whether the log codes a column: it was in the file and some row has a value."""
    if log is None or column not in log:
        return False
    values = log[column]
    if column == "item_id":
        return bool((values >= 0).any())  # the loader's item numbers; -1: no item id
    if values.dtype.kind == "f":
        return bool(values.notna().any())
    default = segments.MONITORING_KEYS.get(column)
    coded = ~segments.equals(values, "")
    return bool(coded.any()) and not (default and segments.equals(values, default).all())


# --- double coding --------------------------------------------------------------------------------

def first_codings(log: pd.DataFrame) -> np.ndarray:
    """Per row, whether it counts in the figures: a row without an item id, or one of its item's first
    coder (in file order). The other coders' rows of a double-coded item only feed reliability."""
    if "item_id" not in log or "coder" not in log:
        return np.ones(len(log), dtype=bool)
    items = log["item_id"].to_numpy(dtype=np.int64)  # the loader numbers items; -1: no item id
    coded = items >= 0
    if not coded.any():
        return np.ones(len(log), dtype=bool)
    coder_codes, _ = _codes_of(log["coder"])
    item_codes = np.where(coded, items, 0)
    first_row = np.zeros(int(item_codes.max()) + 1, dtype=np.int64)
    first_row[item_codes[::-1]] = np.arange(len(log) - 1, -1, -1)  # each item's first row, in one pass
    return ~coded | (coder_codes == coder_codes[first_row][item_codes])


def _codes_of(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column as integer codes and the values they stand for (a categorical's own, without copying)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64), np.asarray(values.cat.categories.astype(str))
    codes, uniques = pd.factorize(values.astype(str))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


# The summaries the monitoring views read, each with only the keys its figures need (crossing every code
# with every other would make a summary nearly as long as the log): name -> (keys, rows it sums).
SUMMARIES = {
    "programme": (["date", "channel", "party", "measure", "programme_type", "outlet_type"], "all"),
    "speech": (["date", "channel", "party", "measure", "speech"], "tv_news"),
    "prime": (["date", "channel", "party", "measure", segments.PRIME], "tv_news"),
}


def summaries(log: pd.DataFrame, prime: tuple[float, float] | None = None) -> dict[str, pd.DataFrame]:
    """The log (its first codings only) summed for the page: "base" per segments.KEYS over TV news (what
    the shares and the log's first five views count), and one per monitoring view (SUMMARIES)."""
    first = first_codings(log)
    tv_news = first & segments.counted_rows(log)
    wanted = {"base": (segments.KEYS, tv_news)} | {
        name: (keys, first if rows == "all" else tv_news) for name, (keys, rows) in SUMMARIES.items()}
    coded = segments.Coded(log, prime)  # each column's codes once, for the four summaries
    if log.empty:
        return {name: segments.summarise(log, prime=prime, keys=keys) for name, (keys, _) in wanted.items()}
    # What the summaries share is worked out first; then they are independent, and numpy lets go of the
    # interpreter over a million rows, so two threads (the machines this runs on have two cores or more)
    # take about half the time of one.
    coded.prepare({key for keys, _ in wanted.values() for key in keys})
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = {name: pool.submit(segments.summarise, log, prime, keys, rows, coded)
                for name, (keys, rows) in wanted.items()}
    return {name: future.result() for name, future in done.items()}


@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha of one variable on the double-coded sample (None when it cannot be computed)."""

    variable: str
    level: str
    alpha: float | None


@dataclass(frozen=True)
class Reliability:
    items: int     # double-coded items (an item id with two coders or more)
    coders: int    # coders who coded any of them
    agreements: tuple[Agreement, ...]


def double_coded(log: pd.DataFrame) -> pd.DataFrame:
    """Each double-coded item's codings: one row per item and coder (the coder's first row of the item),
    with item_id, coder, date, party, tone and seconds."""
    if "item_id" not in log or "coder" not in log:
        return pd.DataFrame(columns=["item_id", "coder", "date", "party", "tone", "seconds"])
    coder_codes, coders = _codes_of(log["coder"])
    rows = log[(log["item_id"].to_numpy() >= 0) & (coders[coder_codes] != "")]
    rows = pd.DataFrame({"item_id": rows["item_id"].to_numpy(), "coder": rows["coder"].astype(str),
                         "date": rows["date"], "party": rows["party"].astype(str), "tone": rows["tone"].astype(str),
                         "seconds": rows["seconds"].to_numpy(dtype="float64")})
    rows = rows.drop_duplicates(["item_id", "coder"], keep="first")
    coders_per_item = rows.groupby("item_id")["coder"].transform("size")
    return rows[coders_per_item >= 2].reset_index(drop=True)


def reliability(codings: pd.DataFrame) -> Reliability | None:
    """Krippendorff's alpha for party (nominal), tone (ordinal) and seconds (interval) on the double-coded
    sample (double_coded's rows), computed by the krippendorff package; None without such a sample."""
    if codings.empty:
        return None
    import krippendorff

    items, unit = np.unique(codings["item_id"].to_numpy(), return_inverse=True)
    coders, coder = np.unique(codings["coder"].to_numpy(), return_inverse=True)
    found = []
    for variable in VARIABLES:
        values = _numeric(codings, variable)
        data = np.full((len(coders), len(items)), np.nan)
        data[coder, unit] = values
        domain = np.unique(values[~np.isnan(values)])
        try:
            if LEVELS[variable] == "interval" and len(domain) > PACKAGE_MAX_VALUES:
                alpha = interval_alpha(data)
            else:
                alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement=LEVELS[variable],
                                                 value_domain=domain))
        except (ValueError, ZeroDivisionError):
            alpha = None  # one value only, nothing to disagree about: alpha is undefined
        found.append(Agreement(variable, LEVELS[variable], None if alpha is None or np.isnan(alpha) else alpha))
    return Reliability(len(items), len(coders), tuple(found))


# The krippendorff package builds a units x values x values array: for seconds, with hundreds of distinct
# values on thousands of items, that is gigabytes. Above this many values interval alpha is computed from
# its closed form below, which gives the package's result (tests/test_monitoring.py checks both).
PACKAGE_MAX_VALUES = 60


def interval_alpha(data: np.ndarray) -> float:
    """Krippendorff's alpha for interval data from a coders x units matrix (NaN: not coded), in O(values):
    1 - D_o / D_e, where a unit of m pairable values contributes its sum of squared differences over
    ordered pairs, 2 (m sum v^2 - (sum v)^2), divided by m - 1 to D_o, and D_e takes the same sum over
    every pairable value divided by n - 1 (n: all pairable values)."""
    coded = ~np.isnan(data)
    m = coded.sum(axis=0)
    pairable = m >= 2
    values = np.where(coded, data, 0.0)[:, pairable]
    m = m[pairable].astype("float64")
    n = m.sum()
    if n < 2:
        raise ValueError("fewer than two pairable values")
    total, squares = values.sum(axis=0), (values ** 2).sum(axis=0)
    observed = (2 * (m * squares - total ** 2) / (m - 1)).sum() / n
    everything, all_squares = total.sum(), squares.sum()
    expected = 2 * (n * all_squares - everything ** 2) / (n * (n - 1))
    if expected == 0:
        raise ZeroDivisionError("every value the same")
    return float(1 - observed / expected)


def _numeric(codings: pd.DataFrame, variable: str) -> np.ndarray:
    if variable == "seconds":
        return codings["seconds"].to_numpy(dtype="float64")
    if variable == "tone":
        return codings["tone"].map(TONE_ORDER).to_numpy(dtype="float64")
    return pd.factorize(codings[variable])[0].astype("float64")


def reading(alpha: float | None) -> str:
    """Krippendorff's reading of an alpha: 'reliable', 'tentative' or 'unreliable' ('' when undefined)."""
    if alpha is None:
        return ""
    return "reliable" if alpha >= RELIABLE else "tentative" if alpha >= TENTATIVE else "unreliable"


# --- the package's facts --------------------------------------------------------------------------

def prime_window(facts) -> tuple[float, float, bool]:
    """The prime-time window in hours (start, end) and whether the package gives it (else 19:00-23:00)."""
    start, end = (facts.value(f) if facts is not None else None for f in PRIME_FACTS)
    if start is None or end is None or not (0 <= start < 24 and 0 < end <= 24):
        return PRIME_DEFAULT[0], PRIME_DEFAULT[1], False
    return float(start), float(end), True


def in_seconds(window: tuple[float, float, bool]) -> tuple[float, float]:
    return window[0] * 3600, window[1] * 3600


def silence_days(facts) -> list[pd.Timestamp]:
    """The campaign-silence day(s) the package gives (facts silence_day, silence_day_2)."""
    if facts is None:
        return []
    found = [facts.get(f) for f in SILENCE_FACTS]
    return [f.date.normalize() for f in found if f is not None and f.date is not None]


# --- the date range -------------------------------------------------------------------------------

def in_period(frame: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Rows aired from ``start`` to ``end`` (dates, both included; None: open)."""
    if start is None and end is None:
        return frame
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["date"] <= pd.Timestamp(end)
    return frame[keep]


# --- figures --------------------------------------------------------------------------------------

def _tv(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[segments.equals(frame["outlet_type"], TV)] if "outlet_type" in frame else frame


def _news(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[segments.equals(frame["programme_type"], NEWS)] if "programme_type" in frame else frame


def programme_types(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """TV airtime per channel, party and programme type, in hours (parties only; types with airtime)."""
    rows = parties_only(_tv(frame), parties)
    hours = rows.groupby(["channel", "party", "programme_type"], observed=True)["seconds"].sum() / 3600
    out = hours.rename("hours").reset_index()
    for column in ("channel", "party", "programme_type"):
        out[column] = out[column].astype(str)
    out = out[out["hours"] > 0]
    rank = {t: i for i, t in enumerate(PROGRAMME_TYPES)}
    return out.sort_values(["channel", "party"], kind="stable").assign(
        _r=out["programme_type"].map(rank)).sort_values(["channel", "party", "_r"], kind="stable").drop(
        columns="_r").reset_index(drop=True)


def news_share(types: pd.DataFrame) -> float | None:
    """The per cent of programme_types' hours that were news (what the shares count)."""
    total = types["hours"].sum()
    return float(100 * types.loc[types["programme_type"] == NEWS, "hours"].sum() / total) if total > 0 else None


def allotted(types: pd.DataFrame, facts) -> pd.DataFrame:
    """Free airtime and paid advertising per channel and party, in minutes, next to what the law allots
    (facts FREE_AIRTIME_FACT and PAID_ADVERTISING_FACT; only the types whose allotment the package gives)."""
    out = []
    for programme_type, fact in (("free_airtime", FREE_AIRTIME_FACT), ("paid_advertising", PAID_ADVERTISING_FACT)):
        limit = facts.value(fact) if facts is not None else None
        if limit is None:
            continue
        rows = types[types["programme_type"] == programme_type]
        for row in rows.itertuples():
            minutes = row.hours * 60
            out.append({"channel": row.channel, "party": row.party, "programme_type": programme_type,
                        "minutes": minutes, "allotted": limit, "over": minutes > limit, "fact": fact})
    return pd.DataFrame(out, columns=["channel", "party", "programme_type", "minutes", "allotted", "over", "fact"])


def speech(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Per channel and party (TV news): seconds in direct speech, seconds whose speech is coded, and the
    direct share: the per cent of its coded airtime in which the party spoke in its own voice."""
    rows = parties_only(_news(_tv(frame)), parties)
    rows = rows[rows["speech"].astype(str).isin(segments.SPEECH)]
    wide = rows.groupby(["channel", "party", "speech"], observed=True)["seconds"].sum().unstack("speech", fill_value=0.0)
    wide = wide.reindex(columns=list(segments.SPEECH), fill_value=0.0)
    out = pd.DataFrame({"direct_seconds": wide["direct"], "coded_seconds": wide.sum(axis=1)}).reset_index()
    out["channel"], out["party"] = out["channel"].astype(str), out["party"].astype(str)
    out = out[out["coded_seconds"] > 0].reset_index(drop=True)
    out["direct_pct"] = 100 * out["direct_seconds"] / out["coded_seconds"]
    return out


def prime_time(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Per channel and party (TV news): seconds in prime time, seconds with a start time, and the per cent
    of its timed airtime that was in prime time."""
    rows = parties_only(_news(_tv(frame)), parties)
    rows = rows[rows[segments.PRIME].astype(str) != ""]
    wide = rows.groupby(["channel", "party", segments.PRIME], observed=True)["seconds"].sum().unstack(
        segments.PRIME, fill_value=0.0).reindex(columns=["yes", "no"], fill_value=0.0)
    out = pd.DataFrame({"prime_seconds": wide["yes"], "timed_seconds": wide.sum(axis=1)}).reset_index()
    out["channel"], out["party"] = out["channel"].astype(str), out["party"].astype(str)
    out = out[out["timed_seconds"] > 0].reset_index(drop=True)
    out["prime_pct"] = 100 * out["prime_seconds"] / out["timed_seconds"]
    return out


def outlet_unit(rows: pd.DataFrame, outlet_type: str) -> str:
    """The unit an outlet type is measured in: seconds for broadcast; characters for online and print
    when every row of it gives them, else items."""
    if outlet_type in BROADCAST:
        return "seconds"
    return "characters" if len(rows) and (rows["with_characters"] == rows["segments"]).all() else "items"


def outlets(frame: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Per outlet type and party (news): the amount in the outlet type's own unit and its per cent of all
    parties' amount on that outlet type."""
    rows = parties_only(_news(frame), parties)
    out = []
    for outlet_type in segments.OUTLET_TYPES:
        own = rows[rows["outlet_type"].astype(str) == outlet_type]
        if own.empty:
            continue
        unit = outlet_unit(own, outlet_type)
        amount = own.groupby("party", observed=True)[unit].sum()
        amount.index = amount.index.astype(str)
        amount = amount.reindex(list(parties["party"]), fill_value=0.0)
        total = amount.sum()
        if total <= 0:
            continue
        for party, value in amount.items():
            out.append({"outlet_type": outlet_type, "unit": unit, "party": party, "amount": float(value),
                        "share_pct": float(100 * value / total)})
    return pd.DataFrame(out, columns=["outlet_type", "unit", "party", "amount", "share_pct"])


def package_reliability(pkg, start=None, end=None) -> Reliability | None:
    """Reliability of this package's log on the items aired in the period, kept with the package."""
    from observer.derived import memo

    log = pkg.table(segments.TABLE)
    if log is None:
        return None
    codings = memo(pkg, "tv_segments.double_coded", lambda: double_coded(log))
    return memo(pkg, ("tv_segments.reliability", start, end), lambda: reliability(in_period(codings, start, end)))
