"""Election process charts from facts alone: the published shares as segments, titles built from the
figures, and only the facts a package has."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observer.charts import process
from observer.facts import Facts
from observer.findings import commission_nominations
from observer.i18n import Language

EN, KK, RU = Language("en"), Language("kk"), Language("ru")
SOURCE = "«Сайлау Әкімшілігі» (Election administration), paragraph 3, footnote 13"


def facts(**values) -> Facts:
    rows = [{"fact": k, "value": v, "unit": "percent" if k.endswith("_pct") else "count", "label_en": k,
             "source": SOURCE, "quote_kk": "", "approximate": False} for k, v in values.items()]
    return Facts(pd.DataFrame(rows))


def shares(parties=66.2, associations=30.5, higher=3.3) -> Facts:
    return facts(commission_nominated_by_parties_pct=parties, commission_nominated_by_associations_pct=associations,
                 commission_nominated_by_higher_commissions_pct=higher)


def bars(fig) -> list:
    return [t for t in fig.data if t.type == "bar"]


def test_one_stacked_bar_of_the_published_shares(pkg):
    found = process.nominations(Facts(pkg.table("facts")))
    fig = process.nominations_bar(found, EN)
    assert [list(t.x) for t in bars(fig)] == [[66.2], [30.5], [3.3]]
    assert {t.y[0] for t in bars(fig)} == {0} and fig.layout.barmode == "stack"
    assert [t.name for t in bars(fig)] == ["Political parties", "Public associations", "Higher election commissions"]
    # The wide segments carry their share inside; the narrow one above it, pointing at it.
    assert [t.text[0] for t in bars(fig)] == ["<b>66.2%</b>", "<b>30.5%</b>", ""]
    above = [a for a in fig.layout.annotations if a.name == "segment_label"]
    assert [a.text for a in above] == ["<b>3.3%</b>"] and above[0].x == pytest.approx(66.2 + 30.5 + 3.3 / 2)
    assert "paragraph 3, footnote 13" in fig.layout.meta["source"]


def test_title_follows_the_figures_largest_first():
    title = process.nominations_title(process.nominations(shares(20, 70, 10)), EN)
    assert title == ("According to the CEC, public associations nominated 70% of election commission members, "
                     "political parties 20% and higher election commissions 10%")
    assert process.nominations_title(process.nominations(shares()), KK) == (
        "ОСК мәлімдемесі бойынша, сайлау комиссиялары мүшелерінің 66,2%‑ы саяси партиялар тарапынан, 30,5%‑ы "
        "қоғамдық бірлестіктер тарапынан және 3,3%‑ы жоғары тұрған сайлау комиссиялары тарапынан ұсынылды")
    assert process.nominations_title(process.nominations(shares()), RU).startswith(
        "По данным ЦИК, 66,2\u00a0% членов избирательных комиссий выдвинули политические партии, 30,5\u00a0% — общественные")


def test_only_the_shares_a_package_has():
    found = process.nominations(facts(commission_nominated_by_parties_pct=66.2))
    fig = process.nominations_bar(found, EN)
    assert [list(t.x) for t in bars(fig)] == [[66.2]]
    assert fig.layout.meta["title"] == "According to the CEC, political parties nominated 66.2% of election commission members"
    assert process.nominations(facts(cec_members=7)) == []


class Inp:
    def __init__(self, f: Facts):
        self.facts = f


@pytest.mark.parametrize(("values", "start"), [
    ((66.2, 30.5, 3.3), "According to the CEC, political parties nominated more than half of election commission "
                        "members (66.2%); public associations 30.5% and higher election commissions 3.3%."),
    ((45, 40, 15), "According to the CEC, political parties nominated the largest share of election commission "
                   "members (45%); public associations 40% and higher election commissions 15%."),
    ((40, 40, 20), "According to the CEC, political parties nominated 40% of election commission members, public "
                   "associations 40% and higher election commissions 20%."),
])
def test_the_findings_qualifier_is_decided_by_the_shares(values, start):
    found = commission_nominations(Inp(shares(*values)), EN)
    assert found.text == start and found.chart == "process-commission-nominations" and found.page == "process"


def test_cec_chair_and_members(pkg):
    appointed, chair, members = process.cec_appointments(Facts(pkg.table("facts")))
    assert [f.value for f in appointed] == [2, 2, 2] and chair == 1 and members.value == 7
    fig = process.cec_bars(appointed, chair, members, RU)
    assert fig.layout.meta["title"] == "Кто назначает 7 членов ЦИК: Президент — председателя и 2 членов; Мажилис — 2; Сенат — 2"
    # Without the whole commission's size there is no chair to place: members only, no legend.
    appointed, chair, members = process.cec_appointments(facts(cec_appointed_by_mazhilis=2))
    assert chair == 0 and members is None
    fig = process.cec_bars(appointed, chair, members, EN)
    assert [t.meta for t in fig.data] == ["members"] and fig.layout.meta["title"] == "Who appoints the CEC's members: the Mazhilis, 2"


def test_tabulation_bars(pkg):
    observed, opaque = process.tabulation(Facts(pkg.table("facts")))
    fig = process.tabulation_bars(observed, opaque, KK)
    assert list(fig.data[0].x) == [12, 8]
    assert fig.layout.meta["title"] == ("Миссия дауыстарды енгізуді байқаған 12 территориялық сайлау комиссиясының "
                                        "8‑інде бұл үдеріс айқын өтпеді")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=3))
def test_the_qualifier_follows_its_rule_on_both_sides(tenths):
    # SYNTHETIC shares with one decimal, as published; the rule restated: "more than half" over 50 %,
    # "the largest share" when above every other share, otherwise the plain sentence.
    values = [t / 10 for t in tenths]
    names = list(process.NOMINATIONS)[:len(values)]
    found = commission_nominations(Inp(facts(**dict(zip(names, values)))), EN)
    top = sorted(values, reverse=True)
    assert ("more than half" in found.text) == (top[0] > 50), (values, found.text)
    largest = top[0] <= 50 and len(top) > 1 and top[0] > top[1]
    assert ("the largest share" in found.text) == largest, (values, found.text)
    for value in values:
        assert EN.percent(value) in found.text


@pytest.mark.parametrize("both", [True, False])
def test_tabulation_row_labels_fit_between_the_bars(pkg, both):
    # A row's label sits in the gap above its bar, on a white ground 23 px tall in Chromium (15 px text,
    # measured on the page): the gap leaves at least 2 px between the ground and either bar.
    observed, opaque = process.tabulation(Facts(pkg.table("facts")))
    fig = process.tabulation_bars(observed, opaque if both else None, RU)
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    bottom, top = fig.layout.yaxis.range  # reversed: row 0 at the top
    per_unit = plot_px / (bottom - top)
    half = fig.data[0].width / 2
    above = [top] + [row + half for row in fig.data[0].y][:-1]  # what each bar's label sits under
    grounds = [a for a in fig.layout.annotations if a.name == "row_label"]
    assert len(grounds) == len(fig.data[0].y) == (2 if both else 1)
    for label, row, ceiling in zip(grounds, fig.data[0].y, above):
        assert label.y == row - half and label.yanchor == "bottom" and label.yshift == 2  # 2 px above its bar
        assert (row - half - ceiling) * per_unit >= 2 + 23 + 2, (row, (row - half - ceiling) * per_unit)
