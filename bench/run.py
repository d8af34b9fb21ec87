"""Benchmark the dashboard against bare Streamlit (bench/bare_app.py) in the same run, in Chromium.

    ./dev bench            # or: .venv/bin/python bench/run.py [--runs 5] [--out bench/RESULTS.md]

For each app it measures, over --runs runs (median and min-max):
  - navigation -> every chart drawn, per page, in a fresh browser context (cold) and on a second load in the
    same context (warm);
  - filter change (a click on the measure widget) -> charts redrawn;
  - server CPU time per page view (utime+stime of the streamlit process), server RSS after start and with
    --sessions sessions open;
and writes bench/RESULTS.md with the ratios to the floor and PASS/MISS against the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.streamlit_driver import (CHROMIUM_ARGS, Server, chromium_missing_message,  # noqa: E402
                                            chromium_path, free_port, last_input_ms, new_page, pick_other_option,
                                            tracker, wait_settled)

PORTS = (8641, 8649)
TARGETS = {'load': 1.3, 'filter': 1.5, 'cpu': 2.0}  # at most this many times the floor

APPS = {
    'bare': {'script': 'bench/bare_app.py', 'pages': {'bare': '/'}, 'switch': ('/', 'measure')},
    'observer': {
        'script': 'dashboard.py',
        'pages': {'overview': '/', 'tv-coverage': '/tv-coverage', 'campaign-finance': '/campaign-finance',
                  'candidates': '/candidates', 'data': '/data'},
        'switch': ('/tv-coverage', 'tv_measure'),
    },
}
CLK = os.sysconf('SC_CLK_TCK')


def cpu_seconds(pid: int) -> float:
    fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK  # utime + stime, all threads


def rss_mb(pid: int) -> float:
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
    return float('nan')


def load_times(page, since: float = 0.0) -> dict:
    """Milestones of the load (or rerun) that started at `since`, in ms after it."""
    t = tracker(page)
    running = [x for x, s in t['states'] if x >= since and s in ('running', 'rerunRequested')]
    done = [x for x, s in t['states'] if x >= since and s == 'notRunning']
    draws = [x for x in t['firstDraw'] if x is not None and x >= since] + [x for x, _ in t['redraws'] if x >= since]
    first_draws = [x for x in t['firstDraw'] if x is not None]
    out = {'charts': t['containers'],
           'script_start': running[0] - since if running else None,
           'script_done': done[-1] - since if done else None,
           'script_span': done[-1] - running[0] if running and done else None}
    # Every chart drawn at least once; a page without charts is done when its script is.
    out['ready'] = (max(first_draws) - since) if t['containers'] and len(first_draws) == t['containers'] \
        else out['script_done']
    out['last_draw'] = max(draws) - since if draws else None
    return out


class Bench:
    def __init__(self, browser, runs: int, views: int, sessions: int):
        self.browser, self.runs, self.views, self.sessions = browser, runs, views, sessions
        self.problems: list[str] = []

    def view(self, page, url: str) -> dict:
        page.goto(url, wait_until='commit')
        wait_settled(page, 0.0, timeout_ms=60_000)
        if page.locator('[data-testid="stException"]').count():
            self.problems.append(f'{url}: exception on the page')
        return load_times(page)

    def load_pair(self, base: str, path: str) -> tuple[dict, dict]:
        context, page = new_page(self.browser)
        try:
            cold = self.view(page, base + path)
            warm = self.view(page, base + path)  # same context: HTTP cache and V8 code cache are warm
            return cold, warm
        finally:
            context.close()

    def filter_change(self, base: str, path: str, key: str) -> list[dict] | None:
        context, page = new_page(self.browser)
        try:
            self.view(page, base + path)
            if page.locator(f'.st-key-{key}').count() == 0:
                self.problems.append(f'{path}: no widget with key {key!r}; filter change not measured')
                return None
            out = []
            for _ in range(self.runs + 1):
                pick_other_option(page, key)
                since = last_input_ms(page)
                wait_settled(page, since, timeout_ms=60_000)
                times = load_times(page, since)
                if times['last_draw'] is None:
                    self.problems.append(f'{path}: switching {key} redrew no chart')
                out.append(times)
            return out[1:]  # the first switch also warms the other option's cache entries
        finally:
            context.close()

    def cpu_per_view(self, base: str, path: str, pid: int) -> list[float]:
        """Server CPU seconds per page view: a reload in one context is a new Streamlit session each time."""
        context, page = new_page(self.browser)
        try:
            self.view(page, base + path)
            out = []
            for _ in range(self.runs):
                before = cpu_seconds(pid)
                for _ in range(self.views):
                    self.view(page, base + path)
                out.append((cpu_seconds(pid) - before) / self.views)
            return out
        finally:
            context.close()

    def memory(self, base: str, pid: int) -> float:
        pairs = [new_page(self.browser) for _ in range(self.sessions)]
        try:
            for _, page in pairs:
                page.goto(base + '/', wait_until='commit')
            for _, page in pairs:
                wait_settled(page, 0.0, timeout_ms=120_000)
            time.sleep(1)
            return rss_mb(pid)
        finally:
            for context, _ in pairs:
                context.close()


def stats(values) -> dict | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {'median': statistics.median(values), 'min': min(values), 'max': max(values), 'n': len(values)}


def fmt(s: dict | None, unit: str = 'ms', scale: float = 1.0, digits: int = 0) -> str:
    if not s:
        return 'n/a'
    f = lambda v: f'{v * scale:,.{digits}f}'
    return f"{f(s['median'])} {unit} ({f(s['min'])}–{f(s['max'])})"


def verdict(value: dict | None, floor: dict | None, target: float) -> tuple[str, str]:
    if not value or not floor or not floor['median']:
        return 'n/a', 'n/a'
    ratio = value['median'] / floor['median']
    return f'{ratio:.2f}×', 'PASS' if ratio <= target else 'MISS'


def machine() -> dict:
    cpuinfo = Path('/proc/cpuinfo').read_text()
    model = next((l.split(':', 1)[1].strip() for l in cpuinfo.splitlines() if l.startswith('model name')), platform.processor())
    mem = next(int(l.split()[1]) for l in Path('/proc/meminfo').read_text().splitlines() if l.startswith('MemTotal'))
    try:
        chromium = subprocess.run([chromium_path(), '--version'], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError as error:
        chromium = f'unknown ({error})'
    return {'cpu': model, 'cores': os.cpu_count(), 'memory': f'{mem / 1024 / 1024:.1f} GiB',
            'os': platform.platform(), 'python': platform.python_version(), 'streamlit': version('streamlit'),
            'plotly': version('plotly'), 'playwright': version('playwright'), 'chromium': chromium}


def loadavg() -> str:
    return ' '.join(Path('/proc/loadavg').read_text().split()[:3])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--views', type=int, default=3, help='page views per CPU sample')
    ap.add_argument('--sessions', type=int, default=10)
    ap.add_argument('--out', default=str(ROOT / 'bench' / 'RESULTS.md'))
    a = ap.parse_args()
    if not os.access(chromium_path(), os.X_OK):
        print(chromium_missing_message(chromium_path()), file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright
    started = dt.datetime.now(dt.timezone.utc)
    load_before = loadavg()
    servers: dict[str, Server] = {}
    R: dict = {name: {} for name in APPS}
    try:
        for name, app in APPS.items():
            # One at a time, so neither start-up competes with the other for the two cores.
            server = Server(app['script'], free_port(*PORTS), ROOT / 'test-artifacts' / f'bench-{name}.log',
                            ('--server.fileWatcherType', 'none'))
            servers[name] = server
            R[name]['healthy_s'] = server.wait_healthy(90)
            time.sleep(1)
            R[name]['rss_start'] = rss_mb(server.pid)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            bench = Bench(browser, a.runs, a.views, a.sessions)
            for name, app in APPS.items():  # the first view after start imports and caches: not measured
                base = servers[name].url
                for path in app['pages'].values():
                    context, page = new_page(browser)
                    t0 = time.perf_counter()
                    bench.view(page, base + path)
                    R[name].setdefault('first_view_s', {})[path] = time.perf_counter() - t0
                    context.close()
            for name in APPS:
                R[name]['rss_warm'] = rss_mb(servers[name].pid)
            # Loads alternate between the apps run by run, so a busy moment on the machine hits both.
            for run in range(a.runs):
                print(f'loads: run {run + 1}/{a.runs}', flush=True)
                for name, app in APPS.items():
                    for page, path in app['pages'].items():
                        slot = R[name].setdefault('loads', {}).setdefault(page, {'cold': [], 'warm': []})
                        try:
                            cold, warm = bench.load_pair(servers[name].url, path)
                        except Exception as error:  # noqa: BLE001 - one bad sample must not lose the run
                            bench.problems.append(f'{name} {path} load: {error}'[:400])
                            continue
                        slot['cold'].append(cold)
                        slot['warm'].append(warm)
            for what in ('filter', 'cpu', 'memory'):
                for name, app in APPS.items():
                    base, pid = servers[name].url, servers[name].pid
                    print(f'{what}: {name}', flush=True)
                    try:
                        if what == 'filter':
                            R[name]['filter'] = bench.filter_change(base, *app['switch'])
                        elif what == 'cpu':
                            R[name]['cpu'] = {page: bench.cpu_per_view(base, path, pid)
                                              for page, path in app['pages'].items()}
                        else:
                            R[name]['rss_sessions'] = bench.memory(base, pid)
                    except Exception as error:  # noqa: BLE001 - report it, keep the other figures
                        bench.problems.append(f'{name} {what}: {error}'[:400])
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    report = render(R, machine(), a, started, load_before, loadavg(), bench.problems)
    Path(a.out).write_text(report, encoding='utf-8')
    print(report)
    return 0


def render(R: dict, m: dict, a, started, load_before: str, load_after: str, problems: list[str]) -> str:
    bare, obs = R['bare'], R['observer']
    floor = {kind: stats(x['ready'] for x in bare['loads']['bare'][kind]) for kind in ('cold', 'warm')}
    floor_span = {kind: stats(x['script_span'] for x in bare['loads']['bare'][kind]) for kind in ('cold', 'warm')}
    floor_cpu = stats(bare.get('cpu', {}).get('bare', []))
    floor_filter = stats(x['last_draw'] for x in bare.get('filter') or [])
    lines = [
        '# Benchmark: Observer against bare Streamlit',
        '',
        f'Measured {started:%Y-%m-%d %H:%M} UTC with `./dev bench` ({a.runs} runs per figure; '
        'median and min–max). The floor is `bench/bare_app.py`: bare Streamlit with one Plotly bar chart and a '
        'radio that changes its data, served and measured in the same run, on the same machine and browser.',
        '',
        '## Machine and versions',
        '',
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory']}; {m['os']}",
        f"- Python {m['python']}, Streamlit {m['streamlit']}, Plotly {m['plotly']}, Playwright {m['playwright']}, "
        f"{m['chromium']} (headless)",
        f'- Load average before / after the run: {load_before} / {load_after} (other work on the machine skews '
        'both apps alike, since they are measured alternately)',
        '',
        '## Time from navigation to every chart drawn',
        '',
        'Cold: a fresh browser context (empty cache; a new Streamlit session). Warm: a second load in the same '
        'context. Time is from navigation start to the moment the last chart on the page was first drawn '
        '(for a page without charts: to the script finishing). The server had already served each page once.',
        '',
        '| page | charts | cold | ratio | target ≤ 1.3× | warm | ratio | target ≤ 1.3× | script run, warm (running → done) |',
        '|---|---|---|---|---|---|---|---|---|',
        f"| bare Streamlit (floor) | 1 | {fmt(floor['cold'])} | 1.00× | | {fmt(floor['warm'])} | 1.00× | | "
        f"{fmt(floor_span['warm'])} |",
    ]
    misses = []
    for page, runs in obs['loads'].items():
        charts = max((x['charts'] for x in runs['cold'] + runs['warm']), default=0)
        cells = []
        for kind in ('cold', 'warm'):
            s = stats(x['ready'] for x in runs[kind])
            ratio, ok = verdict(s, floor[kind], TARGETS['load'])
            cells += [fmt(s), ratio, ok]
            if ok == 'MISS':
                misses.append((page, kind, s, runs[kind]))
        span = stats(x['script_span'] for x in runs['warm'])
        label = page if charts else f'{page} (no charts: script done)'
        lines.append(f"| {label} | {charts} | {' | '.join(cells)} | {fmt(span)} |")

    filt = stats(x['last_draw'] for x in obs.get('filter') or [])
    ratio, ok = verdict(filt, floor_filter, TARGETS['filter'])
    obs_filter_span = stats(x['script_span'] for x in obs.get('filter') or [])
    bare_filter_span = stats(x['script_span'] for x in bare.get('filter') or [])
    lines += [
        '',
        '## Filter change to chart redrawn',
        '',
        'From the click (pointerup) on the measure widget to the last chart redrawn with new data.',
        '',
        '| app | widget | time | ratio | target ≤ 1.5× | script run |',
        '|---|---|---|---|---|---|',
        f'| bare Streamlit (floor) | radio `measure` | {fmt(floor_filter)} | 1.00× | | {fmt(bare_filter_span)} |',
        f"| /tv-coverage | `tv_measure` | {fmt(filt)} | {ratio} | {ok} | {fmt(obs_filter_span)} |",
        '',
        '## Server CPU per page view and memory',
        '',
        f'CPU: utime+stime of the streamlit process (/proc/<pid>/stat) over {a.views} page views (reloads, each '
        f'a new session), divided by {a.views}; {a.runs} samples. Memory: RSS after start (before any session) '
        f'and with {a.sessions} sessions open on `/` at once.',
        '',
        '| page | CPU per view | ratio | target ≤ 2× |',
        '|---|---|---|---|',
        f"| bare Streamlit (floor) | {fmt(floor_cpu, 'ms', 1000)} | 1.00× | |",
    ]
    for page, samples in obs.get('cpu', {}).items():
        s = stats(samples)
        ratio, ok = verdict(s, floor_cpu, TARGETS['cpu'])
        lines.append(f"| {page} | {fmt(s, 'ms', 1000)} | {ratio} | {ok} |")
        if ok == 'MISS':
            misses.append((page, 'cpu', s, None))
    lines += [
        '',
        '| app | start → healthy | RSS after start | RSS after each page was served once | RSS with '
        f'{a.sessions} sessions |',
        '|---|---|---|---|---|',
        f"| bare Streamlit | {bare['healthy_s']:.1f} s | {bare['rss_start']:.0f} MB | {bare['rss_warm']:.0f} MB | "
        f"{bare.get('rss_sessions', float('nan')):.0f} MB |",
        f"| Observer | {obs['healthy_s']:.1f} s | {obs['rss_start']:.0f} MB | {obs['rss_warm']:.0f} MB | "
        f"{obs.get('rss_sessions', float('nan')):.0f} MB |",
        '',
        'First view of each page after the server started (imports, data load, caches; not in the figures above): '
        + ', '.join(f'{p} {s:.1f} s' for p, s in obs['first_view_s'].items())
        + f"; bare {bare['first_view_s']['/']:.1f} s.",
        '',
        '## Verdict',
        '',
    ]
    if filt and floor_filter and ok == 'MISS':
        misses.append(('tv-coverage', 'filter', filt, obs['filter']))
    if not misses:
        lines.append('Every figure is within its target.')
    for page, kind, s, runs in misses:
        lines.append(f'- MISS: {page} ({kind}): {fmt(s) if kind != "cpu" else fmt(s, "ms", 1000)}. '
                     + explain(kind, runs, floor_span, bare))
    if problems:
        lines += ['', '## Problems seen during the run', ''] + [f'- {p}' for p in sorted(set(problems))]
    return '\n'.join(lines) + '\n'


def explain(kind: str, runs, floor_span, bare) -> str:
    """Where the time goes, from the browser's view of the server: script start, script run, drawing."""
    if kind == 'cpu':
        return ('Each view runs the page script in a new session; its run time (the "script run" column above) '
                'is the work the server does beyond the floor.')
    part = lambda key: stats(x[key] for x in runs)
    start, span, done, ready = part('script_start'), part('script_span'), part('script_done'), part('ready')
    base = 'warm' if kind == 'warm' else 'cold'
    floor_span_ms = floor_span[base]['median'] if floor_span.get(base) else None
    if kind == 'filter':
        floor_span_ms = stats(x['script_span'] for x in bare.get('filter') or [])
        floor_span_ms = floor_span_ms['median'] if floor_span_ms else None
    if kind == 'filter':
        ready = part('last_draw')
    parts = [f"script starts at {start['median']:.0f} ms" if start else None,
             f"runs {span['median']:.0f} ms on the server (floor {floor_span_ms:.0f} ms)" if span and floor_span_ms else None,
             f"ends at {done['median']:.0f} ms" if done else None,
             f"the last chart is drawn at {ready['median']:.0f} ms" if ready else None]
    return 'Breakdown (medians): ' + '; '.join(p for p in parts if p) + '.'


if __name__ == '__main__':
    sys.exit(main())
