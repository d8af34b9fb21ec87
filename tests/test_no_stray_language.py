"""Every page in Kazakh and Russian shows nothing in English: no English catalogue text (a fallback or a
hard-coded string) and no Latin-letter words beyond codes and file names, in the page's text, widgets,
tables and charts. Party, channel and fact names come from the data's _kk/_ru columns, so are Cyrillic."""

from __future__ import annotations

import json
import re
import string

import pytest
from google.protobuf.json_format import MessageToDict

from observer.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue
from observer.package import contract
from tests.apptest import PAGES, open_page

LANGS = ["kk", "ru"]
# Proto fields that hold text a reader sees (bodies, labels, tooltips, options, placeholders).
TEXT_FIELDS = {"body", "label", "help", "placeholder", "content", "options", "caption", "text", "displayValue"}
# Latin words allowed on a Kazakh or Russian page: currency and file codes, the language picker's
# "English", markup in chart text, and Plotly's own number-format tokens.
ALLOWED_WORDS = {"KZT", "EUR", "CSV", "PNG", "SVG", "HTML", "PDF", "PowerPoint", "HHI", "KTK", "URL", "UTF",
                 "Windows", "xlsx", "zip", "json", "English", "br", "b", "extra", "customdata", "text",
                 "IFES", "ElectionGuide", "Observer",
                 "COVID"}  # COVID-19, as the statement's Kazakh text writes it (quoted under figure cards)
FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|tsv|txt|json|xlsx|zip|parquet|png|svg|html|pdf|pptx)\b")
URL = re.compile(r"https?://\S+|\b[\w-]+\.(?:kz|org|com|net)\b")
LINK_PARAM = re.compile(r"\b[a-z_]+=[\w,]+")  # a link's ?present=1
TEMPLATE = re.compile(r"%\{[^}]*\}")          # Plotly's %{x}, %{customdata[0]}
TAG = re.compile(r"</?[a-z]+[^>]*>")          # <b>, <br>, <extra>
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_'’]*[A-Za-z]")
MARKDOWN_ESCAPE = re.compile(r"\\(?=[^\sA-Za-z0-9])")  # ui.plain's backslashes before markdown characters


def identifiers() -> set[str]:
    """Table and column names of the data contract, and the keys a datapackage.json may set (currency,
    quote_language): codes a data page shows as they are in the files."""
    from observer.loading.descriptor import METADATA

    names = set(METADATA)
    for resource in contract()["resources"]:
        names.add(resource["name"])
        names |= {f["name"] for f in resource["schema"]["fields"]}
    return names


def allowed_values() -> set[str]:
    """Words of the contract's allowed values (campaign, KZT per EUR, ...): what a user types in a cell,
    which the Data page's column descriptions name as they are."""
    from babel.numbers import list_currencies

    fields = [field.get("constraints") or {} for resource in contract()["resources"] for field in resource["schema"]["fields"]]
    words = {word for constraints in fields for value in constraints.get("enum", []) for word in str(value).split()}
    # a pattern that lists its values (a fact's unit: count|percent|date|[A-Z]{3} per [A-Z]{3}) names them too
    words |= {word for constraints in fields if "|" in constraints.get("pattern", "")
              for word in re.findall(r"[a-z]{2,}", constraints["pattern"])}
    return words | set(list_currencies())  # and currency codes: GEL, USD


# --- collecting what a page shows -------------------------------------------------------------------

def _strings(value, keys=TEXT_FIELDS, inside=False):
    """Every string under one of ``keys`` in a proto rendered as a dict."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, keys, inside or key in keys)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, keys, inside)
    elif isinstance(value, str) and inside:
        yield value


def _chart_texts(spec: str):
    """What a reader can see in a Plotly figure: titles, annotations, axis titles and tick texts,
    legend names, bar and marker labels, hover text."""
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    for annotation in layout.get("annotations", []):
        yield annotation.get("text", "")
    title = layout.get("title")
    yield title.get("text", "") if isinstance(title, dict) else (title or "")
    for key, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", key) and isinstance(axis, dict):
            axis_title = axis.get("title") or {}
            yield axis_title.get("text", "") if isinstance(axis_title, dict) else str(axis_title)
            yield from (str(t) for t in axis.get("ticktext", []) or [])
            yield str(axis.get("ticksuffix", ""))
    for shape in layout.get("shapes", []):
        label = shape.get("label") or {}
        yield label.get("text", "")
    for trace in figure.get("data", []):
        if trace.get("showlegend") is not False:
            yield str(trace.get("name", "") or "")
        for key in ("text", "customdata", "hovertext", "hovertemplate", "texttemplate", "x", "y"):
            value = trace.get(key)
            for item in value if isinstance(value, list) else [value]:
                for leaf in item if isinstance(item, list) else [item]:
                    if isinstance(leaf, str):
                        yield leaf
        colorbar = (trace.get("colorbar") or {}).get("title") or {}
        yield colorbar.get("text", "") if isinstance(colorbar, dict) else str(colorbar)


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def page_texts(app, with_cells) -> list[tuple[str, str]]:
    """(where, text) for everything visible on the page; ``with_cells``: every table's cells (True), none
    (False), or those of the given element kinds only, e.g. {"table"}."""
    found = []
    for node in _walk(app._tree):
        kind = getattr(node, "type", type(node).__name__)
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if kind == "plotly_chart":
            found += [(f"chart {proto.id[-40:]}", t) for t in _chart_texts(proto.spec) if t]
            continue
        if kind in ("arrow_data_frame", "dataframe", "table"):
            frame = node.value
            found += [("table header", str(c)) for c in frame.columns]
            if with_cells is True or (with_cells and kind in with_cells):
                found += [("table cell", str(v)) for v in frame.astype(str).to_numpy().ravel()]
            continue
        # A <style> block (the page's own CSS) is markup, not text anyone reads.
        found += [(kind, t) for t in _strings(MessageToDict(proto)) if t and not t.lstrip().startswith("<style>")]
    return found


# --- what counts as English ---------------------------------------------------------------------------

def english_fragments(code: str) -> dict[str, str]:
    """The literal parts (between placeholders) of every English catalogue entry that is translated
    in ``code``, longer than 3 characters: none of them should show on a page in ``code``."""
    english, other = catalogue(DEFAULT_LANGUAGE), catalogue(code)
    fragments = {}
    for key, text in english.items():
        if other.get(key) == text:
            continue  # the same in every language, like '{party} ({count})'
        for literal, *_ in string.Formatter().parse(text):
            literal = TAG.sub(" ", literal or "").strip(" ,.;:()·—–-")
            if len(literal) > 3 and LATIN_WORD.search(literal):
                fragments[literal] = key
    return fragments


def cleaned(text: str, allowed: set[str]) -> str:
    """The text without markup, Plotly templates, file names, links and allowed codes."""
    text = MARKDOWN_ESCAPE.sub("", text)
    text = TEMPLATE.sub(" ", TAG.sub(" ", text))
    text = LINK_PARAM.sub(" ", FILE_NAME.sub(" ", URL.sub(" ", text)))
    return LATIN_WORD.sub(lambda m: " " if m.group(0) in allowed else m.group(0), text)


def latin_words(text: str, allowed: set[str]) -> set[str]:
    return set(LATIN_WORD.findall(cleaned(text, allowed)))


@pytest.fixture(scope="module")
def allowed() -> set[str]:
    return ALLOWED_WORDS | identifiers()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_stray_language(page, lang, allowed):
    app = open_page(page, lang)
    assert not app.exception, [e.message for e in app.exception]
    # The Data page's rows are the package's own (English names included); its column descriptions
    # (st.table) are the page's words and are checked, allowed values excepted.
    data_page = page.endswith("data_sources.py")
    texts = page_texts(app, with_cells={"table"} if data_page else True)
    if data_page:
        allowed = allowed | allowed_values()
        assert sum(where == "table cell" for where, _ in texts) > 300, "the columns tables were not read"
    assert len(texts) > 10, f"{page} shows almost nothing: {texts}"
    # Compiled once: there are more fragments than re's cache holds, and the Data page has many cells.
    fragments = [(re.compile(r"(?<![A-Za-z])" + re.escape(fragment) + r"(?![A-Za-z])"), fragment, key)
                 for fragment, key in english_fragments(lang).items()]
    problems = []
    for where, text in dict.fromkeys(texts):
        if text in LANGUAGES.values():
            continue  # the language picker names each language in itself
        clean = cleaned(text, allowed)
        for pattern, fragment, key in fragments:
            if pattern.search(clean):
                problems.append(f"{where}: English {key} {fragment!r} in {text[:160]!r}")
        words = latin_words(text, allowed)
        if words:
            problems.append(f"{where}: Latin words {sorted(words)} in {text[:160]!r}")
    problems = list(dict.fromkeys(problems))
    assert not problems, f"{page} in {lang}:\n" + "\n".join(problems[:60])


def test_the_check_catches_english():
    """The check itself: an English fallback and a hard-coded English word are both found."""
    fragments = english_fragments("ru")
    assert "Choose channels" in fragments
    assert latin_words("Источник: раздел «БАҚ», абзац 6 · таблица: tv_coverage.csv", ALLOWED_WORDS) == set()
    assert latin_words("%{x}<br>Нур Отан: %{text}<extra></extra>", ALLOWED_WORDS) == set()
    assert latin_words("Доля голосов (bar)", ALLOWED_WORDS) == {"bar"}
    assert latin_words("Кестелер\\: parties \\(5\\), tv\\_coverage \\(40\\)", ALLOWED_WORDS | identifiers()) == set()
