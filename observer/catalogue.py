"""The catalogue of figures: every chart of the dashboard, written once.

Each entry names a chart: its id (the file name of its image, e.g. ``finance-raised-spent``), the page it
belongs to (a page id: ``tv``, ``finance``, ``candidates``), the tables and facts it reads, whether the
briefing pack carries it, and the recipe that builds it from a package. The pages, the findings,
presentation mode, the HTML pack and the slides all build their charts from here, so a chart's recipe
cannot drift between them. Adding a chart is one entry plus its builder in ``observer.charts``.

A recipe is ``build(inputs, **selection)``: ``inputs`` is what one package offers in one language
(tables, facts, TV shares); ``selection`` is what a page lets the reader choose (channels, parties,
measure, currency). Every selection has a default, which is what the pack shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from observer import candidates as cand
from observer import finance, monitoring, segments, tv
from observer.charts import candidates as candidate_charts
from observer.charts import finance as finance_charts
from observer.charts import process as process_charts
from observer.charts import segments as log_charts
from observer.charts import tv as tv_charts
from observer.facts import Facts
from observer.i18n import Language
from observer.derived import memo
from observer.shares import TvShares, log_summary, tv_shares
from observer.text import for_plotly, frame_for_plotly

SHARES = "tv_shares"  # stands for "published tv_coverage, or a coded log to compute the shares from"


class Inputs:
    """What the catalogue's recipes read from one package, in one language."""

    def __init__(self, pkg, L: Language, period: tuple | None = None):
        self.pkg, self.L = pkg, L
        self.facts = Facts(pkg.table("facts"))
        self.period = period  # (first day, last day) of a coded log: shares computed from it follow it

    def in_period(self, start=None, end=None) -> Inputs:
        """The same package and language, its log's shares narrowed to the days from start to end."""
        return type(self)(self.pkg, self.L, (start, end) if start or end else None)

    def table(self, name: str) -> pd.DataFrame | None:
        return self.pkg.table(name)

    def has(self, name: str) -> bool:
        if name == SHARES:
            return self.shares is not None and not self.shares.coverage.empty
        table = self.pkg.table(name)
        return table is not None and not table.empty

    def files(self, *names: str) -> str:
        return self.pkg.files(*names)

    @property
    def parties(self) -> pd.DataFrame | None:
        return self.table("parties")

    @property
    def channels(self) -> pd.DataFrame | None:
        return self.table("channels")

    @cached_property
    def shares(self) -> TvShares | None:
        return tv_shares(self.pkg, self.L, self.period)

    @property
    def coverage(self) -> pd.DataFrame:
        return self.shares.coverage

    @cached_property
    def caps(self) -> finance.Caps:
        return finance.caps(self.facts)

    @property
    def rate(self) -> float | None:
        """The package's currency per euro, where it gives the rate (the fact eur_rate)."""
        return finance.value(self.facts, finance.RATE)

    @cached_property
    def currency(self) -> str:
        """The package's own currency (ISO 4217), tenge where nothing says."""
        return finance.package_currency(self.pkg) or finance.TENGE

    def file_of(self, name: str) -> str:
        return self.pkg.file_of(name)

    def for_charts(self) -> ChartInputs:
        return ChartInputs(self.pkg, self.L, self.period)


class ChartInputs(Inputs):
    """The same package as chart builders must see it: every text from the data (names, labels, sources,
    file names) with ``&``, ``<`` and ``>`` as entities, so Plotly shows it as typed and never as markup.
    The escaped tables are made once per package."""

    def __init__(self, pkg, L: Language, period: tuple | None = None):
        safe = Language(L.code, {for_plotly(k): for_plotly(v) for k, v in L.source_titles.items()})
        super().__init__(pkg, safe, period)
        self.facts = Facts(self.table("facts"))

    def table(self, name: str) -> pd.DataFrame | None:
        raw = self.pkg.table(name)
        if raw is None or name == segments.TABLE:  # the log reaches charts only as ids and numbers
            return raw
        return memo(self.pkg, ("for_plotly", name), lambda: frame_for_plotly(raw))

    def files(self, *names: str) -> str:
        return for_plotly(self.pkg.files(*names))

    def file_of(self, name: str) -> str:
        return for_plotly(self.pkg.file_of(name))

    @cached_property
    def shares(self) -> TvShares | None:
        shares = tv_shares(self.pkg, self.L, self.period)
        if shares is None:
            return None
        coverage = memo(self.pkg, ("for_plotly", "tv_shares", shares.origin, self.L.code, self.period),
                        lambda: frame_for_plotly(shares.coverage))
        return TvShares(coverage, shares.origin, for_plotly(shares.file), shares.measures)


@dataclass(frozen=True)
class Chart:
    id: str
    page: str
    needs: tuple[str, ...]           # tables it cannot be drawn without (SHARES for the TV shares)
    build: Callable[..., go.Figure]  # build(inputs, **selection)
    facts: tuple[str, ...] = ()      # facts it reads, where it has them
    in_pack: bool = False            # the briefing pack carries it
    named_by: tuple[str, ...] = ()   # selections that make a different image (tv-shares-campaign)
    when: Callable[[Inputs], bool] | None = None        # a further condition on the data
    variants: Callable[[Inputs], list[dict]] | None = None  # the pack's selections; default: one, the defaults

    def available(self, inputs: Inputs) -> bool:
        return all(inputs.has(t) for t in self.needs) and (self.when is None or self.when(inputs))

    def name(self, **selection) -> str:
        return "-".join([self.id] + [str(selection[k]) for k in self.named_by if k in selection])

    def figure(self, inputs: Inputs, **selection) -> go.Figure:
        return self.build(inputs.for_charts(), **selection)


# --- TV coverage --------------------------------------------------------------------------------------

def _rows(inp: Inputs, channels=None, parties=None, measure=None) -> pd.DataFrame:
    return tv.select(inp.coverage, channels=channels, parties=parties, measure=measure)


def _gap(inp: Inputs, channels=None, parties=None) -> go.Figure:
    return tv_charts.gap_dumbbell(tv.gaps(_rows(inp, channels, parties)), inp.parties, inp.channels, inp.L,
                                  table=inp.shares.file)


def _share_bars(inp: Inputs, measure=tv.CAMPAIGN, channels=None, parties=None) -> go.Figure:
    rows = _rows(inp, channels, parties)
    return tv_charts.share_bars(rows, inp.parties, inp.channels, measure, inp.L, table=inp.shares.file)


def _heatmap(inp: Inputs, measure=tv.CAMPAIGN, channels=None, parties=None) -> go.Figure:
    rows = _rows(inp, channels, parties)
    # One colour scale for both measures, so switching measure does not silently rescale the colours.
    return tv_charts.share_heatmap(rows, inp.parties, inp.channels, measure, inp.L, zmax=rows["share_pct"].max(),
                                   table=inp.shares.file)


def _deviation(inp: Inputs, measure=tv.CAMPAIGN, channels=None, parties=None) -> go.Figure:
    rows = _rows(inp, channels, parties)
    return tv_charts.deviation_bars(rows, inp.parties, inp.channels, measure, inp.L, table=inp.shares.file)


def _concentration(inp: Inputs, channels=None) -> go.Figure:
    # Concentration is a property of a channel's whole coverage, so every party counts.
    return tv_charts.concentration_bars(tv.concentration(_rows(inp, channels)), inp.parties, inp.channels, inp.L,
                                        table=inp.shares.file)


def _each_measure(inp: Inputs) -> list[dict]:
    return [{"measure": m} for m in inp.shares.measures]


class LogView(NamedTuple):
    """What every view of the log needs: the selected summary rows the shares count (TV news), their party
    rows, the chosen parties, the source line (with the period), the log's file, and the selected rows
    of the monitoring views' summaries: every programme and outlet type, speech, prime time."""
    rows: pd.DataFrame
    party_rows: pd.DataFrame
    chosen: pd.DataFrame
    source: str
    file: str
    everything: pd.DataFrame
    speech: pd.DataFrame
    prime: pd.DataFrame


def log_view(inp: Inputs, channels=None, parties=None, measure=tv.CAMPAIGN, start=None, end=None) -> LogView:
    """The coded log's summaries narrowed to the reader's channels, parties, measure and period (``start``,
    ``end``: first and last day, ISO dates; None: the inputs' period, else the log's own)."""
    period = inp.period or (None, None)
    start, end = start if start is not None else period[0], end if end is not None else period[1]
    everyone = inp.parties
    chosen = everyone if parties is None else everyone[everyone["party"].isin(parties)]

    def narrowed(name: str) -> pd.DataFrame:
        rows = monitoring.in_period(log_summary(inp.pkg, name), start, end)
        return segments.in_measure(segments.select(rows, channels, list(chosen["party"]),
                                                   all_parties=list(everyone["party"])), measure)

    rows, everything = narrowed("base"), narrowed("programme")
    file = inp.file_of(segments.TABLE)
    summary = log_summary(inp.pkg, "programme")
    first = pd.Timestamp(start) if start else summary["date"].min()
    last = pd.Timestamp(end) if end else summary["date"].max()
    count = segments.segment_count(monitoring.in_period(summary, start, end))
    source = inp.L("segments.log_source_period", file=file, count=inp.L.number(count, 0),
                   start=inp.L.date(first), end=inp.L.date(last))
    return LogView(rows, segments.parties_only(rows, everyone), chosen, source, file, everything,
                   narrowed("speech"), narrowed("prime"))


def _airtime(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    return log_charts.airtime_bars(segments.airtime(v.party_rows, v.chosen), v.chosen, inp.channels, inp.L,
                                   v.source, v.file)


def _tone(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    return log_charts.tone_bars(segments.tone(v.party_rows, v.chosen), v.chosen, inp.channels, inp.L, v.source,
                                v.file)


def _weekly(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    return log_charts.weekly_bars(segments.weekly(v.party_rows, v.chosen), v.chosen, inp.L, v.source, v.file)


def _women_shown(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    return log_charts.women_bars(segments.women(v.party_rows), segments.women_overall(v.party_rows),
                                 inp.channels, inp.L, v.source, v.file)


def _subjects(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    others = segments.subjects(v.rows, inp.parties)
    others["subject"] = others["subject"].map(for_plotly)  # a log's non-party subjects are free text
    return log_charts.subjects_bars(others, segments.total_hours(v.party_rows),
                                    inp.L, v.source, v.file)


# The rows each monitoring chart draws, for its recipe and for the finding that narrows its slide to them.
LOG_ROWS = {"tv-log-programme": lambda v: monitoring.programme_types(v.everything, v.chosen),
            "tv-log-speech": lambda v: monitoring.speech(v.speech, v.chosen),
            "tv-log-prime": lambda v: monitoring.prime_time(v.prime, v.chosen)}


def log_rows(inp: Inputs, chart_id: str, **selection) -> pd.DataFrame:
    return LOG_ROWS[chart_id](log_view(inp, **selection))


def _programme_types(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    return log_charts.programme_type_bars(LOG_ROWS["tv-log-programme"](v), v.chosen, inp.channels, inp.L, v.source,
                                          v.file)


def _speech(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    return log_charts.direct_speech_bars(LOG_ROWS["tv-log-speech"](v), v.chosen, inp.channels, inp.L, v.source, v.file)


def _prime_time(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **selection)
    return log_charts.prime_time_bars(LOG_ROWS["tv-log-prime"](v), v.chosen, inp.channels, inp.L, v.source,
                                      monitoring.prime_window(inp.facts), v.file)


def _outlets(inp: Inputs, **selection) -> go.Figure:
    v = log_view(inp, **{k: value for k, value in selection.items() if k != "channels"})  # outlets beyond TV
    return log_charts.outlet_bars(monitoring.outlets(v.everything, v.chosen), v.chosen, inp.L, v.source, v.file)


def _codes(column: str) -> Callable[[Inputs], bool]:
    """The chart's condition: the log codes this column (a log without it simply has no such view)."""
    return lambda inp: monitoring.has(inp.pkg.table(segments.TABLE), column)


LOG_MONITORING = {"programme": "programme_type", "speech": "speech", "prime": "time", "outlets": "outlet_type"}


# --- Campaign finance ---------------------------------------------------------------------------------

def _money(inp: Inputs, currency=None) -> dict:
    """The currency to show (the package's own unless another is chosen) and the rate to convert at, if any."""
    currency = currency or inp.currency
    return dict(currency=currency, rate=inp.rate if currency != inp.currency else None)


def _raised_spent(inp: Inputs, currency=None) -> go.Figure:
    return finance_charts.raised_spent(inp.table("finance"), inp.parties, inp.L, **_money(inp, currency),
                                       caps=inp.caps, cap_facts=inp.caps.facts, table=inp.files("finance", "facts"))


def _ceiling_share(inp: Inputs, currency=None) -> go.Figure:
    return finance_charts.ceiling_share(inp.table("finance"), inp.parties, inp.L, inp.caps.ceiling,
                                        **_money(inp, currency), cap_facts=inp.caps.facts,
                                        table=inp.files("finance", "facts"))


def _spent_per_candidate(inp: Inputs, currency=None) -> go.Figure:
    return finance_charts.spent_per_candidate(inp.table("finance"), inp.table("candidates"), inp.parties, inp.L,
                                              **_money(inp, currency), table=inp.files("finance", "candidates"))


def _deposits(inp: Inputs, currency=None) -> go.Figure:
    return finance_charts.deposits(inp.table("candidates"), inp.parties, inp.L, finance.fact(inp.facts, finance.DEPOSIT),
                                   **_money(inp, currency), table=inp.files("candidates", "facts"))


def _has_deposit(inp: Inputs) -> bool:
    deposit = finance.fact(inp.facts, finance.DEPOSIT)
    return deposit is not None and bool(deposit.value)


# --- Candidates ---------------------------------------------------------------------------------------

def _per_party(inp: Inputs) -> go.Figure:
    return candidate_charts.per_party(inp.table("candidates"), inp.parties, inp.L,
                                      seats=inp.facts.get("seats_contested"),
                                      list_max=inp.facts.get("list_max_candidates"),
                                      table=inp.files("candidates", "facts"))


def _women(inp: Inputs) -> go.Figure:
    return candidate_charts.women(cand.women(inp.facts), inp.L, quota=inp.facts.get("quota_women_youth_pct"),
                                  table=inp.files("facts"))


def _results(inp: Inputs) -> go.Figure:
    return candidate_charts.results(inp.table("results"), inp.parties, inp.L, threshold=inp.facts.get("threshold_pct"),
                                    seats=inp.facts.get("seats_contested"), table_name=inp.files("results", "facts"))


def _coverage_vs_votes(inp: Inputs, measure=None) -> go.Figure:
    measure = measure or cand.measures(inp.coverage)[0]
    table = ", ".join([inp.shares.file, inp.file_of("results")])
    return candidate_charts.coverage_vs_votes(inp.coverage, inp.table("results"), inp.parties, inp.channels, inp.L,
                                              measure, table=table)


# --- Election process ---------------------------------------------------------------------------------

def _nominations(inp: Inputs) -> go.Figure:
    return process_charts.nominations_bar(process_charts.nominations(inp.facts), inp.L, table=inp.files("facts"))


def _cec(inp: Inputs) -> go.Figure:
    return process_charts.cec_bars(*process_charts.cec_appointments(inp.facts), inp.L, table=inp.files("facts"))


def _tabulation(inp: Inputs) -> go.Figure:
    return process_charts.tabulation_bars(*process_charts.tabulation(inp.facts), inp.L, table=inp.files("facts"))


CHARTS: tuple[Chart, ...] = (
    Chart("tv-institutional-gap", "tv", (SHARES,), _gap, in_pack=True,
          when=lambda inp: set(tv.MEASURES) <= set(inp.coverage["measure"])),  # both measures, or no jump
    Chart("tv-shares", "tv", (SHARES,), _share_bars, in_pack=True, named_by=("measure",), variants=_each_measure),
    Chart("tv-heatmap", "tv", (SHARES,), _heatmap, named_by=("measure",)),
    Chart("tv-deviation", "tv", (SHARES,), _deviation, named_by=("measure",)),
    Chart("tv-concentration", "tv", (SHARES,), _concentration, in_pack=True),
    Chart("tv-log-airtime", "tv", (segments.TABLE,), _airtime, named_by=("measure",)),
    Chart("tv-log-tone", "tv", (segments.TABLE,), _tone, named_by=("measure",)),
    Chart("tv-log-weekly", "tv", (segments.TABLE,), _weekly, named_by=("measure",)),
    Chart("tv-log-women", "tv", (segments.TABLE,), _women_shown, named_by=("measure",)),
    Chart("tv-log-subjects", "tv", (segments.TABLE,), _subjects, named_by=("measure",)),
    Chart("tv-log-programme", "tv", (segments.TABLE,), _programme_types, named_by=("measure",), in_pack=True,
          facts=(monitoring.FREE_AIRTIME_FACT, monitoring.PAID_ADVERTISING_FACT), when=_codes("programme_type")),
    Chart("tv-log-speech", "tv", (segments.TABLE,), _speech, named_by=("measure",), in_pack=True,
          when=_codes("speech")),
    Chart("tv-log-prime", "tv", (segments.TABLE,), _prime_time, named_by=("measure",), in_pack=True,
          facts=monitoring.PRIME_FACTS, when=_codes("time")),
    Chart("tv-log-outlets", "tv", (segments.TABLE,), _outlets, named_by=("measure",), in_pack=True,
          when=_codes("outlet_type")),
    Chart("finance-raised-spent", "finance", ("finance",), _raised_spent, facts=finance.CAP_FACTS, in_pack=True),
    Chart("finance-ceiling-share", "finance", ("finance",), _ceiling_share, facts=finance.CAP_FACTS, in_pack=True,
          when=lambda inp: bool(inp.caps.ceiling)),
    Chart("finance-spent-per-candidate", "finance", ("finance", "candidates"), _spent_per_candidate, in_pack=True),
    Chart("finance-deposits", "finance", ("candidates",), _deposits, facts=finance.DEPOSIT_FACTS, when=_has_deposit),
    Chart("candidates-per-party", "candidates", ("candidates",), _per_party,
          facts=("seats_contested", "list_max_candidates"), in_pack=True),
    Chart("candidates-women", "candidates", (), _women, facts=("quota_women_youth_pct",), in_pack=True,
          when=lambda inp: not cand.women(inp.facts).empty),
    Chart("candidates-results", "candidates", ("results",), _results, facts=("threshold_pct", "seats_contested"),
          in_pack=True),
    Chart("candidates-coverage-votes", "candidates", ("results", SHARES), _coverage_vs_votes, in_pack=True),
    Chart("process-commission-nominations", "process", (), _nominations, facts=tuple(process_charts.NOMINATIONS),
          in_pack=True, when=lambda inp: bool(process_charts.nominations(inp.facts))),
    Chart("process-cec-appointments", "process", (), _cec,
          facts=tuple(process_charts.CEC_APPOINTED) + (process_charts.CEC_MEMBERS,),
          when=lambda inp: bool(process_charts.cec_appointments(inp.facts)[0])),
    Chart("process-tabulation", "process", (), _tabulation,
          facts=(process_charts.TABULATION_OBSERVED, process_charts.TABULATION_OPAQUE), in_pack=True,
          when=lambda inp: any(process_charts.tabulation(inp.facts))),
)
BY_ID = {chart.id: chart for chart in CHARTS}


def chart(chart_id: str) -> Chart:
    return BY_ID[chart_id]


def pack(inputs: Inputs) -> list[tuple[Chart, dict]]:
    """The charts the briefing pack carries for this package, in page order, each with its selections."""
    return [(entry, selection) for entry in CHARTS if entry.in_pack and entry.available(inputs)
            for selection in (entry.variants(inputs) if entry.variants else [{}])]
