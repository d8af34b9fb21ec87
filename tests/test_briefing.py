"""The offline briefing pack: one HTML file with everything inline, and the slide deck."""

import io
import re
import subprocess
import sys

import pytest

from observer import briefing, catalogue
from observer.catalogue import Inputs
from observer.findings import findings
from observer.i18n import Language
from tests.conftest import ROOT

EN = Language("en")


@pytest.fixture(scope="module")
def pack(pkg):
    return briefing.html_pack(pkg, EN)


def test_pack_is_self_contained(pack):
    # No script, stylesheet or image is fetched from anywhere: Plotly's JavaScript is inline.
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", pack)
    assert "Plotly.newPlot" in pack and len(pack) > 3_000_000


def test_pack_has_every_finding_figure_and_chart(pkg, pack):
    for finding in findings(pkg, EN):
        assert finding.text.replace("'", "&#x27;") in pack
    assert "11,915,903" in pack and "63.3%" in pack  # at a glance
    assert pack.count('class="plotly-graph-div"') == len(catalogue.pack(Inputs(pkg, EN))) >= 10


def test_pack_cites_the_sources(pkg, pack):
    assert "«БАҚ» (Media), paragraph 6" in pack
    assert "IFES ElectionGuide" in pack


def test_pack_in_kazakh(pkg):
    kk = briefing.html_pack(pkg, Language("kk"))
    assert '<html lang="kk">' in kk and "11\u00a0915\u00a0903" in kk
    assert "Мәжіліс" in kk  # the package title in Kazakh


def test_text_from_the_data_is_escaped(pkg):
    parties = pkg.table("parties").copy()
    parties.loc[0, "short_en"] = "<script>alert(1)</script>"
    from observer.package import Package
    hostile = Package(pkg.path, pkg.descriptor, {**pkg.tables, "parties": parties})
    out = briefing.html_pack(hostile, EN)
    assert "<script>alert(1)</script>" not in out  # Plotly's JSON writes < as \u003c, the page escapes it
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_command_line_writes_the_pack(tmp_path):
    out = tmp_path / "briefing-kk.html"
    done = subprocess.run([sys.executable, "-m", "observer", "export", "--lang", "kk", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Traceback" not in done.stdout + done.stderr


def test_slides_one_per_finding(pkg):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(briefing.pptx_pack(pkg, EN)))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(findings(pkg, EN)) + 1  # cover, findings, sources
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert texts[1].startswith("Once institutional activities are counted")
    assert all(any(s.shape_type == 13 for s in slide.shapes) for slide in slides[1:-1])  # 13: picture


def test_no_chromium_is_said_clearly(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("Chrome not found")

    import kaleido
    monkeypatch.setattr(kaleido, "start_sync_server", refuse)
    from observer.__main__ import main
    assert main(["export", "--format", "pptx", "--out", str(tmp_path / "x.pptx")]) == 1
    assert not (tmp_path / "x.pptx").exists()
