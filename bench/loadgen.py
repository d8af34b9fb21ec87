"""A press room on loopback: simulated viewers that speak Streamlit's own websocket protocol, no browsers.

    .venv/bin/python bench/loadgen.py                                  # 100 viewers open / within 60 s, 1 process
    .venv/bin/python bench/loadgen.py --viewers 150 --window 60 --page tv-coverage
    .venv/bin/python bench/loadgen.py --find 100,150,200,250           # the most viewers with p95 under 1.5 s
    .venv/bin/python bench/loadgen.py --replicas 2 --find 150,200,300  # 2 replicas behind nginx (bench/replicas.py)
    .venv/bin/python bench/loadgen.py --url http://127.0.0.1:8730      # a server already running (loopback only)

A viewer does what a browser tab does when someone opens a link: it GETs the page (nginx's affinity cookie
and Streamlit's XSRF cookie come back), GETs /_stcore/health, opens the websocket /_stcore/stream with the
`streamlit` subprotocol and its XSRF token, and sends one BackMsg `rerun_script` with the ClientState a
browser sends (query string, the page's name, an empty page_script_hash, the context: locale, timezone,
address). It reads ForwardMsgs until `script_finished` says FINISHED_SUCCESSFULLY (a run ended early for a
rerun is followed by the next one). An error is a refused or dropped connection, an exception element,
"page not found", a compile error or no finish within --timeout. The viewer then keeps its tab open until
every viewer of the round has finished (the server's memory is read with all the sessions held), and leaves.

Viewers arrive at random times (seeded) spread over --window seconds. For each round it prints the time
from the viewer's first request to script finished (p50/p95/max; and from rerun_script alone), errors, the
servers' CPU seconds (per session, and cores used on average), their memory before and with all sessions
open (MB per session), and this process's own CPU, since it shares the machine. With --find it runs one
round per count, in order, and reports the largest count with p95 under --target (1.5 s) and no error.

Everything goes to 127.0.0.1, at most 1000 viewers a round within at most 600 s, each waiting at most
--timeout s (300 at most); the servers it starts (ports 8730-8739) are stopped by their pids on the way out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.held_connections import rss_mb  # noqa: E402
from bench.replicas import HOST, Replicas  # noqa: E402

MAX_VIEWERS = 1000
MAX_WINDOW = 600.0
MAX_TIMEOUT = 300.0
TICKS = os.sysconf('SC_CLK_TCK')


class ViewerError(Exception):
    """What went wrong for one viewer, as a short kind (counted by kind)."""


@dataclass
class Run:
    seconds: float
    messages: int = 0
    bytes: int = 0
    reruns: int = 0
    text: list[str] = field(default_factory=list)  # markdown and captions drawn, when collected


class Viewer:
    """One browser tab: its cookies, its websocket and its session, on one server or balancer."""

    def __init__(self, base: str, timeout: float = 60.0):
        if urllib.parse.urlsplit(base).hostname not in (HOST, 'localhost'):
            raise ValueError(f'{base}: the load generator speaks to loopback only')
        self.base, self.timeout = base.rstrip('/'), timeout
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.session_id = ''
        self.uploaders: dict[str, str] = {}  # file_uploader element id -> label
        self.file_urls: dict[str, list] = {}  # file_urls_response by request id
        self.last_exception = ''

    # -- HTTP, as the browser does it -------------------------------------------------------------------------
    def _http(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> int:
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=dict(headers or {}))
        if self.cookies:
            request.add_header('Cookie', '; '.join(f'{k}={v}' for k, v in self.cookies.items()))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                answer.read()
                status, got = answer.status, answer.headers
        except urllib.error.HTTPError as error:
            status, got = error.code, error.headers
        for raw in got.get_all('Set-Cookie') or []:
            name, _, rest = raw.partition('=')
            self.cookies[name.strip()] = rest.split(';', 1)[0].strip()
        return status

    async def open(self, path: str = '/', query: str = 'lang=en') -> None:
        for step in (f'{path}?{query}' if query else path, '/_stcore/health'):
            try:
                status = await asyncio.to_thread(self._http, 'GET', step)
            except OSError as error:  # refused, reset, timed out
                raise ViewerError(f'http {type(error).__name__}') from None
            if status != 200:
                raise ViewerError(f'http {status}')
        import websockets
        xsrf = self.cookies.get('_streamlit_xsrf')
        headers = {'Cookie': '; '.join(f'{k}={v}' for k, v in self.cookies.items())}
        try:
            self.ws = await websockets.connect(
                self.base.replace('http', 'ws', 1) + '/_stcore/stream', subprotocols=['streamlit', *([xsrf] if xsrf else [])],
                additional_headers=headers, origin=self.base, open_timeout=self.timeout, close_timeout=2,
                max_size=None, ping_interval=None)
        except websockets.InvalidStatus as error:
            raise ViewerError(f'websocket {error.response.status_code}') from None
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            raise ViewerError(f'websocket {type(error).__name__}') from None

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 3)
            except Exception:  # noqa: BLE001 - leaving is best effort
                pass

    # -- the protocol -----------------------------------------------------------------------------------------
    async def _send(self, msg) -> None:
        try:
            await self.ws.send(msg.SerializeToString())
        except Exception as error:  # noqa: BLE001
            raise ViewerError(f'send {type(error).__name__}') from None

    async def _read_until(self, done, run: Run, collect: bool) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ViewerError('timeout')
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                raise ViewerError('timeout') from None
            except Exception as error:  # noqa: BLE001 - closed under us
                raise ViewerError(f'closed {type(error).__name__}') from None
            run.messages += 1
            run.bytes += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof('type')
            if kind == 'new_session':
                self.session_id = msg.new_session.initialize.session_id
            elif kind == 'delta' and msg.delta.WhichOneof('type') == 'new_element':
                element = msg.delta.new_element
                what = element.WhichOneof('type')
                if what == 'exception':
                    self.last_exception = element.exception.message
                    raise ViewerError(f'exception on the page ({element.exception.type})')
                if what == 'file_uploader':
                    self.uploaders[element.file_uploader.id] = element.file_uploader.label
                if collect and what in ('markdown', 'text', 'alert'):
                    run.text.append(getattr(element, what).body)
            elif kind == 'page_not_found':
                raise ViewerError('page not found')
            elif kind == 'file_urls_response':
                self.file_urls[msg.file_urls_response.response_id] = list(msg.file_urls_response.file_urls)
            if done(msg, kind):
                return

    async def run(self, page: str = '', query: str = 'lang=en', widget_states=None, collect: bool = False) -> Run:
        """Ask for a page run, as a browser does on opening `/page?query`; return once the script finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_script_hash = ''
        state.page_name = page
        if widget_states is not None:
            state.widget_states.CopyFrom(widget_states)
        context = state.context_info
        context.timezone, context.timezone_offset, context.locale = 'UTC', 0, 'en-US'
        context.url = f'{self.base}/{page}' + (f'?{query}' if query else '')
        context.is_embedded, context.color_scheme = False, 'light'
        started = time.perf_counter()
        run = Run(0.0)
        await self._send(msg)

        def finished(fmsg, kind) -> bool:
            if kind != 'script_finished':
                return False
            status = fmsg.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise ViewerError('compile error')
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                run.reruns += 1
                return False
            return True
        await self._read_until(finished, run, collect)
        run.seconds = time.perf_counter() - started
        return run

    async def upload(self, name: str, data: bytes, content_type: str = 'application/zip'):
        """Upload one file as the browser's file_uploader does: ask the session for an upload address
        (BackMsg file_urls_request), PUT the file there (multipart, with the XSRF header), and return the
        HTTP status and the UploadedFileInfo to send with the next run's widget state."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.Common_pb2 import UploadedFileInfo
        request_id = f'upload-{time.monotonic_ns()}'
        msg = BackMsg()
        msg.file_urls_request.request_id = request_id
        msg.file_urls_request.session_id = self.session_id
        msg.file_urls_request.file_names.append(name)
        await self._send(msg)
        await self._read_until(lambda _m, kind: request_id in self.file_urls, Run(0.0), False)
        urls = self.file_urls[request_id][0]
        status = await self.put_file(urls.upload_url, name, data, content_type)
        info = UploadedFileInfo(name=name, size=len(data), file_id=urls.file_id)
        info.file_urls.CopyFrom(urls)
        return status, info


    async def put_file(self, upload_url: str, name: str, data: bytes, content_type: str = 'application/zip') -> int:
        """PUT one file to an upload address as the browser does (multipart, XSRF header); the HTTP status."""
        boundary = f'observer{time.monotonic_ns()}'
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f'Content-Type: {content_type}\r\n\r\n').encode() + data + f'\r\n--{boundary}--\r\n'.encode()
        headers = {'Content-Type': f'multipart/form-data; boundary={boundary}',
                   'X-Xsrftoken': self.cookies.get('_streamlit_xsrf', '')}
        return await asyncio.to_thread(self._http, 'PUT', upload_url, body, headers)


def uploader_state(uploader_id: str, files) -> object:
    """The WidgetStates a browser sends once the files of one file_uploader are uploaded."""
    from streamlit.proto.WidgetStates_pb2 import WidgetStates
    states = WidgetStates()
    widget = states.widgets.add()
    widget.id = uploader_id
    widget.file_uploader_state_value.uploaded_file_info.extend(files)
    return states


# -- measuring --------------------------------------------------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (all its threads), from /proc."""
    try:
        fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return float('nan')


def with_children(pid: int) -> list[int]:
    """A process and its children (nginx's master and workers)."""
    try:
        children = Path(f'/proc/{pid}/task/{pid}/children').read_text().split()
    except OSError:
        children = []
    return [pid, *(int(c) for c in children)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))]


async def one_viewer(url: str, page: str, query: str, timeout: float, arrival: float, t0: float,
                     leave: asyncio.Event, results: list) -> None:
    await asyncio.sleep(max(0.0, t0 + arrival - time.perf_counter()))
    viewer = Viewer(url, timeout)
    started = time.perf_counter()
    record: dict = {}
    try:
        await viewer.open('/' + page, query)
        run = await viewer.run(page, query)
        record = {'ok': True, 'total_s': time.perf_counter() - started, 'run_s': run.seconds,
                  'reruns': run.reruns, 'bytes': run.bytes, 'route': viewer.cookies.get('observer_replica', '')}
    except ViewerError as error:
        record = {'ok': False, 'error': str(error), 'total_s': time.perf_counter() - started}
    results.append(record)
    try:
        await leave.wait()  # the tab stays open until the round is over
    finally:
        await viewer.close()


async def press_room(url: str, viewers: int, window: float, page: str, query: str, timeout: float,
                     pids: list[int], seed: int = 1, balancer_pid: int | None = None) -> dict:
    """`viewers` viewers open the page at random moments within `window` s; figures for the round."""
    # A browser tab has its own connections: enough threads that no viewer's HTTP request waits for another's.
    from concurrent.futures import ThreadPoolExecutor
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=min(viewers, 200) + 4))
    rng = random.Random(seed)
    arrivals = sorted(rng.uniform(0, window) for _ in range(viewers))
    results: list[dict] = []
    leave = asyncio.Event()
    rss_before = [rss_mb(pid) for pid in pids]
    cpu_before = [cpu_seconds(pid) for pid in pids]
    balancer = with_children(balancer_pid) if balancer_pid else []
    balancer_before = sum(cpu_seconds(pid) for pid in balancer)
    own_before = resource.getrusage(resource.RUSAGE_SELF)
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(one_viewer(url, page, query, timeout, a, t0, leave, results)) for a in arrivals]
    try:
        deadline = t0 + window + timeout + 10
        while len(results) < viewers and time.perf_counter() < deadline:
            await asyncio.sleep(0.1)
        elapsed = time.perf_counter() - t0
        rss_held = [rss_mb(pid) for pid in pids]
        cpu_after = [cpu_seconds(pid) for pid in pids]
        balancer_after = sum(cpu_seconds(pid) for pid in balancer)
        own_after = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        leave.set()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 30)
    ok = [r for r in results if r['ok']]
    errors: dict[str, int] = {}
    for r in results:
        if not r['ok']:
            errors[r['error']] = errors.get(r['error'], 0) + 1
    if len(results) < viewers:
        errors['unfinished'] = viewers - len(results)
    server_cpu = sum(cpu_after) - sum(cpu_before)
    totals = [r['total_s'] for r in ok]
    runs = [r['run_s'] for r in ok]
    out = {
        'viewers': viewers, 'window_s': window, 'page': page or '(home)', 'query': query,
        'finished_ok': len(ok), 'errors': sum(errors.values()), 'error_kinds': errors,
        'open_to_finished_p50_s': round(statistics.median(totals), 2) if totals else None,
        'open_to_finished_p95_s': round(percentile(totals, 0.95), 2) if totals else None,
        'open_to_finished_max_s': round(max(totals), 2) if totals else None,
        'rerun_to_finished_p50_s': round(statistics.median(runs), 2) if runs else None,
        'rerun_to_finished_p95_s': round(percentile(runs, 0.95), 2) if runs else None,
        'reruns': sum(r['reruns'] for r in ok),
        'round_s': round(elapsed, 1),
        'server_cpu_s': round(server_cpu, 1),
        'server_cpu_per_session_s': round(server_cpu / max(1, len(ok)), 3),
        'server_cores_used': round(server_cpu / elapsed, 2),
        'server_cpu_by_replica_s': [round(a - b, 1) for a, b in zip(cpu_after, cpu_before)],
        'rss_before_mb': [round(v) for v in rss_before],
        'rss_all_open_mb': [round(v) for v in rss_held],
        'rss_per_session_mb': round((sum(rss_held) - sum(rss_before)) / max(1, len(ok)), 2),
        'loadgen_cpu_s': round(own_after.ru_utime + own_after.ru_stime - own_before.ru_utime - own_before.ru_stime, 1),
        'loadavg_before': [round(v, 2) for v in load_before],
        'loadavg_after': [round(v, 2) for v in os.getloadavg()],
    }
    if balancer:
        out['nginx_cpu_s'] = round(balancer_after - balancer_before, 2)
    routes = [r.get('route') for r in ok if r.get('route')]
    if routes:
        out['affinity_cookies'] = len(set(routes))
    return out


async def warm_up(urls: list[str], page: str, query: str, timeout: float) -> None:
    """One page run on each replica directly, so every round meets warm caches."""
    for url in urls:
        viewer = Viewer(url, timeout)
        try:
            await viewer.open('/' + page, query)
            await viewer.run(page, query)
        finally:
            await viewer.close()


def print_round(result: dict) -> None:
    print(f"  {result['viewers']:>4} viewers in {result['window_s']:g} s: "
          f"open->finished p50 {result['open_to_finished_p50_s']} s, p95 {result['open_to_finished_p95_s']} s, "
          f"max {result['open_to_finished_max_s']} s; rerun->finished p50 {result['rerun_to_finished_p50_s']} s, "
          f"p95 {result['rerun_to_finished_p95_s']} s; errors {result['errors']} {result['error_kinds'] or ''}; "
          f"server CPU {result['server_cpu_per_session_s']} s/session ({result['server_cores_used']} cores); "
          f"by replica {result['server_cpu_by_replica_s']} s; nginx CPU {result.get('nginx_cpu_s', '-')} s; "
          f"RSS {result['rss_before_mb']} -> {result['rss_all_open_mb']} MB "
          f"({result['rss_per_session_mb']} MB/session); loadgen CPU {result['loadgen_cpu_s']} s; "
          f"load {result['loadavg_before']}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--viewers', type=int, default=100)
    ap.add_argument('--window', type=float, default=60.0, help='seconds over which the viewers arrive')
    ap.add_argument('--find', default='', help='comma-separated viewer counts, one round each, in order')
    ap.add_argument('--target', type=float, default=1.5, help='p95 (open to finished) a count must stay under')
    ap.add_argument('--page', default='', help="the page's address: '' (home), tv-coverage, data, ...")
    ap.add_argument('--query', default='lang=en')
    ap.add_argument('--timeout', type=float, default=60.0, help='seconds a viewer waits for its page')
    ap.add_argument('--replicas', type=int, default=1, help='serve.py processes to start (behind nginx if 2+)')
    ap.add_argument('--nginx', action='store_true', help='put nginx in front of a single replica too')
    ap.add_argument('--url', default='', help='a running server or balancer on loopback (nothing is started)')
    ap.add_argument('--pids', default='', help='with --url: comma-separated server pids to measure')
    ap.add_argument('--tree', default=str(ROOT), help='run the serve.py of this tree (e.g. an export of a commit)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--json', default='', help='also write the rounds to this file')
    ap.add_argument('server_args', nargs='*', help='more server options, after a --')
    args = ap.parse_args()
    window = max(1.0, min(args.window, MAX_WINDOW))
    args.timeout = max(1.0, min(args.timeout, MAX_TIMEOUT))
    counts = [int(c) for c in args.find.split(',') if c.strip()] or [args.viewers]
    counts = [max(1, min(c, MAX_VIEWERS)) for c in counts]
    n = max(1, min(args.replicas, 8))
    rounds: list[dict] = []

    def go(url: str, replica_urls: list[str], pids: list[int], balancer_pid: int | None = None) -> None:
        asyncio.run(warm_up(replica_urls, args.page, args.query, args.timeout))
        for count in counts:
            result = asyncio.run(press_room(url, count, window, args.page, args.query, args.timeout, pids,
                                            args.seed, balancer_pid))
            result['replicas'] = len(replica_urls)
            rounds.append(result)
            print_round(result)
            if args.find and (result['errors'] or (result['open_to_finished_p95_s'] or 1e9) >= args.target):
                break
            time.sleep(3)  # the sessions just closed are let go

    print(f'machine: {os.cpu_count()} cores, load {os.getloadavg()}; {n if not args.url else "?"} replica(s); '
          f'page {args.page or "(home)"}?{args.query}', flush=True)
    if args.url:
        go(args.url, [args.url], [int(p) for p in args.pids.split(',') if p.strip()])
    else:
        ports = [8731 + i for i in range(n)]
        nginx_port = 8730 if (n > 1 or args.nginx) else None
        with Replicas(ports, nginx_port, args.server_args, root=Path(args.tree)) as replicas:
            go(replicas.url, replicas.replica_urls, replicas.pids, replicas.nginx.pid if replicas.nginx else None)
    if args.find:
        passing = [r['viewers'] for r in rounds if not r['errors'] and r['open_to_finished_p95_s'] < args.target]
        print(f'largest count with p95 under {args.target:g} s and no error: {max(passing) if passing else "none"}')
    if args.json:
        Path(args.json).write_text(json.dumps(rounds, indent=1))
    return 0


if __name__ == '__main__':
    sys.exit(main())
