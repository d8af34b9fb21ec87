"""Upload through the real file chooser of the Data & sources page: a valid zip becomes this browser's
package on every page; a broken one shows its problems and keeps the last good package; another viewer
still sees the bundled data."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_driver import SEL_ERROR_ALERT, SEL_EXCEPTION, SEL_MAIN, goto, grow_viewport_to_content, \
    new_page, wait_settled
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
