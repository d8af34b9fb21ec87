"""Every figure in data/ checked against the statement's own text (docs/statement-kk.txt).

Quotes are compared with the statement as tests/statement.py reads it (whitespace folded, line-end
hyphens joined, footnote markers out); numbers are read out of the quotes with regular expressions, so a
figure typed wrongly into a CSV (or a quote edited to match it) fails, and a source must name the section,
paragraph and footnote its quote is in. The party orders below are the statement's, typed from the
sentences cited next to them. Every number printed in the statement is in the package or on the list of
numbers that are not figures: tests/test_statement_coverage.py.
"""

import re

import pandas as pd
import pytest

from tests.conftest import ROOT
from tests.statement import FOOTNOTES, STATEMENT_SHA256, file_sha256, statement

# «Адал», «Ақжол», «Ауыл», «Нұр Отан» және ҚХП: the order of every TV share sentence (Media, paragraph 6).
MEDIA_ORDER = ["adal", "ak_zhol", "auyl", "nur_otan", "qhp"]
MEDIA_ORDER_TEXT = "«Адал», «Ақжол», «Ауыл», «Нұр Отан» және ҚХП"
# «Нұр Отан» ..., «Ауыл» ..., «Ақжол» ..., «Адал» ... және ҚХП: the order of footnote 41.
FINANCE_ORDER = ["nur_otan", "auyl", "ak_zhol", "adal", "qhp"]

KK_MONTHS = {"қаңтар": 1, "ақпан": 2, "қараша": 11, "желтоқсан": 12}
# Figures the statement writes in words, as whole words (case aside): «тоғыз әрекет», «алтысы», «екеуі».
KK_NUMBER_WORDS = {0: ("бір де бір",), 1: ("бір", "біріне"), 2: ("екі", "екеуі"), 3: ("үш",), 5: ("бес", "бесеуі"),
                   6: ("алты", "алтысы"), 7: ("жеті",), 8: ("сегіз",), 9: ("тоғыз",), 10: ("он",),
                   20: ("жиырмаға",), 25: ("жиырма бес",), 90: ("тоқсан",), 98: ("тоқсан сегіз",)}
# «Шағымдар мен Арыздар» (Complaints and appeals), paragraph 2, footnote 54: a source as the rows write it.
CITATION = re.compile(r"«(?P<heading>[^»]+)» \([^)]+\), paragraph (?P<paragraph>\d+)"
                      r"(?:, footnotes? (?P<notes>\d+(?:(?:, | and )\d+)*))?(?:; Outside the statement: .+)?$")


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


def printed_in(value: float, text: str) -> bool:
    """The value printed in the text: digits not part of a longer number, or a number word as a whole word."""
    for form in published_forms(value):
        if form[0].isdigit():
            pattern = rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)"
        else:
            pattern = rf"(?<!\w){re.escape(form)}(?!\w)"
        if re.search(pattern, text, flags=re.IGNORECASE):
            return True
    return False


def citation(source: str) -> tuple[str, int, list[int]] | None:
    match = CITATION.match(source)
    if match is None:
        return None
    return match["heading"], int(match["paragraph"]), [int(n) for n in re.findall(r"\d+", match["notes"] or "")]


def tables_with_quotes(pkg):
    for name, frame in pkg.tables.items():
        if "quote_kk" in frame.columns:
            yield name, frame


def test_every_quote_is_in_the_statement(pkg, statement_text):
    for name, frame in tables_with_quotes(pkg):
        for index, quote in frame["quote_kk"].items():
            if quote:
                assert quote in statement_text, f"{name}.csv row {index + 2}: quote not found in the statement"


def test_the_statement_is_the_copy_in_the_repository():
    # docs/statement-kk.txt byte for byte as received; its reading into sections and footnotes holds.
    assert file_sha256() == STATEMENT_SHA256
    text = statement()
    assert sorted(text.footnotes) == list(range(1, FOOTNOTES + 1))
    assert [n for s in text.sections for m in s.markers for n in m] == list(range(1, FOOTNOTES + 1))
    assert text.headings[-1] == "МИССИЯ ЖӨНІНДЕГІ АҚПАРАТ ПЕН АЛҒЫСТАР"
    assert len(text.section("Сайлау Күні").paragraphs) == 7


def test_every_source_names_a_section_of_the_statement_or_says_it_is_external(pkg):
    for name, frame in pkg.tables.items():
        for index, source in frame["source"].items():
            where = f"{name}.csv row {index + 2}"
            if source.startswith("«"):
                cited = citation(source)
                assert cited, f"{where}: source not in the form «Heading» (gloss), paragraph N[, footnote M]: {source!r}"
                heading, paragraph, notes = cited
                assert heading in statement().headings, f"{where}: no section {heading!r}"
                assert 1 <= paragraph <= len(statement().section(heading).paragraphs), f"{where}: no paragraph {paragraph}"
                for note in notes:
                    assert statement().marker_place(note) == (heading, paragraph), \
                        f"{where}: footnote {note} is not marked in {heading!r}, paragraph {paragraph}"
            else:
                assert source.startswith("Outside the statement: "), \
                    f"{where}: source neither cites the statement nor says it is external"


def test_every_quote_is_where_its_source_says(pkg):
    """In the cited paragraph's text, or in a footnote the source names (its marker in that paragraph)."""
    for name, frame in tables_with_quotes(pkg):
        for index, row in frame.iterrows():
            if not row["quote_kk"] or not citation(row["source"]):
                continue
            heading, paragraph, notes = citation(row["source"])
            places = statement().places(row["quote_kk"])
            assert any(h == heading and p == paragraph and (n is None or n in notes) for h, p, n in places), \
                f"{name}.csv row {index + 2}: quote is at {places}, source says {row['source']!r}"


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
    assert printed_in(row["value"], row["quote_kk"]), (fact, row["value"])


def test_every_fact_figure_is_in_its_quote(pkg):
    for _, row in pkg.table("facts").iterrows():
        if not row["quote_kk"]:
            assert row["source"].startswith("Outside the statement"), row["fact"]
            continue
        if row["unit"] == "date":
            day, month = row["date"].day, row["date"].month
            assert any(re.search(rf"(?<!\d){day} {name}", row["quote_kk"]) for name, m in KK_MONTHS.items()
                       if m == month), row["fact"]
        else:
            assert printed_in(row["value"], row["quote_kk"]), (row["fact"], row["value"])


def test_approximate_flags_follow_the_statements_wording(pkg):
    facts = pkg.table("facts").set_index("fact")
    for fact in ["news_tone_positive_pct", "minority_russian_pct", "paid_canvassers_nur_otan",
                 "complaints_supreme_court", "eur_rate_kzt", "cap_own_funds_eur", "registered_voters_rounded",
                 "dec16_activists_per_group", "dec16_police", "cso_tax_inspections", "almaty_activists_encircled",
                 "almaty_police_encircling", "final_report_weeks"]:
        assert facts.loc[fact, "approximate"], fact
        assert re.search(r"жуық|шамамен|Шамамен", facts.loc[fact, "quote_kk"]), fact
    assert not facts.loc["registered_voters", "approximate"]
    # "at least" and "up to" are bounds, not "about"
    for fact in ["party_registration_attempts_since_2016", "fined_or_detained_ak_zhol_calls", "almaty_encirclement_hours"]:
        assert not facts.loc[fact, "approximate"], fact


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


def test_every_fact_has_a_topic(pkg):
    facts = pkg.table("facts")
    assert (facts["topic"] != "").all(), list(facts.loc[facts["topic"] == "", "fact"])


def test_election_process_figures(pkg):
    # Typed from the statement, each against the sentence cited in its row.
    facts = pkg.table("facts").set_index("fact")["value"]
    # «Сайлау Әкімшілігі», paragraph 3, footnote 13: who nominated the commissions' members, as published.
    nominated = [facts[f"commission_nominated_by_{who}_pct"] for who in ("parties", "associations", "higher_commissions")]
    assert nominated == [66.2, 30.5, 3.3] and round(sum(nominated), 1) == 100
    # paragraph 2: the President appoints the chair and two members, the Mazhilis and the Senate two each.
    assert 1 + facts["cec_appointed_by_president"] + facts["cec_appointed_by_mazhilis"] \
        + facts["cec_appointed_by_senate"] == facts["cec_members"] == 7
    # «МИССИЯ ...», paragraph 4: 41 ODIHR observers and the 7-member OSCE PA delegation make the 48.
    assert facts["observers_odihr"] + facts["observers_oscepa"] == facts["observers_election_day"] == 48
    assert (facts["mission_core_team"], facts["mission_long_term_observers"], facts["observers_women_pct"],
            facts["observer_countries"]) == (11, 24, 52, 20)
    # «Сайлау Күні», paragraph 6 and footnote 66: of 12 territorial commissions, 8 not transparent; 2 + 2 at night.
    assert (facts["tabulation_observed_tecs"], facts["tabulation_not_transparent_tecs"]) == (12, 8)
    assert facts["tecs_closed_during_tabulation"] == facts["tecs_postponed_tabulation"] == 2
    assert (facts["almaty_activists_encircled"], facts["almaty_police_encircling"], facts["almaty_encirclement_hours"]) \
        == (20, 100, 9)
    # Footnote 5: nine applications in 2019-2020, six returned; paragraph 3: at least nine attempts, none registered.
    assert (facts["party_applications_2019_2020"], facts["party_applications_returned_2019_2020"]) == (9, 6)
    assert (facts["party_registration_attempts_since_2016"], facts["new_parties_registered_since_2016"]) == (9, 0)
    assert facts["defamation_max_fine_kzt"] == 2_187_750 and facts["defamation_max_detention_days"] == 30
    assert (facts["local_court_complaints"], facts["local_court_complaints_returned"]) == (3, 2)
    assert facts["complaints_considered_before_election_day"] == 0
    assert (facts["organisations_changed_statutes"], facts["cso_tax_inspections"]) == (94, 20)
    assert (facts["gathering_limit"], facts["party_events_attended"], facts["pollsters_permitted"]) == (30, 24, 10)
    assert (facts["posts_per_day_adal"], facts["posts_per_day_nur_otan"]) == (10, 6)
    assert (facts["candidate_min_age"], facts["candidate_min_residence_years"], facts["parties_contesting_majority"]) \
        == (25, 10, 2)
    assert facts["fined_or_detained_ak_zhol_calls"] == 20


def test_published_not_recomputed(pkg):
    facts = pkg.table("facts").set_index("fact")
    # The statement prints the own-funds cap as about 418,000 euro, not 212.5 million / 510 (416,667).
    assert facts.loc["cap_own_funds_eur", "value"] == 418_000 and facts.loc["cap_own_funds_eur", "approximate"]
    assert "418,000 евро" in facts.loc["cap_own_funds_eur", "quote_kk"]
    # The donations cap is on all private donations together: the quote keeps "no cap on a single donation".
    assert facts.loc["cap_donations_kzt", "quote_kk"].endswith("жеке салымдарға шектеу қойылмаған.")
    assert "в совокупности" in facts.loc["cap_donations_kzt", "label_ru"] or \
        "Общий" in facts.loc["cap_donations_kzt", "label_ru"]
    # The invalid votes are not published: cast minus valid, and their source says so.
    assert "votes cast minus valid votes" in facts.loc["votes_invalid", "source"]
    # 63.3 % is the CEC's preliminary figure of election night, in every language.
    turnout = facts.loc["turnout_pct"]
    assert "preliminary" in turnout["label_en"] and "алдын ала" in turnout["label_kk"] \
        and "предварительн" in turnout["label_ru"]
    # Whose sentence it is: the deposit's, the aggregate-only note's and the unaudited note's quotes are whole.
    assert facts.loc["deposit_per_candidate_kzt", "quote_kk"].startswith("ОСК-мен тіркелу үшін, өткен сайлауда")
    notes = pkg.table("notes").set_index("note")
    assert notes.loc["finance_not_audited", "text_en"].startswith("According to the CEC")
    assert "30 желтоқсаннан кешіктірмей" in notes.loc["finance_aggregate_only", "quote_kk"]


def test_names_as_registered(pkg):
    parties = pkg.table("parties").set_index("party")
    assert parties.loc["auyl", "name_ru"] == "Народно-демократическая патриотическая партия «Ауыл»"
    assert parties.loc["auyl", "name_en"] == "Auyl People's Democratic Patriotic Party"
    assert parties.loc["ak_zhol", "name_ru"] == "Демократическая партия Казахстана «Ак жол»"
    assert parties.loc["adal", "name_ru"] == "Политическая партия «ADAL»"
    for party in ("auyl", "ak_zhol", "adal"):  # names from outside the statement say so
        assert "; Outside the statement: " in parties.loc[party, "source"], party
    assert parties.loc["auyl", "name_kk"] == "«Ауыл» халықтық-патриоттық демократиялық партиясы"  # the statement's
    channels = pkg.table("channels").set_index("channel")
    assert channels.loc["channel7", "name_ru"] == "«Седьмой канал»" and channels.loc["channel7", "name_kk"] == "«7 Арна»"
    assert "Qazaqstan" in channels.loc["kazakhstan", "source"] and channels.loc["kazakhstan", "name_en"] == "Kazakhstan"
    titles = {s["title"] for r in pkg.descriptor["resources"] for s in r.get("sources", []) if s.get("title_kk")}
    for frame in (parties, channels, pkg.table("facts")):
        for source in frame["source"]:
            for part in source.split("; "):
                if part.startswith("Outside the statement: "):  # translated on a Kazakh or Russian page
                    assert part.removeprefix("Outside the statement: ") in titles, part


def test_no_fact_label_ends_on_a_bare_from_or_to():
    """A label is read as "label: value"; one that ends on "бастап", "до" or "up to" reads as a cut-off
    sentence. The two ends of a range are named as lowest and highest instead."""
    facts = pd.read_csv(ROOT / "data" / "facts.csv")
    bare = {"label_kk": ("бастап", "дейін", "(дейін)"), "label_ru": (" от", " до", "(до)", ", от (лет)", ", до (лет)"),
            "label_en": (", from", "up to", "(up to)")}
    cut = [(row["fact"], column, row[column]) for _, row in facts.iterrows() for column, endings in bare.items()
           if str(row[column]).strip().endswith(endings)]
    assert cut == []
