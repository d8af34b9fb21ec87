"""One dashboard server and one Chromium for the whole session; a fresh browser context per test."""

from __future__ import annotations

import os

import pytest

from tests.browser.streamlit_driver import (CHROMIUM_ARGS, ROOT, ConsoleLog, Server, chromium_missing_message,
                                            chromium_path, free_port, new_page)

ARTIFACTS = ROOT / 'test-artifacts'
PORTS = (8631, 8639)


@pytest.fixture(scope='session')
def app_url():
    port = free_port(*PORTS)
    # No file watcher: files edited during a run would make Streamlit show a "source changed" prompt and
    # re-scan the pages mid-test; the tests check the code as it was when the server started.
    server = Server('dashboard.py', port, ARTIFACTS / 'streamlit-tests.log', ('--server.fileWatcherType', 'none'))
    try:
        server.wait_healthy(timeout=60)
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope='session')
def browser():
    executable = chromium_path()
    if not os.access(executable, os.X_OK):
        pytest.fail(chromium_missing_message(executable), pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def console():
    return ConsoleLog()


@pytest.fixture
def page(browser, console):
    context, page = new_page(browser, console, accept_downloads=True)
    yield page
    context.close()


@pytest.fixture(scope='session')
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
