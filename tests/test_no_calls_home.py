"""A start of the dashboard, and a page view, reach no other machine: briefing rooms are often offline,
and the README promises no calls home. The server runs under tests.outbound_guard, which records every
connection or name look-up outside the loopback range."""

import subprocess
import sys
import time
import urllib.request

from tests.apptest import ROOT
from tests.browser.streamlit_driver import free_port


def test_a_start_and_a_page_view_make_no_outside_request(tmp_path):
    log = tmp_path / "outbound.log"
    log.touch()
    port = free_port(8690, 8699)
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.outbound_guard", str(log), "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    assert answer.read() == b"ok"
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/tv-coverage", timeout=10) as page:
            assert page.status == 200
        time.sleep(2)  # the banner's address look-up runs just after the server starts listening
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert log.read_text() == "", log.read_text()
    assert "Did not auto detect external IP" not in output, output
