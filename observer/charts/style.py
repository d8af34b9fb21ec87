"""The look shared by every chart: sized for a projector, titled with the finding, sourced underneath."""

from __future__ import annotations

import math
import re
import textwrap

import plotly.graph_objects as go

from observer.i18n import Language

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#555555"
GRID = "#d9d9d9"
REFERENCE = "#333333"
EXPORT_SIZE = (1600, 900)  # 16:9, sharp on a projector and in a slide


TITLE_CHARS = 74    # a line of the 19 px title on a full-width chart beside the sidebar at 1280 px
SOURCE_CHARS = 110  # a line of the 12 px source line, on a chart beside the sidebar at 1280 px
TICKS = 64          # room under the plotting area for tick labels and an axis title
LEGEND = 34         # room above the plotting area for a one-row legend
LEFT_LABELS = 60    # px of tick labels left of the plotting area that TITLE_CHARS and SOURCE_CHARS allow for
TITLE_CHAR_PX = 10.5   # average width of a title character (19 px)
SOURCE_CHAR_PX = 6.6   # average width of a source-line character (12 px)
LABEL_CHAR_PX = 0.6    # average width of a tick-label character, per px of font size (Cyrillic is wider)
LEVEL_GAP = 30         # px between the two levels of a two-level (channel, party) axis
PROJECTOR_CHART_PX = 820  # width of a full-width chart beside the sidebar at 1280 px, the narrowest we plan for
LEGEND_ROW = 22        # px each further row of a wrapped legend takes
LEGEND_FONT = 14
LEGEND_SYMBOL_PX = 45  # a legend entry's symbol and gaps, besides its text


def apply(fig: go.Figure, title: str, lang: Language, source: str, table: str, height: int = 500) -> go.Figure:
    """Title the chart with its finding and put the source line (citation and table) under it.

    Plotly does not wrap text, so title and source are wrapped here and the margins grow to fit.
    """
    # Cyrillic letters are wider than Latin ones on average: fewer of them fit on a line.
    narrow = 0.88 if re.search("[\u0400-\u04ff]", title) else 1
    # Title and source start where the plotting area starts: wide labels left of it leave them less room.
    labels = max(0.0, left_labels_px(fig) - LEFT_LABELS)
    title_lines = wrap(title, int((TITLE_CHARS - labels / TITLE_CHAR_PX) * narrow))
    source_text = f"{lang.source(source)} · {lang('common.table', table=table)}"
    source_lines = wrap(source_text, int((SOURCE_CHARS - labels / SOURCE_CHAR_PX) * narrow))
    # A legend that wraps grows upwards from the plotting area, into the title's room unless given more.
    extra_rows = max(0, legend_rows(fig, PROJECTOR_CHART_PX - 30 - max(LEFT_LABELS, left_labels_px(fig))) - 1)
    top = 14 + 25 * len(title_lines) + LEGEND + LEGEND_ROW * extra_rows
    bottom = TICKS + 17 * len(source_lines)
    fig.update_layout(
        template="plotly_white",
        height=height + 25 * (len(title_lines) - 1) + 17 * (len(source_lines) - 1) + LEGEND_ROW * extra_rows,
        font=dict(family=FONT, size=15, color=TEXT),
        margin=dict(l=10, r=20, t=top, b=bottom),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, xanchor="left", font=dict(size=LEGEND_FONT)),
        hoverlabel=dict(font=dict(family=FONT, size=14)),
        separators=_separators(lang),
        meta={"title": title, "source": source, "table": table},
    )
    # Title and source are annotations, not layout.title: Plotly clips multi-line titles, and an
    # annotation anchored to the plotting area moves with it when automargin grows a margin.
    fig.add_annotation(text="<br>".join(title_lines), name="title", xref="paper", yref="paper", x=0, y=1,
                       yshift=top - 10, xanchor="left", yanchor="top", showarrow=False,
                       font=dict(size=19, color=TEXT), align="left")
    fig.add_annotation(text="<br>".join(source_lines), name="source", xref="paper", yref="paper", x=0, y=0,
                       yshift=-bottom + 6, xanchor="left", yanchor="bottom", showarrow=False,
                       font=dict(size=12, color=MUTED), align="left")
    fig.update_xaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True, title_font=dict(size=15))
    fig.update_yaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True, title_font=dict(size=15))
    return fig


def left_labels_px(fig: go.Figure) -> float:
    """Estimated width of the category labels left of the plotting area: the longest of the y axis's own
    tick texts, of a trace's text y values, or of each level side by side on a two-level axis. Numeric axes
    give 0."""
    size = fig.layout.yaxis.tickfont.size or fig.layout.font.size or 15
    ticktext = [t for t in (fig.layout.yaxis.ticktext or ()) if isinstance(t, str)]  # labels set by hand
    widest = max(map(len, ticktext)) * LABEL_CHAR_PX * size if ticktext else 0.0
    for trace in fig.data:
        y = getattr(trace, "y", None)
        if y is None or len(y) == 0:
            continue
        levels = y if isinstance(y[0], (list, tuple)) else [y]
        texts = [[v for v in level if isinstance(v, str)] for level in levels]
        if not all(texts):
            continue
        width = sum(max(map(len, level)) for level in texts) * LABEL_CHAR_PX * size
        widest = max(widest, width + LEVEL_GAP * (len(texts) - 1))
    return widest


def legend_rows(fig: go.Figure, width_px: float) -> int:
    """Rows a horizontal legend takes in `width_px`: on one row if every entry fits, otherwise Plotly lines
    the entries up in columns as wide as the widest one."""
    if fig.layout.showlegend is False:
        return 0
    shown = [t for t in fig.data if t.name and (t.showlegend or (t.showlegend is None and len(fig.data) > 1))]
    if not shown:
        return 0
    widths = [LEGEND_SYMBOL_PX + len(t.name) * LABEL_CHAR_PX * LEGEND_FONT for t in shown]
    if sum(widths) <= width_px:
        return 1
    per_row = max(1, int(width_px // max(widths)))
    return math.ceil(len(shown) / per_row)


def percent_suffix(lang: Language) -> str:
    """What follows the number on a percentage axis, as the reader's language writes it: '%' in English
    and Kazakh, '\u00a0%' in Russian; so ticks match the bar labels (Language.percent)."""
    return lang.percent(0, 0).split("0", 1)[1]


def party_names(parties, lang: Language) -> dict[str, str]:
    """Party id -> short name in the reader's language, for labels and legends."""
    return lang.names(parties, "party", "short")


def party_colors(parties) -> dict[str, str]:
    """Party id -> its colour from parties.csv: the same in every chart."""
    return dict(zip(parties["party"], parties["color"]))


def add_party_bars(fig: go.Figure, rows, value: str, label, party_names: dict, channel_names: dict,
                   colors: dict, **trace) -> None:
    """Grouped bars: one trace per party in its colour, a bar per channel, each bar labelled by label(value)."""
    for party, group in rows.groupby("party", sort=False):
        name = party_names.get(party, party)
        fig.add_bar(x=[channel_names.get(c, c) for c in group["channel"]], y=group[value], name=name,
                    marker_color=colors.get(party, MUTED), text=[label(v) for v in group[value]],
                    textposition="outside", cliponaxis=False, meta={"party": party},
                    hovertemplate="%{x}<br>" + name + ": %{text}<extra></extra>", **trace)


def export_config(name: str, lang: Language) -> dict:
    """Plotly config: the camera button saves a 1600x900 PNG named after the chart and language."""
    width, height = EXPORT_SIZE
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": f"{slug(name)}-{lang.code}",
                                 "width": width, "height": height, "scale": 1},
    }


MIN_WRAP = 24  # characters a line keeps however wide the labels beside it: long names must not leave none


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, MIN_WRAP), break_long_words=False) or [""]


def title_of(fig: go.Figure) -> str:
    """The finding a chart states, as given to apply() (unwrapped)."""
    return (fig.layout.meta or {}).get("title", "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def _separators(lang: Language) -> str:
    """Plotly's decimal and thousands separators for the locale, taken from Babel's formatting."""
    sample = lang.number(1234.5, 1)  # '1,234.5' / '1 234,5'
    return sample[-2] + sample[1]


def source_line(*sources: str) -> str:
    """Join distinct citations in the order given."""
    return "; ".join(dict.fromkeys(s for s in sources if s))


def for_slide(fig: go.Figure, height: int) -> go.Figure:
    """The chart for a slide whose heading already states the finding: no title, larger text, fixed height."""
    slide = go.Figure(fig)
    slide.layout.annotations = [a for a in slide.layout.annotations if a.name != "title"]
    slide.update_layout(height=height, margin_t=LEGEND + 10)
    return slide
