"""Every figure in data/ checked against the statement's own text.

Quotes are compared with the statement after folding whitespace; numbers are read out of the quotes
with regular expressions, so a figure typed wrongly into a CSV (or a quote edited to match it) fails.
The party orders below are the statement's, typed from the sentences cited next to them.
"""

import re

import pandas as pd
import pytest

from tests.conftest import ROOT

# «Адал», «Ақжол», «Ауыл», «Нұр Отан» және ҚХП: the order of every TV share sentence (Media, paragraph 6).
MEDIA_ORDER = ["adal", "ak_zhol", "auyl", "nur_otan", "qhp"]
MEDIA_ORDER_TEXT = "«Адал», «Ақжол», «Ауыл», «Нұр Отан» және ҚХП"
# «Нұр Отан» ..., «Ауыл» ..., «Ақжол» ..., «Адал» ... және ҚХП: the order of footnote 41.
FINANCE_ORDER = ["nur_otan", "auyl", "ak_zhol", "adal", "qhp"]

KK_MONTHS = {"қаңтар": 1, "желтоқсан": 12}
KK_NUMBER_WORDS = {1: ("бір",), 2: ("екі", "екеу"), 5: ("бес",), 6: ("алты",), 7: ("жеті",),
                   90: ("тоқсан",), 98: ("тоқсан сегіз",)}


def numbers_in(text: str) -> list[float]:
    """Numbers as the statement prints them: 11,915,903 and 212.5 and 28.8."""
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def published_forms(value: float) -> list[str]:
    forms = [f"{value:,.0f}" if value >= 1000 else f"{value:g}", f"{value:g}"]
    if value >= 1e9:
        forms.append(f"{value / 1e9:g} миллиард")
    if value >= 1e6:
        forms.append(f"{value / 1e6:g} миллион")
    return forms + list(KK_NUMBER_WORDS.get(value, ()))


def tables_with_quotes(pkg):
    for name, frame in pkg.tables.items():
        if "quote_kk" in frame.columns:
            yield name, frame


def test_every_quote_is_in_the_statement(pkg, statement_text):
    for name, frame in tables_with_quotes(pkg):
        for index, quote in frame["quote_kk"].items():
            if quote:
                assert quote in statement_text, f"{name}.csv row {index + 2}: quote not found in the statement"


def test_every_source_names_a_section_of_the_statement_or_says_it_is_external(pkg, statement_text):
    for name, frame in pkg.tables.items():
        for index, source in frame["source"].items():
            heading = re.match(r"«([^»]+)»", source)
            if heading:
                assert heading.group(1) in statement_text, f"{name}.csv row {index + 2}: no section {heading.group(1)!r}"
            else:
                assert source.startswith("Outside the statement: "), \
                    f"{name}.csv row {index + 2}: source neither cites the statement nor says it is external"


def test_tv_shares_are_the_statements_numbers_in_its_order(pkg, statement_text):
    assert MEDIA_ORDER_TEXT in statement_text
    coverage = pkg.table("tv_coverage")
    assert len(coverage) == 4 * 5 * 2
    for (channel, measure), group in coverage.groupby(["channel", "measure"]):
        quote = group["quote_kk"].iloc[0]
        shares = group.set_index("party")["share_pct"]
        assert numbers_in(quote) == [shares[p] for p in MEDIA_ORDER], (channel, measure)


def test_tv_shares_keep_published_rounding():
    # Typed from the statement: First Channel Eurasia and KTK campaign shares add to 101, Kazakhstan's
    # news time including institutional activities to 99. They must stay so.
    coverage = pd.read_csv(ROOT / "data" / "tv_coverage.csv")
    totals = coverage.groupby(["channel", "measure"])["share_pct"].sum()
    assert totals[("eurasia", "campaign")] == 101
    assert totals[("ktk", "campaign")] == 101
    assert totals[("kazakhstan", "incl_institutional")] == 99
    assert totals[("eurasia", "incl_institutional")] == 100


def test_headline_tv_figure(pkg):
    coverage = pkg.table("tv_coverage").set_index(["channel", "party", "measure"])["share_pct"]
    assert coverage[("eurasia", "nur_otan", "incl_institutional")] == 54
    assert coverage[("eurasia", "nur_otan", "campaign")] == 28


def test_finance_is_footnote_41(pkg):
    finance = pkg.table("finance").set_index("party")
    quote = finance["quote_kk"].iloc[0]
    figures = numbers_in(quote)
    assert figures[0] == 30 and "30 желтоқсан" in quote  # as of 30 December
    assert [finance.loc[p, "raised_kzt"] / 1e6 for p in FINANCE_ORDER] == figures[1:6]
    assert [finance.loc[p, "spent_kzt"] / 1e6 for p in FINANCE_ORDER] == figures[6:11]
    assert (finance["as_of"] == pd.Timestamp("2020-12-30")).all()
    assert finance.loc["nur_otan", "raised_kzt"] == 637_000_000


def test_candidates_per_party(pkg, statement_text):
    candidates = pkg.table("candidates").set_index("party")["candidates"]
    assert candidates.to_dict() == {"nur_otan": 126, "ak_zhol": 38, "auyl": 19, "adal": 16, "qhp": 113}
    assert candidates.sum() == 312 and "бес партия 312 үміткерді ұсынды" in statement_text
    for party, row in pkg.table("candidates").set_index("party").iterrows():
        assert str(row["candidates"]) in row["quote_kk"], party


@pytest.mark.parametrize("fact", ["registered_voters", "turnout_pct", "cap_own_funds_kzt", "cap_donations_kzt",
                                  "charity_fund_kzt", "women_candidates_pct", "threshold_pct", "seats_contested"])
def test_key_facts_are_in_their_quotes(pkg, fact):
    row = pkg.table("facts").set_index("fact").loc[fact]
    assert any(form in row["quote_kk"] for form in published_forms(row["value"])), (fact, row["value"])


def test_every_fact_figure_is_in_its_quote(pkg):
    for _, row in pkg.table("facts").iterrows():
        if not row["quote_kk"]:
            assert row["source"].startswith("Outside the statement"), row["fact"]
            continue
        if row["unit"] == "date":
            day, month = row["date"].day, row["date"].month
            assert any(f"{day} {name}" in row["quote_kk"] for name, m in KK_MONTHS.items() if m == month), row["fact"]
        else:
            assert any(form in row["quote_kk"] for form in published_forms(row["value"])), (row["fact"], row["value"])


def test_approximate_flags_follow_the_statements_wording(pkg):
    facts = pkg.table("facts").set_index("fact")
    for fact in ["news_tone_positive_pct", "minority_russian_pct", "paid_canvassers_nur_otan",
                 "complaints_supreme_court", "eur_rate_kzt"]:
        assert facts.loc[fact, "approximate"], fact
        assert re.search(r"жуық|шамамен|Шамамен", facts.loc[fact, "quote_kk"]), fact
    assert not facts.loc["registered_voters", "approximate"]


def test_results_are_the_cec_figures_and_marked_external(pkg):
    # Typed from the CEC's final results (IFES ElectionGuide), which the statement does not contain.
    results = pkg.table("results").set_index("party")
    assert results["votes"].to_dict() == {"nur_otan": 5148074, "ak_zhol": 792828, "auyl": 383023,
                                          "adal": 258618, "qhp": 659019}
    assert results["pct"].to_dict() == {"nur_otan": 71.09, "ak_zhol": 10.95, "auyl": 5.29, "adal": 3.57, "qhp": 9.10}
    assert results["seats"].to_dict() == {"nur_otan": 76, "ak_zhol": 12, "auyl": 0, "adal": 0, "qhp": 10}
    assert results["source"].str.startswith("Outside the statement: ").all()
    facts = pkg.table("facts").set_index("fact")["value"]
    assert results["votes"].sum() == facts["votes_valid"] == 7241562
    assert facts["votes_valid"] + facts["votes_invalid"] == facts["votes_cast"] == 7539280


def test_channels_and_parties_are_those_the_statement_names(pkg, statement_text):
    channels = pkg.table("channels").set_index("channel")
    assert list(channels.index) == ["khabar", "kazakhstan", "eurasia", "ktk", "channel7"]
    assert channels["broadcasts_news"].to_dict() == {"khabar": True, "kazakhstan": True, "eurasia": True,
                                                    "ktk": True, "channel7": False}
    assert "«7 Арна» жаңалықтар көрсетпейді" in statement_text
    for name in channels["name_kk"]:
        assert name.strip("«»") in statement_text
    parties = pkg.table("parties")
    assert list(parties["party"]) == ["nur_otan", "ak_zhol", "auyl", "adal", "qhp"]
    for short in parties["short_kk"]:
        assert short in statement_text
