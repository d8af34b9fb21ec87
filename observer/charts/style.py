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
GROUND = "#ffffff"  # the page and plotting area behind the charts
EXPORT_SIZE = (1600, 900)  # 16:9, sharp on a projector and in a slide


TITLE_CHARS = 66    # a line of the 19 px title on a full-width chart at 768 px (the sidebar folded away)
SOURCE_CHARS = 98   # a line of the 12 px source line, on a chart at 768 px
TICKS = 64          # room under the plotting area for tick labels and an axis title
LEGEND = 34         # room above the plotting area for a one-row legend
LEFT_LABELS = 60    # px of tick labels left of the plotting area that TITLE_CHARS and SOURCE_CHARS allow for
TITLE_CHAR_PX = 10.5   # average width of a title character (19 px)
SOURCE_CHAR_PX = 6.6   # average width of a source-line character (12 px)
LABEL_CHAR_PX = 0.6    # average width of a tick-label character, per px of font size (Cyrillic is wider)
LEVEL_GAP = 30         # px between the two levels of a two-level (channel, party) axis
PROJECTOR_CHART_PX = 736  # width of a full-width chart at 768 px (820 beside the sidebar at 1280 px): the narrowest we plan for
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
    # The title starts below the toolbar's band, so the toolbar shown on hover never covers it.
    top = MODEBAR_PX + 4 + 25 * len(title_lines) + LEGEND + LEGEND_ROW * extra_rows
    bottom = TICKS + 17 * len(source_lines)
    fig.update_layout(
        template="plotly_white",
        height=height + MODEBAR_PX - 10 + 25 * (len(title_lines) - 1) + 17 * (len(source_lines) - 1) + LEGEND_ROW * extra_rows,
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
                       yshift=top - MODEBAR_PX, xanchor="left", yanchor="top", showarrow=False,
                       font=dict(size=19, color=TEXT), align="left")
    fig.add_annotation(text="<br>".join(source_lines), name="source", xref="paper", yref="paper", x=0, y=0,
                       yshift=-bottom + 6, xanchor="left", yanchor="bottom", showarrow=False,
                       font=dict(size=12, color=MUTED), align="left")
    fig.update_xaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True, title_font=dict(size=15))
    fig.update_yaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True, title_font=dict(size=15))
    # A category's gridline runs through the middle of its bar, where a label outside the bar is written:
    # bar charts keep only the gridlines across their values, and not those where every bar is labelled
    # with its value (they add nothing to read, and run through the labels outside the bars), as on the slides.
    bars = [t for t in fig.data if t.type == "bar"]
    across, upright = [t for t in bars if t.orientation == "h"], [t for t in bars if t.orientation != "h"]
    if across:
        fig.update_yaxes(showgrid=False)
        if every_bar_labelled(across):
            fig.update_xaxes(showgrid=False)
    if upright:
        fig.update_xaxes(showgrid=False)
        if every_bar_labelled(upright):
            fig.update_yaxes(showgrid=False)
    return fig


def every_bar_labelled(bars) -> bool:
    """Whether each of these bar traces writes every bar's value (a label for each bar that has a value)."""
    for trace in bars:
        values = trace.x if trace.orientation == "h" else trace.y
        if values is None:
            continue
        texts = trace.text
        if texts is None or trace.textposition == "none":
            return False
        texts = [texts] * len(values) if isinstance(texts, str) else list(texts)
        if any(v is not None and not (i < len(texts) and str(texts[i]).strip()) for i, v in enumerate(values)):
            return False
    return True


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


# Party colours where parties.csv gives none, in row order: eight colours that stay apart under the common
# kinds of colour-blindness (tests/test_colours.py), then again from the first.
DEFAULT_PALETTE = ("#009E73", "#DDCC77", "#332288", "#BBBBBB", "#117733", "#66CCEE", "#999933", "#666666")


def party_colors(parties) -> dict[str, str]:
    """Party id -> its colour from parties.csv (the same in every chart); a party without one takes the
    default palette's colour for its row."""
    given = parties["color"] if "color" in parties.columns else [""] * len(parties)
    return {party: color if isinstance(color, str) and color.strip() else DEFAULT_PALETTE[i % len(DEFAULT_PALETTE)]
            for i, (party, color) in enumerate(zip(parties["party"], given))}


def add_party_bars(fig: go.Figure, rows, value: str, label, party_names: dict, channel_names: dict,
                   colors: dict, **trace) -> None:
    """Grouped bars: one trace per party in its colour, a bar per channel, each bar labelled by label(value)."""
    for party, group in rows.groupby("party", sort=False):
        name = party_names.get(party, party)
        fig.add_bar(x=[channel_names.get(c, c) for c in group["channel"]], y=group[value], name=name,
                    marker_color=colors.get(party, MUTED), text=[label(v) for v in group[value]],
                    textposition="outside", cliponaxis=False, meta={"party": party},
                    hovertemplate="%{x}<br>" + name + ": %{text}<extra></extra>", **trace)


# The toolbar's one button's tooltip in the reader's language: Plotly's own dictionaries (config.locales) are
# keyed by its English text, which plotly.js 3 writes "PNG" and 2 wrote "png".
MODEBAR_TEXT = {
    "kk": "Диаграмманы PNG суреті ретінде сақтау",
    "ru": "Сохранить диаграмму как изображение PNG",
}
MODEBAR_KEYS = ("Download plot as a PNG", "Download plot as a png")
MODEBAR_PX = 30  # the toolbar's band at the top of a chart: the title starts below it


def export_config(name: str, lang: Language) -> dict:
    """Plotly config: a toolbar with the one button a presenter needs, the camera, which saves a 1600x900
    PNG named after the chart and language; shown on hover only, its tooltip in the reader's language."""
    width, height = EXPORT_SIZE
    config = {
        "displaylogo": False,
        "displayModeBar": "hover",
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", "filename": f"{slug(name)}-{lang.code}",
                                 "width": width, "height": height, "scale": 1},
    }
    if lang.code in MODEBAR_TEXT:
        config["locale"] = lang.code
        config["locales"] = {lang.code: {"dictionary": {key: MODEBAR_TEXT[lang.code] for key in MODEBAR_KEYS}}}
    return config


MIN_WRAP = 24  # characters a line keeps however wide the labels beside it: long names must not leave none


# While wrapping, a number that ends a clause ("footnote 22;", "paragraph 3,") is glued to the word before
# it, and a number to the word after it ("23 February", "150 segments"): a line never starts or ends with
# a number cut from its word.
_CLAUSE_NUMBER = re.compile(r" (?=\d{1,4}(?:[,;)]|$))|(?<=\d) (?=[^\W\d_])")
_GLUE = "\ue000"  # a private-use character: never in the text, not a space to textwrap


# A short name in guillemets («Нур Отан», «Жаңа таң») is one word to the wrapping.
_QUOTED_NAME = re.compile(r"«[^«»]{1,20}»")
WIDOW_CHARS = 10  # a last line shorter than this, or of one word, takes a word from the line before


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters (more only for a word that long). Numbers stay with their
    words, quoted names whole where that takes no extra line, and the last line is not one short word left
    alone ("алды", "facts.csv"): it takes the last word of the line before, where that is a word (not a sign
    like "+") and fits."""
    width = max(width, MIN_WRAP)
    glued = _CLAUSE_NUMBER.sub(_GLUE, text)
    lines = textwrap.wrap(glued, width, break_long_words=False, break_on_hyphens=False)
    whole = textwrap.wrap(_QUOTED_NAME.sub(lambda m: m.group(0).replace(" ", _GLUE), glued), width,
                          break_long_words=False, break_on_hyphens=False)
    if len(whole) <= len(lines):  # a name kept whole, unless that costs the chart a line
        lines = whole
    if len(lines) > 1 and (" " not in lines[-1] or len(lines[-1]) < WIDOW_CHARS):
        rest, _, word = lines[-2].rpartition(" ")
        if rest and re.search(r"\w", word) and len(word) + 1 + len(lines[-1]) <= width:
            lines[-2:] = [rest, f"{word} {lines[-1]}"]
    return [line.replace(_GLUE, " ") for line in lines] or [""]


def source_to_width(fig: go.Figure, width_px: float) -> go.Figure:
    """The source line wrapped again for a chart drawn ``width_px`` wide (apply() wraps it for a full-width
    chart), the bottom margin and the height grown by the lines it gains, so it stays inside the chart."""
    narrow = 0.88 if re.search("[\u0400-\u04ff]", title_of(fig)) else 1
    room = width_px - max(LEFT_LABELS, left_labels_px(fig)) - (fig.layout.margin.r or 0)
    for a in fig.layout.annotations:
        if a.name != "source":
            continue
        before = str(a.text).count("<br>") + 1
        lines = wrap(re.sub(r"<br\s*/?>", " ", str(a.text)), max(20, int(room / SOURCE_CHAR_PX * narrow)))
        grown = 17 * max(0, len(lines) - before)
        a.text = "<br>".join(lines)
        a.yshift = (a.yshift or 0) - grown
        fig.update_layout(margin_b=(fig.layout.margin.b or 0) + grown, height=(fig.layout.height or 500) + grown)
    return fig


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


SLIDE_TEXT_PX = 18   # chart text on a slide: ticks, data labels, legend, notes; read from the back of a room
AXIS_TITLE_STANDOFF_PX = 4
SLIDE_WIDTH_PX = 1200  # a slide's chart at 1280x720, inside the deck's side padding


def for_slide(fig: go.Figure, height: int, text_px: int = SLIDE_TEXT_PX, width: int = SLIDE_WIDTH_PX) -> go.Figure:
    """The chart for a slide whose heading already states the finding: no title, every text at least
    ``text_px`` (ticks, data labels, legend, axis titles, the notes and the source line), fixed height; the
    margins grow with the text so that nothing is clipped. ``width`` is what the chart is drawn at: the
    source line and legend wrap to it."""
    slide = go.Figure(fig)
    scale = text_px / 15  # apply() sizes the chart's body text at 15 px
    narrow = 0.88 if re.search("[\u0400-\u04ff]", title_of(fig)) else 1
    annotations = []
    source_lines = 0
    _rows_for_slide(slide)
    for a in slide.layout.annotations:
        if a.name == "title":
            continue
        size = max((a.font.size or 15) * scale, text_px) if a.name != "source" else text_px
        if a.name == "source":
            plain = re.sub(r"<br\s*/?>", " ", a.text)
            # The line starts where the plotting area does, right of the row labels.
            lines = wrap(plain, int((width - _row_labels_px(slide, text_px)) / (text_px * 0.55) * narrow))
            source_lines = len(lines)
            a = go.layout.Annotation(a, text="<br>".join(lines))
        annotations.append(go.layout.Annotation(a, font_size=size))
    legend = legend_rows(slide, (width - 60) * LEGEND_FONT / text_px) if slide.layout.showlegend is not False else 0
    legend_px = 0 if not legend else int(legend * text_px * 1.6) + 8
    # Under the plotting area: a row of ticks, the axis title, then the source line.
    bottom = int(text_px * 2.6) + 14 + int(text_px * 1.3) * source_lines
    for a in annotations:
        if a.name == "source":
            a.yshift = -bottom + 6
    slide.layout.annotations = annotations
    above = _stagger_labels_above(slide, width - _row_labels_px(slide, text_px) - 40, text_px * narrow)
    # Half the first tick label left of the plot: Plotly hides a label that would pass the chart's edge
    # (the '0 %' of a chart without row labels).
    first_tick = (slide.layout.xaxis.ticktext or [""])[0]
    left = max(10, int(text_width(str(first_tick), text_px) / 2) + 4)
    slide.update_layout(height=height, width=None if width == SLIDE_WIDTH_PX else width,
                        font_size=text_px, legend_font_size=text_px, hoverlabel_font_size=text_px,
                        margin=dict(t=max(legend_px + above, text_px) + 10, b=bottom, l=left, r=30))
    # The axis title close to its ticks (Plotly's own standoff left it 2-4 px above the source line).
    slide.update_xaxes(tickfont_size=text_px, title_font_size=text_px, title_standoff=AXIS_TITLE_STANDOFF_PX)
    # Row labels at the slide's size otherwise end 2 px from their bars ("Нур Отан▌").
    slide.update_yaxes(tickfont_size=text_px, title_font_size=text_px, ticklabelstandoff=8)
    if slide.layout.barmode in (None, "group") and sum(t.type == "bar" for t in slide.data) > 2:
        # Grouped bars (a party per bar, a channel per group): wide enough for a label at the slide's size.
        slide.update_layout(bargap=0.1, bargroupgap=0.0)
    for trace in slide.data:
        if "textfont" in trace:
            trace.textfont.size = max(trace.textfont.size or 0, text_px)
        if trace.type == "bar" and trace.textposition == "outside":
            trace.constraintext = "none"  # Plotly would shrink a label to its bar's thickness, below text_px
    return slide


def _stagger_labels_above(slide: go.Figure, plot_px: float, text_px: float) -> int:
    """Reference lines' labels above the plotting area (the majority, the seats, the list maximum) at a
    slide's text size: each that would touch one before it goes up a row (the page's own stagger was worked
    out for its smaller text: 'Всего 98 мандатов' covered 'Максимум в списке: 127'). Returns the px the
    labels take above the plot."""
    notes = [a for a in slide.layout.annotations
             if a.yref == "paper" and a.y == 1 and a.yanchor == "bottom" and a.xref == "x" and a.x is not None]
    axis = slide.layout.xaxis.range
    if not notes or not axis:
        return 0
    per_unit = plot_px / (float(axis[1]) - float(axis[0]))
    row = text_px * 1.3 + 4
    notes.sort(key=lambda a: a.x)
    spans = []
    for note in notes:
        lines = str(note.text).split("<br>")
        width = max(text_width(line, text_px) for line in lines) + 10
        left = (float(note.x) - float(axis[0])) * per_unit - ANCHOR_SHARE[note.xanchor or "center"] * width
        spans.append((left, left + width, row * len(lines)))
    top = 0.0
    for note, shift, (_, _, high) in zip(notes, stagger(spans), spans):
        note.yshift = shift
        top = max(top, shift + high)
    return int(top)


ANCHOR_SHARE = {"left": 0.0, "center": 0.5, "right": 1.0}  # of a label's width left of its x, by xanchor


def stagger(spans: list[tuple[float, float, float]]) -> list[float]:
    """How far to raise each of a row of labels, (left, right, height) in px in the order they are placed,
    so that none touches one placed before it: each goes up past every earlier label it would overlap."""
    placed: list[tuple[float, float, float, float]] = []
    for left, right, high in spans:
        shift, moved = 0.0, True
        while moved:  # up past every label it would touch, at any height
            moved = False
            for other_left, other_right, other_shift, other_high in placed:
                if (left < other_right and other_left < right
                        and shift < other_shift + other_high and other_shift < shift + high):
                    shift, moved = other_shift + other_high, True
        placed.append((left, right, shift, high))
    return [shift for _, _, shift, _ in placed]


def _row_labels_px(fig: go.Figure, text_px: float) -> float:
    """About how wide a horizontal bar chart's row labels are drawn (both levels of a channel-and-party
    axis), left of its plotting area; 0 for other charts."""
    widest = 0.0
    for trace in fig.data:
        if trace.type != "bar" or trace.orientation != "h" or trace.y is None or not len(trace.y):
            continue
        levels = trace.y if isinstance(trace.y[0], (list, tuple)) else [trace.y]
        widest = max(widest, sum(max(len(str(v)) for v in level) for level in levels) * text_px * 0.55 + 20)
    return widest


def _rows_for_slide(slide: go.Figure) -> None:
    """A chart of labelled rows (a label above each bar, its value beside the bar's end) needs about 46 px
    a row at a slide's text size, more than a slide has for seven rows: on a slide the value joins the
    label's line and the bar is thinner, so each row needs a line of text and a thin bar."""
    labels = [a for a in slide.layout.annotations if a.name == "row_label"]
    values = [a for a in slide.layout.annotations if a.name == "value_label"]
    if not labels or len(labels) != len(values):
        return
    for label, value in zip(labels, values):
        label.text = f"{label.text}   {value.text}"
        label.y = label.y + 0.1
    slide.layout.annotations = [a for a in slide.layout.annotations if a.name != "value_label"]
    for trace in slide.data:
        if trace.type == "bar":
            trace.width = 0.3


# ---------------------------------------------------------------- data labels clear of reference lines

NARROWEST_PLOT_PX = 560  # plotting area of a full-width chart at 768 px (the sidebar folded away), less labels
TEXT_PAD_PX = 3          # Plotly's gap between a bar's end and its outside label
LINE_CLEAR_PX = 5        # room kept between a reference line and a label
NEAR_END_PX = 1.5        # a line this close to a bar's end passes between the end and either label


def _label_width_px(text: str, size: float) -> float:
    plain = re.sub(r"<[^>]+>", "", re.sub(r"<br>", "\n", str(text)))
    widest = max((len(line) for line in plain.split("\n")), default=0)
    narrow = 1.08 if re.search("[\u0400-\u04ff]", plain) else 1
    return widest * LABEL_CHAR_PX * size * narrow


BOLD_WIDER = 1.06  # a bold line (a party's name on a tick) against text_width's regular letters


def text_width(text: str, size: float) -> float:
    """A closer estimate of a label's widest line than _label_width_px, in the units of size, for whether it
    fits inside a bar or beside its neighbour's: digits, spaces and stops are narrower than letters in Noto
    Sans (an upper bound for the usual labels)."""
    plain = re.sub(r"<[^>]+>", "", re.sub(r"<br>", "\n", str(text)))

    def em(c: str) -> float:
        if c.isdigit():
            return 0.58
        if c.isspace():
            return 0.28
        if c in ".,:;'’%":
            return 0.3 if c != "%" else 0.85
        return 0.85 if c in "MWmwЖШЩЮжшщюМм" else 0.62
    return max((sum(map(em, line)) for line in plain.split("\n")), default=0.0) * size


def _plot_height_px(fig: go.Figure) -> float:
    margin = fig.layout.margin
    return max(100.0, (fig.layout.height or 500) - (margin.t or 0) - (margin.b or 0))


def labels_clear_of_lines(fig: go.Figure, lines, axis: str = "y", plot_px: float | None = None,
                          xref: str = "x", yref: str = "y") -> None:
    """Move a bar's outside label off a reference line it would cross: on vertical bars (lines across, on
    the y axis) the label goes inside the top of its bar; on horizontal bars (lines down, on the x axis) it
    starts just past the line instead, as a note at the line. Call after the axis range and the layout
    (apply) are set; widths are estimated for the narrowest chart we plan for, so wider ones are clear too."""
    lines = [float(v) for v in lines if v is not None]
    if not lines:
        return
    value_axis = fig.layout[f"{'yaxis' if axis == 'y' else 'xaxis'}{xref[1:] if axis == 'x' else yref[1:]}"]
    low, high = value_axis.range or (0, max(lines) * 1.1)
    span = float(high) - float(low)
    if axis == "y":
        px = plot_px or _plot_height_px(fig)
    else:
        px = plot_px or max(200.0, NARROWEST_PLOT_PX - left_labels_px(fig))
    per_px = span / px
    clear = LINE_CLEAR_PX * per_px
    for trace in fig.data:
        if trace.type != "bar" or trace.text is None or (trace.xaxis or "x") != xref or (trace.yaxis or "y") != yref:
            continue
        size = (trace.textfont.size if trace.textfont and trace.textfont.size else None) or fig.layout.font.size or 15
        values = list(trace.y if axis == "y" else trace.x)
        cats = list(trace.x if axis == "y" else trace.y)
        texts = list(trace.text) if not isinstance(trace.text, str) else [trace.text] * len(values)
        given = trace.textposition
        positions = list(given) if isinstance(given, (list, tuple)) else [given or "auto"] * len(values)
        moved = inside_colours = False
        for i, (value, text) in enumerate(zip(values, texts)):
            if positions[i] != "outside" or not text or value is None:
                continue
            value = float(value)
            if axis == "y":
                tall = _label_width_px(text, size) if trace.textangle == -90 else \
                    size * 1.3 * (str(text).count("<br>") + 1)
                extent = (tall + TEXT_PAD_PX) * per_px
                # Near the bar's end the label keeps Plotly's gap from it whatever the scale: a line within
                # NEAR_END_PX of the end crosses neither label; farther out the estimate gets room to spare.
                near = (TEXT_PAD_PX - NEAR_END_PX) * per_px
                outside = any(value + near < e < value + extent + clear for e in lines)
                inside = any(value - extent - clear < e < value - near for e in lines)
                fits = ((text_width(text, size) if trace.textangle == -90 else tall) + TEXT_PAD_PX) * per_px
                if outside and not inside and value > fits + 2 * clear:
                    positions[i] = "inside"
                    moved = True
            else:
                width = (_label_width_px(text, size) + TEXT_PAD_PX) * per_px
                crossed = any(value - clear < e < value + width + clear for e in lines)
                # Past the line, a bar's value reads as if the bar reached it: inside the bar's end where it fits
                # and no line runs through it there, else just past the line, as a note at it.
                if crossed and value - max(float(low), 0.0) > width + 2 * clear \
                        and not any(value - width - clear < e < value for e in lines):
                    positions[i] = "inside"
                    inside_colours = True
                    moved = True
                    continue
                start = value
                for _ in range(len(lines) + 1):
                    crossed = [e for e in lines if start - clear < e < start + width + clear]
                    if not crossed:
                        break
                    start = max(crossed) + clear
                if start != value:
                    texts[i] = ""
                    fig.add_annotation(name="bar_label", x=start, xref=xref, y=cats[i], yref=yref, xanchor="left",
                                       yanchor="middle", showarrow=False, text=str(text),
                                       font=dict(size=size, color=TEXT))
                    moved = True
        if moved:
            trace.update(textposition=positions, text=texts, insidetextanchor="end")
        if inside_colours:
            trace.update(insidetextfont_color=inside_text_colours(trace))


def inside_text_colour(colour: str, opacity: float = 1.0) -> str:
    """The colour Plotly gives a label inside a bar of `colour` (white on a dark bar, its dark grey on a light
    one: plotly.js Color.contrast, tinycolor's brightness under 128), for the bar as drawn: at `opacity`, over
    the white paper. Plotly itself judges the full colour, and a faded bar got white text it could not hold."""
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", str(colour)):
        return "#444444"  # a colour the package check lets through is #rrggbb; anything else gets dark text
    red, green, blue = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
    red, green, blue = (255 - (255 - c) * opacity for c in (red, green, blue))
    return "#FFFFFF" if (red * 299 + green * 587 + blue * 114) / 1000 < 128 else "#444444"


def inside_text_colours(trace) -> list[str]:
    """Each point's inside label colour, for a bar trace with a colour and an opacity per point or for all."""
    n = len(trace.x if trace.orientation == "h" else trace.y)
    colours = trace.marker.color
    colours = list(colours) if isinstance(colours, (list, tuple)) else [colours or REFERENCE] * n
    opacities = trace.marker.opacity
    opacities = list(opacities) if isinstance(opacities, (list, tuple)) else [1.0 if opacities is None else opacities] * n
    return [inside_text_colour(c, o) for c, o in zip(colours, opacities)]


def upright_ticks_if_crowded(fig: go.Figure, plot_px: float = PROJECTOR_CHART_PX - 70) -> bool:
    """Category ticks under vertical bars (the x axis's ticktext) wider than a category's room on the
    narrowest chart: they read upwards, and the room under the plotting area grows by their height, with the
    source line moved down with it. Left to itself Plotly tilts them and grows the margin, but the source
    line keeps its place under the plotting area and the ticks run over it. Call after ``apply`` and the
    x axis's ticks are set."""
    axis = fig.layout.xaxis
    texts = [str(t) for t in (axis.ticktext or ())]
    if not texts:
        return False
    size = (axis.tickfont.size if axis.tickfont and axis.tickfont.size else None) or fig.layout.font.size or 15
    if max(text_width(text, size) * BOLD_WIDER for text in texts) + 6 <= plot_px / len(texts):
        return False
    widest = max(_label_width_px(text, size) for text in texts)  # the margin below: room to spare
    axis_title = 24 if axis.title and axis.title.text else 0
    extra = max(0, math.ceil(widest + 12 + axis_title - (TICKS - 6)))
    fig.update_xaxes(tickangle=-90)
    fig.update_layout(height=(fig.layout.height or 500) + extra, margin_b=(fig.layout.margin.b or 0) + extra)
    for note in fig.layout.annotations:
        if note.name == "source":
            note.yshift = (note.yshift or 0) - extra
    return True


def upright_if_crowded(fig: go.Figure, bargap: float, plot_px: float = PROJECTOR_CHART_PX - 70) -> bool:
    """Grouped vertical bars whose widest label is wider than a bar on the narrowest chart would have
    their labels run into their neighbours': every label of the chart then reads upwards instead."""
    bars = [t for t in fig.data if t.type == "bar" and t.text is not None]
    if not bars:
        return False
    groups = max(len(t.x) for t in bars)
    width = plot_px / max(groups, 1) * (1 - bargap) / len(bars)
    size = max((t.textfont.size or 15) for t in bars)
    widest = max(_label_width_px(text, size) for t in bars for text in t.text)
    if widest + 2 > width:
        for trace in bars:
            trace.update(textangle=-90)
        return True
    return False
