"""``chain-graph export …`` and ``template``: each writes its file; an xlsx bundle round-trips."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from openpyxl import load_workbook

from chain_graph.models import Kind
from chain_graph.store.embedded import EmbeddedStore
from tests.cli_support import Capture, assert_error, run, run_json, world_dir


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return world_dir(tmp_path / "db")


def test_html_map_is_self_contained(db: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "纺织鞋服.html"
    result = run_json(capsys, "--data-dir", db, "export", "html", "tex", "-o", out)
    assert result["data"]["path"] == str(out) and result["data"]["bytes"] > 10_000
    text = out.read_text(encoding="utf-8")
    assert "纺织鞋服" in text and "http://" not in text and "https://" not in text


def test_overview_and_graphml(db: Path, tmp_path: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "--data-dir", db, "export", "overview", "-o", tmp_path / "o.html")
    assert code == 0 and "wrote the city overview" in out
    run(capsys, "--data-dir", db, "export", "graphml", "tex", "-o", tmp_path / "tex.graphml")
    graph = nx.read_graphml(tmp_path / "tex.graphml")
    assert graph.nodes["company:anta"]["name"] == "安踏体育用品有限公司"


def test_xlsx_reports_and_template(db: Path, tmp_path: Path, capsys: Capture) -> None:
    for report, extra in (("gaps", ["tex"]), ("candidates", ["tex"]), ("plans", []), ("kpis", [])):
        path = tmp_path / f"{report}.xlsx"
        code, _, err = run(capsys, "--data-dir", db, "export", "xlsx", report, *extra, "-o", path)
        assert (code, err) == (0, ""), err
        assert load_workbook(path).worksheets
    run(capsys, "--data-dir", db, "template", "-o", tmp_path / "tpl.xlsx")
    assert "companies" in load_workbook(tmp_path / "tpl.xlsx").sheetnames


def test_xlsx_bundle_round_trips_through_import(db: Path, tmp_path: Path, capsys: Capture) -> None:
    book = tmp_path / "bundle.xlsx"
    run(capsys, "--data-dir", db, "export", "xlsx", "bundle", "-o", book)
    fresh = tmp_path / "fresh"
    code, _, err = run(capsys, "--data-dir", fresh, "import", book)
    assert (code, err) == (0, ""), err
    with EmbeddedStore(db) as before, EmbeddedStore(fresh) as after:
        for kind in (
            Kind.REGION,
            Kind.CHAIN,
            Kind.SEGMENT,
            Kind.SEGMENT_LINK,
            Kind.COMPANY,
            Kind.COMPANY_SEGMENT,
            Kind.SUPPLY,
        ):
            assert after.list(kind).items == before.list(kind).items, kind
        # the workbook fills a ranking's required company_name from the company when it was not stored
        ranks = lambda s: [r.model_copy(update={"company_name": None}) for r in s.list(Kind.RANKING)]  # noqa: E731
        assert ranks(after) == ranks(before)


def test_export_errors(db: Path, tmp_path: Path, capsys: Capture) -> None:
    assert_error(run(capsys, "--data-dir", db, "export", "html", "ghost", "-o", tmp_path / "x.html"), "ghost")
    assert_error(run(capsys, "--data-dir", db, "export", "xlsx", "gaps", "-o", tmp_path / "x.xlsx"), "CHAIN")
    assert not (tmp_path / "x.html").exists()
