"""Every number printed in the statement is in the data package, or is listed below as not a figure.

The rule: a number at a place in the statement (body and footnotes, as tests/statement.py reads them) is
in the package when some row's quote_kk covers that place and the row carries the number: as one of its
values (237 миллион read as 237,000,000), as the day or year of one of its dates, or in its English
label or text ("since 2016", "of 17"). A figure the conclusions or the title repeat counts when the
same figure is carried somewhere in the findings. Everything else must be on NOT_FIGURES, each with why.

Numbers the statement writes in words (тоғыз әрекет) cannot be read out reliably: WORD_FIGURES lists
those of the findings, each with the row that must carry it.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from observer import load_package
from tests.conftest import ROOT
from tests.statement import statement

NUMBER = re.compile(r"(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\d])")
SCALE = {"миллион": 1e6, "миллиард": 1e9}
REPEATING = {"", "САЙЛАУДЫ БАЙҚАУ БОЙЫНША ХАЛЫҚАРАЛЫҚ МИССИЯ", "АЛДЫН АЛА ҚОРЫТЫНДЫЛАР"}

# Passages whose numbers are not figures of the election, each found in the statement as written.
NOT_FIGURES = {
    # Names and references
    "COVID-19": "the disease's name",
    "«7 Арна»": "the channel's name",
    "1 евро шамамен": "the one euro of the exchange rate (eur_rate_kzt carries its 510 tenge)",
    "ОСК 10 желтоқсан күніндегі баспасөз хабарламасын": "date of the CEC press release footnote 24 refers to",
    "1990 жылғы ЕҚЫҰ Копенгаген": "year of the OSCE Copenhagen Document",
    "1990 жылғы Копенгаген": "year of the OSCE Copenhagen Document",
    "1990 Копенгаген": "year of the OSCE Copenhagen Document",
    "құжатының 3 және 7.6 тармақтарына": "paragraph numbers of the Copenhagen Document",
    "құжатының 3 тармағында": "paragraph number of the Copenhagen Document",
    "7.6 тармағы": "paragraph number of the Copenhagen Document",
    "құжатының 7.2 тармағына": "paragraph number of the Copenhagen Document",
    "құжатының 7.9 тармағына": "paragraph number of the Copenhagen Document",
    "құжатының 7.9 тармағында": "paragraph number of the Copenhagen Document",
    "құжатының 4 тармағына": "paragraph number of the Copenhagen Document",
    "құжатының 4 тармағында": "paragraph number of the Copenhagen Document",
    "құжатының 24 тармағында": "paragraph number of the Copenhagen Document",
    "құжатының 5.10 тармағы": "paragraph number of the Copenhagen Document",
    "2016 жылғы БҰҰ Адам құқықтары комитетінің": "year of a UN Human Rights Committee report",
    "2016 жылғы АСҚК Қазақстанның екінші мерзімді есебіне берілген қорытынды ескертулерінің 51-54 тармақтарын":
        "year and paragraph numbers of a UN report",
    "2020 жылғы баяндамасын": "year of a UN Special Rapporteur's report",
    "2020 жылғы баяндамасының": "year of a UN Special Rapporteur's report",
    "баяндамасының 27 тармағын": "paragraph number of a UN report",
    "1996 жылғы ХАСҚП-на БҰҰ АСҚК №25 Жалпы ескертулерінің 20 тармағы": "UN General Comment 25, its year and paragraph",
    "№25 Жалпы ескертулерінің 14 тармағында": "UN General Comment 25, paragraph 14",
    "ХАСҚП-на 1996 жылғы АСҚК №25 Жалпы ескертулерінің 15 тармағы": "UN General Comment 25, its year and paragraph",
    "2011 жылғы БҰҰ АҚК №34 Жалпы ескертуінің 47 тармағына": "UN General Comment 34, its year and paragraph",
    "2011 жылғы БҰҰ АҚК №34 Жалпы ескертуінің 38 тармағын": "UN General Comment 34, its year and paragraph",
    "2006 жылғы БҰҰ Мүгедектігі бар адамдардың құқықтары туралы конвенциясының 12 және 29 Баптарына":
        "year and articles of the UN Convention on the Rights of Persons with Disabilities",
    "Венециялық Комиссиның 2002 жылғы": "year of the Venice Commission's Code of Good Practice",
    "(2002 Үздік тәжірибе кодексі) I.1.2.iv": "the Code of Good Practice and its section number",
    "2002 жылғы Үздік Тәжірибе Кодексінің I.3.3.1.b.ii": "the Code of Good Practice and its section number",
    "ТМД Конвенциясының 12.4 Бабына": "article of the CIS Convention",
    "декларациясының 8 тармағында": "paragraph of the Declaration of Global Principles for citizen observers",
    "2005 жылғы Халықаралық сайлауды байқау": "year of the Declaration of Principles for International Election Observation",
    "кодекстің 113, 118, және 488 баптары": "articles of the Code of Administrative Offences",
    "Қылмыстық кодекстің 174, 179 және 405 баптары": "articles of the Criminal Code",
    "Қылмыстық кодекстің 405 бабының": "article of the Criminal Code",
    "182 бабының": "article of the Criminal Code",
    "№69 Қаулысы": "number of the Ministry of Health's resolution (its date is a fact)",
    # Dates of laws and of events the statement dates by month or year only (a fact's date needs a day)
    "2020 жылғы Саяси партиялар туралы заңға": "date of a law (party_min_members carries it in its label)",
    "2020 жылғы Бейбіт жиындар туралы заң": "date of a law",
    "2018 жылғы Сайлау туралы заңға": "date of a law (pollster_min_experience_years carries it)",
    "2017 жылғы БАҚ туралы заңға": "date of a law",
    "2020 жылдың маусым айында жала жабу": "month of decriminalising defamation",
    "2020 жылдың желтоқсан айындағы үкімет": "month of the 'security certificate' attempt",
    "2019 жылдың маусым айында": "month of the President's election",
    "2016 жылғы парламенттік сайлаудан": "year of the previous parliamentary elections",
    "2019 жылғы президенттік сайлау": "year of the previous presidential election",
    "2019 жылдың қаңтар айында": "month the parties that nominated commission members were registered",
    "2019 жылдың наурыз айында": "month of a movement's founding congress (footnote 21)",
    "2020 жылдың ақпан айында": "month of arrests before a congress (footnote 21)",
    "2018 жылдың наурыз айында": "month the DCK was banned (footnote 26)",
    "2020 жылдың мамыр айында": "month the Street Party was banned (footnote 26)",
    "2018 жылы Құқықтық Медиа Орталығы": "year of a lawsuit (footnote 47)",
    "Ресми тіркеуден өткен соңғы партия – 2013 жылы": "year Birlik was registered: new_parties_registered_since_2013",
    "30 желтоқсан күні 2020 жылғы Мәжіліс жұмысын": "date of a speech quoted in footnote 4",
    "2021 жылдың 24 ақпанында": "year of oscepa_report_date (the quote's date carries the day)",
    # Named people's cases, cited as examples (footnote 46): dates and sentences of individuals
    "17 қыркүйектен бері үй қамағында": "an individual case",
    "«тиым салынған ұйымға қатысқаны үшін» 12 желтоқсанда ұсталып, 2021 жылдың 12 желтоқсанына дейін":
        "an individual case",
    "жалпы алғанда 45 күн": "an individual case",
    "21 желтоқсан күні Әлібек Молдин": "an individual case",
    # Layout and translation artefacts
    "Сыртқы істер министрлігі мен Орталық сайлау комиссиясына көрсеткен 7 үшін":
        "a stray figure in the translation of the thanks ('for their assistance')",
}

# Figures the findings write in words, each a passage of the statement and the figure it states: a row
# must quote the passage and carry the figure. Left out, as not figures a chart would show: «жылына екі
# рет» (twice a year), «үштен екі бөлігі» and «үштен бірі» (footnote 38's shares of unspent funds),
# «бестен бірінің» (a fifth of the members of parliament), «үш басшысының» (footnote 21), and figures the
# findings repeat in words that rows carry from digits («Мәжіліске тоғыз депутатты», «Мәжілістің тоқсан
# сегіз депутаты»).
WORD_FIGURES = {
    "Тіркелген алты партияның": 6, "партияның бесеуі": 5, "кем дегенде, жеті пайыз": 7, "кемінде, екі орын": 2,
    "ОСК төрағасы мен екі мүшесін": 2, "ОСК-ның екі мүшесінен": 2, "бес жылдық мерзімге": 5,
    "жеті мүшесінің екеуі": 2, "кем дегенде тоғыз әрекет": 9, "бір де бір жаңа партия тіркелген жоқ": 0,
    "бір де бір жаңа саяси партия": 0, "тоғыз сұранымның": 9, "алтысы қайтарылып": 6,
    "Жиырма бес жасқа": 25, "он жыл бойы": 10, "Тек екі партия ғана": 2,
    "он посттан": 10, "алты посттан": 6, "екі кішкентай тобына": 2, "бес жылдық тиісті тәжірибесі": 5,
    "бес күн ішінде қаржылай": 5, "бес телеарнаны": 5, "бес онлайн": 5, "тоқсан пайызы": 90,
    "он күн ішінде өткізілуі": 10, "шағымдарды бес күн": 5, "бес күн бұрын өткізілген": 5, "үш күн ішінде": 3, "бір де бір өтініш": 0,
    "он күн ішінде келіспеушілік": 10, "үш шағым": 3, "екеуі Жоғарғы": 2,
    "Жиырмаға жуық азаматтық": 20, "сайлауға дейін бес күн": 5,
    "жиырмаға жуық белсенділердің": 20, "тоғыз сағатқа": 9, "екеуі жабық": 2, "қалған екі ТСК": 2,
    "сегіз аптадан": 8,
}


def _tokens(text: str):
    """(start, end, value) of each number, 237 миллион as 237,000,000."""
    for match in NUMBER.finditer(text):
        value = float(match.group().replace(",", ""))
        after = text[match.end():match.end() + 10]
        for word, factor in SCALE.items():
            if after.startswith(" " + word):
                value *= factor
        yield match.start(), match.end(), value


def _carried(row: pd.Series) -> set[float]:
    numbers = set()
    for column, value in row.items():
        if column in ("source", "quote_kk") or column.startswith(("label_kk", "label_ru", "text_kk", "text_ru")):
            continue
        if isinstance(value, pd.Timestamp) and not pd.isna(value):
            numbers |= {float(value.day), float(value.year)}
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and not pd.isna(value):
            numbers.add(float(value))
        elif isinstance(value, str) and column.startswith(("label_en", "text_en", "name_en")):
            numbers |= {float(n.replace(",", "")) for n in NUMBER.findall(value)}
    return numbers


def _section_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each section's heading and paragraphs lie in the statement's text."""
    spans, position = [], 0
    for section in statement().sections:
        start = text.index(section.heading or section.paragraphs[0], position)
        position = start
        for paragraph in section.paragraphs:
            position = text.index(paragraph, position) + len(paragraph)
        spans.append((start, position, section.heading))
    return spans


def uncovered(pkg) -> list[str]:
    text = statement().text
    tokens = list(_tokens(text))
    covered: set[int] = set()
    covered_values: set[float] = set()
    for name, frame in pkg.tables.items():
        if "quote_kk" not in frame.columns:
            continue
        for _, row in frame.iterrows():
            quote = row["quote_kk"]
            if not quote:
                continue
            carried = _carried(row)
            for match in re.finditer(re.escape(quote), text):
                for start, end, value in tokens:
                    if match.start() <= start and end <= match.end() and value in carried:
                        covered.add(start)
                        covered_values.add(value)
    for passage in NOT_FIGURES:
        for match in re.finditer(re.escape(passage), text):
            covered |= {start for start, end, _ in tokens if match.start() <= start and end <= match.end()}
    repeating = [(a, b) for a, b, heading in _section_spans(text) if heading in REPEATING]
    missing = []
    for start, end, value in tokens:
        if start in covered:
            continue
        if any(a <= start < b for a, b in repeating) and value in covered_values:
            continue
        missing.append(f"{text[start:end]} in «…{text[max(0, start - 60):end + 40]}…»")
    return missing


def test_every_passage_on_the_list_is_in_the_statement_and_holds_a_number():
    for passage in NOT_FIGURES:
        assert passage in statement().text, passage
        assert NUMBER.search(passage), passage


def test_every_number_in_the_statement_is_in_the_package_or_not_a_figure(pkg):
    missing = uncovered(pkg)
    assert not missing, f"{len(missing)} number(s) of the statement neither in the package nor on NOT_FIGURES:\n" + \
        "\n".join(missing)


def test_every_figure_written_in_words_is_in_the_package(pkg):
    text = statement().text
    missing = []
    for passage, figure in WORD_FIGURES.items():
        assert passage in text, passage
        rows = [row for frame in pkg.tables.values() if "quote_kk" in frame.columns
                for _, row in frame.iterrows() if row["quote_kk"] and passage in row["quote_kk"]]
        if not any(figure in _carried(row) for row in rows):
            missing.append((passage, figure))
    assert not missing, missing


@pytest.mark.parametrize("table, key, row_id, number", [
    ("facts", "fact", "commission_nominated_by_associations_pct", "30.5"),
    ("facts", "fact", "defamation_max_fine_kzt", "2,187,750"),
    ("finance", "party", "adal", "315"),
])
def test_a_row_taken_out_leaves_its_number_uncovered(tmp_path, table, key, row_id, number):
    # The test can fail: the package without one row misses that row's number.
    for file in (ROOT / "data").iterdir():
        (tmp_path / file.name).write_bytes(file.read_bytes())
    frame = pd.read_csv(tmp_path / f"{table}.csv", dtype=str, keep_default_na=False)
    frame[frame[key] != row_id].to_csv(tmp_path / f"{table}.csv", index=False)
    missing = uncovered(load_package(tmp_path))
    assert any(line.startswith(number + " in") for line in missing), missing[:5]
