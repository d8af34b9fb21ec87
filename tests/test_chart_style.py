"""The room every chart gives its title, source and legend (observer.charts.style): wide axis labels and
wrapped legends must not push text off the chart or under the title. The browser tests check the drawn
result at projector width; these check the arithmetic."""

import plotly.graph_objects as go
import pytest

from observer.charts import style
from observer.i18n import Language

L = Language("en")
LONG_TITLE = ("Coverage of Northern Voice on Public News Channel was the most negative: 32% of its airtime, "
              "against 38% positive, while every other party stayed under a fifth")


def horizontal(y) -> go.Figure:
    return go.Figure(go.Bar(x=[1] * len(y[0] if isinstance(y[0], list) else y), y=y, orientation="h"))


def lines(fig: go.Figure, name: str) -> int:
    note = next(a for a in fig.layout.annotations if a.name == name)
    return note.text.count("<br>") + 1


def test_numeric_ticks_take_no_label_room():
    assert style.left_labels_px(go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))) == 0


def test_tick_texts_set_by_hand_count_as_labels():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[0, 1]))
    fig.update_yaxes(tickvals=[0, 1], ticktext=["Nur Otan", "Northern Voice Alliance"])
    assert style.left_labels_px(fig) > style.left_labels_px(horizontal(["Nur Otan", "Ak Zhol"])) > 0


def test_two_level_axis_is_as_wide_as_both_levels():
    channels, parties = ["Public News Channel", "TV One"], ["Green Valley", "North"]
    both = style.left_labels_px(horizontal([channels, parties]))
    assert both > style.left_labels_px(horizontal(channels)) + style.left_labels_px(horizontal(parties))


def test_wide_labels_wrap_title_and_source_sooner():
    narrow = style.apply(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), LONG_TITLE, L, "«БАҚ» (Media), paragraph 6",
                         "tv_segments.csv")
    wide = style.apply(horizontal([["Public News Channel"] * 2, ["Northern Voice", "Green Valley"]]), LONG_TITLE,
                       L, "«БАҚ» (Media), paragraph 6", "tv_segments.csv")
    assert lines(wide, "title") > lines(narrow, "title")
    # the unwrapped title is kept for tests and exports, whatever the wrapping
    assert style.title_of(wide) == style.title_of(narrow) == LONG_TITLE


def legend_figure(names: list[str]) -> go.Figure:
    fig = go.Figure()
    for name in names:
        fig.add_bar(x=["a"], y=[1], name=name)
    return fig


def test_legend_rows():
    # 10-letter names: 45 + 10 x 0.6 x 14 = 129 px each, three of them 387 px: one row in 700 px
    assert style.legend_rows(legend_figure(["Party name"] * 3), 700) == 1
    # one 31-letter entry (45 + 31 x 8.4 = 305.4 px) sets the column width: 2 columns in 700 px, 9 entries
    long = "Equal share (8 parties): 12.5 %"
    assert len(long) == 31 and style.legend_rows(legend_figure(["Party name"] * 8 + [long]), 700) == 5
    assert style.legend_rows(legend_figure(["Only one"]), 700) == 0  # Plotly shows no legend for one trace
    hidden = legend_figure(["A", "B"])
    hidden.update_layout(showlegend=False)
    assert style.legend_rows(hidden, 700) == 0


def test_a_wrapped_legend_gets_its_own_room_above_the_plot():
    few = style.apply(legend_figure(["Nur Otan", "Ak Zhol"]), "Short title", L, "«БАҚ» (Media)", "t.csv")
    many = style.apply(legend_figure([f"Party number {n}" for n in range(12)]), "Short title", L, "«БАҚ» (Media)",
                       "t.csv")
    rows = style.legend_rows(many, style.PROJECTOR_CHART_PX - 30 - style.LEFT_LABELS)
    assert rows > 1
    extra = style.LEGEND_ROW * (rows - 1)
    assert many.layout.margin.t == few.layout.margin.t + extra
    # the plotting area keeps its height: the figure grows by what the legend takes
    assert many.layout.height - many.layout.margin.t == few.layout.height - few.layout.margin.t


@pytest.mark.parametrize("lang, suffix", [("en", "%"), ("kk", "%"), ("ru", "\u00a0%")])
def test_percent_axis_suffix_matches_the_labels(lang, suffix):
    assert style.percent_suffix(Language(lang)) == suffix
    assert Language(lang).percent(20, 0) == "20" + suffix


def test_the_source_line_wraps_again_for_a_narrower_chart():
    """The overview draws its headline chart in a column about 520 px wide: the source line, wrapped for a
    full-width chart, ran out of it (cut at the right). Wrapped again, its lines fit: 440 px of room (520,
    less 60 px of labels and the 20 px right margin) hold 66 characters at 6.6 px; the chart grows by one
    17 px line for each line gained."""
    fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
    source = "shares computed from the coded monitoring log tv_segments.csv, items aired 11 February 2031 – 9 March 2031"
    style.apply(fig, "A title", Language("en"), source, "tv_segments.csv", height=420)
    before = next(a for a in fig.layout.annotations if a.name == "source")
    assert before.text.count("<br>") == 1  # two lines at full width
    height, bottom = fig.layout.height, fig.layout.margin.b
    style.source_to_width(fig, 520)
    lines = next(a for a in fig.layout.annotations if a.name == "source").text.split("<br>")
    assert len(lines) == 3 and all(len(line) <= 66 for line in lines), lines
    assert (fig.layout.height - height, fig.layout.margin.b - bottom) == (17, 17)


def test_a_kazakh_case_ending_stays_with_its_number_when_a_line_wraps():
    # textwrap breaks after a hyphen that follows a letter: "315 млн-" ended one line, "нан" began the next
    text = "Nur Otan партиясы 315 млн-нан астам жинады, үлесі 54%-ға жетті (1-азат жол)"
    for width in range(24, len(text)):
        lines_ = style.wrap(text, width)
        assert not any(line.endswith("-") for line in lines_), (width, lines_)
        assert " ".join(lines_) == text


def test_a_number_that_ends_a_clause_stays_with_the_word_before_it():
    # a source line read "... paragraph 3, footnote" / "22": the number alone at the start of a line
    text = "Source: «Election Administration» section, paragraph 3, footnote 22; table candidates.csv"
    for width in range(24, len(text)):
        lines_ = style.wrap(text, width)
        assert not any(line.startswith(("3,", "22;")) for line in lines_), (width, lines_)
        assert " ".join(lines_) == text


def test_a_number_stays_with_the_word_it_counts():
    # a slide's source line read "... 17 February 2031 to 23" / "February 2031"
    text = "Source: coded monitoring log tv_segments.csv, 150 segments, 17 February 2031 to 23 February 2031"
    for width in range(24, len(text)):
        lines_ = style.wrap(text, width)
        assert not any(line.endswith(("150", "17", "23")) for line in lines_), (width, lines_)
        assert " ".join(lines_) == text


def test_a_quoted_name_is_split_only_where_keeping_it_whole_costs_a_line():
    # a title read "доля партии «Нур" / "Отан» (Первый канал «Евразия»)"
    text = "С учётом институциональной деятельности доля партии «Нур Отан» (Первый канал «Евразия») растёт до 54 %"
    assert style.wrap(text, 66) == ["С учётом институциональной деятельности доля партии «Нур Отан»",
                                    "(Первый канал «Евразия») растёт до 54 %"]
    assert style.wrap(text, 52) == ["С учётом институциональной деятельности доля партии",
                                    "«Нур Отан» (Первый канал «Евразия») растёт до 54 %"]
    # the whole title at 58 (Russian on a 768 px chart): the name whole would take a third line
    split = style.wrap(text + " (+26 п. п.)", 58)
    assert len(split) == 2 and split[0].endswith("«Нур"), split
    for width in range(24, len(text)):
        assert " ".join(style.wrap(text, width)) == text


def test_the_last_line_is_never_one_short_word():
    # titles ended "... кандидаттарын ұсынып, басым көпшілікті жеңіп" / "алды", source lines "... ·" / "facts.csv"
    assert style.wrap("Only 2 of 5 parties fielded enough candidates to win", 48) == [
        "Only 2 of 5 parties fielded enough candidates", "to win"]
    assert style.wrap("Source: section «Campaign finance», paragraph 3 · table facts.csv", 56) == [
        "Source: section «Campaign finance», paragraph 3 ·", "table facts.csv"]
    # not when the word to move down is a sign: "средства +" / "пожертвования" stays
    assert style.wrap("Предел по закону: собственные средства + пожертвования", 24) == [
        "Предел по закону:", "собственные средства +", "пожертвования"]
    # nor when the line before is one word itself: nothing is left to stand before it
    assert style.wrap("Сайлаушыларды тіркеудің жаңартылған тізімдері", 24) == [
        "Сайлаушыларды тіркеудің", "жаңартылған тізімдері"]
    assert style.wrap("Жаңартылмаған-тіркеу-тізімдерінің-саны жоқ", 24) == [
        "Жаңартылмаған-тіркеу-тізімдерінің-саны", "жоқ"]


def test_no_gridline_runs_along_a_bar_through_its_label():
    """A category's gridline runs through the middle of its bar, where a label outside the bar is written
    ('38', '19', '16' on the candidates chart were struck through): bar charts keep only the value gridlines."""
    across = style.apply(go.Figure(go.Bar(x=[38, 19], y=["A", "B"], orientation="h", text=["38", "19"])),
                         "t", L, "s", "t.csv")
    upright = style.apply(go.Figure(go.Bar(x=["A", "B"], y=[38, 19], text=["38", "19"])), "t", L, "s", "t.csv")
    line = style.apply(go.Figure(go.Scatter(x=["A", "B"], y=[38, 19])), "t", L, "s", "t.csv")
    half = style.apply(go.Figure(go.Bar(x=["A", "B"], y=[38, 19], text=["38", ""])), "t", L, "s", "t.csv")
    bare = style.apply(go.Figure(go.Bar(x=["A", "B"], y=[38, 19])), "t", L, "s", "t.csv")
    # Every bar labelled: no gridline across the values either (it ran through "49.4% (315M)").
    assert (across.layout.yaxis.showgrid, across.layout.xaxis.showgrid) == (False, False)
    assert (upright.layout.xaxis.showgrid, upright.layout.yaxis.showgrid) == (False, False)
    assert (half.layout.yaxis.showgrid, bare.layout.yaxis.showgrid) == (None, None)  # read against the grid
    assert (line.layout.xaxis.showgrid, line.layout.yaxis.showgrid) == (None, None)
