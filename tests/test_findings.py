"""Key findings: sentences generated from the data, with the statement's numbers in them."""

import re

from observer.charts import style
from observer.findings import findings
from observer.i18n import Language
from observer.package import Package

EN = Language("en")


def by_key(pkg, L=EN):
    return {f.key: f for f in findings(pkg, L)}


def test_six_findings_each_linking_to_its_page(pkg):
    found = findings(pkg, EN)
    assert [f.key for f in found] == ["tv_gap", "tv_balance", "finance_ceiling", "candidates_majority",
                                      "women_candidates", "commission_nominations"]
    assert [f.page for f in found] == ["tv", "tv", "finance", "candidates", "candidates", "process"]
    # The library names pages by id; the dashboard's one page list knows each of them.
    from ui import pages
    assert [pages.script(f.page) for f in found][::2] == ["views/tv_coverage.py", "views/campaign_finance.py",
                                                          "views/candidates.py"]


def test_numbers_in_the_sentences_are_the_statements(pkg):
    found = by_key(pkg)
    # Media, paragraph 6: First Channel Eurasia, Nur Otan 28% of campaign news, 54% incl. institutional.
    assert found["tv_gap"].text == ("Once institutional activities are counted, Nur Otan's share of news time on "
                                    "First Channel Eurasia rises from 28% to 54% (+26 points).")
    assert "between 15% and 28%" in found["tv_balance"].text and "20%" in found["tv_balance"].text
    # Footnote 41 and the caps (212.5 + 425 million): 637 of 637.5 million.
    assert "637 million" in found["finance_ceiling"].text and "99.9%" in found["finance_ceiling"].text
    assert "315 million" in found["finance_ceiling"].text
    # They fielded 126 and 113: at least the 50 needed, not 50 (the sentence said "fielded the 50 candidates")
    assert found["candidates_majority"].text == ("Only 2 of 5 parties (Nur Otan, PPK) fielded at least the 50 "
                                                 "candidates needed to win a majority of 98 seats.")
    assert found["women_candidates"].text == ("Women were 28.8% of candidates (90 of 312), up from 20.1% at the "
                                              "previous election.")


def test_each_finding_draws_its_chart(pkg):
    for finding in findings(pkg, EN):
        figure = finding.figure()
        assert figure.data, finding.key
        assert (figure.layout.meta or {}).get("title"), finding.key


def test_gap_chart_shows_the_channel_of_its_sentence(pkg):
    figure = by_key(pkg, EN)["tv_gap"].figure()
    rows = {name for trace in figure.data for name in (trace.customdata or ())}
    assert rows and all(name.startswith("First Channel Eurasia · ") for name in rows), rows
    assert len(rows) == 5  # the five parties on that channel
    assert style.title_of(figure).startswith("Once institutional activities are counted, Nur Otan's share")


def test_findings_follow_the_data_not_the_names(pkg):
    # Synthetic: swap the two measures on First Channel Eurasia so Nur Otan's share falls instead.
    coverage = pkg.table("tv_coverage").copy()
    swap = coverage["channel"] == "eurasia"
    coverage.loc[swap, "measure"] = coverage.loc[swap, "measure"].map(
        {"campaign": "incl_institutional", "incl_institutional": "campaign"})
    changed = Package(pkg.path, pkg.descriptor, {**pkg.tables, "tv_coverage": coverage})
    assert "falls from 54% to 28% (\u221226 points)" in by_key(changed)["tv_gap"].text


def test_a_package_without_finance_or_facts_has_fewer_findings(pkg):
    tables = {k: v for k, v in pkg.tables.items() if k not in ("finance", "facts")}
    found = by_key(Package(pkg.path, pkg.descriptor, tables))
    assert set(found) == {"tv_gap", "tv_balance"}


def test_sentences_in_kazakh_use_kazakh_names_and_numbers(pkg):
    kk = Language("kk")
    if kk.code != "kk":  # the catalogue must exist for this test to mean anything
        raise AssertionError("no Kazakh catalogue")
    text = by_key(pkg, kk)["women_candidates"].text
    assert "28,8%" in text and "20,1%" in text
    assert "Нұр Отан" in by_key(pkg, kk)["tv_gap"].text
    assert re.search("[әғқңөұүһі]", text), text  # Kazakh words, not the English sentence


def test_every_page_the_library_names_has_a_name_in_every_language():
    """The library names pages by id (findings, the catalogue's charts); the pack's section headings and the
    navigation call each one by its catalogue name common.page_<id>."""
    from observer import catalogue
    from observer.i18n import catalogue as strings
    from ui import pages
    named = {chart.page for chart in catalogue.CHARTS} | {page.id for page in pages.PAGES if page.in_menu}
    assert named <= set(pages.BY_ID)
    for lang in ("en", "kk", "ru"):
        assert all(f"common.page_{page}" in strings(lang) for page in named), lang


def test_the_majority_finding_says_at_least_in_kazakh_and_russian(pkg):
    """126 and 113 candidates: 'кемінде 50' and 'не менее 50', where the sentences said the two parties
    nominated 50."""
    kk = {f.key: f for f in findings(pkg, Language("kk"))}["candidates_majority"].text
    ru = {f.key: f for f in findings(pkg, Language("ru"))}["candidates_majority"].text
    assert kk == ("5 партияның ішінен тек 2 партия ғана («Нұр Отан», ҚХП) 98 мандаттың көпшілігін алуға қажетті "
                  "кемінде 50 үміткерді ұсынды.")
    assert ru == ("Только 2 из 5 партий («Нур Отан», НПК) выдвинули не менее 50 кандидатов — столько нужно, чтобы "
                  "получить большинство из 98 мандатов.")
