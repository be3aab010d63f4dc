"""The access log never shows a query string (issue 10, item 7): a key sent as ``?api_key=``
is refused, and must not be written to the log either. Runs the real server (uvicorn)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx

from chain_graph.keys import create_key
from chain_graph.store import EmbeddedStore

_SERVE = "import sys; from api.server import serve; serve(host='127.0.0.1', port=int(sys.argv[1]))"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_keys_in_query_strings_never_reach_the_access_log(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "db") as store:
        _, key = create_key(store, role="admin", name="log test")
    port = _free_port()
    env = {**os.environ, "CHAIN_GRAPH_STORE": "embedded", "CHAIN_GRAPH_DATA_DIR": str(tmp_path / "db"),
           "PYTHONPATH": str(Path(__file__).parents[2])}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        refused = httpx.get(f"{base}/me", params={"api_key": key, "county": "350582"}, timeout=10)
        assert refused.status_code == 401
        assert httpx.get(f"{base}/me", headers={"X-API-Key": key}, timeout=10).status_code == 200
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=30)

    assert '"GET /me?… HTTP/1.1" 401' in log, log
    secret = key.split("_", 2)[2]  # the whole secret: token_urlsafe may itself hold "_"
    assert key not in log and secret not in log and "api_key" not in log and "350582" not in log
