"""Upload through the real file chooser of the Data & sources page: a valid zip becomes this browser's
package on every page; a broken one shows its problems and keeps the last good package; another viewer
still sees the bundled data."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_driver import SEL_ERROR_ALERT, SEL_EXCEPTION, SEL_MAIN, chart_data, goto, \
    grow_viewport_to_content, new_page, wait_settled
from tests.loading_cases import SYNTHETIC, edit, package_files, zipped

pytestmark = pytest.mark.browser

DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'


def upload(page, tmp_path, name: str, data: bytes) -> None:
    file = tmp_path / name
    file.write_bytes(data)
    page.locator(DROPZONE).set_input_files(str(file))


def test_upload_zip_then_broken_zip(page, browser, app_url, tmp_path, artifacts):
    # In by the front door and the sidebar, as a presenter would (and a fresh server knows its pages).
    goto(page, f"{app_url}/")
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Data & sources").click()
    expect(page.locator(SEL_MAIN)).to_contain_text("Kazakhstan", timeout=30_000)

    upload(page, tmp_path, "synthetic.zip", zipped(package_files(SYNTHETIC, descriptor=True)))
    expect(page.locator(SEL_MAIN)).to_contain_text("Showing: SYNTHETIC", timeout=30_000)
    expect(page.locator(SEL_MAIN)).to_contain_text("every table passed the checks")
    wait_settled(page)
    grow_viewport_to_content(page)
    page.screenshot(path=str(artifacts / "upload-good.png"))

    broken = edit(package_files(SYNTHETIC), "tv_coverage", 3, "share_pct", "lots")
    page.get_by_role("button", name="Remove synthetic.zip").click()  # the uploader keeps files: remove the first
    wait_settled(page)
    expect(page.locator(SEL_MAIN)).to_contain_text("Showing: SYNTHETIC")
    upload(page, tmp_path, "broken.zip", zipped(broken))
    expect(page.locator(SEL_ERROR_ALERT)).to_contain_text("were not loaded", timeout=30_000)
    expect(page.locator(SEL_MAIN)).to_contain_text("Showing: SYNTHETIC")  # the last good package stays
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    wait_settled(page)
    grow_viewport_to_content(page)
    page.screenshot(path=str(artifacts / "upload-bad.png"))
    assert page.locator(SEL_EXCEPTION).count() == 0
    expect(page.locator('[data-testid="stDataFrame"]').first).to_contain_text("lots")

    # Every page now shows the uploaded package; the sidebar says so.
    page.set_viewport_size({"width": 1400, "height": 900})
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="TV coverage").click()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("uploaded in this browser", timeout=30_000)
    assert page.locator(SEL_EXCEPTION).count() == 0

    # Another viewer keeps the bundled data.
    context, other = new_page(browser)
    try:
        goto(other, f"{app_url}/data")
        expect(other.locator(SEL_MAIN)).to_contain_text("Kazakhstan")
        expect(other.locator(SEL_MAIN)).not_to_contain_text("SYNTHETIC")
    finally:
        context.close()

    # And back to the bundled data.
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Data & sources").click()
    page.get_by_role("button", name="Go back to the bundled data").click()
    expect(page.locator(SEL_MAIN)).to_contain_text("Kazakhstan", timeout=30_000)


def test_two_viewers_with_look_alike_logs_each_see_their_own(browser, app_url, tmp_path):
    """Two browsers upload logs with the same rows, total seconds and names (dealt to other rows); each TV
    page shows its own airtime per party, and a re-upload in one browser shows the new log's."""
    from tests.test_sessions import expected_hours, log_files, values

    def airtime(page) -> list[float]:
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="TV coverage").click()
        expect(page.locator(SEL_MAIN)).to_contain_text("From the coded monitoring log", timeout=30_000)
        wait_settled(page)
        charts = chart_data(page)
        assert len(charts) == 4, len(charts)  # gap, shares, concentration, then the log's airtime
        return [round(sum(values(trace["y"])), 6) for trace in charts[3]]

    def upload_log(page, files, name, fresh=True):
        if fresh:
            goto(page, f"{app_url}/data")
        else:  # by the sidebar: the same Streamlit session
            page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Data & sources").click()
            expect(page.locator(SEL_MAIN)).to_contain_text("every table passed the checks", timeout=30_000)
        upload(page, tmp_path, name, zipped(files))
        expect(page.locator(SEL_MAIN)).to_contain_text(name, timeout=30_000)  # the uploader's chip
        wait_settled(page)  # the upload's rerun has finished
        expect(page.locator(SEL_MAIN)).to_contain_text("every table passed the checks", timeout=30_000)

    def expected(files) -> list[float]:
        hours = expected_hours(files)
        order = pd.read_csv(io.BytesIO(files["parties.csv"]))["party"]  # the charts' order: parties.csv's
        return [pytest.approx(hours[p]) for p in order]

    a, b, c = log_files(), log_files(shuffle_seed=7), log_files(shuffle_seed=11)
    (first_context, first), (second_context, second) = new_page(browser), new_page(browser)
    try:
        upload_log(first, a, "log-a.zip")
        upload_log(second, b, "log-b.zip")
        assert airtime(first) == expected(a)
        assert airtime(second) == expected(b)
        # The uploader forgets its files when the reader leaves the page: a re-upload is a fresh choice.
        upload_log(first, c, "log-c.zip", fresh=False)
        assert airtime(first) == expected(c)
        assert airtime(second) == expected(b)
    finally:
        first_context.close()
        second_context.close()

