"""Time the answers to extreme input, which the tests only bound (a hang, not speed, fails a test):

    .venv/bin/python bench/extremes.py [--runs 3]

- `observer check` on each extreme package of tests/test_exact_or_refused.py (a 12 KB log spanning the
  years 1700-2200, 5,000 parties, a log of 300,000 distinct subjects, a 100,000-character name), in one
  process as the test runs them: seconds each, and the process's peak memory;
- the slides export with no browser (`BROWSER_PATH=/nonexistent`) and with one that does not start
  (`/bin/false`): seconds to its one-line answer.
Prints a Markdown table to paste into bench/EXTREMES.md with the machine's load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f}, n={len(values)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--runs', type=int, default=3)
    runs = max(1, min(ap.parse_args().runs, 10))
    from tests.test_exact_or_refused import EXTREMES, extreme_cases
    times: dict[str, list[float]] = {}
    rss: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = extreme_cases(Path(tmp))
        for _ in range(runs):
            done = subprocess.run([sys.executable, '-c', EXTREMES, json.dumps(cases)], capture_output=True,
                                  text=True, cwd=ROOT, timeout=300)
            result = json.loads(done.stdout.split('RESULT ', 1)[1])
            for case in cases:
                times.setdefault(f'check: {case}', []).append(result[case]['seconds'])
            rss.append(result['rss_mb'])
        for browser in ('/nonexistent', '/bin/false'):
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run([sys.executable, '-m', 'observer', 'export', '--format', 'pptx', '--out',
                                str(Path(tmp) / 'x.pptx')], capture_output=True, text=True, cwd=ROOT, timeout=60,
                               env={**os.environ, 'BROWSER_PATH': browser})
                times.setdefault(f'slides export, BROWSER_PATH={browser}', []).append(time.perf_counter() - start)
    print(f'Load average at the end: {" / ".join(f"{x:.2f}" for x in os.getloadavg())}\n')
    print('| what | median (min-max) |\n|---|---|')
    for what, values in times.items():
        print(f'| {what} | {spread(values)} |')
    print(f'| peak memory of the check process | {max(rss):.0f} MB |')
    return 0


if __name__ == '__main__':
    sys.exit(main())
