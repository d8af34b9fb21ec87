"""What a slide says besides its heading, shared by presentation mode and the PowerPoint deck: the title
slide's facts, the closing slide's sources, each finding's speaker notes, and a catalogue chart's data
as a native (editable) chart takes it.

Which tables a chart reads stays in the catalogue: the chart data here is read off the very figure the
catalogue builds (its traces' categories, values, labels and colours), so a native chart cannot show
other numbers than the dashboard does.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field

import plotly.graph_objects as go

from observer.facts import Facts
from observer.i18n import CITATION, DEFAULT_SOURCE, Language

# Charts no native PowerPoint type draws: shown as a picture. The dumbbell (two markers joined by a line
# per party) is not a bar, column or line chart.
AS_IMAGE = frozenset({"tv-institutional-gap"})


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...] = ()   # each point's data label as the dashboard writes it ('28.8%', '28,8 %')
    colors: tuple[str, ...] = ()   # one colour for the series, or one per point
    inside: tuple[bool, ...] = ()  # each point's label drawn inside its bar, as on the dashboard


@dataclass(frozen=True)
class Line:
    """A reference line of a chart (a ceiling, a majority, an equal share): across the value axis at `value`."""
    value: float
    label: str
    dash: str = "solid"  # Plotly's dash: solid, dash, dot
    through: int | None = None  # on a bar chart, the first `through` rows only (a list quota); None: all


@dataclass(frozen=True)
class ChartData:
    kind: str                      # "bar" (horizontal), "column" or "line"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False
    value_title: str = ""          # the value axis' title
    references: tuple[str, ...] = field(default=())  # reference lines' labels that are not drawn, as text
    lines: tuple[Line, ...] = field(default=())  # reference lines drawn on the chart


_AFTER_NUMBER = re.compile(r"(?<=\d) |(?<=\d%) |(?<=\d\u00a0%) ")
LONE_WORD_CHARS = 12  # a heading's last word shorter than this goes down with the word before it


def keep_together(text: str) -> str:
    """A slide's heading as PowerPoint should break it (it breaks at any space): a number stays with the
    word after it ('10 января', '(+26 points)') and a short last word is not left alone on its line
    ('tenge.'). The spaces that must not break become no-break spaces."""
    text = _AFTER_NUMBER.sub("\u00a0", str(text))
    rest, space, last = text.rpartition(" ")
    return f"{rest}\u00a0{last}" if space and rest and len(last) < LONE_WORD_CHARS else text


def clean(text) -> str:
    """A figure's text as plain text: Plotly markup (<b>, <br>) removed, entities decoded, and a run of spaces
    (a chart's gap that clears a reference line the slide does not draw) made one."""
    text = html.unescape(re.sub(r"<br\s*/?>", " ", re.sub(r"</?b>", "", str(text))))
    return re.sub(r" {2,}", " ", text).strip()


REFERENCE_ANNOTATIONS = {"ceiling", "majority", "seats", "list_max", "quota", None}


def chart_data(chart_id: str, fig: go.Figure) -> ChartData | None:
    """The chart's data for a native chart, or None where only a picture shows it (AS_IMAGE)."""
    if chart_id in AS_IMAGE:
        return None
    bars = [t for t in fig.data if t.type == "bar"]
    lines = [t for t in fig.data if t.type == "scatter" and t.x is not None and any(v is not None for v in t.x)]
    if not bars and not lines:
        return None
    traces = bars or lines
    horizontal = bool(bars) and bars[0].orientation == "h"
    categories_of = (lambda t: _one_level(t.y)) if horizontal else (lambda t: _one_level(t.x))
    values_of = (lambda t: t.x) if horizontal else (lambda t: t.y)
    annotations = list(fig.layout.annotations)
    row_labels = [clean(a.text) for a in annotations if a.name == "row_label"]
    categories: list[str] = []
    for trace in traces:
        for c in categories_of(trace):
            label = row_labels[c] if isinstance(c, int) and c < len(row_labels) else clean(c)
            if label not in categories:
                categories.append(label)
    value_labels = [clean(a.text) for a in annotations if a.name == "value_label"]
    # A bar's label written beside it as an annotation (past a reference line), by category.
    bar_labels = {clean(a.y): clean(a.text) for a in annotations if a.name == "bar_label" and isinstance(a.y, str)}
    series = []
    for trace in traces:
        points = {(row_labels[c] if isinstance(c, int) and c < len(row_labels) else clean(c)): v
                  for c, v in zip(categories_of(trace), values_of(trace))}
        values = tuple(None if points.get(c) is None else float(points[c]) for c in categories)
        text = trace.text
        if text is not None and not isinstance(text, str) and len(text) == len(values):
            labels = tuple(clean(t) for t in text)
        elif len(value_labels) == len(values) and len(traces) == 1:
            labels = tuple(value_labels)
        else:
            labels = ()
        if bar_labels and len(traces) == 1:
            labels = tuple(label or bar_labels.get(c, "") for label, c in zip(labels or ("",) * len(values), categories))
        position = trace.textposition
        positions = list(position) if isinstance(position, (list, tuple)) else [position] * len(values)
        by_category = dict(zip((row_labels[c] if isinstance(c, int) and c < len(row_labels) else clean(c)
                                for c in categories_of(trace)), positions))
        inside = tuple(by_category.get(c) == "inside" for c in categories)
        color = trace.marker.color if trace.type == "bar" else trace.line.color
        colors = tuple(color) if isinstance(color, (list, tuple)) else ((color,) if color else ())
        series.append(Series(clean(trace.name or ""), values, labels, colors, inside))
    stacked = fig.layout.barmode in ("stack", "relative")
    if stacked and len(categories) == 1:
        # One stacked bar (who nominated commission members): the category is the bar, unnamed; a segment
        # too narrow for its label has it beside the bar (a segment_label annotation), in the same order.
        categories = [""]
        beside = iter(clean(a.text) for a in annotations if a.name == "segment_label")
        series = [s if all(s.labels) else Series(s.name, s.values, tuple(lab or next(beside, "") for lab in s.labels),
                                                 s.colors, s.inside) for s in series]
    axis = fig.layout.xaxis if horizontal else fig.layout.yaxis
    references = tuple(clean(a.text) for a in annotations if a.name in REFERENCE_ANNOTATIONS and a.text)
    legend_only = [clean(t.name) for t in fig.data if t.type == "scatter" and t.name and t not in lines]
    references += tuple(legend_only)
    drawn = tuple(_reference_lines(fig, horizontal, annotations, legend_only)) if bars and not stacked else ()
    references = tuple(r for r in dict.fromkeys(references) if r not in {line.label for line in drawn})
    return ChartData("bar" if horizontal else ("column" if bars else "line"), tuple(categories), tuple(series),
                     stacked, clean(axis.title.text or ""), references, drawn)


def _reference_lines(fig: go.Figure, horizontal: bool, annotations, legend_only: list[str]):
    """The figure's reference lines across its value axis (shapes from add_vline on horizontal bars, add_hline
    on columns), each named as the dashboard names it: by its annotation, else by its legend entry."""
    for shape in fig.layout.shapes:
        if shape.type != "line":
            continue
        if horizontal and shape.x0 == shape.x1 and (shape.xref or "x") == "x":
            value = shape.x0
        elif not horizontal and shape.y0 == shape.y1 and (shape.yref or "y") == "y":
            value = shape.y0
        else:
            continue
        label = next((clean(a.text) for a in annotations if a.name == shape.name and a.text), "")
        if not label and len(legend_only) == 1:
            label = legend_only[0]
        yield Line(float(value), label, shape.line.dash or "solid", _rows_through(shape) if horizontal else None)


def _rows_through(shape) -> int | None:
    """How many rows, from the top, a line on horizontal bars runs through: the rows are 0, 1, ... on the y axis,
    and a line drawn on that axis from above the first row down to row k runs through k + 1 of them."""
    if shape.yref != "y" or shape.y0 is None or shape.y1 is None:
        return None  # across the plot (add_vline: paper coordinates)
    top, bottom = sorted((float(shape.y0), float(shape.y1)))
    return int(math.floor(bottom)) + 1 if top < 0 else None


def _one_level(categories):
    """A chart's categories as one level: rows of a channel-and-party axis (two lists, one per level) as
    'TV One · Green Valley', which a native chart's single category axis can hold."""
    if categories is not None and len(categories) and isinstance(categories[0], (list, tuple)):
        return [" · ".join(clean(v) for v in row) for row in zip(*categories)]
    return categories


def citations(source: str) -> list[str]:
    """A chart's source line split into its citations (style.source_line joins them with '; ')."""
    return [c for c in dict.fromkeys(source.split("; ")) if c]


def quotes(pkg, citation: str, L: Language) -> list[str]:
    """The statement's sentences that rows citing ``citation`` quote: in the reader's language where the
    package has a ``quote_<code>`` column, else as published (``quote``, the bundled package's ``quote_kk``)."""
    found = []
    for frame in pkg.tables.values():
        if "source" not in frame.columns:
            continue
        rows = frame[frame["source"] == citation]
        for column in (f"quote_{L.code}", "quote", "quote_kk"):
            if column in rows.columns and any(isinstance(q, str) and q.strip() for q in rows[column]):
                found += [str(q).strip() for q in rows[column] if isinstance(q, str) and q.strip()]
                break
    return list(dict.fromkeys(found))


def language_name(code: str, L: Language) -> str:
    """A language's name in the reader's language, by CLDR: 'Kazakh', 'казахский'; the code if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(L.code) or code
    except (ValueError, UnknownLocaleError):
        return code


def notes(pkg, fig: go.Figure, L: Language) -> str:
    """A finding slide's speaker notes: for each citation of its chart, the statement's sentence and where
    it stands."""
    source = (fig.layout.meta or {}).get("source", "")
    parts = []
    translated = any(f"quote_{L.code}" in frame.columns for frame in pkg.tables.values())
    for citation in citations(source):
        said = quotes(pkg, citation, L)
        parts += [f"«{q}»" for q in said]
        parts.append(L.citation(citation))
    # The sentences are in the language the package names for its quotes (quote_language; the bundled
    # package's quote_kk: Kazakh), as published.
    quoted_in = str(pkg.descriptor.get("quote_language") or "kk")
    if L.code != quoted_in and not translated and len(parts) > len(citations(source)):
        parts.insert(0, L("briefing.notes_as_published", language=language_name(quoted_in, L)))
    return "\n".join(parts)


def title_facts(pkg, L: Language) -> list[tuple[str, str]]:
    """The title slide's facts: (label, value) for the election day and the statement's date, where given."""
    facts = Facts(pkg.table("facts"))
    return [(fact.label(L), fact.display(L)) for name in ("election_date", "statement_date")
            if (fact := facts.get(name)) is not None]


def statement_titles(pkg, L: Language) -> list[str]:
    """The package's sources, titled in the reader's language (the first is the mission's statement); for a
    package whose datapackage.json names none, its default citation (the fact ``source``), if it has one."""
    titles = [L.described(source, "title") for source in pkg.descriptor.get("sources", [])
              if isinstance(source, dict) and source.get("title")]
    default = L.source_titles.get(DEFAULT_SOURCE, "")
    return titles or ([default] if default.strip() else [])


def deck_citations(figures: list[go.Figure], L: Language) -> list[str]:
    """The distinct citations the deck's charts give, in the reader's language, in slide order; those of
    one section together, its name once ("раздел «X» («Y»), абзац 3, сноска 41; абзац 1"), so the
    sources slide still fits the screen when the section is named in two languages."""
    cited = [c for fig in figures for c in citations((fig.layout.meta or {}).get("source", ""))]
    groups: dict[str, list[str]] = {}
    for source in dict.fromkeys(cited):
        match = CITATION.match(source)
        section = L.citation(source[:match.start("parts")]) if match and match["parts"] else None
        shown = L.citation(source)
        if section and shown.startswith(section + ", "):
            groups.setdefault(section, []).append(shown[len(section) + 2:])
        else:
            groups.setdefault(shown, [])
    return [f"{section}, {'; '.join(parts)}" if parts else section for section, parts in groups.items()]
