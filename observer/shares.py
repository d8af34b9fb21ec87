"""Which TV shares a package has: the published ones (``tv_coverage``), else shares computed from the
coded monitoring log (``tv_segments``), per measure.

This is the one place that decides it. The TV page, the overview's figures and findings, presentation
mode, the HTML pack and the slides all ask here, so a package with only a log gets the same findings,
deck and pack as one with published shares, labelled as computed from the log.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observer import monitoring, segments, tv
from observer.derived import memo
from observer.facts import Facts
from observer.i18n import Language

PUBLISHED = "published"
FROM_LOG = "log"


@dataclass(frozen=True)
class TvShares:
    coverage: pd.DataFrame  # tv_coverage's shape: channel, party, measure, share_pct, source
    origin: str             # PUBLISHED or FROM_LOG
    file: str               # the file the shares come from, for a chart's source line
    measures: tuple[str, ...]

    @property
    def from_log(self) -> bool:
        return self.origin == FROM_LOG


def log_summary(pkg, name: str = "base") -> pd.DataFrame | None:
    """The coded log summed once per package (observer.monitoring.summaries): "base", TV news per day,
    channel, subject, measure, tone and gender, which the shares and the log's first views read; and one
    per monitoring view ("programme", "speech", "prime"). A million segments become a few thousand rows,
    so every view of the log aggregates at once. Of a double-coded item only the first coder's coding counts."""
    log = pkg.table(segments.TABLE)
    if log is None:
        return None

    def compute() -> dict:
        window = monitoring.in_seconds(monitoring.prime_window(Facts(pkg.table("facts"))))
        return monitoring.summaries(log, prime=window)

    return memo(pkg, "tv_segments.summaries", compute)[name]


def tv_shares(pkg, L: Language, period: tuple | None = None) -> TvShares | None:
    """The package's TV shares, or None where it has neither published shares nor a log to compute them
    from (or lacks the parties and channels they belong to). ``period`` (first day, last day; either may
    be None) narrows shares computed from a log to the items aired then; published shares are as published."""
    published = pkg.table("tv_coverage")
    if published is not None:
        return TvShares(published, PUBLISHED, pkg.file_of("tv_coverage"), _measures(published))
    summary = log_summary(pkg)
    parties, channels = pkg.table("parties"), pkg.table("channels")
    if summary is None or parties is None or channels is None:
        return None
    period = tuple(period) if period and any(p is not None for p in period) else None
    rows = monitoring.in_period(summary, *period) if period else summary
    coverage = memo(pkg, ("tv_segments.coverage", L.code, period),
                    lambda: segments.to_coverage(rows, parties, channels, source=_log_source(pkg, L, period)))
    return TvShares(coverage, FROM_LOG, pkg.file_of(segments.TABLE), _measures(coverage))


def _measures(coverage: pd.DataFrame) -> tuple[str, ...]:
    present = set(coverage["measure"])
    return tuple(m for m in tv.MEASURES if m in present)


def _log_source(pkg, L: Language, period: tuple | None = None) -> str:
    log = pkg.table(segments.TABLE)
    file = pkg.file_of(segments.TABLE)
    if log is None or log.empty:
        return L("segments.derived_source", file=file)
    start, end = log["date"].min(), log["date"].max()
    if period:
        start = max(start, pd.Timestamp(period[0])) if period[0] is not None else start
        end = min(end, pd.Timestamp(period[1])) if period[1] is not None else end
    return L("shares.from_log", file=file, start=L.date(start), end=L.date(end))
