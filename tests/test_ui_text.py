"""ui.text: how the pages show a finding's sentence."""

from ui.text import sentence

NBSP = "\u00a0"


def test_a_finding_keeps_a_number_with_the_word_after_it_and_no_short_last_word_alone():
    # At 1280 px the overview's card broke "315 / million tenge" and the deck's heading "98 / мандаттың".
    assert sentence("Parties spent 315 million tenge") == f"Parties spent 315{NBSP}million{NBSP}tenge"
    assert sentence("Барлығы 98 мандаттың 76-сы Нұр Отанға тиді") == \
        f"Барлығы 98{NBSP}мандаттың 76\\-сы Нұр Отанға{NBSP}тиді"


def test_a_finding_is_still_shown_as_typed():
    assert sentence("**5** [x](http://e.org)") == "\\*\\*5\\*\\* \\[x\\]\\(http\u2060\\://e\\.org\\)"
