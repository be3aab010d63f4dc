"""SIGKILL during an import (embedded store): a child process imports a bundle and is killed
at several points — while reading, while writing (the SQLite WAL growing: the commit under
way), right after — and the store it leaves holds the whole bundle or none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chain_graph.generate import generate_bundle
from chain_graph.models import Kind
from chain_graph.store import EmbeddedStore

GROUP = "sigkill during import"
COMPANIES = 3000
_CHILD = """
import sys
from chain_graph.bundle import import_bundle
from chain_graph.store import EmbeddedStore
store = EmbeddedStore(sys.argv[1])
print("applied" if import_bundle(store, sys.argv[2]).applied else "refused")
store.close()
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("bundle")
    return folder, generate_bundle(folder, companies=COMPANIES, seed=7, ties_per_company=5)


def _start(data: Path, bundle: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    cmd = [sys.executable, "-c", _CHILD, str(data), str(bundle)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wal_grows(data: Path, child: subprocess.Popen[str], timeout: float = 120) -> bool:
    """Wait until the store's write-ahead log passes 64 KiB (rows are being written)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and child.poll() is None:
        if any(p.stat().st_size > 65536 for p in data.glob("*-wal")):
            return True
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("point", ["start", "reading", "writing", "writing+20ms", "end"])
def test_a_killed_import_leaves_all_or_nothing(tmp_path: Path, bundle: tuple[Path, dict[str, int]], point: str) -> None:
    folder, counts = bundle
    data = tmp_path / "db"
    EmbeddedStore(data).close()
    child = _start(data, folder)
    if point == "start":
        time.sleep(0.3)
    elif point == "reading":
        time.sleep(1.5)
    elif point.startswith("writing"):
        assert _wal_grows(data, child), "the import never wrote"
        time.sleep(0.02 if point.endswith("20ms") else 0)
    else:
        child.wait(timeout=300)
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)

    with EmbeddedStore(data) as store:
        companies, supplies = store.count(Kind.COMPANY), store.count(Kind.SUPPLY)
    whole = (companies, supplies) == (counts["companies"], counts["supplies"])
    assert whole or (companies, supplies) == (0, 0), f"half-written after a kill at {point}: {companies} companies"
    if point == "end":
        assert whole
