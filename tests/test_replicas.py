"""Two replicas behind Debian's nginx on loopback, with the deployment's sticky-session rules
(deploy/nginx/affinity.conf, locations.conf): each viewer's requests, its websocket and its upload reach one
replica; viewers are spread over both; an upload through the balancer is read by the session that made it,
and the same upload sent to the other replica is refused. bench/loadgen.py's simulated viewers speak
Streamlit's websocket protocol; bench/replicas.py starts the replicas and nginx and stops them by pid.
Loopback only, a few viewers, bounded to 60 s."""

from __future__ import annotations

import asyncio
import io
import json
import socket
import threading
import time
import zipfile

from bench.loadgen import Viewer, press_room, uploader_state
from bench.replicas import Replicas
from tests.apptest import ROOT

SYNTHETIC = ROOT / "tests" / "fixtures" / "synthetic_election"
BUDGET_S = 150  # a hang's bound, not a speed target: about 35 s on this machine under a load of 14
VIEWERS = 4
MORE_VIEWERS = 16  # opened one at a time until both replicas have one: all on one is 2**-19 likely


def free_ports(first: int, last: int, count: int) -> list[int]:
    ports = []
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(("", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise RuntimeError(f"not {count} free ports in {first}-{last}")


def run_in_thread(coro):
    """asyncio.run in a thread of its own (an earlier test may leave an event loop running in this one)."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coro)
        except BaseException as error:  # handed back below
            outcome["error"] = error

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def synthetic_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(SYNTHETIC.iterdir()):
            if path.suffix in (".csv", ".json"):
                archive.write(path, path.name)
    return buffer.getvalue()


def test_two_replicas_behind_nginx_keep_a_session_its_websocket_and_its_upload_on_one_replica():
    started = time.monotonic()
    nginx_port, *ports = free_ports(8740, 8749, 3)
    with Replicas(ports, nginx_port, start_timeout=35) as replicas:

        def replica_of(viewer: Viewer) -> int:
            """The replica nginx sent this viewer's requests to (its access log, by affinity cookie)."""
            route = viewer.cookies["observer_replica"]
            upstreams = {e["upstream"] for e in replicas.access_entries() if e["route"] == route}
            assert len(upstreams) == 1, (route, upstreams)
            return replicas.replica_of(upstreams.pop())

        async def scenario():
            viewers = [Viewer(replicas.url, timeout=30) for _ in range(VIEWERS)]
            await asyncio.gather(*(v.open("/", "lang=en") for v in viewers))
            runs = await asyncio.gather(*(v.run("", "lang=en") for v in viewers))
            seen = {replica_of(v) for v in viewers}
            extra = 0
            while len(seen) < 2 and extra < MORE_VIEWERS:
                one = Viewer(replicas.url, timeout=30)
                await one.open("/", "lang=en")
                seen.add(replica_of(one))
                await one.close()
                extra += 1

            # One viewer uploads a package on the Data page, through the balancer.
            uploader = viewers[0]
            await uploader.run("data", "lang=en")
            (uploader_id,) = uploader.uploaders
            status, info = await uploader.upload("synthetic.zip", synthetic_zip())
            after = await uploader.run("data", "lang=en", uploader_state(uploader_id, [info]), collect=True)
            # The same file sent straight to the replica that does not hold the session is refused.
            stray = Viewer(replicas.replica_urls[1 - replica_of(uploader)])
            stray.cookies = dict(uploader.cookies)
            stray_status = await stray.put_file(info.file_urls.upload_url, "synthetic.zip", synthetic_zip())
            await asyncio.gather(*(v.close() for v in viewers))
            # The load generator's round, small: a few viewers arriving within 2 s, each with its own cookie.
            crowd = await press_room(replicas.url, VIEWERS, 2.0, "", "lang=en", 20, replicas.pids)
            return viewers, runs, seen, status, after, stray_status, crowd

        left = BUDGET_S - 5 - (time.monotonic() - started)
        viewers, runs, seen, status, after, stray_status, crowd = run_in_thread(asyncio.wait_for(scenario(), left))
        # nginx writes a websocket's line when it closes: wait for them, bounded.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and sum(
                e["path"] == "/_stcore/stream" for e in replicas.access_entries()) < 2 * VIEWERS:
            time.sleep(0.1)
        entries = replicas.access_entries()

    assert all(run.seconds > 0 for run in runs)
    assert len({v.session_id for v in viewers}) == VIEWERS
    assert seen == {0, 1}  # the balancer spreads viewers over both replicas
    for viewer in viewers:
        route = viewer.cookies["observer_replica"]
        mine = [e for e in entries if e["route"] == route]
        # Everything after the first answer carried the cookie and went to one replica: the health check, the
        # websocket (101, logged at its close) and, for the first viewer, the upload.
        assert len({e["upstream"] for e in mine}) == 1, mine
        assert ("GET", "/_stcore/stream", 101) in {(e["method"], e["path"], e["status"]) for e in mine}, mine
    uploads = [e for e in entries if e["path"].startswith("/_stcore/upload_file/")]
    assert [(e["method"], e["status"], e["route"]) for e in uploads] == [
        ("PUT", 204, viewers[0].cookies["observer_replica"])]
    assert status == 204
    assert stray_status == 400  # Streamlit's "Invalid session_id": this is why affinity is needed
    # The session read the upload: the Data page names the uploaded package as the one shown.
    title = json.loads((SYNTHETIC / "datapackage.json").read_text(encoding="utf-8"))["title"]
    assert any(title in text.replace("\\", "") for text in after.text), after.text
    assert (crowd["finished_ok"], crowd["errors"], crowd["affinity_cookies"]) == (VIEWERS, 0, VIEWERS), crowd
    assert time.monotonic() - started < BUDGET_S


def test_the_deploy_files_agree_with_each_other_and_with_the_balancer_rules():
    """No Docker engine here: the Dockerfile, Compose file and manifest are checked for what ties them together
    (port, health path, non-root user, affinity cookie, the files the image copies)."""
    import re

    import yaml

    deploy = ROOT / "deploy"
    dockerfile = (deploy / "Dockerfile").read_text()
    final_stage = dockerfile.rsplit("\nFROM ", 1)[1]
    assert re.search(r"^USER observer$", final_stage, re.M) and "useradd --system --uid 10001" in final_stage
    assert "EXPOSE 8501" in final_stage and "--server.port=8501" in final_stage
    assert "http://127.0.0.1:8501/_stcore/health" in final_stage.split("HEALTHCHECK", 1)[1]
    copied = re.findall(r"^COPY (?:--chown=\S+ )?([^-].*) \S+$", dockerfile, re.M)  # not --from=<stage>
    allowed = {line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.startswith("!")}
    assert len(copied) == 7, copied
    for sources in copied:
        for source in sources.split():
            assert source.rstrip("/") in allowed, source

    compose = yaml.safe_load((deploy / "compose.yaml").read_text())
    assert compose["services"]["observer"]["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert compose["services"]["nginx"]["depends_on"] == {"observer": {"condition": "service_healthy"}}
    nginx_conf = (deploy / "nginx" / "nginx.conf").read_text()
    assert "server observer:8501;" in nginx_conf and "hash $observer_route consistent;" in nginx_conf
    mount = compose["services"]["nginx"]["volumes"][0]
    assert (mount["source"], mount["target"]) == ("./nginx", "/etc/nginx/observer")
    assert set(re.findall(r"include (\S+);", nginx_conf)) == {
        "/etc/nginx/observer/affinity.conf", "/etc/nginx/observer/locations.conf"}

    deployment, service, ingress, _claim = yaml.safe_load_all((deploy / "kubernetes.yaml").read_text())
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
    (container,) = pod["containers"]
    assert container["ports"] == [{"name": "http", "containerPort": 8501}]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    notes = ingress["metadata"]["annotations"]
    cookie = re.search(r"map \$cookie_(\w+) \$observer_route", (deploy / "nginx" / "affinity.conf").read_text())[1]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == cookie == "observer_replica"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600


def test_the_compose_files_nginx_configuration_passes_nginx_t(tmp_path):
    """deploy/nginx/nginx.conf as Compose runs it, checked by nginx itself (its upstream name and paths mapped
    to this machine: `observer` resolves only on Compose's network)."""
    import subprocess

    from bench.replicas import nginx_binary

    conf = (ROOT / "deploy" / "nginx" / "nginx.conf").read_text()
    assert conf.count("/etc/nginx/observer/") == 2 and conf.count("server observer:8501;") == 1
    # /tmp/ first: the checkout itself may live under /tmp (a CI clone), and its paths must stay as they are.
    conf = (conf.replace("/tmp/", f"{tmp_path}/").replace("/etc/nginx/observer/", f"{ROOT}/deploy/nginx/")
            .replace("server observer:8501;", "server 127.0.0.1:8501;"))
    (tmp_path / "nginx.conf").write_text(conf)
    check = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                            "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    assert "test is successful" in check.stderr
