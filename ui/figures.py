"""Charts from the catalogue of figures (observer.catalogue), built once and drawn on the page.

A figure is cached by explicit choice: every chart a page draws comes from the catalogue through
``draw()``, keyed by the chart's id, the language and the reader's selections, and kept with the package
it was built from (observer.derived). The package the server started with is shared by every session, so
its figures are too; an upload is a package of its own, in its viewer's session, so its figures can
never reach another viewer, and a re-upload starts with none.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import plotly.graph_objects as go

from observer import catalogue
from observer.catalogue import Inputs
from observer.charts import style
from observer.derived import memo
from ui import widgets

FIGURES_PER_PACKAGE = 256  # about 50 KB each: a long briefing's worth of views, then the oldest go


class _Recent:
    """The most recently used figures of one package (sessions run in threads, hence the lock)."""

    def __init__(self, size: int):
        self._items: OrderedDict = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key, build):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        figure = build()  # outside the lock: building takes tens of milliseconds
        with self._lock:
            self._items[key] = figure
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return figure


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def figure(inp: Inputs, chart_id: str, **selection) -> go.Figure:
    """The catalogue's chart for this package, language and selection; never modified after building."""
    key = (chart_id, inp.L.code, _frozen(inp.L.source_titles), _frozen(selection), inp.period)
    recent = memo(inp.pkg, "figures", lambda: _Recent(FIGURES_PER_PACKAGE))
    return recent.get(key, lambda: catalogue.chart(chart_id).figure(inp, **selection))


def untitled(fig: go.Figure, height: int, width: int | None = None) -> go.Figure:
    """A copy of a chart for a place whose text above already states its finding: no title, fixed height;
    given the ``width`` it is drawn at (a column), its source line wraps to it."""
    copy = go.Figure(fig)
    titles = [a for a in copy.layout.annotations if a.name == "title"]
    copy.layout.annotations = [a for a in copy.layout.annotations if a.name != "title"]
    lines = str(titles[0].text).count("<br>") + 1 if titles else 0
    copy.update_layout(height=height, margin_t=max(copy.layout.margin.t - 25 * lines, 40))
    return style.source_to_width(copy, width) if width else copy


def draw(inp: Inputs, chart_id: str, **selection) -> None:
    widgets.chart(figure(inp, chart_id, **selection), catalogue.chart(chart_id).name(**selection), inp.L)
