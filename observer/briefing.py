"""The offline briefing pack: one self-contained HTML file (every chart interactive, Plotly's JavaScript
inline, no network needed), or a slide deck with one slide per finding. Both in the reader's language.
"""

from __future__ import annotations

import html
import io
import math
import re

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from observer import catalogue, slide_lines, slides
from observer.catalogue import Inputs
from observer.charts.style import EXPORT_SIZE, export_config, text_width, title_of
from observer.export import text_stays_text_in_chart_workbooks
from observer.facts import Facts
from observer.findings import findings, period_note
from observer.i18n import Language
from observer.overview import at_a_glance
from observer.package import Package


def page_title(page: str, L: Language) -> str:
    """A page's name by its id, as the navigation shows it (the catalogue key common.page_<id>)."""
    return L(f"common.page_{page}")


def sources(pkg: Package) -> list[tuple[str, list[str]]]:
    """Per table, the distinct citations its rows give, in first-seen order."""
    return [(pkg.file_of(name), list(dict.fromkeys(frame["source"])))
            for name, frame in pkg.tables.items() if "source" in frame.columns and len(frame)]


def html_pack(pkg: Package, L: Language, period: tuple | None = None) -> str:
    """The briefing as one HTML file that opens anywhere, offline; ``period`` (first day, last day, as
    catalogue.Inputs takes it) narrows what is computed from a coded log."""
    e = html.escape
    title = L.title(pkg.descriptor, L("overview.title"))
    parts = [f"<h1>{e(title)}</h1>", f"<p class='lede'>{e(L('briefing.lede'))}</p>"]

    glance = at_a_glance(Facts(pkg.table("facts")))
    if glance:
        parts.append(f"<h2>{e(L('overview.glance'))}</h2><div class='cards'>")
        for fact in glance:
            parts.append(f"<div class='card'><div class='label'>{e(fact.label(L))}</div>"
                         f"<div class='value'>{e(fact.display(L))}</div>"
                         f"<div class='source'>{e(L.source(fact.source))}</div></div>")
        parts.append("</div>")

    inputs = Inputs(pkg, L, period)
    found = findings(pkg, L, inputs)
    if found:
        parts.append(f"<h2>{e(L('overview.findings'))}</h2>")
        if note := period_note(inputs, L):
            parts.append(f"<p class='lede'>{e(note)}</p>")
        parts.append("<ol class='findings'>")
        parts += [f"<li>{e(f.text)}</li>" for f in found]
        parts.append("</ol>")

    section = None
    for chart, selection in catalogue.pack(inputs):
        if chart.page != section:
            section = chart.page
            parts.append(f"<h2>{e(page_title(section, L))}</h2>")
        figure = chart.figure(inputs, **selection)
        parts.append(f"<figure aria-label='{e(title_of(figure))}'>"
                     + pio.to_html(figure, full_html=False, include_plotlyjs=False,
                                   config=export_config(chart.name(**selection), L), default_width="100%")
                     + "</figure>")

    parts.append(f"<h2>{e(L('briefing.sources'))}</h2>")
    parts += [f"<p>{e(title)}</p>" for title in slides.statement_titles(pkg, L)]
    parts.append("<dl>")
    for file, cited in sources(pkg):
        parts.append(f"<dt>{e(file)}</dt>" + "".join(f"<dd>{e(L.citation(c))}</dd>" for c in cited))
    parts.append("</dl>")
    return PAGE.format(lang=e(L.code), title=e(title), plotly=get_plotlyjs(), body="\n".join(parts))


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 1200px; padding: 0 1.5rem; line-height: 1.45; }}
h1 {{ font-size: 2rem; }} h2 {{ font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; padding-bottom: .3rem; }}
.lede {{ color: #555; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 1rem; }}
.card {{ border: 1px solid #d9d9d9; border-radius: .5rem; padding: .8rem 1rem; }}
.card .value {{ font-size: 1.9rem; font-weight: 600; margin: .3rem 0; }}
.card .source, dd {{ color: #555; font-size: .85rem; }}
.findings li {{ font-size: 1.15rem; margin: .5rem 0; }}
figure {{ margin: 1.5rem 0; }}
</style>
<script>{plotly}</script>
</head>
<body>
{body}
</body>
</html>
"""


text_stays_text_in_chart_workbooks()  # the slides' chart data: upload text never becomes a formula


class NoChromium(RuntimeError):
    """Slide images need a Chromium that Kaleido can drive; the HTML pack does not."""


def chromium() -> str | None:
    """The browser Kaleido will drive: BROWSER_PATH when set (Kaleido takes it and nothing else then),
    else a Chromium or Chrome on the PATH."""
    import os
    import shutil

    chosen = os.environ.get("BROWSER_PATH")
    if chosen:
        return shutil.which(chosen)
    candidates = ["chromium", "chromium-browser", "google-chrome", "chrome"]
    return next((found for c in candidates if (found := shutil.which(c))), None)


BROWSER_START_TIMEOUT = 60  # seconds for the first picture, the browser's start included


SLIDE_TEXT_PT = 14   # the smallest text on a slide: chart labels and legends, at slide size
HEADING_PT = 28
WRAP_MARGIN = 0.94  # of a title line's estimated capacity in characters, for the words that do not fit
IMAGE_TEXT_PX = 38   # a picture's text, in px of EXPORT_SIZE: 14 pt or more at the picture's size on the slide


def pptx_pack(pkg: Package, L: Language, period: tuple | None = None) -> bytes:
    """A slide deck a press officer can edit: a title slide, one slide per finding (its sentence as the
    title; its chart as a native PowerPoint chart with the data in the slide, or a picture where no native
    type fits, see observer.slides), and a sources-and-method slide. Every slide has speaker notes: the
    statement's sentence and where it stands."""
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    from observer.charts.style import for_slide

    inputs = Inputs(pkg, L, period)
    found = findings(pkg, L, inputs)
    figures = [f.figure() for f in found]
    data = [slides.chart_data(f.chart, fig) for f, fig in zip(found, figures)]
    pictures = [_picture(for_slide(fig, EXPORT_SIZE[1], text_px=IMAGE_TEXT_PX, width=EXPORT_SIZE[0]))
                for fig, d in zip(figures, data) if d is None]
    images = iter(_render(pictures) if pictures else [])
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]
    width = deck.slide_width - Inches(1)

    cover = deck.slides.add_slide(blank)
    _text(cover, [(slides.keep_together(L.title(pkg.descriptor, L("overview.title"))), 34, True)], Inches(0.5),
          Inches(1.0), width, Inches(2.4))
    facts = slides.title_facts(pkg, L)
    statement = slides.statement_titles(pkg, L)[:1]
    note = period_note(inputs, L)
    paragraphs = ([(f"{label}: {value}", 20, False) for label, value in facts] + [(t, 16, False) for t in statement]
                  + [(L("briefing.lede"), 16, False)] + ([(note, 16, False)] if note else []))
    _text(cover, [(slides.keep_together(text), pt, bold) for text, pt, bold in paragraphs],
          Inches(0.5), Inches(3.6), width, Inches(3.4))
    _notes(cover, "\n".join([L("briefing.notes_cover")] + statement))

    headings = [slides.keep_together(finding.text) for finding in found]
    size = _heading_size(headings)
    for finding, heading, figure, chart in zip(found, headings, figures, data):
        slide = deck.slides.add_slide(blank)
        lines = _heading_lines(heading, size)
        _text(slide, [(heading, size, True)], Inches(0.5), Inches(0.3), width, Inches(1.7))
        top = Inches(0.45) + Pt(size * 1.2 * lines) + Inches(0.2)
        # The source line at the foot, as many lines as it takes (three where it cites three sections in
        # two languages); the chart has what is left.
        source = L.source((figure.layout.meta or {}).get("source", ""))
        source_lines = math.ceil(text_width(source, SLIDE_TEXT_PT) / (Emu(width).pt - 14))
        source_height = max(Inches(0.6), Pt(SLIDE_TEXT_PT * 1.2 * source_lines + 10))
        source_top = deck.slide_height - Inches(0.1) - source_height
        room = source_top - top - Inches(0.05)
        if chart is None:
            height = room
            picture_width = int(height * EXPORT_SIZE[0] / EXPORT_SIZE[1])
            slide.shapes.add_picture(io.BytesIO(next(images)), (deck.slide_width - picture_width) // 2, top,
                                     picture_width, height)
        else:
            # Reference lines are drawn on the chart (observer.slide_lines); any it cannot draw are stated
            # under it, in the words the dashboard's labels use.
            below = Inches(0.45) if chart.references else 0
            _chart(slide, chart, Inches(0.5), top, width, room - below)
            if below:
                _text(slide, [(" · ".join(chart.references), SLIDE_TEXT_PT, False)], Inches(0.5),
                      top + room - below, width, below)
        _text(slide, [(source, SLIDE_TEXT_PT, False)], Inches(0.5), source_top, width, source_height, color=MUTED)
        _notes(slide, slides.notes(pkg, figure, L))

    closing = deck.slides.add_slide(blank)
    _text(closing, [(L("present.sources_title"), HEADING_PT, True)], Inches(0.5), Inches(0.3), width, Inches(0.9))
    lines = [(L("present.method"), 16, False)]
    lines += [(t, 16, False) for t in slides.statement_titles(pkg, L)]
    lines += [(L("present.cited"), 16, True)] + [(c, SLIDE_TEXT_PT, False) for c in slides.deck_citations(figures, L)]
    _text(closing, lines, Inches(0.5), Inches(1.3), width, deck.slide_height - Inches(1.6))
    _notes(closing, L("briefing.notes_sources"))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


MUTED = "555555"


def _picture(slide: go.Figure) -> go.Figure:
    """The slide's picture without its source line: the slide gives the source beneath it, as text."""
    slide.layout.annotations = [a for a in slide.layout.annotations if a.name != "source"]
    slide.update_layout(margin_b=int(IMAGE_TEXT_PX * 2.6) + 14)
    return slide


def _text(slide, paragraphs, left, top, width, height, color: str | None = None) -> None:
    """A text box of paragraphs (text, size in pt, bold), wrapped; PowerPoint shrinks nothing."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, (value, size, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        run = paragraph.add_run()
        run.text, run.font.size, run.font.bold = value, Pt(size), bold
        if color:
            run.font.color.rgb = RGBColor.from_string(color)


def _notes(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def _chart(slide, data, left, top, width, height) -> None:
    """A native chart of observer.slides.ChartData: the numbers live in the slide (Edit Data opens them),
    each bar labelled as the dashboard labels it, coloured as on the dashboard, and no chart title (the
    slide's title states the finding)."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_LABEL_POSITION
    from pptx.util import Emu, Pt

    chart_data = CategoryChartData()
    horizontal = data.kind == "bar"
    # PowerPoint draws a bar chart's first category at the bottom; the dashboard lists the largest first, on top.
    order = list(range(len(data.categories)))[::-1] if horizontal else list(range(len(data.categories)))
    chart_data.categories = [data.categories[i] or " " for i in order]  # python-pptx writes '' as 'None'
    legend_names = _with_narrow_shares(data, width)
    for series, name in zip(data.series, legend_names):
        chart_data.add_series(name or " ", [series.values[i] for i in order])
    kind = {("bar", False): XL_CHART_TYPE.BAR_CLUSTERED, ("bar", True): XL_CHART_TYPE.BAR_STACKED,
            ("column", False): XL_CHART_TYPE.COLUMN_CLUSTERED, ("column", True): XL_CHART_TYPE.COLUMN_STACKED,
            ("line", False): XL_CHART_TYPE.LINE_MARKERS, ("line", True): XL_CHART_TYPE.LINE_MARKERS_STACKED}
    frame = slide.shapes.add_chart(kind[data.kind, data.stacked], left, top, width, height, chart_data)
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(SLIDE_TEXT_PT + 2)
    named = [s for s in data.series if s.name]
    chart.has_legend = len(named) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(SLIDE_TEXT_PT + 2)
    value_axis, category_axis = chart.value_axis, chart.category_axis
    labels = [label for series in data.series for label in series.labels if label]
    # Where every bar is labelled with its value the labels say what gridlines would, and a gridline would
    # run through the labels written past the bars' ends.
    every_labelled = all(series.labels and all(series.labels[i] for i, v in enumerate(series.values) if v is not None)
                         for series in data.series)
    value_axis.has_major_gridlines = not every_labelled
    unit = re.fullmatch(r"[\d.,]+(\W*%)", labels[0].split(" ")[0] if labels else "")
    if unit and all(label.split(" ")[0].endswith("%") for label in labels):
        value_axis.tick_labels.number_format = f'0"{unit.group(1)}"'
        value_axis.tick_labels.number_format_is_linked = False
    # Room beyond a bar for the label written past its end, which PowerPoint otherwise hides or wraps.
    reach = [v * (1.05 if (s.inside and s.inside[i]) or not s.labels else 1.3)
             for s in data.series for i, v in enumerate(s.values) if v is not None]
    if reach and not data.stacked and data.kind != "line":
        reach += [line.value * 1.05 for line in data.lines]  # a reference line inside the axis, with room
        value_axis.maximum_scale, value_axis.major_unit = _nice_axis(max(reach))
        if min(v for s in data.series for v in s.values if v is not None) >= 0:
            value_axis.minimum_scale = 0  # left open, LibreOffice starts a bar chart of counts at -10
    elif data.stacked and data.kind != "line":
        totals = [sum(s.values[i] or 0 for s in data.series) for i in range(len(data.categories))]
        value_axis.maximum_scale = _round_up(max(totals))  # shares adding up to 100 end at 100
        value_axis.minimum_scale = 0
    lined = (bool(data.lines) and not data.stacked and data.kind in ("bar", "column")
             and bool(value_axis.maximum_scale) and value_axis.maximum_scale > (value_axis.minimum_scale or 0))
    if lined:
        # Fixed ends and a fixed plotting area: the lines stand at their values (observer.slide_lines).
        value_axis.minimum_scale = value_axis.minimum_scale or 0
        low, high = value_axis.minimum_scale, value_axis.maximum_scale
        rows = slide_lines.label_rows(data, Emu(width).pt, low, high)
        box = slide_lines.plot_box(data, Emu(width).pt, Emu(height).pt, chart.has_legend, max(rows) + 1, high)
        slide_lines.fix_plot_area(chart, box)
    if len(data.categories) == 1:
        category_axis.visible = False  # one stacked bar: its segments are named in the legend
    _every_category_label(category_axis)
    value_axis.tick_labels.font.size = Pt(SLIDE_TEXT_PT)
    category_axis.tick_labels.font.size = Pt(SLIDE_TEXT_PT + 2)
    if data.value_title:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = data.value_title
        for paragraph in value_axis.axis_title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size, run.font.bold = Pt(SLIDE_TEXT_PT), False
    if data.kind != "line":
        chart.plots[0].gap_width = GAP_WIDTH
        if data.stacked:
            chart.plots[0].overlap = 100
    upright = _labels_upright(data, width, box.w if lined else PLOT_SHARE)
    segment_pt = _segment_scale(data, width, height, value_axis.maximum_scale)
    for plotted, series in zip(chart.series, data.series):
        colours = [series.colors[i] if len(series.colors) > 1 else None for i in order]
        if len(series.colors) == 1:
            fill = plotted.format.fill if data.kind != "line" else None
            if fill is not None:
                fill.solid()
                fill.fore_color.rgb = RGBColor.from_string(series.colors[0].lstrip("#"))
            else:
                plotted.format.line.color.rgb = RGBColor.from_string(series.colors[0].lstrip("#"))
        for index, colour in enumerate(colours):
            if colour and data.kind != "line":
                point = plotted.points[index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
        if series.labels:
            for index, i in enumerate(order):
                label = series.labels[i]
                if not label or _too_narrow(label, series.values[i], segment_pt):
                    continue  # a segment too narrow for its label: the dashboard hides it too, or writes it beside
                frame_ = plotted.points[index].data_label.text_frame
                frame_.text = label
                frame_._txBody.bodyPr.set("wrap", "none")  # one line, as on the dashboard
                if upright:
                    frame_._txBody.bodyPr.set("rot", "-5400000")  # reads upwards, as on the dashboard
                    frame_._txBody.bodyPr.set("vert", "horz")
                for run in frame_.paragraphs[0].runs:
                    run.font.size = Pt(SLIDE_TEXT_PT)
                inside = bool(series.inside) and series.inside[i]
                if inside or data.stacked:
                    # Inside a bar: white on a dark bar, black on a light one (as Plotly chooses).
                    fill = (series.colors[i] if len(series.colors) > 1 else (series.colors or ("#1a1a1a",))[0])
                    for run in frame_.paragraphs[0].runs:
                        run.font.color.rgb = RGBColor.from_string("1A1A1A" if _light(fill) else "FFFFFF")
                if data.kind == "line":
                    plotted.points[index].data_label.position = XL_LABEL_POSITION.ABOVE
                elif not data.stacked:
                    plotted.points[index].data_label.position = (XL_LABEL_POSITION.INSIDE_END if inside
                                                                 else XL_LABEL_POSITION.OUTSIDE_END)
                    if lined and not inside:
                        slide_lines.white_ground(plotted.points[index].data_label)
    if lined:
        slide_lines.draw(slide, frame, data, box, low, high, rows)


GAP_WIDTH = 60  # the gap between a native chart's groups of bars, in % of a bar's width (PowerPoint's unit)
# Of a native chart's width, what its plotting area takes: the value axis's ticks and title have the rest
# (764 of 888 pt on a TV slide as LibreOffice draws it).
PLOT_SHARE = 0.86
LABEL_GAP_PT = 3  # the least room between two neighbouring labels that still reads as two


def _labels_upright(data, width, plot_share: float = PLOT_SHARE) -> bool:
    """Whether a native column chart's labels must read upwards: where the widest label is wider than its
    bar, labels of neighbouring bars run into each other ("17 %17 %" with eight parties), as the
    dashboard's own charts decide (style.upright_if_crowded)."""
    from pptx.util import Emu

    if data.kind != "column" or data.stacked:
        return False
    labels = [label for series in data.series for label in series.labels if label]
    if not labels or not data.categories:
        return False
    group = Emu(width).pt * plot_share / len(data.categories)  # the plotting area's share of the chart
    bar = group / (len(data.series) + GAP_WIDTH / 100)
    return max(text_width(label, SLIDE_TEXT_PT) for label in labels) + LABEL_GAP_PT > bar


def _too_narrow(label: str, value: float | None, segment_pt: float | None) -> bool:
    return bool(segment_pt and value is not None
                and text_width(label, SLIDE_TEXT_PT) + LABEL_GAP_PT * 2 > value * segment_pt)


def _with_narrow_shares(data, width) -> list[str]:
    """The series' names for the legend. On one stacked bar (a whole split into shares) a segment too narrow
    for its label has none on the bar; its legend entry carries it instead: 'Higher commissions (3.3%)'."""
    names = [series.name for series in data.series]
    if not data.stacked or data.kind != "bar" or len(data.categories) != 1:
        return names
    total = sum(series.values[0] or 0 for series in data.series)
    scale = _segment_scale(data, width, 0, _round_up(total)) if total else None
    return [f"{name} ({series.labels[0]})" if name and series.labels and series.labels[0]
            and _too_narrow(series.labels[0], series.values[0], scale) else name
            for name, series in zip(names, data.series)]


def _segment_scale(data, width, height, maximum) -> float | None:
    """Points per unit of value along a stacked chart's bars; None for any other chart. One stacked bar has
    no category labels (its segments are named in the legend): its bar takes the plotting area's width."""
    from pptx.util import Emu

    if not data.stacked or data.kind == "line" or not maximum:
        return None
    if len(data.categories) == 1 and data.kind == "bar":
        return Emu(width).pt * PLOT_SHARE / maximum
    if len(data.categories) < 2:
        return None
    if data.kind == "bar":  # the category labels take the left of the chart
        names = max((text_width(c, SLIDE_TEXT_PT + 2) for c in data.categories), default=0)
        return (Emu(width).pt * PLOT_SHARE - names) / maximum
    return Emu(height).pt * PLOT_SHARE * 0.75 / maximum  # the legend on top and the ticks below take the rest


def _first_words(error: BaseException) -> str:
    """An error's first sentence, on one line (choreographer's come as tuples of advice)."""
    text = str(error.args[0]) if error.args else type(error).__name__
    return " ".join(text.split(". ")[0].split())


HEADING_SIZES = (HEADING_PT, 26, 24, 22)  # pt, largest first


def _heading_lines(text: str, size: int) -> int:
    """The lines a finding's heading takes at `size` pt across the slide (no-break spaces hold words together,
    as PowerPoint does)."""
    import textwrap

    per_char = 0.62 if re.search("[\u0400-\u04ff]", text) else 0.56  # bold Noto/DejaVu, per pt of size
    # A line's capacity less a margin: a word that the average fits by a character or two wraps in the
    # renderer (a Kazakh title of four lines counted as three ran under the chart).
    return len(textwrap.wrap(text, int(12.1 * 72 / (size * per_char) * WRAP_MARGIN)))


def _heading_size(texts: list[str]) -> int:
    """One size for every finding's heading in a deck (slides clicked through keep their titles' size): the
    largest at which each takes three lines at most, else the smallest, so a long Russian or Kazakh sentence
    does not run into the chart."""
    return next((size for size in HEADING_SIZES if all(_heading_lines(t, size) <= 3 for t in texts)),
                HEADING_SIZES[-1])


def _light(colour: str) -> bool:
    """Whether a #rrggbb colour is light enough for black text (relative luminance over one half)."""
    r, g, b = (int(colour.lstrip("#")[k:k + 2], 16) / 255 for k in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5


AXIS_TICKS = 7  # about as many ticks along a native chart's value axis


def _nice_axis(value: float) -> tuple[float, float]:
    """A value axis's end and tick step: the step 1, 2 or 5 times a power of ten that gives at most about
    AXIS_TICKS ticks, and the first tick at or past `value` (0-120 % in steps of 20, not 0-150 %)."""
    raw = value / AXIS_TICKS if value > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return math.ceil(value / step) * step, step


def _round_up(value: float) -> float:
    """A round axis end at or above value: 1, 2 or 5 times a power of ten, or a multiple of it."""
    import math

    step = 10 ** math.floor(math.log10(value)) / 2 if value > 0 else 1
    return math.ceil(value / step) * step


def _every_category_label(axis) -> None:
    """PowerPoint skips category labels it thinks crowded (every other row of a long list): show all."""
    from pptx.oxml.ns import qn

    ax = axis._element
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        for old in ax.findall(qn(tag)):
            ax.remove(old)
    skip = ax.makeelement(qn("c:tickLblSkip"), {"val": "1"})
    # The schema's order: tickLblSkip comes after lblOffset (or lblAlgn), before noMultiLvlLbl.
    anchor = ax.find(qn("c:noMultiLvlLbl"))
    if anchor is not None:
        anchor.addprevious(skip)
    else:
        ax.append(skip)


_KALEIDO_DEATHS: list[list[BaseException]] = []  # one list per _render under way


def _watch_kaleido_thread() -> None:
    """Once per process: errors that end Kaleido's thread go to the renders under way, not to the console.
    Kaleido's thread runs asyncio.run, so Python names it "Thread-N (run)"; every other thread's error is
    passed on as before."""
    import threading

    if getattr(threading.excepthook, "_observer_kaleido", False):
        return
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if _KALEIDO_DEATHS and args.thread is not None and args.thread.name.endswith("(run)"):
            for died in _KALEIDO_DEATHS:
                died.append(args.exc_value)
        else:
            previous(args)

    hook._observer_kaleido = True  # type: ignore[attr-defined]
    threading.excepthook = hook


def _render(figures: list[go.Figure]) -> list[bytes]:
    """PNG pictures of the figures, drawn by Kaleido in a Chromium; NoChromium (never a hang, never a
    traceback on the console) when there is none, it does not start, or it stops answering."""
    import threading
    import time
    import warnings

    import kaleido

    browser = chromium()
    if browser is None:
        import os
        chosen = os.environ.get("BROWSER_PATH")
        raise NoChromium(f"BROWSER_PATH={chosen} is not a program that can be run" if chosen
                         else "no chromium, chromium-browser, google-chrome or chrome on the PATH")
    warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
    width, height = EXPORT_SIZE
    # Kaleido drives the browser from a thread of its own: when the browser cannot start, that thread dies
    # (printing a traceback) and every later call waits for it forever. Watch it instead.
    died: list[BaseException] = []
    _watch_kaleido_thread()
    pictures: list[bytes] = []
    failed: list[BaseException] = []

    def draw() -> None:
        try:
            kaleido.start_sync_server(silence_warnings=True)
            for figure in figures:
                pictures.append(figure.to_image(format="png", width=width, height=height))
        except BaseException as error:  # noqa: BLE001 - reported by the caller below
            failed.append(error)

    _KALEIDO_DEATHS.append(died)
    try:
        worker = threading.Thread(target=draw, name="observer-slide-pictures", daemon=True)
        worker.start()
        done, deadline = -1, 0.0
        while worker.is_alive():
            worker.join(0.1)
            if died:
                raise NoChromium(_first_words(died[0])) from None
            if len(pictures) != done:  # progress: the next picture has its own time
                done, deadline = len(pictures), time.monotonic() + BROWSER_START_TIMEOUT
            elif time.monotonic() > deadline:
                raise NoChromium(f"the browser {browser} did not draw a chart within {BROWSER_START_TIMEOUT} s")
        if failed:
            raise NoChromium(_first_words(failed[0])) from None
        return pictures
    finally:
        _KALEIDO_DEATHS.remove(died)
        if died or not worker.is_alive():  # a dead Kaleido thread is reset, so the next try starts afresh
            kaleido.stop_sync_server(silence_warnings=True)
