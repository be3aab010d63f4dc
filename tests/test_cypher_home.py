"""Every Cypher text lives in chain_graph.store.cypher: none in a string literal anywhere else.

Scanned: the Python sources of chain_graph/, api/, benchmarks/ and scripts/ (tests may hold
Cypher of their own, to set a database up as an older release left it). A string literal, or a
piece of an f-string, is taken for Cypher when it holds a clause only Cypher writes: a node or
relationship pattern after MATCH / MERGE / CREATE, ``UNWIND $``, ``DETACH DELETE``, a schema
statement ``FOR (n:Label)``, ``CALL db.``, or a relationship arrow. SQL (``CREATE TABLE``,
``CREATE INDEX … ON t (c)``) is not Cypher, and is left to the embedded store.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("chain_graph", "api", "benchmarks", "scripts")
HOME = ROOT / "chain_graph" / "store" / "cypher"

CYPHER = re.compile(
    r"\b(?:OPTIONAL\s+)?(?:MATCH|MERGE|CREATE)\s*\(\s*\w*\s*[:{)]"  # MATCH (n:Company …), CREATE (a)-…
    r"|\bUNWIND\s+\$"
    r"|\bDETACH\s+DELETE\b"
    r"|\bCREATE\s+(?:CONSTRAINT|(?:RANGE\s+|TEXT\s+|POINT\s+|FULLTEXT\s+)?INDEX)\b[^;]*\bFOR\s*\("
    r"|\bDROP\s+(?:CONSTRAINT|INDEX)\s+\w+\s+IF\s+EXISTS"
    r"|\bCALL\s+(?:db|dbms|apoc)\."
    r"|\)\s*-\s*\[\s*\w*\s*:\s*[A-Z_]+"  # (a)-[:FEEDS
    r"|\]\s*->\s*\("  # ]->(
    r"|\bRETURN\s+(?:DISTINCT\s+)?(?:properties|count|collect)\s*\("
)


def _literal_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string constant of a module, f-string pieces included, with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


def cypher_outside_home(root: Path = ROOT, scanned: tuple[str, ...] = SCANNED, home: Path = HOME) -> list[str]:
    """``file:line: text`` for each string literal that holds Cypher outside the cypher package."""
    hits = []
    for top in scanned:
        for path in sorted((root / top).rglob("*.py")):
            if path.is_relative_to(home) or ".venv" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for line, text in _literal_texts(tree):
                if CYPHER.search(text):
                    hits.append(f"{path.relative_to(root)}:{line}: {' '.join(text.split())[:100]}")
    return hits


@pytest.mark.parametrize(
    "text",
    [
        "MATCH (n:Company) WHERE n.company_id STARTS WITH 'b' DETACH DELETE n",
        "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.version = $version",
        "UNWIND $rows AS row CREATE (n:Region) SET n = row",
        "CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name)",
        "OPTIONAL MATCH (r:ChainGraphRevision) RETURN any",
        "CALL db.awaitIndexes(300)",
        " RETURN properties(n) AS p ORDER BY ",
        "(a)-[:FEEDS]->(b)",
    ],
)
def test_cypher_is_recognised(text: str) -> None:
    assert CYPHER.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS g_member_rank ON g_member (segment_id, rank)",
        "SELECT data FROM records WHERE kind = ? ORDER BY key LIMIT ? OFFSET ?",
        "INSERT INTO records (kind, key, data) VALUES (?, ?, ?) RETURNING seq",
        "Match the company's name (short names too) and return them",
        "the chain's map: segments, firms and ties",
    ],
)
def test_sql_and_prose_are_not_cypher(text: str) -> None:
    assert not CYPHER.search(text)


def test_an_f_string_query_outside_the_home_is_found(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "bad.py").write_text(
        'def q(label):\n    return f"MATCH (n:{label}) RETURN count(n) AS n"\n', encoding="utf-8"
    )
    (tmp_path / "pkg" / "home").mkdir()
    (tmp_path / "pkg" / "home" / "ok.py").write_text('Q = "MATCH (n:Company) RETURN n"\n', encoding="utf-8")
    hits = cypher_outside_home(tmp_path, ("pkg",), tmp_path / "pkg" / "home")
    assert hits and all(h.startswith("pkg/bad.py:2: ") for h in hits)


def test_no_cypher_outside_the_cypher_package() -> None:
    hits = cypher_outside_home()
    assert not hits, "Cypher outside chain_graph/store/cypher/:\n" + "\n".join(hits)


def test_the_cypher_package_holds_the_queries() -> None:
    """The scan reads the home too, were it not skipped: the patterns do find its queries."""
    found = sum(
        bool(CYPHER.search(text))
        for path in HOME.glob("*.py")
        for _, text in _literal_texts(ast.parse(path.read_text(encoding="utf-8")))
    )
    assert found > 150
