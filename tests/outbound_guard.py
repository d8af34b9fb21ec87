"""Run Streamlit with every attempt to reach another machine recorded and refused.

``python -m tests.outbound_guard LOG streamlit-args...``: each connection to an address outside the
loopback range, and each name looked up other than localhost, is written to LOG as one line and fails
as a closed network would. The dashboard promises no calls home; tests/test_no_calls_home.py holds it to that.
"""

from __future__ import annotations

import ipaddress
import runpy
import socket
import sys

LOG = sys.argv.pop(1)
LOCAL_NAMES = {"localhost", "", None}


def _record(what: str) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(what + "\n")


def _is_loopback(host) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return host in LOCAL_NAMES


_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def _guarded(original):
    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            _record(f"connect {address}")
            raise OSError(f"outbound connection to {address} refused by tests.outbound_guard")
        return original(self, address)
    return connect


def getaddrinfo(host, *args, **kwargs):
    if not _is_loopback(host if not isinstance(host, bytes) else host.decode()):
        _record(f"lookup {host}")
        raise socket.gaierror(socket.EAI_NONAME, f"name lookup of {host} refused by tests.outbound_guard")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded(_connect)
socket.socket.connect_ex = _guarded(_connect_ex)
socket.getaddrinfo = getaddrinfo
sys.argv = ["streamlit", *sys.argv[1:]]
runpy.run_module("streamlit", run_name="__main__")
