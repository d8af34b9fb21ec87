"""Drive the dashboard in Chromium the way a person does, and know when Streamlit has finished.

Shared by the browser tests (tests/browser) and the benchmark (bench/run.py), so both wait for
"done" the same way. Selectors are those of Streamlit 1.67.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
VIEWPORT = {'width': 1400, 'height': 900}
PROJECTOR = {'width': 1280, 'height': 800}  # the common projector resolution: where text runs out of room first
QUIET_MS = 300  # nothing changed for this long after the script finished = the page is done

SEL_APP = '[data-testid="stApp"]'
SEL_MAIN = '[data-testid="stMain"]'
SEL_CHART = '[data-testid="stPlotlyChart"]'
SEL_EXCEPTION = '[data-testid="stException"]'
SEL_ERROR_ALERT = '[data-testid="stAlertContentError"]'
SEL_NAVLINK = '[data-testid="stSidebarNavLink"]'
# st.segmented_control renders button[role=radio]; st.radio renders label[data-testid=stRadioOption].
SEL_CHOICE = 'button[role="radio"], [data-testid="stRadioOption"]'

# Console errors that are not faults of the app. Each pattern is matched against "text source-url".
BENIGN_CONSOLE = [
    # Opened at a sub-URL (/tv-coverage), Streamlit's frontend probes <sub-url>/_stcore/health and
    # /_stcore/host-config to find its base path; the server answers 404 and the browser logs it.
    re.compile(r'404.*/[^/\s]+/_stcore/(health|host-config)'),
]


def chromium_path() -> str:
    return os.environ.get('OBSERVER_CHROMIUM', '/usr/bin/chromium')


def chromium_missing_message(path: str) -> str:
    return (f'Chromium not found at {path}. The browser tests drive Debian\'s Chromium: run ./dev test '
            '(it installs it with apt-get install chromium), or set OBSERVER_CHROMIUM to a Chromium/Chrome binary.')


# Installed in every document before Streamlit's own scripts run. Times are performance.now(), i.e. ms
# since the navigation started, so they measure what a person waits for.
TRACKER_JS = r"""
(() => {
  if (window.__obs) return;
  const O = window.__obs = {states: [], state: null, conn: null, statusWidget: false, lastChange: 0,
                            firstDraw: [], redraws: [], inputs: [], containers: 0, drawn: 0, skeletons: 0};
  const seen = new WeakMap();   // plotly div -> the gd.data it was last drawn with
  // A chart is drawn when Plotly laid it out and at least one trace left a visible mark in the SVG
  // (bar/line/marker paths, heatmap images); an empty axis frame does not count.
  O.isDrawn = (gd) => {
    if (!gd || !gd._fullLayout || gd._fullLayout._replotting || !gd.querySelector('.main-svg')) return false;
    for (const el of gd.querySelectorAll('g.trace path, g.trace image, g.hm image, .heatmaplayer image')) {
      if (el.tagName === 'image') return true;
      const d = el.getAttribute('d');
      if (d && d.length > 6 && !/^M0,0Z?$/.test(d)) return true;
    }
    return false;
  };
  O.scan = () => {
    const t = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    if (app) {
      const s = app.getAttribute('data-test-script-state');
      if (s !== O.state) { O.state = s; O.states.push([t, s]); O.lastChange = t; }
      O.conn = app.getAttribute('data-test-connection-state');
    }
    O.statusWidget = !!document.querySelector('[data-testid="stStatusWidget"]');
    // Streamlit lazy-loads element code (Plotly, dataframes, widgets) and shows a skeleton meanwhile.
    const sk = document.querySelectorAll('[data-testid="stSkeleton"]').length;
    if (sk !== O.skeletons) { O.skeletons = sk; O.lastChange = t; }
    const conts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
    let n = 0;
    conts.forEach((cont, i) => {
      const gd = cont.querySelector('.js-plotly-plot');
      if (!O.isDrawn(gd)) return;
      n++;
      const prev = seen.get(gd);
      if (prev === gd.data) return;
      seen.set(gd, gd.data);
      O.lastChange = t;
      if (O.firstDraw[i] === undefined) O.firstDraw[i] = t; else O.redraws.push([t, i]);
    });
    O.containers = conts.length;
    O.drawn = n;
  };
  new MutationObserver((recs) => {
    const t = performance.now();
    for (const m of recs) {   // a fast script flips running -> notRunning inside one batch: keep both
      if (m.type === 'attributes' && m.attributeName === 'data-test-script-state'
          && m.oldValue && m.oldValue !== O.state) { O.state = m.oldValue; O.states.push([t, m.oldValue]); }
    }
    O.scan();
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true});
  setInterval(O.scan, 50);    // Plotly.react can swap gd.data without touching the DOM we watch
  for (const ev of ['pointerup', 'keydown'])
    document.addEventListener(ev, (e) => O.inputs.push(e.timeStamp), true);
})();
"""

# True once the script ran (after `since`), finished, no element is still loading its code, every chart
# container holds a drawn chart and nothing has changed for `quiet` ms. With an exception on the page the charts are not waited for.
SETTLED_JS = r"""
([since, quiet]) => {
  const O = window.__obs; if (!O) return false;
  O.scan();
  if (O.conn !== 'CONNECTED') return false;
  // A run shows as data-test-script-state=running, but React may batch a fast rerun's running and
  // notRunning into one render; a chart redrawn after `since` is proof of a run as well.
  const ran = O.states.some(([t, s]) => t >= since && (s === 'running' || s === 'rerunRequested'));
  const redrawn = O.redraws.some(([t]) => t >= since) || O.firstDraw.some((t) => t >= since);
  if (!ran && !redrawn) return false;
  if (O.state !== 'notRunning' || O.statusWidget || O.skeletons) return false;
  if (!document.querySelector('[data-testid="stException"]') && O.drawn !== O.containers) return false;
  return performance.now() - O.lastChange >= quiet;
}
"""

# What every chart on the page plots: per chart, per trace, its x/y/z/values (typed arrays made plain).
CHART_DATA_JS = r"""
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].map(gd =>
  (gd.data || []).map(tr => {
    const plain = (v) => (v && ArrayBuffer.isView(v)) ? Array.from(v) : v;
    return {x: plain(tr.x), y: plain(tr.y), z: plain(tr.z), values: plain(tr.values)};
  }))
"""

# Chart text a reader cannot read: text that sticks out of its chart (title, source, legend, tick labels);
# the legend or a note drawn over the title or another note; data labels (a bar's or a point's text)
# drawn over each other or over a note; a reference line (a shape: equal share, quota, threshold, cap)
# drawn through a data label or a note. Items: [chart title, problem, px].
# Plotly keeps ticks outside the axis range in the DOM with display:none; those are not shown, so skipped.
CHART_TEXT_PROBLEMS_JS = r"""
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].flatMap(gd => {
  const svg = gd.querySelector('.main-svg');
  if (!svg) return [];
  const layout = gd.layout || {};
  const title = (layout.meta || {}).title || '';
  const box = svg.getBoundingClientRect();
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width && r.height && getComputedStyle(e).display !== 'none'
                         && getComputedStyle(e).visibility !== 'hidden' && e.textContent.trim() !== ''; };
  const overlap = (r, q, gap = 1) => Math.min(Math.min(r.right, q.right) - Math.max(r.left, q.left),
                                               Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top)) > gap;
  const text = (e, n = 40) => e.textContent.trim().slice(0, n);
  const problems = [];
  for (const e of [...gd.querySelectorAll('g.annotation, g.legend, g.xtick text, g.ytick text')].filter(shown)) {
    const r = e.getBoundingClientRect();
    const out = Math.max(r.right - box.right, box.left - r.left);
    if (out > 1) problems.push([title, 'outside the chart: ' + e.textContent.slice(0, 80), Math.round(out)]);
  }
  const blocks = [...gd.querySelectorAll('g.annotation, g.legend')].filter(shown);
  for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) {
    const r = blocks[i].getBoundingClientRect(), q = blocks[j].getBoundingClientRect();
    const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
    const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
    if (w > 2 && h > 2) problems.push([title, 'drawn over each other: ' + blocks[i].textContent.slice(0, 40) +
                                       ' / ' + blocks[j].textContent.slice(0, 40), Math.round(h)]);
  }
  // Data labels: a bar's text, a scatter point's text. Text inside a bar of a stacked chart is a label too.
  const labels = [...gd.querySelectorAll('g.trace text.bartext, g.trace g.textpoint text')].filter(shown)
    .map(e => [e, e.getBoundingClientRect()]);
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const [e, r] = labels[i], [f, q] = labels[j];
    if (overlap(r, q)) problems.push([title, 'data labels over each other: ' + text(e) + ' / ' + text(f),
      Math.round(Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top))]);
  }
  // Notes other than the title and source: reference-line labels, cell values, headings. A note on an
  // opaque ground is drawn over the lines (annotations lie above every shape), so no line crosses its text.
  const noteOf = (e) => (layout.annotations || [])[+e.getAttribute('data-index')] || {};
  const opaque = (a) => a.bgcolor && !/^(rgba\(.*,\s*0\)|transparent)$/.test(a.bgcolor);
  const notes = [...gd.querySelectorAll('g.annotation')].filter(shown).filter(e => {
    const a = noteOf(e);
    return a.name !== 'title' && a.name !== 'source';
  }).map(e => [e, e.querySelector('.annotation-text-g') || e]);
  // A line drawn below the traces is hidden by an opaque bar: a label inside that bar is clear of it.
  const bars = [...gd.querySelectorAll('g.trace.bars g.point path')].filter(p => +(getComputedStyle(p).opacity || 1) >= 0.99
    && +(getComputedStyle(p.closest('g.point')).opacity || 1) >= 0.99).map(p => p.getBoundingClientRect());
  const inBar = (q) => bars.some(b => q.left >= b.left - 1 && q.right <= b.right + 1 && q.top >= b.top - 1 && q.bottom <= b.bottom + 1);
  for (const [e, r] of labels) for (const [n, inner] of notes) {
    const q = inner.getBoundingClientRect();
    if (overlap(r, q)) problems.push([title, 'data label under a note: ' + text(e) + ' / ' + text(n),
      Math.round(Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top))]);
  }
  // Tick labels (party names, axis values) are text too: no note is written over one.
  const ticks = [...gd.querySelectorAll('g.xtick text, g.ytick text')].filter(shown);
  for (const [n, inner] of notes) for (const k of ticks) {
    const q = inner.getBoundingClientRect(), r = k.getBoundingClientRect();
    if (overlap(r, q)) problems.push([title, 'note over a tick label: ' + text(n) + ' / ' + text(k),
      Math.round(Math.min(r.right, q.right) - Math.max(r.left, q.left))]);
  }
  // Reference lines: each shape's path, a thin box along the line.
  const lines = [...gd.querySelectorAll('.shapelayer path')].filter(p => {
    const r = p.getBoundingClientRect(); return (r.width || r.height) && getComputedStyle(p).display !== 'none';
  });
  for (const p of lines) {
    const shape = (layout.shapes || [])[+p.getAttribute('data-index')] || {};
    const r = p.getBoundingClientRect();
    const line = {left: r.left - 0.5, right: r.right + 0.5, top: r.top - 0.5, bottom: r.bottom + 0.5};
    for (const [e, q] of labels)
      if (overlap(line, q, 0) && !(shape.layer === 'below' && inBar(q)))
        problems.push([title, 'reference line ' + (shape.name || '') + ' through a data label: ' + text(e), 1]);
    for (const [n, inner] of notes) {
      const q = inner.getBoundingClientRect();
      if (!opaque(noteOf(n))) {
        if (overlap(line, q, 0)) problems.push([title, 'reference line ' + (shape.name || '') + ' through a note: ' + text(n), 1]);
        continue;
      }
      // An opaque ground hides the line where it passes behind the text; where the line runs beside the
      // text, outside the ground, it has to keep 2 px from the letters or it reads as touching them.
      const letters = n.querySelector('text.annotation-text'), ground = n.querySelector('rect.bg');
      if (!letters || !ground) continue;
      const t = letters.getBoundingClientRect(), g = ground.getBoundingClientRect();
      const upright = r.height > r.width;
      const [lo, hi, glo, ghi, tlo, thi] = upright ? [line.left, line.right, g.left, g.right, t.left, t.right]
                                                   : [line.top, line.bottom, g.top, g.bottom, t.top, t.bottom];
      const alongside = upright ? Math.min(line.bottom, t.bottom) > Math.max(line.top, t.top)
                                : Math.min(line.right, t.right) > Math.max(line.left, t.left);
      const visible = lo < glo - 0.5 || hi > ghi + 0.5;  // some of the line's width is outside the ground
      if (alongside && visible && hi > tlo - 2 && lo < thi + 2)
        problems.push([title, 'reference line ' + (shape.name || '') + ' touching a note: ' + text(n), 1]);
    }
  }
  return problems;
})
"""

# Per chart: has a Plotly div, whether it is drawn, and how many traces it has.
CHART_STATE_JS = r"""
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(cont => {
  const gd = cont.querySelector('.js-plotly-plot');
  return {plotly: !!gd, layout: !!(gd && gd._fullLayout), svg: !!(gd && gd.querySelector('.main-svg')),
          traces: gd && gd.data ? gd.data.length : 0, drawn: window.__obs.isDrawn(gd)};
})
"""


def free_port(first: int, last: int) -> int:
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(('', port))  # every interface, as Streamlit binds
            except OSError:
                continue
            return port
    raise RuntimeError(f'no free port in {first}-{last}')


class Server:
    """`streamlit run <script>` from the repo root, on a port of our own; stopped by its own pid."""

    def __init__(self, script: str, port: int, log: Path, extra: tuple[str, ...] = ()):
        self.port = port
        self.url = f'http://127.0.0.1:{port}'
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        self._logf = open(log, 'w')
        cmd = [str(ROOT / '.venv' / 'bin' / 'streamlit'), 'run', script, '--server.headless', 'true',
               '--server.port', str(port), '--browser.gatherUsageStats', 'false', *extra]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self._logf, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.pid = self.proc.pid

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds until /_stcore/health answers ok; raises with the server log if it never does."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f'streamlit exited with code {self.proc.returncode} before it was healthy.\n'
                                   f'--- server log ({self.log}) ---\n{self.log_text()}')
            try:
                with urllib.request.urlopen(self.url + '/_stcore/health', timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b'ok':
                        return time.perf_counter() - t0
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f'{self.url}/_stcore/health did not answer ok within {timeout:.0f} s.\n'
                           f'--- server log ({self.log}) ---\n{self.log_text()}')

    def log_text(self) -> str:
        self._logf.flush()
        return self.log.read_text(errors='replace')[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.proc.wait(5)
        self._logf.close()


@dataclass
class ConsoleLog:
    """Console errors (minus the benign ones) and every request that leaves the machine: the dashboard is
    shown offline, so anything fetched from the internet is missing in the briefing room."""
    errors: list[str] = field(default_factory=list)
    benign: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on('console', self._on_console)
        page.on('pageerror', lambda e: self.errors.append(f'uncaught: {e}'))
        page.on('request', self._on_request)

    def _on_console(self, msg) -> None:
        if msg.type != 'error':
            return
        text = f"{msg.text} {msg.location.get('url', '')}"
        (self.benign if any(p.search(text) for p in BENIGN_CONSOLE) else self.errors).append(text[:500])

    def _on_request(self, request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(('http:', 'https:', 'ws:', 'wss:')) and host not in ('127.0.0.1', 'localhost'):
            self.external.append(request.url[:300])


def new_page(browser, console: ConsoleLog | None = None, **context_args):
    """A fresh context (a new Streamlit session) with the tracker installed."""
    context = browser.new_context(viewport=VIEWPORT, **context_args)
    context.add_init_script(TRACKER_JS)
    context.set_default_timeout(30_000)
    page = context.new_page()
    if console is not None:
        console.attach(page)
    return context, page


def last_input_ms(page) -> float:
    return page.evaluate('() => { const i = window.__obs.inputs; return i.length ? i[i.length - 1] : 0; }')


def wait_settled(page, since: float = 0.0, timeout_ms: float = 30_000, quiet_ms: float = QUIET_MS) -> None:
    """Wait until the script that started after `since` (page ms) finished and every chart is drawn."""
    try:
        page.wait_for_function(SETTLED_JS, arg=[since, quiet_ms], polling=50, timeout=timeout_ms)
    except Exception as error:  # noqa: BLE001 - add what the page looked like
        state = page.evaluate('() => { const O = window.__obs; return O && {state: O.state, conn: O.conn, '
                              'states: O.states, statusWidget: O.statusWidget, skeletons: O.skeletons, containers: O.containers, drawn: O.drawn, '
                              'lastChange: O.lastChange, now: performance.now(), redraws: O.redraws.length}; }')
        raise AssertionError(f'{page.url}: the page did not finish within {timeout_ms / 1000:.0f} s: {state}') from error


def goto(page, url: str, **wait) -> None:
    page.goto(url, wait_until='commit')
    wait_settled(page, 0.0, **wait)


def tracker(page) -> dict:
    return page.evaluate('() => { const O = window.__obs; return {states: O.states, firstDraw: O.firstDraw, '
                         'redraws: O.redraws, containers: O.containers, drawn: O.drawn}; }')


def chart_data(page) -> list:
    return page.evaluate(CHART_DATA_JS)


def chart_states(page) -> list[dict]:
    return page.evaluate(CHART_STATE_JS)


def choice_widget(page, key: str):
    """The options of the st.segmented_control / st.radio created with `key`, and the one not selected."""
    widget = page.locator(f'.st-key-{key}')
    options = widget.locator(SEL_CHOICE)
    return widget, options


IS_SELECTED_JS = "e => e.getAttribute('aria-checked') === 'true' || e.getAttribute('data-selected') === 'true'"


def pick_other_option(page, key: str) -> tuple[str, str]:
    """Click the option of a two-option widget that is not selected; returns (from, to) labels."""
    widget, options = choice_widget(page, key)
    n = options.count()
    assert n >= 2, f'widget {key!r} has {n} clickable options on {page.url}'
    selected = [options.nth(i).evaluate(IS_SELECTED_JS) for i in range(n)]
    assert selected.count(True) == 1, f'widget {key!r}: cannot tell which option is selected ({selected})'
    current = selected.index(True)
    target = next(i for i in range(n) if i != current)
    before = options.nth(current).inner_text().strip()
    after = options.nth(target).inner_text().strip()
    options.nth(target).click()
    # The widget shows the new choice before Streamlit reruns; a click lost to a re-render is retried once.
    for attempt in range(2):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not options.nth(target).evaluate(IS_SELECTED_JS):
            time.sleep(0.05)
        if options.nth(target).evaluate(IS_SELECTED_JS):
            break
        assert attempt == 0, f'clicking {after!r} on widget {key!r} did not select it'
        options.nth(target).click()
    return before, after


def grow_viewport_to_content(page) -> None:
    """Streamlit scrolls inside stMain, so a full-page screenshot would be cut at the viewport."""
    height = page.evaluate(f"""() => Math.max(document.documentElement.scrollHeight,
                               document.querySelector('{SEL_MAIN}')?.scrollHeight || 0)""")
    width = (page.viewport_size or VIEWPORT)['width']  # as set by the test: only the height grows
    page.set_viewport_size({'width': width, 'height': min(max(height, VIEWPORT['height']), 15000)})
    page.wait_for_timeout(300)  # Plotly autosizes to the new width/height
    page.mouse.move(0, 0)       # no hover label or modebar in the picture
