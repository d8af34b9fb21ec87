"""UI helpers that hold logic of their own."""

from ui.widgets import _card_key


def test_a_figure_cards_key_is_a_class_name_and_keeps_ids_apart():
    # Ids from an upload may hold any character; 'a.b' and 'a_b' made the same key (Streamlit refuses a page
    # with two elements of one key).
    assert _card_key("a.b") != _card_key("a_b")
    assert _card_key("turnout") == _card_key("turnout")
    assert _card_key("Жалобы <x>").startswith("figure_card_")
    assert all(c.isascii() and (c.isalnum() or c == "_") for c in _card_key("Жалобы <x> «y»"))
