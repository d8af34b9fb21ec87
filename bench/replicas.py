"""Run N dashboard replicas behind Debian's nginx on loopback, as deploy/compose.yaml does with containers.

    .venv/bin/python bench/replicas.py                 # 2 replicas behind nginx; prints the address, Ctrl-C stops
    .venv/bin/python bench/replicas.py --replicas 3 --port 8730

Each replica is `serve.py` (the server `./dev run` starts) on a port of its own; nginx runs as the current user
with a configuration written to a temporary folder (pid, logs and temporary files in it), listens on 127.0.0.1
only and includes the same sticky-session rules the deployment uses (deploy/nginx/affinity.conf and
locations.conf). The access log names, for every request, the replica it went to and the viewer's affinity
cookie, so a test can check that a session's websocket and its uploads reached one replica.

bench/loadgen.py and tests/test_replicas.py use `Replicas` as a context manager; everything it starts is
stopped by its own pid on the way out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_NGINX = ROOT / 'deploy' / 'nginx'
HOST = '127.0.0.1'
LOG_FORMAT = '$upstream_addr "$request_method $uri" $status route=$cookie_observer_replica'


def nginx_binary() -> str:
    """Debian's nginx (`./dev test` installs it), or OBSERVER_NGINX."""
    found = os.environ.get('OBSERVER_NGINX') or shutil.which('nginx') or '/usr/sbin/nginx'
    if not os.access(found, os.X_OK):
        raise FileNotFoundError(f'nginx not found ({found}); install it (Debian/Ubuntu: apt-get install nginx, '
                                'or ./dev test does it), or set OBSERVER_NGINX')
    return found


def nginx_config(workdir: Path, listen: int, upstreams: list[int]) -> str:
    user = 'user root;\n' if os.geteuid() == 0 else ''  # workers stay this user, who owns workdir
    servers = ''.join(f'        server {HOST}:{port};\n' for port in upstreams)
    return f"""{user}worker_processes 1;
pid {workdir}/nginx.pid;
worker_shutdown_timeout 5s;
error_log {workdir}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    log_format observer '{LOG_FORMAT}';
    access_log {workdir}/access.log observer;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {DEPLOY_NGINX}/affinity.conf;
    upstream observer {{
        hash $observer_route consistent;
{servers}        keepalive 32;
    }}
    server {{
        listen {HOST}:{listen};
        include {DEPLOY_NGINX}/locations.conf;
    }}
}}
"""


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url + '/_stcore/health', timeout=timeout) as answer:
            return answer.status == 200 and answer.read().strip() == b'ok'
    except OSError:
        return False


def _stop(proc: subprocess.Popen) -> None:
    """Stop a process started here and its own group (nginx's workers), by its id."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # a worker left behind by its master
    except ProcessLookupError:
        pass


class Replicas:
    """`n` serve.py processes on `ports`, with nginx on `nginx_port` in front when `balancer` is true.

    url is where viewers go (nginx, or the only replica without a balancer)."""

    def __init__(self, ports: list[int], nginx_port: int | None = None, server_args: list[str] = (),
                 env: dict[str, str] | None = None, workdir: Path | None = None, start_timeout: float = 90,
                 root: Path = ROOT):
        self.root = Path(root)  # the tree whose serve.py runs (an export of a commit, say)
        self.ports, self.nginx_port = list(ports), nginx_port
        self.server_args, self.env = list(server_args), env or {}
        self.start_timeout = start_timeout
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix='observer-replicas-'))
        self.servers: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None

    @property
    def replica_urls(self) -> list[str]:
        return [f'http://{HOST}:{port}' for port in self.ports]

    @property
    def url(self) -> str:
        return f'http://{HOST}:{self.nginx_port}' if self.nginx_port else self.replica_urls[0]

    @property
    def pids(self) -> list[int]:
        return [proc.pid for proc in self.servers]

    @property
    def access_log(self) -> Path:
        return self.workdir / 'access.log'

    def replica_of(self, upstream_addr: str) -> int:
        """The index of the replica an access-log upstream address (127.0.0.1:PORT) names."""
        return self.ports.index(int(upstream_addr.rsplit(':', 1)[1]))

    def access_entries(self) -> list[dict]:
        """The access log so far: upstream, method, path, status, route cookie of each request."""
        entries = []
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                upstream, rest = line.split(' "', 1)
                request, rest = rest.split('" ', 1)
                status, route = rest.split(' route=')
                method, path = request.split(' ', 1)
                entries.append({'upstream': upstream, 'method': method, 'path': path, 'status': int(status),
                                'route': route if route != '-' else ''})
        return entries

    def start(self) -> 'Replicas':
        env = {**os.environ, **self.env}
        for i, port in enumerate(self.ports):
            cmd = [sys.executable, str(self.root / 'serve.py'), '--server.headless', 'true', '--server.port', str(port),
                   '--server.address', HOST, '--browser.gatherUsageStats', 'false', *self.server_args]
            log = open(self.workdir / f'replica-{i}.log', 'w')
            self.servers.append(subprocess.Popen(cmd, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                 start_new_session=True))
        deadline = time.monotonic() + self.start_timeout
        # The replicas first: nginx counts a refused request against a replica and skips it for a while.
        self._wait_healthy(self.replica_urls, deadline)
        if self.nginx_port:
            conf = self.workdir / 'nginx.conf'
            conf.write_text(nginx_config(self.workdir, self.nginx_port, self.ports))
            binary = nginx_binary()
            check = subprocess.run([binary, '-t', '-q', '-p', str(self.workdir), '-e', str(self.workdir / 'error.log'),
                                    '-c', str(conf)], capture_output=True, text=True, timeout=30)
            if check.returncode:
                raise RuntimeError(f'nginx refused its configuration:\n{check.stderr}')
            self.nginx = subprocess.Popen([binary, '-p', str(self.workdir), '-e', str(self.workdir / 'error.log'),
                                           '-c', str(conf), '-g', 'daemon off;'],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
            self._wait_healthy([self.url], deadline)
        return self

    def _wait_healthy(self, urls: list[str], deadline: float) -> None:
        waiting = list(urls)
        while waiting:
            for proc in [*self.servers, *([self.nginx] if self.nginx else [])]:
                if proc.poll() is not None:
                    raise RuntimeError(f'{proc.args[0]} exited with {proc.returncode}\n{self.logs()}')
            waiting = [url for url in waiting if not healthy(url)]
            if waiting and time.monotonic() > deadline:
                raise TimeoutError(f'not healthy after {self.start_timeout:g} s: {waiting}\n{self.logs()}')
            if waiting:
                time.sleep(0.2)

    def logs(self, tail: int = 2000) -> str:
        return '\n'.join(f'--- {path.name}\n{path.read_text(errors="replace")[-tail:]}'
                         for path in sorted(self.workdir.glob('*.log')))

    def stop(self) -> None:
        if self.nginx is not None:
            _stop(self.nginx)
        for proc in self.servers:
            _stop(proc)
        if self._own_workdir and not os.environ.get('OBSERVER_KEEP_REPLICA_LOGS'):
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> 'Replicas':
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--replicas', type=int, default=2)
    ap.add_argument('--port', type=int, default=8730, help='nginx; the replicas take the next ports')
    ap.add_argument('server_args', nargs='*', help='more server options, after a --')
    args = ap.parse_args()
    n = max(1, min(args.replicas, 8))
    ports = [args.port + 1 + i for i in range(n)]
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop everything on the way out
    with Replicas(ports, args.port, args.server_args) as replicas:
        print(f'{n} replicas ({", ".join(replicas.replica_urls)}) behind nginx at {replicas.url}; '
              f'logs in {replicas.workdir}; Ctrl-C stops', flush=True)
        try:
            while all(proc.poll() is None for proc in replicas.servers):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
