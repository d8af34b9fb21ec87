"""Party names in Russian running text are proper names in «»: «Партия «Нур Отан» собрала…», «доля партии
«Нур Отан»», a list «(«Нур Отан», НПК)»; an abbreviation (НПК) and a name already in quotes are kept as they
are; labels and legends keep the bare short name. Kazakh running text quotes them as the statement does
(«Нұр Отан» партиясы, «Нұр Отан» мен ҚХП, ҚХП партиясының); English sentences keep the bare names."""

from __future__ import annotations

from pathlib import Path

import pytest

from observer import grammar, load_package
from observer.findings import findings
from observer.i18n import Language

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name, expected", [("Нур Отан", "«Нур Отан»"), ("Ак жол", "«Ак жол»"), ("НПК", "НПК"),
                                            ("ADAL", "ADAL"), ("«Ауыл»", "«Ауыл»"), (" Адал ", "«Адал»")])
def test_quoted(name, expected):
    assert grammar.quoted(name) == expected


@pytest.fixture(scope="module")
def texts():
    pkg = load_package(ROOT / "data")
    return {code: [f.text for f in findings(pkg, Language(code))] for code in ("ru", "en", "kk")}


def test_russian_findings_quote_the_party_names(texts):
    ru = " ".join(texts["ru"])
    assert "доля партии «Нур Отан» в новостях" in ru
    assert "Партия «Нур Отан» собрала 637 млн тенге" in ru
    assert "(«Нур Отан», НПК)" in ru
    assert "«Нур Отан»»" not in ru and "««" not in ru


def test_english_findings_keep_the_bare_names(texts):
    assert "Only 2 of 5 parties (Nur Otan, PPK)" in " ".join(texts["en"])
    assert "«" not in " ".join(texts["en"])


def test_kazakh_findings_quote_the_party_names_as_the_statement_does(texts):
    kk = " ".join(texts["kk"])
    assert "(«Нұр Отан», ҚХП)" in kk
    assert "«Нұр Отан» партиясының үлесі" in kk
    assert "«Нұр Отан»»" not in kk and "««" not in kk and "Нұр Отан партиясы" not in kk


def test_kazakh_titles_quote_and_labels_do_not():
    L = Language("kk")
    assert L("segments.airtime_title", party="ҚХП", total="1", hours="2", channel="Хабар").startswith(
        "Ең көп эфир уақыты ҚХП партиясына тиді")
    assert L("finance.title_raised", party="Нұр Отан", amount="637 млн теңге") == "«Нұр Отан» 637 млн теңге жинады"
    assert L("candidates.hover_votes", party="Нұр Отан", pct="71 %") == "Нұр Отан: дауыстардың 71 %‑ы"


def test_russian_titles_quote_and_labels_do_not():
    L = Language("ru")
    assert L("finance.title_raised_next", start="X", party="Ак жол", amount="1") == "X; следом — «Ак жол»: 1"
    assert L("candidates.name_count", party="Нур Отан", count="50") == "«Нур Отан» (50)"
    assert L("candidates.hover_votes", party="Нур Отан", pct="71 %") == "Нур Отан: 71 % голосов"
