"""Running the ``chain-graph`` command in-process for the CLI tests: ``main([...])`` and capsys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chain_graph.cli import main
from chain_graph.store import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import small_world

Capture = pytest.CaptureFixture[str]


def world_dir(folder: Path) -> Path:
    """An embedded store in ``folder`` holding the small world: chains 石油化工 (pc) → 纺织鞋服 (tex)."""
    with EmbeddedStore(folder) as store:
        store.apply(Batch(upserts=small_world()))
    return folder


def run(capsys: Capture, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: Capture, *argv: str | Path) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def assert_error(result: tuple[int, str, str], *fragments: str, code: int = 1) -> str:
    """The command failed with ``code`` and one ``chain-graph: error:`` line naming every fragment."""
    status, out, err = result
    assert status == code, (status, out, err)
    assert "Traceback" not in out + err
    if code == 1:
        assert err.startswith("chain-graph: error: ") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err, err
    return err
