"""The import rules of docs/ARCHITECTURE.md, read from its floor table and checked with ``ast``.

The table is the one statement of the rules: this test parses it, so the page and the code cannot
drift apart. A module imports only from its own row and from floors below; rows that share a
number (analysis, stores) do not import each other; nothing in ``chain_graph/`` imports ``api``
at module level. (No import circle and no Cypher outside store/cypher.py are tested elsewhere.)
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "chain_graph"
DOC = ROOT / "docs" / "ARCHITECTURE.md"
ROW = re.compile(r"^\| (?P<floor>\d+) (?P<name>[\w ]+?) \| (?P<modules>[^|]+) \|")
UNIT = re.compile(r"`([\w.]+)(?:\.py|/)`")


@dataclass(frozen=True)
class Floor:
    number: int
    name: str


def floors(text: str) -> dict[str, Floor]:
    """Each unit of ``chain_graph`` (a top-level module or package) → its floor, from the table.

    >>> table = floors("| 1 records | `errors.py`, `regions/` | x |\\n| 3 stores | `store/` | y |")
    >>> table["regions"], table["store"]
    (Floor(number=1, name='records'), Floor(number=3, name='stores'))
    """
    table: dict[str, Floor] = {}
    for line in text.splitlines():
        if row := ROW.match(line):
            floor = Floor(int(row["floor"]), row["name"])
            for unit in UNIT.findall(row["modules"]):
                if unit == "__init__":
                    unit = "chain_graph"
                assert unit not in table, f"{unit} is on two floors"
                table[unit] = floor
    return table


FLOORS = floors(DOC.read_text(encoding="utf-8"))


def unit_of(module: str) -> str:
    """``chain_graph.store.embedded`` → ``store``; ``chain_graph`` → ``chain_graph``; ``api.x`` → ``api``."""
    parts = module.split(".")
    return parts[1] if parts[0] == "chain_graph" and len(parts) > 1 else parts[0]


def _under_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def module_level_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, imported module) of every import run at import time: at module level, in ``if`` and
    ``try`` blocks there, but not inside functions or classes, nor under ``if TYPE_CHECKING:``.
    ``from chain_graph import plans`` names the module ``chain_graph.plans``."""
    found: list[tuple[int, str]] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If):
            pending.extend(node.orelse if _under_type_checking(node) else [*node.body, *node.orelse])
        elif isinstance(node, ast.Try):
            pending.extend([*node.body, *node.orelse, *node.finalbody, *(s for h in node.handlers for s in h.body)])
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "chain_graph":
                found.extend((node.lineno, f"chain_graph.{alias.name}") for alias in node.names)
            else:
                found.append((node.lineno, node.module))
    return found


def library_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _unit_of_file(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return "chain_graph" if rel.parts == ("__init__.py",) else rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    return module_level_imports(ast.parse(path.read_text(encoding="utf-8"), str(path)))


def test_the_table_is_read() -> None:
    """Guard against a parse that finds nothing (every check below would pass vacuously)."""
    assert FLOORS["analysis"] == Floor(3, "analysis") and FLOORS["store"] == Floor(3, "stores")
    assert FLOORS["models"].number < FLOORS["facts"].number < FLOORS["analysis"].number
    assert FLOORS["cli"].number == max(f.number for f in FLOORS.values())
    assert len(library_modules()) > 100


def test_every_module_is_on_a_floor() -> None:
    units = {_unit_of_file(path) for path in library_modules()}
    missing = sorted(units - set(FLOORS))
    assert not missing, f"on no floor of docs/ARCHITECTURE.md (add them to its table): {missing}"
    gone = sorted(set(FLOORS) - units)
    assert not gone, f"docs/ARCHITECTURE.md names modules that do not exist: {gone}"


def test_imports_go_down_or_stay_in_their_row() -> None:
    wrong = []
    for path in library_modules():
        here = FLOORS.get(_unit_of_file(path))
        if here is None:
            continue  # test_every_module_is_on_a_floor names it
        for line, module in _imports(path):
            if not module.startswith("chain_graph"):
                continue
            there = FLOORS.get(unit_of(module))
            if there is None or there == here or there.number < here.number:
                continue
            rel = path.relative_to(ROOT)
            side = "beside it" if there.number == here.number else "above it"
            wrong.append(
                f"{rel}:{line} ({here.number} {here.name}) imports {module} ({there.number} {there.name}, {side})"
            )
    assert not wrong, "\n".join(wrong)


def imports_anywhere(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of every import in the module: at module level, inside functions and
    classes, and under ``if TYPE_CHECKING:`` too. ``from chain_graph import store`` names both
    ``chain_graph`` and ``chain_graph.store``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
    return found


def imports_of_unit(package: str, unit: str) -> list[str]:
    """Where any module under ``chain_graph/<package>`` imports ``chain_graph.<unit>``, anywhere in it."""
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((PACKAGE / package).rglob("*.py"))
        for line, module in imports_anywhere(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if module.startswith("chain_graph.") and unit_of(module) == unit
    ]


@pytest.mark.parametrize("package", ["analysis", "export", "reports"])
def test_analysis_and_documents_import_no_store(package: str) -> None:
    """Said on its own because it is the rule a newcomer breaks first (issue 11): the analysis
    computes over facts and the documents render what services hand them; their graph words come
    from ``chain_graph.graph_vocab``. Inside functions too: neither ever touches a store."""
    assert not imports_of_unit(package, "store")


def test_reports_import_no_export() -> None:
    """A report is a document of plain data (``reports.document``); ``export/`` renders it to
    Word and PDF, never the other way round."""
    assert not imports_of_unit("reports", "export")


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("def f():\n    from chain_graph.store.base import node_id", True),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import chain_graph.store", True),
        ("class A:\n    from chain_graph import store", True),
        ("from chain_graph.graph_vocab import node_id", False),
        ("from chain_graph import storey", False),
    ],
)
def test_imports_anywhere_sees_every_store_import(source: str, found: bool) -> None:
    """The rule above reads imports in every place a module can hold one."""
    modules = [m for _, m in imports_anywhere(ast.parse(source))]
    assert any(m.startswith("chain_graph.") and unit_of(m) == "store" for m in modules) is found


def test_the_library_imports_no_web_app_at_module_level() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in library_modules()
        for line, module in _imports(path)
        if unit_of(module) in ("api", "fastapi", "starlette", "uvicorn")
    ]
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from chain_graph.store.base import Store", ["chain_graph.store.base"]),
        ("from chain_graph import plans, __version__", ["chain_graph.plans", "chain_graph.__version__"]),
        ("import api.server", ["api.server"]),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from chain_graph.store import Store", ["typing"]),
        ("try:\n    import api\nexcept ImportError:\n    pass", ["api"]),
        ("def serve():\n    from api.server import serve", []),
        ("class A:\n    import api", []),
    ],
)
def test_module_level_imports_are_found(source: str, found: list[str]) -> None:
    assert sorted(m for _, m in module_level_imports(ast.parse(source))) == sorted(found)


MAX_LINES = 400  # "no library module over ~400 lines" (issue 11; STYLE.md aims under ~300)


def long_modules(paths: list[Path], *, root: Path = ROOT, limit: int = MAX_LINES) -> list[str]:
    """Each module of ``paths`` over ``limit`` lines, with its count, longest first."""
    counts = [(len(path.read_text(encoding="utf-8").splitlines()), path) for path in paths]
    return [f"{path.relative_to(root)}: {n} lines" for n, path in sorted(counts, reverse=True) if n > limit]


def test_no_library_module_is_over_400_lines() -> None:
    """Big files mix concerns (issue 11): split one along its seams, re-exporting what callers import."""
    modules = [*library_modules(), *sorted((ROOT / "api").rglob("*.py"))]
    assert len(modules) > 100  # the walk found the modules (else this passes vacuously)
    long = long_modules(modules)
    assert not long, "split these along their seams:\n" + "\n".join(long)


def test_long_modules_names_each_offender_with_its_count(tmp_path: Path) -> None:
    small, big = tmp_path / "small.py", tmp_path / "big.py"
    small.write_text("x = 1\n" * 4, encoding="utf-8")  # at the limit: allowed
    big.write_text("x = 1\n" * 5, encoding="utf-8")
    assert long_modules([small, big], root=tmp_path, limit=4) == ["big.py: 5 lines"]
