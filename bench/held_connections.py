"""Hold many websocket connections open against a dashboard server on loopback and watch it answer.

    .venv/bin/python bench/held_connections.py                     # serve.py, 200 idle connections, 15 s
    .venv/bin/python bench/held_connections.py --mode run          # each connection asks for one page run
    .venv/bin/python bench/held_connections.py --launcher streamlit  # plain `streamlit run`, no limits
    .venv/bin/python bench/held_connections.py --browser           # also time a real page in Chromium
    .venv/bin/python bench/held_connections.py --mode run --floods 3 --after 140  # a rise or a leak?

It starts its own server (on a free port of 8651-8659, stopped by its own pid), then:
  - before: samples /_stcore/health for a few seconds and the server's RSS;
  - during: opens --conns websocket connections to /_stcore/stream (idle: they never send a message;
    run: each sends one BackMsg rerun_script and reads what comes back), holds them --hold seconds while
    health is sampled every 0.2 s from a process of its own (each probe times out after 5 s) and, with
    --browser, a fresh Chromium page is loaded and timed until the page is drawn;
  - after: closes every connection, samples health for --after seconds and the RSS at the end.
Everything goes to 127.0.0.1; the number of connections and every wait are bounded, and it stops by itself.
Prints one block of figures (and --json for a machine-readable line).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = '127.0.0.1'
PROBE_TIMEOUT = 5.0
MAX_CONNS = 500
MAX_HOLD = 60.0
MAX_AFTER = 180.0  # long enough to see kept sessions expire (server.disconnectedSessionTTL, 120 s)


def rss_mb(pid: int) -> float:
    """Resident memory of the server process (MB), from /proc; ends the run with a message if it has exited."""
    try:
        for line in Path(f'/proc/{pid}/status').read_text().splitlines():
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    raise SystemExit(f'The server (pid {pid}) has exited; its log is in test-artifacts/held-connections-*.log.')


def free_port(first: int = 8651, last: int = 8659) -> int:
    import socket
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(('', port))
            except OSError:
                continue
            return port
    raise RuntimeError(f'no free port in {first}-{last}')


def start_server(launcher: str, port: int, log: Path, extra: list[str]) -> subprocess.Popen:
    args = ['--server.headless', 'true', '--server.port', str(port), '--browser.gatherUsageStats', 'false',
            *extra]
    if launcher == 'serve':
        cmd = [sys.executable, str(ROOT / 'serve.py'), *args]
    else:
        cmd = [str(ROOT / '.venv' / 'bin' / 'streamlit'), 'run', 'dashboard.py', *args]
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(cmd, cwd=ROOT, stdout=open(log, 'w'), stderr=subprocess.STDOUT, start_new_session=True)


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(5)


def health(url: str, timeout: float = PROBE_TIMEOUT) -> float:
    """Seconds for /_stcore/health to answer ok; `timeout` (as a failure) when it does not."""
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url + '/_stcore/health', timeout=timeout) as r:
            ok = r.status == 200 and r.read().strip() == b'ok'
    except OSError:
        ok = False
    elapsed = time.perf_counter() - t0
    return elapsed if ok else max(elapsed, timeout)


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f'server exited with {proc.returncode}')
        if health(url, 2) < 2:
            return
        time.sleep(0.2)
    raise TimeoutError('server never became healthy')


def _probe_loop(url: str, every: float, out, stop) -> None:
    """In its own process: (start time, seconds) of a health probe every `every` s until `stop` is set."""
    while not stop.is_set():
        t = time.monotonic()
        out.put((t, health(url)))
        stop.wait(every)


class Prober:
    """Samples /_stcore/health every `every` s from a process of its own, into the phase it started in.

    A process, not a thread: the flood's 200 clients parse what the server sends them on this process's
    interpreter lock, and a probe waiting for that lock would time the load generator, not the server (as a
    load balancer's health check, which runs elsewhere, would not).
    """

    def __init__(self, url: str, every: float = 0.2):
        import multiprocessing
        ctx = multiprocessing.get_context('spawn')
        self._out, self._stop = ctx.Queue(), ctx.Event()
        self._proc = ctx.Process(target=_probe_loop, args=(url, every, self._out, self._stop), daemon=True)
        self._marks: list[tuple[float, str]] = [(float('-inf'), 'before')]
        self._timed: list[tuple[float, float]] = []

    @property
    def phase(self) -> str:
        return self._marks[-1][1]

    @phase.setter
    def phase(self, name: str) -> None:
        self._marks.append((time.monotonic(), name))

    def start(self) -> None:
        self._proc.start()

    def stop(self) -> None:
        self._stop.set()
        self._proc.join(PROBE_TIMEOUT + 2)
        self._collect()

    def _collect(self) -> None:
        import queue
        while True:
            try:
                self._timed.append(self._out.get_nowait())
            except queue.Empty:
                return

    def slow(self, since: float, over: float = 0.5) -> list[tuple[float, int]]:
        """(seconds after `since`, milliseconds) of every probe since then that took over `over` s."""
        self._collect()
        return [(round(t - since, 1), round(seconds * 1000)) for t, seconds in self._timed
                if t >= since and seconds > over]

    def samples(self, phase: str, since: float = float('-inf')) -> list[float]:
        """The probes that started in `phase` (at or after `since`, a time.monotonic())."""
        self._collect()
        bounds = self._marks + [(float('inf'), '')]
        return [seconds for t, seconds in self._timed if t >= since and any(
            name == phase and start <= t < end for (start, name), (end, _) in zip(bounds, bounds[1:]))]


def rerun_msg() -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    msg = BackMsg()
    msg.rerun_script.query_string = ''
    msg.rerun_script.page_script_hash = ''
    return msg.SerializeToString()


async def one_run(url: str, timeout: float = 90.0) -> float:
    """One viewer: connect, ask for the page, wait for the script to finish; its seconds (timeout if never)."""
    import websockets

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    t0 = time.perf_counter()
    async with websockets.connect(url.replace('http', 'ws') + '/_stcore/stream', subprotocols=['streamlit'],
                                  open_timeout=10, max_size=None, origin=f'http://{HOST}') as ws:
        await ws.send(rerun_msg())

        async def finished() -> None:
            async for data in ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                if msg.WhichOneof('type') == 'script_finished':
                    return
        try:
            await asyncio.wait_for(finished(), timeout)
        except asyncio.TimeoutError:
            return timeout
    return round(time.perf_counter() - t0, 2)


async def hold(url: str, n: int, mode: str, seconds: float, stats: dict, start_browser) -> None:
    """Open n connections, keep them `seconds`, then close them all."""
    import websockets
    ws_url = url.replace('http', 'ws') + '/_stcore/stream'
    payload = rerun_msg()
    conns: list = []
    readers: list[asyncio.Task] = []
    stats.update(opened=0, refused=0, messages=0)

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    t_start = time.perf_counter()
    stats['runs_finished'] = 0

    async def drain(ws) -> None:
        try:
            async for data in ws:
                stats['messages'] += 1
                msg = ForwardMsg()
                msg.ParseFromString(data)
                if msg.WhichOneof('type') == 'script_finished':
                    stats['runs_finished'] += 1
                    stats['last_run_finished_s'] = round(time.perf_counter() - t_start, 1)
        except Exception:  # noqa: BLE001 - closed by the server is counted, not raised
            pass

    async def open_one() -> None:
        try:
            ws = await asyncio.wait_for(
                websockets.connect(ws_url, subprotocols=['streamlit'], open_timeout=10, max_size=None,
                                   ping_interval=None, close_timeout=1, origin=f'http://{HOST}'), 12)
        except Exception:  # noqa: BLE001 - a refused connection is a result
            stats['refused'] += 1
            return
        stats['opened'] += 1
        conns.append(ws)
        if mode == 'run':
            try:
                await ws.send(payload)
            except Exception:  # noqa: BLE001
                pass
            readers.append(asyncio.create_task(drain(ws)))
        else:
            # An idle client still answers pings (the websockets library does it when something reads).
            readers.append(asyncio.create_task(drain(ws)))

    # Open in batches of 50, as a flood from a few machines would.
    for i in range(0, n, 50):
        await asyncio.gather(*(open_one() for _ in range(min(50, n - i))))
    browser_task = asyncio.get_running_loop().run_in_executor(None, start_browser) if start_browser else None
    await asyncio.sleep(seconds)
    stats['still_open_after_hold'] = sum(1 for ws in conns if ws.state.name == 'OPEN')
    stats['closed_by_server'] = stats['opened'] - stats['still_open_after_hold']
    if browser_task is not None:
        stats['browser'] = await asyncio.wait_for(browser_task, 90)
    await asyncio.gather(*(asyncio.wait_for(ws.close(), 3) for ws in conns), return_exceptions=True)
    for task in readers:
        task.cancel()
    await asyncio.gather(*readers, return_exceptions=True)


def browser_draw(url: str) -> dict:
    """Seconds for a fresh Chromium page to be drawn (script finished, every chart drawn)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.streamlit_driver import CHROMIUM_ARGS, chromium_path, new_page, wait_settled
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context, page = new_page(browser)
            t0 = time.perf_counter()
            try:
                page.goto(url, wait_until='commit', timeout=60_000)
                wait_settled(page, 0.0, timeout_ms=60_000)
                result = {'drawn': True, 'seconds': round(time.perf_counter() - t0, 2)}
            except Exception as error:  # noqa: BLE001 - a page that never draws is a result
                result = {'drawn': False, 'seconds': round(time.perf_counter() - t0, 2), 'error': str(error)[:200]}
            context.close()
        finally:
            browser.close()
    return result


def summary(samples: list[float]) -> dict:
    if not samples:
        return {}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {'n': len(samples), 'p50_ms': round(statistics.median(samples) * 1000),
            'p95_ms': round(p95 * 1000), 'max_ms': round(max(samples) * 1000),
            'failed': sum(1 for s in samples if s >= PROBE_TIMEOUT)}


def run_flood(url: str, proc: subprocess.Popen, prober: 'Prober', n: int, args, hold_s: float,
              after_s: float) -> dict:
    """One flood of n connections held hold_s, then after_s of health samples; its figures."""
    result: dict = {}
    since = time.monotonic()
    prober.phase = 'during'
    stats: dict = {}
    peak = [0.0]
    stop_rss = threading.Event()

    def watch_rss() -> None:
        while not stop_rss.is_set():
            peak[0] = max(peak[0], rss_mb(proc.pid))
            stop_rss.wait(0.5)
    threading.Thread(target=watch_rss, daemon=True).start()
    t0 = time.perf_counter()
    asyncio.run(asyncio.wait_for(
        hold(url, n, args.mode, hold_s, stats, (lambda: browser_draw(url)) if args.browser else None),
        hold_s + 150))
    result['flood_s'] = round(time.perf_counter() - t0, 1)
    result['rss_during_peak_mb'] = round(peak[0])
    prober.phase = 'after'
    t_close = time.perf_counter()
    for mark in sorted(m for m in (10, 30, 60, 130) if m < after_s):
        time.sleep(max(0.0, mark - (time.perf_counter() - t_close)))
        result[f'rss_after_{mark}s_mb'] = round(rss_mb(proc.pid))
    time.sleep(max(0.0, after_s - (time.perf_counter() - t_close)))
    stop_rss.set()
    result['rss_after_mb'] = round(rss_mb(proc.pid))
    result.update(stats)
    for phase in ('during', 'after'):
        result[f'health_{phase}'] = summary(prober.samples(phase, since))
    # "after": how many probes after the close took over 1 s.
    result['after_slow_probes'] = sum(1 for s in prober.samples('after', since) if s > 1.0)
    result['probes_over_500ms'] = prober.slow(since)  # when, after the flood began: where to look
    prober.phase = 'between'
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--launcher', choices=('serve', 'streamlit'), default='serve')
    ap.add_argument('--mode', choices=('idle', 'run'), default='idle')
    ap.add_argument('--conns', type=int, default=200)
    ap.add_argument('--hold', type=float, default=15.0)
    ap.add_argument('--after', type=float, default=20.0, help='seconds of health samples after the close')
    ap.add_argument('--browser', action='store_true', help='time a real page in Chromium during the flood')
    ap.add_argument('--warmup', type=int, default=3, help='page runs, one after another, before the flood')
    ap.add_argument('--floods', type=int, default=1, help='floods one after another (at most 5), each with its after phase')
    ap.add_argument('--json', action='store_true')
    ap.add_argument('server_args', nargs='*', help='more server options, after a --')
    args = ap.parse_args()
    n = max(1, min(args.conns, MAX_CONNS))
    hold_s = max(1.0, min(args.hold, MAX_HOLD))
    after_s = max(1.0, min(args.after, MAX_AFTER))
    floods = max(1, min(args.floods, 5))

    port = free_port()
    url = f'http://{HOST}:{port}'
    log = ROOT / 'test-artifacts' / f'held-connections-{args.launcher}-{args.mode}.log'
    proc = start_server(args.launcher, port, log, args.server_args)
    result: dict = {'launcher': args.launcher, 'mode': args.mode, 'conns': n, 'hold_s': hold_s}
    prober = None
    try:
        wait_healthy(url, proc)
        # Real page runs first, each waited for to the end, so the caches are warm and "before" is the
        # steady state of a server that has served viewers, not of one mid-way through its first page.
        result['warmup_runs_s'] = [asyncio.run(one_run(url)) for _ in range(max(1, args.warmup))]
        time.sleep(1.0)
        result['rss_before_mb'] = round(rss_mb(proc.pid))
        prober = Prober(url)
        prober.start()
        time.sleep(3.0)
        for flood in range(1, floods + 1):
            flood_result = run_flood(url, proc, prober, n, args, hold_s, after_s)
            if flood == 1:
                result.update(flood_result)
            else:
                result[f'flood{flood}'] = {key: flood_result[key] for key in (
                    'rss_during_peak_mb', 'rss_after_mb', 'runs_finished', 'health_during', 'health_after')
                    if key in flood_result}
        prober.stop()
        result['server_alive'] = proc.poll() is None
        result['health_before'] = summary(prober.samples('before'))
    finally:
        if prober is not None:
            prober.stop()
        stop_server(proc)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f'{key:>24}: {value}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
