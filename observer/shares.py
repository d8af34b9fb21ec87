"""Which TV shares a package has: the published ones (``tv_coverage``), else shares computed from the
coded monitoring log (``tv_segments``), per measure.

This is the one place that decides it. The TV page, the overview's figures and findings, presentation
mode, the HTML pack and the slides all ask here, so a package with only a log gets the same findings,
deck and pack as one with published shares, labelled as computed from the log.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observer import segments, tv
from observer.derived import memo
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


def log_summary(pkg) -> pd.DataFrame | None:
    """The coded log summed per day, channel, subject, measure, tone and gender, once per package: a
    million segments become a few thousand rows, so every view of the log aggregates it at once."""
    log = pkg.table(segments.TABLE)
    if log is None:
        return None
    return memo(pkg, "tv_segments.summary", lambda: segments.summarise(log))


def tv_shares(pkg, L: Language) -> TvShares | None:
    """The package's TV shares, or None where it has neither published shares nor a log to compute them
    from (or lacks the parties and channels they belong to)."""
    published = pkg.table("tv_coverage")
    if published is not None:
        return TvShares(published, PUBLISHED, pkg.file_of("tv_coverage"), _measures(published))
    summary = log_summary(pkg)
    parties, channels = pkg.table("parties"), pkg.table("channels")
    if summary is None or parties is None or channels is None:
        return None
    coverage = memo(pkg, ("tv_segments.coverage", L.code),
                    lambda: segments.to_coverage(summary, parties, channels, source=_log_source(pkg, L)))
    return TvShares(coverage, FROM_LOG, pkg.file_of(segments.TABLE), _measures(coverage))


def _measures(coverage: pd.DataFrame) -> tuple[str, ...]:
    present = set(coverage["measure"])
    return tuple(m for m in tv.MEASURES if m in present)


def _log_source(pkg, L: Language) -> str:
    log = pkg.table(segments.TABLE)
    file = pkg.file_of(segments.TABLE)
    if log is None or log.empty:
        return L("segments.derived_source", file=file)
    return L("shares.from_log", file=file, start=L.date(log["date"].min()), end=L.date(log["date"].max()))
