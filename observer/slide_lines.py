"""Reference lines (a ceiling, a majority, an equal share) on a slide's native chart.

PowerPoint's bar and column charts have no reference line of their own, so the line is a shape on the slide
at its value. For that the chart's plotting area is given a fixed place in its frame (a manual layout of
the inner plot area) and its value axis fixed ends: the line then stands where the value is, in PowerPoint
and in LibreOffice alike. The lines go behind the chart, whose areas are left unfilled: the bars hide them,
as the dashboard draws its lines below the bars; outside labels get a white ground, so a line passing one
does not run through its text. Each line is named beside it, in the dashboard's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from observer.charts.style import text_width
from observer.slides import ChartData

LABEL_PT = 14           # a line's name, as the slide's smallest text
LABEL_ROW_PT = 20       # a row of names above a horizontal bar chart
MARGIN_LABEL_PT = 110   # the right margin a column chart's line names are written in, in two or three lines
TICK_PT = 14


@dataclass(frozen=True)
class Box:
    """The plotting area as fractions of the chart's frame (what the manual layout says)."""
    x: float
    y: float
    w: float
    h: float


def plot_box(data: ChartData, width_pt: float, height_pt: float, legend: bool, rows: int, high: float) -> Box:
    """Where the plotting area goes in a frame of `width_pt` x `height_pt`: room for the category names or
    value ticks (up to `high`), the axis title, the legend, and the lines' names (`rows` rows of them above a
    bar chart, a margin on the right of a column chart)."""
    titled = 1.3 * TICK_PT if data.value_title else 0
    top = (30 if legend else 8) + (rows * LABEL_ROW_PT if data.kind == "bar" else 0)
    if data.kind == "bar":
        left = names_pt(data, width_pt)
        right = bar_right_pt(high)
        bottom = 1.3 * TICK_PT + titled + 14
    else:
        ticks = text_width(f"{high:g} %", TICK_PT) + 10  # the widest tick, with a unit
        left = ticks + titled + 8
        right = MARGIN_LABEL_PT
        group = (width_pt - left - right) / max(len(data.categories), 1)
        lines = 2 if any(text_width(c, TICK_PT + 2) > group - 8 for c in data.categories) else 1
        bottom = lines * 1.25 * (TICK_PT + 2) + 12
    return Box(left / width_pt, top / height_pt, 1 - (left + right) / width_pt, 1 - (top + bottom) / height_pt)


def bar_right_pt(high: float) -> float:
    """The margin right of a bar chart's plotting area. The last tick's label is centred on the plot's end:
    where half of it would not fit the margin, LibreOffice narrows the plot to make room, and the lines stood
    5 pt right of their values ('120 %')."""
    return max(12.0, text_width(f"{high:g} %", TICK_PT) / 2 + 8)


def names_pt(data: ChartData, width_pt: float) -> float:
    """The room left of a bar chart's plotting area for its category names, each on one line: where a name
    wraps, LibreOffice leaves out every other name whose two lines would not fit its row (seen on the Russian
    women slide with the names held to 40 % of the chart)."""
    return min(max((text_width(c, TICK_PT + 2) for c in data.categories), default=0) + 14, 0.75 * width_pt)


def label_rows(data: ChartData, width_pt: float, low: float, high: float) -> list[int]:
    """The row above the plot each line's name takes on a bar chart (0 nearest the plot): a name that would
    touch the one before it goes up a row, as on the dashboard."""
    if data.kind != "bar" or high <= low:
        return [0] * len(data.lines)
    names = names_pt(data, width_pt)
    per_unit = (width_pt - names - bar_right_pt(high)) / (high - low)  # as plot_box lays the plot out
    order = sorted(range(len(data.lines)), key=lambda i: data.lines[i].value)
    rows, ends = [0] * len(data.lines), {}
    for i in order:
        centre = names + (data.lines[i].value - low) * per_unit
        half = text_width(data.lines[i].label, LABEL_PT) / 2 + 4
        row = 0
        while ends.get(row, -1e9) > centre - half:
            row += 1
        rows[i], ends[row] = row, centre + half
    return rows


def fix_plot_area(chart, box: Box) -> None:
    """The inner plotting area at `box`, and no fill on the chart or its plotting area (the lines behind show)."""
    from lxml import etree
    from pptx.oxml.ns import qn

    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = plot_area.makeelement(qn("c:layout"), {})
    plot_area.insert(0, layout)  # a plot area's layout is its first child
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                       ("x", box.x), ("y", box.y), ("w", box.w), ("h", box.h)):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", f"{value:.4f}" if isinstance(value, float) else value)
    # c:spPr comes before the chart space's txPr, external data and print settings, after the rest.
    for element in (chart._chartSpace, plot_area):
        sp_pr = _sp_pr(element, ("txPr", "externalData", "printSettings", "userShapes", "extLst"))
        for old in list(sp_pr):
            if old.tag in (qn("a:solidFill"), qn("a:noFill"), qn("a:gradFill"), qn("a:pattFill")):
                sp_pr.remove(old)
        sp_pr.insert(0, etree.Element(qn("a:noFill")))


def _sp_pr(element, followers: tuple[str, ...]):
    """The element's c:spPr, added where the schema puts it if it has none: before the first of the
    `followers` it has, else last (PowerPoint repairs a file with it out of place)."""
    from pptx.oxml.ns import qn

    sp_pr = element.find(qn("c:spPr"))
    if sp_pr is None:
        sp_pr = element.makeelement(qn("c:spPr"), {})
        follower = next((child for child in element if child.tag in {qn(f"c:{t}") for t in followers}), None)
        (follower.addprevious if follower is not None else element.append)(sp_pr)
    return sp_pr


def white_ground(data_label) -> None:
    """A data label on a white ground: a line passing it does not run through its text."""
    from lxml import etree
    from pptx.oxml.ns import qn

    # In CT_DLbl's order: after idx, layout, tx and numFmt, before txPr, dLblPos and the show* flags.
    sp_pr = _sp_pr(data_label._get_or_add_dLbl(), DLBL_AFTER_SPPR)
    fill = etree.SubElement(etree.SubElement(sp_pr, qn("a:solidFill")), qn("a:srgbClr"))
    fill.set("val", "FFFFFF")


DLBL_AFTER_SPPR = ("txPr", "dLblPos", "showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
                   "showBubbleSize", "separator", "extLst")
DASHES = {"dash": "DASH", "dot": "ROUND_DOT", "solid": "SOLID"}


def draw(slide, frame, data: ChartData, box: Box, low: float, high: float, rows: list[int]) -> None:
    """Each of the chart's lines at its value, behind the chart, named above the plot (bar charts) or in the
    right margin (column charts)."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    left, top = frame.left + box.x * frame.width, frame.top + box.y * frame.height
    width, height = box.w * frame.width, box.h * frame.height
    for line, row in zip(data.lines, rows):
        share = (line.value - low) / (high - low)
        if data.kind == "bar":
            x = int(left + share * width)
            rows_down = min(line.through, len(data.categories)) if line.through else len(data.categories)
            bottom = top + height * rows_down / max(len(data.categories), 1)  # each row an equal band, first on top
            shape = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x, int(top), x, int(bottom))
            label_width = Pt(text_width(line.label, LABEL_PT) + 16)
            label_left = min(max(int(x - label_width / 2), frame.left), frame.left + frame.width - label_width)
            label = slide.shapes.add_textbox(label_left, int(top - Pt(LABEL_ROW_PT * (row + 1))), label_width,
                                             Pt(LABEL_ROW_PT))
            align = PP_ALIGN.CENTER
        else:
            y = int(top + height - share * height)
            shape = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, int(left), y, int(left + width), y)
            label = slide.shapes.add_textbox(int(left + width + Pt(8)), int(y - Pt(LABEL_ROW_PT) / 2),
                                             Pt(MARGIN_LABEL_PT - 8), Pt(LABEL_ROW_PT * 3))
            align = PP_ALIGN.LEFT
        shape.line.color.rgb = RGBColor.from_string("333333")
        shape.line.width = Pt(1.75)
        shape.line.dash_style = getattr(MSO_LINE_DASH_STYLE, DASHES.get(line.dash, "SOLID"))
        frame._element.addprevious(shape._element)  # behind the chart: the bars hide it
        text = label.text_frame
        text.word_wrap = data.kind != "bar"
        for margin in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(text, margin, 0)
        text.text = line.label
        paragraph = text.paragraphs[0]
        paragraph.alignment = align
        for run in paragraph.runs:
            run.font.size = Pt(LABEL_PT)
            run.font.color.rgb = RGBColor.from_string("333333")
