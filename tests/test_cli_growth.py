"""``chain-graph expansions`` and ``chain-graph listings`` from the terminal: list, create, update,
move (an illegal move exits 1 with one line), growing firms, and the growth KPIs in ``kpis --json``."""

from __future__ import annotations

import json
from pathlib import Path

from chain_graph.cli import main
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import small_world


def _run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_expansions_and_listings_from_the_terminal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with EmbeddedStore(tmp_path) as store:
        store.apply(Batch(upserts=small_world()))
    d = ("--data-dir", str(tmp_path))
    new = ("--company", "anta", "--chain", "tex", "--id", "e1", "--name", "智能鞋厂扩产", "--investment", "12.5")
    code, out, _ = _run(capsys, "expansions", "create", *d, *new, "--key-list", "city", "--key-list-year", "2025")
    assert code == 0 and "智能鞋厂扩产" in out and "市重点技改项目 2025" in out
    code, _, err = _run(capsys, "expansions", "move", *d, "e1", "in_production", "--version", "1")
    assert code == 1 and "cannot move from planned to in_production" in err and err.count("\n") == 1
    code, out, _ = _run(capsys, "expansions", "move", *d, "e1", "approved", "--version", "1", "--on", "2025-02-01",
                        "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["data"]["approved_on"] == "2025-02-01"
    code, _, err = _run(capsys, "expansions", "update", *d, "e1", "--version", "1", "--set", "investment_cny_100m=20")
    assert code == 1 and "version 2, not 1" in err
    code, out, _ = _run(capsys, "expansions", *d, "--json")
    listed = json.loads(out)
    assert listed["count"] == 1 and listed["data"][0]["status_label"] == "已立项备案"

    code, _, err = _run(capsys, "listings", "create", *d, "--company", "anta", "--tier", "reserve", "--tax", "500")
    assert code == 1 and "tax_paid_cny_10k" in err
    assert _run(capsys, "listings", "create", *d, "--company", "anta", "--tier", "reserve", "--tax", "800")[0] == 0
    code, out, _ = _run(capsys, "listings", "list", *d, "--stage", "cultivating")
    assert code == 0 and "储备企业" in out and "培育" in out
    code, out, _ = _run(capsys, "expansions", "growing", *d, "tex", "--json")
    assert [f["company_id"] for f in json.loads(out)["data"]] == ["anta"]
    code, out, _ = _run(capsys, "kpis", *d, "--year", "2025", "--json")
    growth = json.loads(out)["data"]["growth"]
    assert growth["expansions"]["key_lists_in_year"]["city"]["investment_cny_100m"] == 12.5
    assert growth["listings"]["by_tier"]["reserve"] == 1
