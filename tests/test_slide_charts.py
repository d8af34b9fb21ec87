"""A chart as a slide draws it (observer.charts.style.for_slide): text at the slide's size, and the source
line wrapped to the room right of a bar chart's row labels, where it starts."""

from observer.catalogue import Inputs
from observer.charts.style import for_slide, text_width
from observer.findings import findings
from observer.i18n import Language
from observer.package import load_package
from tests.conftest import ROOT

MONITORING = ROOT / "tests" / "fixtures" / "synthetic_monitoring"


def speech_slide():
    pkg, L = load_package(MONITORING), Language("en")
    found = {f.key: f for f in findings(pkg, L, Inputs(pkg, L).in_period("2031-02-17", "2031-02-23"))}
    return for_slide(found["tv_log_speech"].figure(), height=500)


def test_the_source_line_wraps_right_of_the_row_labels():
    source = next(a for a in speech_slide().layout.annotations if a.name == "source")
    # 'Public News Channel' and 'Green Valley' at 18 px leave about 950 px of the 1280: two lines, not one
    # line running off the slide
    assert source.text == ("Source: coded monitoring log tv_segments.csv, 150 segments, 17\u00a0February 2031 to<br>"
                           "23\u00a0February 2031 · table tv_segments.csv")


def test_a_bar_s_outside_label_keeps_the_slide_s_text_size():
    bars = [t for t in speech_slide().data if t.type == "bar"]
    assert [(t.textfont.size, t.constraintext) for t in bars] == [(18, "none")]


def test_reference_labels_above_the_plot_are_staggered_at_the_slide_s_size(pkg):
    """Candidates per party in Russian: at 18 px 'Всего 98 мандатов' (at 98) and 'Максимум в списке: 127'
    (at 127, ending at its line) are each wider than the 29 candidates between them (about 230 px on a
    1280 px slide): the list maximum goes up a row, and the top margin makes room for both rows."""
    ru = Language("ru")
    chart = next(f for f in findings(pkg, ru) if f.chart == "candidates-per-party").figure()
    slide = for_slide(chart, height=560)
    labels = {a.name: a for a in slide.layout.annotations if a.name in ("majority", "seats", "list_max")}
    assert labels["seats"].text == "Всего 98 мандатов" and labels["list_max"].text == "Максимум в списке: 127"
    assert labels["majority"].yshift == 0 and labels["seats"].yshift == 0
    assert labels["list_max"].yshift >= 18 * 1.3
    assert slide.layout.margin.t >= labels["list_max"].yshift + 18 * 1.3


def test_the_first_tick_label_has_room_left_of_the_plot(pkg):
    """A chart without row labels starts its plot at the slide's left margin: '0 %' there, wider than
    twice the margin, was hidden by Plotly (slides of the women and nominations charts had no 0 tick)."""
    for lang in ("en", "ru"):
        L = Language(lang)
        for chart in ("candidates-women", "process-commission-nominations"):
            slide = for_slide(next(f for f in findings(pkg, L) if f.chart == chart).figure(), height=500)
            first = slide.layout.xaxis.ticktext[0]
            assert slide.layout.margin.l >= text_width(first, 18) / 2, (lang, chart, first)


def test_the_axis_title_keeps_clear_of_the_source_line():
    """The source line sat 2-4 px under the axis title on four slides: at least a third of a line between."""
    slide = speech_slide()
    source = next(a for a in slide.layout.annotations if a.name == "source")
    lines = source.text.count("<br>") + 1
    # Between the plot and the source line's top (it hangs from its bottom, yshift under the plot): a row of
    # ticks (21 px at 18 px), the axis title's standoff (Plotly's own is about 15 px) and its line (21 px),
    # then 6 px of air.
    room = -source.yshift - lines * int(18 * 1.3)
    standoff = slide.layout.xaxis.title.standoff
    assert standoff is not None and 21 + standoff + 21 + 6 <= room, (standoff, room)


def test_a_heading_keeps_numbers_with_their_words_and_no_last_word_alone():
    from observer.slides import keep_together

    nb = "\u00a0"
    # PowerPoint broke "(+26" / "points)." and "…выборы, 10" / "января 2021 года", and left "tenge." alone
    assert keep_together("Nur Otan's share rises to 54% (+26 points).") == f"Nur Otan's share rises to 54%{nb}(+26{nb}points)."
    assert keep_together("парламентские выборы, 10 января 2021 года") == f"парламентские выборы, 10{nb}января{nb}2021{nb}года"
    assert keep_together("Nur Otan raised 637 million tenge.") == f"Nur Otan raised 637{nb}million{nb}tenge."
    # a long last word stands on its own; a single word is left as it is
    assert keep_together("Сайлау комиссияларының мүшелері тағайындалды") == "Сайлау комиссияларының мүшелері тағайындалды"
    assert keep_together("Candidates") == "Candidates"


def test_the_powerpoint_headings_are_kept_together(pkg):
    import io

    from pptx import Presentation

    from observer import briefing

    deck = Presentation(io.BytesIO(briefing.pptx_pack(pkg, Language("ru"))))
    cover = deck.slides[0].shapes[0].text_frame.text
    assert "10\u00a0января 2021\u00a0года" in cover, cover
    headings = [slide.shapes[0].text_frame.text for slide in list(deck.slides)[1:-1]]
    assert all(" " not in h.rsplit("\u00a0", 1)[-1] for h in headings), headings  # the last two words together
