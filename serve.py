"""Start the dashboard with limits that keep one server answering under many connections.

    .venv/bin/python serve.py [Streamlit options, e.g. --server.port 8501] [-- --data PATH]

It takes exactly the arguments of `streamlit run dashboard.py` (it runs Streamlit's own command line in this
process) after installing three limits around Streamlit's websocket endpoint (/_stcore/stream) and its script
runner. Each is set by an environment variable (README, "Limits on connections"):

  OBSERVER_MAX_CONNECTIONS        (default 300) open websocket connections, that is browser sessions, at once.
                                  One more gets an HTTP 503 at the handshake (the browser retries by itself).
  OBSERVER_FIRST_MESSAGE_TIMEOUT  (default 10 s) a connection that has not sent its first message by then is
                                  closed (1008, policy violation); a browser sends its first within a second.
  OBSERVER_MAX_SCRIPT_RUNS        (default 1) page runs executing at once; more wait their turn, the newest
                                  first, so the server's own event loop (health checks, websocket traffic)
                                  keeps its share of the interpreter: runs share one interpreter lock anyway.

0 turns a limit off. More changes from `streamlit run dashboard.py` (which still works, without any of this):
Streamlit's file watcher is off unless --server.fileWatcherType asks for it (it gives every session its own
scan of every imported module, on the event loop, at each page run); so is its full garbage collection after
every page run, unless --runner.postScriptGC asks for it (under a crowd each one held the interpreter lock
0.1-0.4 s); the libraries a page uses are imported and frozen (gc.freeze) before the server starts, so the
collections Python still makes skip their objects; and disconnected sessions, kept
server.disconnectedSessionTTL seconds for a browser that comes back, are let go on time.

Memory: the process starts again once, at once, with the C allocator for Python's objects (PYTHONMALLOC=malloc)
and two glibc arenas (MALLOC_ARENA_MAX=2), unless either is set already. A crowd's sessions, once gone, leave
Python's own small-object arenas partly used and unreturnable; with glibc's allocator the freed memory goes back
to the system (malloc_trim), so the server's memory returns to near its level before the crowd
(bench/CONNECTIONS.md).
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import os
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
SCRIPT = ROOT / 'dashboard.py'


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, '').strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        sys.exit(f'{name}={raw!r} is not a number (0 turns the limit off).')
    if value < 0:
        sys.exit(f'{name}={raw!r} must be 0 or more (0 turns the limit off).')
    return value


class Limits:
    """The limits in force (read from the environment once, at start)."""

    def __init__(self) -> None:
        self.max_connections = int(_env_number('OBSERVER_MAX_CONNECTIONS', 300))
        self.first_message_timeout = _env_number('OBSERVER_FIRST_MESSAGE_TIMEOUT', 10.0)
        self.max_script_runs = int(_env_number('OBSERVER_MAX_SCRIPT_RUNS', 1))

    def __repr__(self) -> str:
        return (f'max_connections={self.max_connections or "off"}, '
                f'first_message_timeout={self.first_message_timeout or "off"} s, '
                f'max_script_runs={self.max_script_runs or "off"}')


class _Counter:
    """Open websocket connections; touched only on the server's event loop."""

    def __init__(self) -> None:
        self.open = 0
        self.peak_since_trim = 0


def _release_memory() -> None:
    """Hand freed heap back to the system once connections are gone (glibc keeps it otherwise)."""
    gc.collect()
    try:
        ctypes.CDLL('libc.so.6').malloc_trim(0)
    except (OSError, AttributeError):
        pass


class ExpiringSessionStorage:
    """Streamlit's store of disconnected sessions (kept server.disconnectedSessionTTL seconds so a browser that
    lost its connection comes back to the same state), with the same limits as Streamlit's own (128 sessions,
    the oldest dropped first), but emptied on time: Streamlit's drops an expired session only when another is
    stored, so after a crowd has gone its sessions stay in memory until the next visitor leaves."""

    def __init__(self, maxsize: int = 128, ttl_seconds: float = 120) -> None:
        self._maxsize, self._ttl = maxsize, ttl_seconds
        self._sessions: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._sweep, name='observer-session-expiry', daemon=True).start()

    def _expire(self) -> int:
        import time
        now = time.monotonic()
        with self._lock:
            old = [key for key, (saved, _) in self._sessions.items() if now - saved >= self._ttl]
            for key in old:
                del self._sessions[key]
        return len(old)

    def _sweep(self) -> None:
        import time
        while True:
            time.sleep(max(1.0, min(10.0, self._ttl / 4)))
            if self._expire():
                _release_memory()

    def get(self, session_id: str) -> Any:
        self._expire()
        with self._lock:
            entry = self._sessions.get(session_id)
        return entry[1] if entry else None

    def save(self, session_info: Any) -> None:
        import time
        self._expire()
        with self._lock:
            key = session_info.session.id
            self._sessions.pop(key, None)
            while len(self._sessions) >= self._maxsize:
                del self._sessions[next(iter(self._sessions))]  # the oldest
            self._sessions[key] = (time.monotonic(), session_info)

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def list(self) -> list[Any]:
        self._expire()
        with self._lock:
            return [info for _, info in self._sessions.values()]


def install(limits: Limits | None = None) -> Limits:
    """Wrap Streamlit's websocket endpoint and script runner with the limits; call before the server starts."""
    limits = limits or Limits()
    from starlette.responses import PlainTextResponse
    from starlette.websockets import WebSocketDisconnect

    from streamlit.web.server.starlette import starlette_websocket

    counter = _Counter()
    original_factory = starlette_websocket.create_websocket_handler
    if getattr(original_factory, '_observer_limits', None) is not None:
        return original_factory._observer_limits

    def create_websocket_handler(runtime: Any) -> Any:
        endpoint = original_factory(runtime)

        async def limited_endpoint(websocket: Any) -> None:
            if limits.max_connections and counter.open >= limits.max_connections:
                refusal = PlainTextResponse(
                    f'This dashboard has {limits.max_connections} viewers connected, its limit '
                    '(OBSERVER_MAX_CONNECTIONS); try again in a minute.\n', status_code=503,
                    headers={'Retry-After': '30'})
                try:
                    await websocket.send_denial_response(refusal)
                except RuntimeError:  # the server has no denial-response extension
                    await websocket.close(code=1013, reason='server at its connection limit')
                return
            counter.open += 1
            counter.peak_since_trim = max(counter.peak_since_trim, counter.open)
            if limits.first_message_timeout:
                _expect_first_message(websocket, limits.first_message_timeout, WebSocketDisconnect)
            try:
                await endpoint(websocket)
            finally:
                counter.open -= 1
                if counter.open == 0 and counter.peak_since_trim >= 10:
                    # Many sessions have just gone: give their memory back (off the event loop).
                    counter.peak_since_trim = 0
                    asyncio.get_running_loop().run_in_executor(None, _release_memory)

        return limited_endpoint

    create_websocket_handler._observer_limits = limits  # type: ignore[attr-defined]
    starlette_websocket.create_websocket_handler = create_websocket_handler
    from streamlit.web.server import server as streamlit_server
    streamlit_server.MemorySessionStorage = ExpiringSessionStorage
    if limits.max_script_runs:
        _limit_script_runs(limits.max_script_runs)
    return limits


def _expect_first_message(websocket: Any, timeout: float, disconnect: type[Exception]) -> None:
    """Make the first receive on this connection give up after `timeout` s and close it."""
    receive_bytes = websocket.receive_bytes
    state = {'first': True}

    async def receive_first_in_time() -> bytes:
        if not state['first']:
            return await receive_bytes()
        state['first'] = False
        try:
            return await asyncio.wait_for(receive_bytes(), timeout)
        except asyncio.TimeoutError:
            try:
                await websocket.close(code=1008, reason=f'no message within {timeout:g} s')
            except RuntimeError:
                pass
            raise disconnect(code=1008) from None

    websocket.receive_bytes = receive_first_in_time


class _Slots:
    """At most `n` holders at once; a freed slot goes to the most recent waiter (last in, first out).

    Under a flood of page runs the newest request is the one someone is still waiting for (a viewer who just
    opened the page, or just clicked); the old ones are served once the flood has passed."""

    def __init__(self, n: int) -> None:
        self._free = n
        self._lock = threading.Lock()
        self._waiting: list[threading.Event] = []

    def acquire(self, give_up: Any) -> bool:
        with self._lock:
            if self._free > 0:
                self._free -= 1
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        while not turn.wait(0.25):
            if give_up():
                with self._lock:
                    if not turn.is_set():
                        self._waiting.remove(turn)
                        return False
                self.release()  # handed over just now: pass it on
                return False
        return True

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.pop().set()
            else:
                self._free += 1


def _limit_script_runs(slots: int) -> None:
    """At most `slots` page runs execute at once; the others wait (and give up if their session stops)."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

    runner = script_runner.ScriptRunner
    if getattr(runner._run_script, '_observer_slots', None):
        return
    original = runner._run_script
    turns = _Slots(slots)

    def run_script_in_turn(self: Any, rerun_data: Any) -> None:
        if not turns.acquire(lambda: getattr(self._requests, '_state', None) == ScriptRequestType.STOP):
            return  # the session went away while it waited
        try:
            original(self, rerun_data)
        finally:
            turns.release()

    run_script_in_turn._observer_slots = slots  # type: ignore[attr-defined]
    runner._run_script = run_script_in_turn


# Read by the interpreter and by glibc when the process starts, hence the restart.
ALLOCATOR = {'PYTHONMALLOC': 'malloc', 'MALLOC_ARENA_MAX': '2'}


def _restart_with_allocator(argv: list[str]) -> None:
    """Start this script again with ALLOCATOR in the environment; a name already set is left as it is."""
    missing = {name: value for name, value in ALLOCATOR.items() if name not in os.environ}
    if not missing or sys.platform != 'linux':
        return
    os.environ.update(missing)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, str(Path(__file__).resolve()), *argv])


def _freeze_libraries() -> None:
    """Import the libraries a page uses and move their objects out of the garbage collector's sight.

    A full collection (Python's own, now and then; serve.py's when sessions expire; Streamlit's after every
    page run if --runner.postScriptGC turns it back on) walks every object, the ~155,000 that imported modules
    own for the life of the process included: about 0.1 s with the interpreter lock held, during which the
    event loop answers no health check and no viewer. Frozen (gc.freeze), those are skipped, and a collection
    walks only what page runs made.
    """
    import importlib
    import pkgutil

    import observer
    import ui  # noqa: F401 - imported for its objects, as the page's first run would
    for module in pkgutil.walk_packages(observer.__path__, 'observer.'):
        importlib.import_module(module.name)
    gc.collect()
    gc.freeze()


# Streamlit options serve.py changes, as environment variables so that a command-line option still wins.
STREAMLIT_DEFAULTS = {
    # The file watcher gives every session its own watch over every imported module, scanned on the event loop
    # at each page run; with many sessions that scan alone stalls the server. A briefing room does not edit the
    # code while it runs (runOnSave is off). --server.fileWatcherType turns it on.
    'STREAMLIT_SERVER_FILE_WATCHER_TYPE': 'none',
    # A full garbage collection after every page run walks every live object, every other session's included,
    # with the interpreter lock held: under a crowd each took 0.1-0.4 s of the event loop's time, one after
    # another. Python's own collector still runs (by generation, as allocations call for it), and serve.py
    # collects when sessions expire. --runner.postScriptGC turns it on.
    'STREAMLIT_RUNNER_POST_SCRIPT_GC': 'false',
}


def _streamlit_defaults() -> None:
    for name, value in STREAMLIT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def main(argv: list[str]) -> None:
    _restart_with_allocator(argv)
    _streamlit_defaults()
    limits = install()
    _freeze_libraries()
    print(f'  Observer limits: {limits}', file=sys.stderr, flush=True)
    from streamlit.web import cli
    sys.argv = ['streamlit', 'run', str(SCRIPT), *argv]
    cli.main(prog_name='streamlit')


if __name__ == '__main__':
    main(sys.argv[1:])
