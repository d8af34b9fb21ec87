"""The coded log's period, from and to (``?from=2020-12-10&to=2020-12-16``): chosen on the TV page, and
followed by the overview's findings, presentation mode and the briefing pack, so a weekly report's link
reopens the same week on any of them. The session keeps the last period chosen for its package, so the
overview and the deck opened after the TV page show that week too, and their own address says so.

Only figures computed from the log follow it: published shares are as published.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from observer import segments
from ui.links import link_state

FROM, TO = "tv_log_from", "tv_log_to"   # the TV page's selectboxes
KEPT = "_log_period"                    # (package's days, first, last): the period last chosen


@dataclass(frozen=True)
class Period:
    days: list[str]        # the log's days, ISO dates, in order (none: no log, so no period)
    first: str | None      # the first and last day shown
    last: str | None
    swapped: bool = False  # the reader chose a "from" after the "to": shown the other way round

    @property
    def narrowed(self) -> tuple[str | None, str | None]:
        """(start, end) for catalogue.Inputs.in_period: None where the period reaches the log's own end."""
        if not self.days:
            return None, None
        return (self.first if self.first != self.days[0] else None,
                self.last if self.last != self.days[-1] else None)

    @property
    def whole(self) -> bool:
        return self.narrowed == (None, None)


def choose(pkg) -> Period:
    """The period from the address, else the session's last, else the log's whole span; linked to the
    address. Call before the selectboxes keyed FROM and TO are drawn (the TV page), or alone (the pages
    that only follow it)."""
    days = segments.log_days(pkg)
    if not days:
        return Period([], None, None)
    kept = st.session_state.get(KEPT)
    first, last = (kept[1], kept[2]) if kept and kept[0] == days else (days[0], days[-1])
    link_state("from", FROM, days, first)
    link_state("to", TO, days, last)
    first, last = st.session_state[FROM], st.session_state[TO]
    st.session_state[KEPT] = (days, first, last)
    if first > last:
        return Period(days, last, first, swapped=True)
    return Period(days, first, last)
