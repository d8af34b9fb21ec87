"""The offline briefing pack: one self-contained HTML file (every chart interactive, Plotly's JavaScript
inline, no network needed), or a slide deck with one slide per finding. Both in the reader's language.
"""

from __future__ import annotations

import html
import io

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from observer import catalogue
from observer.catalogue import Inputs
from observer.charts.style import EXPORT_SIZE, export_config, title_of
from observer.export import text_stays_text_in_chart_workbooks
from observer.facts import Facts
from observer.findings import findings
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


def html_pack(pkg: Package, L: Language) -> str:
    """The briefing as one HTML file that opens anywhere, offline."""
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

    inputs = Inputs(pkg, L)
    found = findings(pkg, L, inputs)
    if found:
        parts.append(f"<h2>{e(L('overview.findings'))}</h2><ol class='findings'>")
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
    for source in pkg.descriptor.get("sources", []):
        parts.append(f"<p>{e(L.source_titles.get(source.get('title', ''), source.get('title', '')))}</p>")
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


def pptx_pack(pkg: Package, L: Language) -> bytes:
    """A slide deck: a title slide, one slide per finding (its sentence as title, its chart as an
    image rendered by Kaleido in the system's Chromium), and a sources slide."""
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    found = findings(pkg, L)
    images = _render([f.figure() for f in found])
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    def text(slide, value: str, top, height, size: int, bold: bool = False) -> None:
        box = slide.shapes.add_textbox(Inches(0.5), top, deck.slide_width - Inches(1), height)
        box.text_frame.word_wrap = True
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size, run.font.bold = value, Pt(size), bold

    cover = deck.slides.add_slide(blank)
    text(cover, L.title(pkg.descriptor, L("overview.title")), Inches(2.5), Inches(2), 36, bold=True)
    text(cover, L("briefing.lede"), Inches(4.7), Inches(1), 18)
    for finding, image in zip(found, images):
        slide = deck.slides.add_slide(blank)
        text(slide, finding.text, Inches(0.3), Inches(1.3), 26, bold=True)
        height = deck.slide_height - Inches(1.9)
        width = Emu(int(height * EXPORT_SIZE[0] / EXPORT_SIZE[1]))
        slide.shapes.add_picture(io.BytesIO(image), (deck.slide_width - width) // 2, Inches(1.7), width, height)
    closing = deck.slides.add_slide(blank)
    text(closing, L("briefing.sources"), Inches(0.3), Inches(0.8), 28, bold=True)
    lines = [L.source_titles.get(s.get("title", ""), s.get("title", "")) for s in pkg.descriptor.get("sources", [])]
    lines += [f"{file}: " + "; ".join(L.citation(c) for c in cited) for file, cited in sources(pkg)]
    text(closing, "\n".join(lines), Inches(1.2), deck.slide_height - Inches(1.5), 12)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _first_words(error: BaseException) -> str:
    """An error's first sentence, on one line (choreographer's come as tuples of advice)."""
    text = str(error.args[0]) if error.args else type(error).__name__
    return " ".join(text.split(". ")[0].split())


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
    previous_hook = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        # Kaleido's thread runs asyncio.run, so Python names it "Thread-N (run)"; others are passed on.
        if args.thread is not None and args.thread.name.endswith("(run)"):
            died.append(args.exc_value)
        else:
            previous_hook(args)

    pictures: list[bytes] = []
    failed: list[BaseException] = []

    def draw() -> None:
        try:
            kaleido.start_sync_server(silence_warnings=True)
            for figure in figures:
                pictures.append(figure.to_image(format="png", width=width, height=height))
        except BaseException as error:  # noqa: BLE001 - reported by the caller below
            failed.append(error)

    threading.excepthook = hook
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
        threading.excepthook = previous_hook
        if not died and not worker.is_alive():
            kaleido.stop_sync_server(silence_warnings=True)
