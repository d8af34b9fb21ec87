"""Text from data is always text: with a package whose every free-text cell carries markdown, HTML and
Streamlit syntax (tests/markup_package.py, SYNTHETIC), no chart, finding or briefing pack turns any of it
into a link, an image or formatting. The pages in a real browser: tests/browser/test_markup.py."""

import json
from html.parser import HTMLParser

import pytest

from observer import briefing, catalogue
from observer.catalogue import Inputs
from observer.i18n import Language
from observer.package import load_files
from tests.markup_package import EVIL_HOST, PAYLOAD, markup_files

RAW = ["<img src=x", "<a href=\"javascript", "<b>b</b>"]  # the data's own tags, as typed
SHOWN = ["&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;b&lt;/b&gt;"]  # how Plotly must be handed them


@pytest.fixture(scope="module")
def pkg():
    return load_files(markup_files())


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_no_chart_reads_markup_from_data(pkg, lang):
    inputs = Inputs(pkg, Language(lang))
    drawn = [chart for chart in catalogue.CHARTS if chart.available(inputs)]
    assert len(drawn) >= 12, [c.id for c in drawn]
    for chart in drawn:
        for selection in chart.variants(inputs) if chart.variants else [{}]:
            texts = "\n".join(strings(json.loads(chart.figure(inputs, **selection).to_json())))
            assert not [raw for raw in RAW if raw in texts], chart.id
            assert any(shown in texts for shown in SHOWN), chart.id  # the data's text is there, as typed


def strings(value):
    """Every string in a figure's spec (its JSON writes < as \\u003c, so the spec text would hide a tag)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_findings_keep_the_names_as_typed(pkg):
    from observer.findings import findings
    found = findings(pkg, Language("en"))
    assert found
    # The sentence is plain text: it holds the name exactly as the file has it; pages and packs escape it.
    assert any(PAYLOAD in f.text for f in found), [f.text for f in found]


def test_html_pack_shows_the_markup_as_text(pkg):
    pack = briefing.html_pack(pkg, Language("en"))
    assert not [raw for raw in RAW if raw in pack]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pack
    tags = Tags()
    tags.feed(pack)
    assert not {"a", "img"} & tags.names, tags.names
    assert not [v for v in tags.values if "javascript:" in v or EVIL_HOST in v]


class Tags(HTMLParser):
    """The pack's elements and attribute values, as a browser parses them (script bodies are not markup)."""

    def __init__(self):
        super().__init__()
        self.names, self.values = set(), []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.values += [value or "" for name, value in attrs if name in ("href", "src", "action", "style")]
