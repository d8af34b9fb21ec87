"""Grammar after numbers: Kazakh case endings by the number as read aloud, Russian and English plural
forms by CLDR's rules. Every expected value is typed by hand and can be checked by reading the number."""

import pytest

from observer import grammar, i18n
from observer.grammar import kk_case, kk_ending, kk_last_word, plural, plural_word

# A Kazakh ending after digits is joined by U+2011, the non-breaking hyphen: it looks like "-" (grammar.JOIN).

NBSP = "\u00a0"


@pytest.mark.parametrize("written, word", [
    ("1", "бір"), ("2", "екі"), ("3", "үш"), ("4", "төрт"), ("5", "бес"), ("6", "алты"), ("7", "жеті"),
    ("8", "сегіз"), ("9", "тоғыз"), ("10", "он"), ("20", "жиырма"), ("30", "отыз"), ("40", "қырық"),
    ("50", "елу"), ("60", "алпыс"), ("70", "жетпіс"), ("80", "сексен"), ("90", "тоқсан"), ("100", "жүз"),
    ("1000", "мың"), ("0", "нөл"),
    ("312", "екі"),                    # үш жүз он екі
    ("126", "алты"),                   # бір жүз жиырма алты
    ("300", "жүз"),                    # үш жүз
    ("2000", "мың"),                   # екі мың
    ("1 000 000", "миллион"), (f"1{NBSP}000{NBSP}000", "миллион"),
    ("2 500 000 000", "миллион"),      # екі миллиард бес жүз миллион
    ("3 000 000 000", "миллиард"),
    (f"11{NBSP}915{NBSP}903", "үш"),   # ... тоғыз жүз үш
    ("28,8", "сегіз"),                 # жиырма сегіз бүтін оннан сегіз
    ("2,5", "бес"),                    # екі бүтін оннан бес
    ("2,25", "бес"),                   # екі бүтін жүзден жиырма бес
    ("0,10", "он"),                    # нөл бүтін жүзден он: the digits as written
    ("28.8", "сегіз"),                 # a decimal point, as typed
    ("28,8%", "пайыз"), ("54%", "пайыз"),
    ("315 млн", "миллион"), (f"33,9{NBSP}млрд", "миллиард"), ("1,2 мың", "мың"),
    ("2021 ж. 10 қаңтар", "қаңтар"),   # a date ends in its month
])
def test_last_word_read_aloud(written, word):
    assert kk_last_word(written) == word


@pytest.mark.parametrize("written, ablative, dative, locative, genitive, possessive", [
    ("1", "1‑ден", "1‑ге", "1‑де", "1‑дің", "1‑і"),                 # бірден, бірге, бірде, бірдің, бірі
    ("2", "2‑ден", "2‑ге", "2‑де", "2‑нің", "2‑сі"),                # екіден, екіге, екіде, екінің, екісі
    ("3", "3‑тен", "3‑ке", "3‑те", "3‑тің", "3‑і"),                 # үштен, үшке, үште, үштің, үші
    ("6", "6‑дан", "6‑ға", "6‑да", "6‑ның", "6‑сы"),                # алтыдан, алтыға, алтыда, алтының, алтысы
    ("7", "7‑ден", "7‑ге", "7‑де", "7‑нің", "7‑сі"),                # жетіден ...
    ("9", "9‑дан", "9‑ға", "9‑да", "9‑дың", "9‑ы"),                 # тоғыздан, тоғызға, тоғызда, тоғыздың, тоғызы
    ("10", "10‑нан", "10‑ға", "10‑да", "10‑ның", "10‑ы"),           # оннан, онға, онда, онның, оны
    ("20", "20‑дан", "20‑ға", "20‑да", "20‑ның", "20‑сы"),          # жиырмадан ...
    ("40", "40‑тан", "40‑қа", "40‑та", "40‑тың", "40‑ы"),           # қырықтан, қырыққа, қырықта, қырықтың
    ("50", "50‑ден", "50‑ге", "50‑де", "50‑дің", "50‑і"),           # елуден, елуге, елуде, елудің, елуі
    ("80", "80‑нен", "80‑ге", "80‑де", "80‑нің", "80‑і"),           # сексеннен, сексенге ...
    ("90", "90‑нан", "90‑ға", "90‑да", "90‑ның", "90‑ы"),           # тоқсаннан, тоқсанға ...
    ("100", "100‑ден", "100‑ге", "100‑де", "100‑дің", "100‑і"),     # жүзден, жүзге, жүзде, жүздің, жүзі
    ("1000", "1000‑нан", "1000‑ға", "1000‑да", "1000‑ның", "1000‑ы"),   # мыңнан, мыңға ...
    ("312", "312‑ден", "312‑ге", "312‑де", "312‑нің", "312‑сі"),    # ... екіден
    ("28,8", "28,8‑ден", "28,8‑ге", "28,8‑де", "28,8‑дің", "28,8‑і"),   # ... оннан сегізден
    ("2,5", "2,5‑тен", "2,5‑ке", "2,5‑те", "2,5‑тің", "2,5‑і"),         # ... оннан бестен
    ("1 000 000", "1 000 000‑нан", "1 000 000‑ға", "1 000 000‑да", "1 000 000‑ның", "1 000 000‑ы"),
    ("28,8%", "28,8%‑дан", "28,8%‑ға", "28,8%‑да", "28,8%‑дың", "28,8%‑ы"),   # пайыздан, пайызға ...
    ("315 млн", "315 млн‑нан", "315 млн‑ға", "315 млн‑да", "315 млн‑ның", "315 млн‑ы"),   # миллионнан
    ("33,9 млрд", "33,9 млрд‑тан", "33,9 млрд‑қа", "33,9 млрд‑та", "33,9 млрд‑тың", "33,9 млрд‑ы"),
])
def test_kazakh_cases_after_numbers(written, ablative, dative, locative, genitive, possessive):
    assert kk_case(written, "ablative") == ablative
    assert kk_case(written, "dative") == dative
    assert kk_case(written, "locative") == locative
    assert kk_case(written, "genitive") == genitive
    assert kk_case(written, "possessive") == possessive


@pytest.mark.parametrize("written, accusative, instrumental, ordinal", [
    ("1", "1‑ді", "1‑мен", "1‑інші"),       # бірді, бірмен, бірінші
    ("2", "2‑ні", "2‑мен", "2‑нші"),        # екіні, екімен, екінші
    ("3", "3‑ті", "3‑пен", "3‑інші"),       # үшті, үшпен, үшінші
    ("6", "6‑ны", "6‑мен", "6‑ншы"),        # алтыны, алтымен, алтыншы
    ("10", "10‑ды", "10‑мен", "10‑ыншы"),   # онды, онмен, оныншы
    ("100", "100‑ді", "100‑бен", "100‑інші"),   # жүзді, жүзбен, жүзінші
    ("40", "40‑ты", "40‑пен", "40‑ыншы"),   # қырықты, қырықпен, қырық(ы)ншы
])
def test_kazakh_accusative_instrumental_ordinal(written, accusative, instrumental, ordinal):
    assert kk_case(written, "accusative") == accusative
    assert kk_case(written, "instrumental") == instrumental
    assert kk_case(written, "ordinal") == ordinal


@pytest.mark.parametrize("written, accusative, locative", [
    ("76", "76‑сын", "76‑сында"),           # жетпіс алтысын, жетпіс алтысында: "98 мандаттың 76‑сын алды"
    ("8", "8‑ін", "8‑інде"),                # сегізін, сегізінде: "12 комиссияның 8‑інде"
    ("50", "50‑ін", "50‑інде"),             # елуін, елуінде (у ends like й)
    ("10", "10‑ын", "10‑ында"),             # онын, онында
    ("40", "40‑ын", "40‑ында"),             # қырқын (written 40‑ын), қырқында
    ("71,09%", "71,09%‑ын", "71,09%‑ында"), # пайызын, пайызында: "дауыстардың 71,09%‑ын жинап"
    ("315 млн", "315 млн‑ын", "315 млн‑ында"),   # миллионын, миллионында
])
def test_kazakh_possessive_with_a_case(written, accusative, locative):
    """'The 76 of the 98 seats' as an object or a place: the possessive (-ы/-сы) followed by the case
    ending, -н for the accusative and -нда for the locative."""
    assert kk_case(written, "possessive_accusative") == accusative
    assert kk_case(written, "possessive_locative") == locative


@pytest.mark.parametrize("written, expected", [
    ("7%", "7%‑дық"),     # жеті пайыздық кедергі
    ("10", "10‑дық"),     # ондық
    ("5", "5‑тік"),       # бестік
    ("2", "2‑лік"),       # екілік
    ("1", "1‑лік"),       # бірлік
    ("100", "100‑дік"),   # жүздік
    ("6", "6‑лық"),       # алтылық
])
def test_kazakh_attributive(written, expected):
    assert kk_case(written, "attributive") == expected


def test_kazakh_locative_attributive():
    assert kk_case("2020 ж. 30 желтоқсан", "locative_attributive") == "2020 ж. 30 желтоқсандағы"
    assert kk_case("5", "locative_attributive") == "5‑тегі"       # бестегі
    assert kk_case("10", "locative_attributive") == "10‑дағы"     # ондағы
    assert kk_case("2", "locative_attributive") == "2‑дегі"       # екідегі


def test_words_take_the_ending_without_a_hyphen():
    assert kk_case("2020 ж. 14 желтоқсан", "ablative") == "2020 ж. 14 желтоқсаннан"
    assert kk_case("2021 ж. 8 қаңтар", "dative") == "2021 ж. 8 қаңтарға"
    assert kk_case("1,2 мың", "ablative") == "1,2 мыңнан"       # мың is a word, not an abbreviation
    assert kk_case("637 млн теңге", "ablative") == "637 млн теңгеден"


def test_numbers_not_yet_written_are_read_as_digits():
    assert kk_case(312, "ablative") == "312‑ден"
    assert kk_ending(28.8, "ablative") == "ден"


def test_unknown_case_is_an_error():
    with pytest.raises(ValueError):
        kk_case("5", "vocative")
    with pytest.raises(ValueError):
        kk_case("", "ablative")


RU_CANDIDATE = ["кандидат", "кандидата", "кандидатов"]


@pytest.mark.parametrize("written, expected", [
    ("1", "1 кандидат"), ("2", "2 кандидата"), ("4", "4 кандидата"), ("5", "5 кандидатов"),
    ("11", "11 кандидатов"), ("12", "12 кандидатов"), ("14", "14 кандидатов"), ("21", "21 кандидат"),
    ("22", "22 кандидата"), ("25", "25 кандидатов"), ("101", "101 кандидат"), ("111", "111 кандидатов"),
    ("0", "0 кандидатов"), ("312", "312 кандидатов"), ("126", "126 кандидатов"),
    ("1,5", "1,5 кандидата"), ("0,5", "0,5 кандидата"), ("2,0", "2,0 кандидата"),   # fractions
    (f"1{NBSP}001", f"1{NBSP}001 кандидат"),
])
def test_russian_plurals(written, expected):
    assert plural(written, RU_CANDIDATE, "ru") == expected


def test_russian_days():
    days = ["день", "дня", "дней"]
    assert [plural_word(n, days, "ru") for n in (1, 2, 5, 9, 21, 24, 30)] == [
        "день", "дня", "дней", "дней", "день", "дня", "дней"]


def test_english_plurals():
    forms = ["segment", "segments"]
    assert plural("1", forms, "en") == "1 segment"
    assert plural("2", forms, "en") == "2 segments"
    assert plural("1,234", forms, "en") == "1,234 segments"   # a thousands comma, not a decimal
    assert plural("1.0", forms, "en") == "1.0 segments"


def test_parse_number_keeps_written_decimals():
    assert str(grammar.parse_number("1,0", "ru")) == "1.0"
    assert str(grammar.parse_number(f"11{NBSP}915{NBSP}903", "kk")) == "11915903"
    assert str(grammar.parse_number("28,8\u00a0%", "ru")) == "28.8"
    assert str(grammar.parse_number("12,345,678", "en")) == "12345678"


def test_a_case_ending_is_joined_by_the_non_breaking_hyphen():
    # an ASCII hyphen lets a browser end a line with "54%-" and start the next with "ға"
    assert grammar.kk_case("54%", "dative") == "54%\u2011ға"
    assert grammar.kk_case("315 млн", "ablative") == "315 млн\u2011нан"
    assert grammar.kk_case("2021 ж. 10 қаңтар", "ablative") == "2021 ж. 10 қаңтардан"


def test_catalogue_hyphens_after_a_number_do_not_break():
    assert grammar.join_endings("{number}-азат жол") == "{number}\u2011азат жол"
    assert grammar.join_endings("2-апта, 28,8%-ы") == "2\u2011апта, 28,8%\u2011ы"
    # and an ending on an abbreviation: "ОСК-" / "ның" broke the same way
    assert grammar.join_endings("ОСК-ның, БАҚ-тың, 10 МБ-тан") == "ОСК\u2011ның, БАҚ\u2011тың, 10 МБ\u2011тан"
    # a hyphen that joins no ending to a number is left as typed
    assert grammar.join_endings("{first}- және {second}") == "{first}- және {second}"
    assert grammar.join_endings("Нур-Отан, COVID-19, 2020-12-30") == "Нур-Отан, COVID-19, 2020-12-30"
    assert "\u2011азат\u00a0жол" in i18n.catalogue("kk")["common.cite_paragraph"]
