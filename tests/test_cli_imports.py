"""The ``chain-graph`` command starts without the heavy libraries: each command imports what it uses.

Issue 9: every command paid for networkx, which only drawing a chain's map and one section of the
gap report need. A fresh interpreter imports the entry module (and runs ``chains``), then lists the
heavy packages it holds; not a timed test, a list of names.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from chain_graph.store import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import small_world

ROOT = Path(__file__).resolve().parents[1]

# Libraries a command needs only for itself: graphs, maps, workbooks, documents, Neo4j, the web app.
HEAVY = ("networkx", "pyvis", "openpyxl", "docx", "reportlab", "matplotlib", "jinja2", "neo4j", "fastapi", "uvicorn")

_PROBE = """
import json, sys
{run}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} & set(sys.argv[1:]))))
"""


def _heavy_after(run: str, env: dict[str, str] | None = None) -> list[str]:
    code = _PROBE.format(run=run)
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, *HEAVY], capture_output=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return json.loads(done.stdout.decode("utf-8").splitlines()[-1])


def test_the_entry_module_imports_no_heavy_library() -> None:
    assert _heavy_after("import chain_graph.cli") == []


def test_listing_the_chains_imports_no_heavy_library(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "data") as store:
        store.apply(Batch(upserts=small_world()))
    run = "import io, contextlib, chain_graph.cli as cli\nwith contextlib.redirect_stdout(io.StringIO()):\n"
    run += "    assert cli.main(['chains', '--json']) == 0"
    assert _heavy_after(run, {"CHAIN_GRAPH_DATA_DIR": str(tmp_path / "data")}) == []
