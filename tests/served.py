"""The API served by real uvicorn in a process of its own, for tests that need a real server
(keep-alive, several workers, a store that goes away under traffic).

``ServedApi`` starts ``api.server.serve`` (or the code given) with the settings in the environment,
writes the server's output to a log file and waits until a route answers 200; ``tail()`` gives the
log for assertion messages, and ``stop()`` ends it (SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx2 as httpx

from api.server import settings_env
from chain_graph.config import Settings

REPO = Path(__file__).resolve().parents[1]
SERVE = "from api.server import serve; serve(None, host='127.0.0.1', port={port}, workers={workers})"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServedApi:
    """``serve`` in a process: ``code`` is Python text with ``{port}`` and ``{workers}`` to fill."""

    def __init__(self, settings: Settings, log: Path, *, workers: int = 1, code: str = SERVE) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {**os.environ, **settings_env(settings)}
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code.format(port=self.port, workers=workers)],
                env=env,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_up(self, path: str = "/healthz", timeout: float = 60) -> None:
        """Wait until ``path`` answers 200; fail with the server's log if it exits or never does."""
        deadline = time.monotonic() + timeout
        while True:
            assert self.proc.poll() is None, f"the API exited with {self.proc.returncode}:\n{self.tail()}"
            try:
                if httpx.get(f"{self.base}{path}", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"the API did not answer {path} in {timeout} s:\n{self.tail()}"
            time.sleep(0.2)

    def tail(self) -> str:
        """The last 3,000 characters the server wrote."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def __enter__(self) -> ServedApi:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
