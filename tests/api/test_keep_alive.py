"""The served API keeps an idle connection open for ``CHAIN_GRAPH_KEEP_ALIVE`` seconds (75 by default).

uvicorn's own default is 5 s: a client that paused about that long (a 503's ``Retry-After`` under
load, a proxy holding pooled connections) could send its next request just as the server closed
the connection, and lose it without an answer (``RemoteProtocolError``; seen once in CI in
``tests/faults/test_neo4j_outage.py``). The API must not be the side that closes first.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from chain_graph.config import get_settings
from tests.served import ServedApi

IDLE = 6.5  # s: longer than uvicorn's default keep-alive (5 s), far below ours
REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


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
    with ServedApi(settings, tmp_path / "api.log") as api:
        api.wait_up()
        with socket.create_connection(("127.0.0.1", api.port), timeout=10) as sock:
            sock.sendall(REQUEST)
            assert _answer(sock).startswith(b"HTTP/1.1 200"), "the first request on the connection"
            time.sleep(IDLE)  # idle, as a client waiting out a Retry-After on a busy machine
            sock.sendall(REQUEST)
            again = _answer(sock)
            assert again.startswith(b"HTTP/1.1 200"), f"the server closed the idle connection: {again!r}"
