import pytest

from tests.apptest import PAGES, open_page


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    app = open_page(page)
    assert not app.exception, [e.message for e in app.exception]
    assert app.title, "every page has a title"
