"""serve.py, the server `./dev run` starts: many idle websocket connections leave the health check fast and a
real session its page run; beyond OBSERVER_MAX_CONNECTIONS a connection is refused with a 503; a connection
that sends nothing is closed after OBSERVER_FIRST_MESSAGE_TIMEOUT. Loopback only, bounded in count and time.
bench/held_connections.py measures the same at 200 connections (bench/CONNECTIONS.md)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.apptest import ROOT
from tests.browser.streamlit_driver import free_port

IDLE = 60
CAP = 50
FIRST_MESSAGE_TIMEOUT = 4
STARTED = {}  # the server process of the module's fixture


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port(8681, 8689)
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = {**os.environ, "OBSERVER_MAX_CONNECTIONS": str(CAP),
           "OBSERVER_FIRST_MESSAGE_TIMEOUT": str(FIRST_MESSAGE_TIMEOUT)}
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, str(ROOT / "serve.py"), "--server.headless", "true",
                                 "--server.port", str(port), "--browser.gatherUsageStats", "false"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    STARTED["proc"] = proc
    try:
        deadline = time.monotonic() + 60
        while health(url, 2) is None:
            assert proc.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "the server did not start\n" + log.read_text()[-3000:]
            time.sleep(0.3)
        yield url
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(5)


def health(url: str, timeout: float = 5) -> float | None:
    """Seconds /_stcore/health took to answer ok, None when it did not."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=timeout) as answer:
            return time.perf_counter() - started if answer.read().strip() == b"ok" else None
    except OSError:
        return None


def run_async(coro):
    """asyncio.run in a thread of its own: earlier tests in the same process (Playwright's sync API) leave an
    event loop running in the main thread, where asyncio.run refuses to start."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coro)
        except BaseException as error:  # handed back to the test below
            outcome["error"] = error

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def ws(url: str):
    import websockets
    return websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                              origin=url, open_timeout=10, close_timeout=2, max_size=None)


def rerun() -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    msg = BackMsg()
    msg.rerun_script.query_string = "lang=en"
    return msg.SerializeToString()


async def page_run(url: str, timeout: float = 60) -> list[str]:
    """A fresh session asks for the home page; the kinds of message it got until the run finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    kinds = []
    async with ws(url) as conn:
        await conn.send(rerun())
        async with asyncio.timeout(timeout):
            async for data in conn:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kinds.append(msg.WhichOneof("type"))
                if kinds[-1] == "script_finished":
                    return kinds
    return kinds


def test_idle_connections_are_capped_closed_and_leave_the_server_answering(server):
    import websockets

    async def scenario():
        opened, refused = [], []

        async def open_one():
            try:
                opened.append(await ws(server))
            except websockets.InvalidStatus as error:
                refused.append(error.response)

        await asyncio.gather(*(open_one() for _ in range(IDLE)))
        # Health while they are held, from a thread so the event loop keeps the connections answered.
        latencies = await asyncio.gather(*(asyncio.to_thread(health, server) for _ in range(5)))
        closed_in_time = []
        started = time.monotonic()

        async def wait_closed(conn):
            try:
                await asyncio.wait_for(conn.wait_closed(), FIRST_MESSAGE_TIMEOUT + 10)
                closed_in_time.append((time.monotonic() - started, conn.close_code))
            except TimeoutError:
                pass
        await asyncio.gather(*(wait_closed(conn) for conn in opened))
        kinds = await page_run(server)
        return opened, refused, latencies, closed_in_time, kinds

    opened, refused, latencies, closed, kinds = run_async(asyncio.wait_for(scenario(), 120))
    assert len(opened) == CAP and len(refused) == IDLE - CAP, (len(opened), len(refused))
    assert {r.status_code for r in refused} == {503}
    assert b"OBSERVER_MAX_CONNECTIONS" in refused[0].body
    assert all(t is not None and t < 1.0 for t in latencies), latencies
    # Every idle one was closed by the server (1008: policy), soon after the first-message timeout.
    assert len(closed) == CAP and {code for _, code in closed} == {1008}, closed
    assert max(t for t, _ in closed) < FIRST_MESSAGE_TIMEOUT + 8, closed
    assert "new_session" in kinds and kinds[-1] == "script_finished", kinds
    assert "delta" in kinds  # the page drew something
    after = health(server)
    assert after is not None and after < 1.0


def test_a_session_that_spoke_is_not_closed_as_idle(server):
    async def scenario():
        async with ws(server) as conn:
            await conn.send(rerun())
            await asyncio.sleep(FIRST_MESSAGE_TIMEOUT + 2)
            return conn.state.name

    assert run_async(asyncio.wait_for(scenario(), 60)) == "OPEN"


def test_page_runs_take_turns_newest_first():
    sys.path.insert(0, str(ROOT))
    from serve import _Slots

    slots = _Slots(1)
    assert slots.acquire(lambda: False)
    order: list[int] = []
    threads = []
    for n in range(3):
        thread = threading.Thread(target=lambda n=n: (slots.acquire(lambda: False), order.append(n),
                                                      slots.release()))
        thread.start()
        threads.append(thread)
        time.sleep(0.1)  # queue them in order 0, 1, 2
    slots.release()
    for thread in threads:
        thread.join(5)
    assert order == [2, 1, 0]
    # A waiter whose session stopped gives up and leaves its turn to others.
    assert slots.acquire(lambda: False)
    assert slots.acquire(lambda: True) is False
    slots.release()
    assert slots.acquire(lambda: False)


def test_the_server_runs_on_the_c_allocator_with_two_arenas(server):
    """serve.py starts itself again with PYTHONMALLOC=malloc and MALLOC_ARENA_MAX=2 (same process id): the
    memory a crowd's sessions leave behind goes back to the system (bench/CONNECTIONS.md)."""
    environ = open(f"/proc/{STARTED['proc'].pid}/environ", "rb").read().split(b"\0")
    assert b"PYTHONMALLOC=malloc" in environ and b"MALLOC_ARENA_MAX=2" in environ


def test_an_allocator_setting_already_given_is_kept(monkeypatch):
    import serve

    started = []
    monkeypatch.setattr(serve.os, "execv", lambda path, args: started.append(args))
    monkeypatch.setenv("PYTHONMALLOC", "pymalloc")
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    serve._restart_with_allocator(["--server.port", "1"])
    assert os.environ["PYTHONMALLOC"] == "pymalloc" and os.environ["MALLOC_ARENA_MAX"] == "2"
    assert started == [[sys.executable, str(ROOT / "serve.py"), "--server.port", "1"]]
    started.clear()
    serve._restart_with_allocator([])  # both given now: no second start
    assert started == []


def test_the_file_watcher_and_the_collection_after_each_run_are_off_unless_asked_for(monkeypatch):
    """Both stalled the event loop under a crowd (bench/CONNECTIONS.md); an option already given is kept."""
    import serve

    monkeypatch.delenv("STREAMLIT_SERVER_FILE_WATCHER_TYPE", raising=False)
    monkeypatch.setenv("STREAMLIT_RUNNER_POST_SCRIPT_GC", "true")
    serve._streamlit_defaults()
    assert os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] == "none"
    assert os.environ["STREAMLIT_RUNNER_POST_SCRIPT_GC"] == "true"
    monkeypatch.delenv("STREAMLIT_RUNNER_POST_SCRIPT_GC")
    serve._streamlit_defaults()
    assert os.environ["STREAMLIT_RUNNER_POST_SCRIPT_GC"] == "false"


def test_the_libraries_a_page_uses_are_frozen_before_the_server_starts():
    """gc.freeze after importing them: a full collection then skips the ~150,000 objects they own."""
    script = "import gc, serve; before = gc.get_freeze_count(); serve._freeze_libraries(); " \
             "print(before, gc.get_freeze_count(), 'observer.slide_lines' in __import__('sys').modules)"
    answer = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    before, frozen, imported = answer.stdout.split()
    assert (before, imported) == ("0", "True")
    assert int(frozen) > 100_000
