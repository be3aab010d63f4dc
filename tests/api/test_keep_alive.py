"""The served API keeps an idle connection open for ``CHAIN_GRAPH_KEEP_ALIVE`` seconds (75 by default).

uvicorn's own default is 5 s: a client that paused about that long (a 503's ``Retry-After`` under
load, a proxy holding pooled connections) could send its next request just as the server closed
the connection, and lose it without an answer (``RemoteProtocolError``; seen once in CI in
``tests/faults/test_neo4j_outage.py``). The API must not be the side that closes first.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from api.server import settings_env
from chain_graph.config import get_settings

REPO = Path(__file__).resolve().parents[2]
IDLE = 6.5  # s: longer than uvicorn's default keep-alive (5 s), far below ours
REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answer(sock: socket.socket) -> bytes:
    """One whole response (``/healthz`` answers a small body with a Content-Length), or b'' if closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = next(int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length"))
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@pytest.mark.slow
def test_an_idle_connection_outlives_uvicorns_default_keep_alive(tmp_path: Path) -> None:
    settings = get_settings(data_dir=tmp_path / "db")
    assert settings.keep_alive == 75
    port = _free_port()
    code = f"from api.server import serve; serve(None, host='127.0.0.1', port={port}, workers=1)"
    env = {**os.environ, **settings_env(settings)}
    with (tmp_path / "api.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "api.log").read_text()
            time.sleep(0.2)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(REQUEST)
            assert _answer(sock).startswith(b"HTTP/1.1 200"), "the first request on the connection"
            time.sleep(IDLE)  # idle, as a client waiting out a Retry-After on a busy machine
            sock.sendall(REQUEST)
            again = _answer(sock)
            assert again.startswith(b"HTTP/1.1 200"), f"the server closed the idle connection: {again!r}"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
