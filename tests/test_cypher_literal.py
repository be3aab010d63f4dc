"""Every query handed to the Neo4j driver is a literal: basedpyright holds the stores to LiteralString.

mypy reads ``LiteralString`` as plain ``str``, so ``.ci/run`` also runs basedpyright over
``chain_graph/store`` (``[tool.basedpyright]`` in pyproject.toml: one rule, argument types). These
tests run the same checker on the stores as they are (clean) and on a planted f-string query
passed through the store's own wrapper (caught).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLANTED = """
from neo4j import ManagedTransaction

from chain_graph.store.neo4j_facts import _run


def by_label(tx: ManagedTransaction, label: str) -> list[object]:
    return _run(tx, f"MATCH (n:{label}) RETURN n")


def by_literal(tx: ManagedTransaction) -> list[object]:
    return _run(tx, "MATCH (n:Company) RETURN n")
"""


def _check(*paths: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    beside = Path(sys.executable).with_name("basedpyright")
    checker = str(beside) if beside.exists() else shutil.which("basedpyright")
    assert checker, "basedpyright is a [dev] dependency (pip install -e '.[dev]'); it is not installed"
    return subprocess.run([checker, *paths], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def test_the_stores_hand_the_driver_literal_queries_only() -> None:
    done = _check()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors" in done.stdout


def test_an_f_string_query_fails_the_check(tmp_path: Path) -> None:
    planted = ROOT / "chain_graph" / "store" / f"_planted_{tmp_path.name}.py"
    planted.write_text(PLANTED, encoding="utf-8")
    try:
        done = _check(str(planted.relative_to(ROOT)))
    finally:
        planted.unlink()
    assert done.returncode != 0
    errors = [line for line in done.stdout.splitlines() if "error:" in line]
    assert len(errors) == 1, done.stdout  # the f-string, not the literal
    assert ".py:8:" in errors[0] and "LiteralString" in errors[0]  # line 8: the f-string
