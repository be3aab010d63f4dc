"""``chain-graph event …`` on the seed data: the 粤港澳 event's targets from the terminal, invitations
through the table, a signing that makes a plan, the report, the printable workbook, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from chain_graph.models import Kind, Region
from chain_graph.store.embedded import EmbeddedStore
from tests.analysis.seed import load_seed
from tests.cli_support import Capture, assert_error, run, run_json

CREATE = ("event", "create", "--name", "粤港澳大湾区专场招商推介会", "--kind", "promotion", "--on", "2026-05-08",
          "--host", "泉州市商务局", "--focus", "粤港澳大湾区", "--id", "ev-gba")  # fmt: skip


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-events") / "data"
    with EmbeddedStore(folder) as store:
        load_seed(store)
    return folder


@pytest.fixture
def data(tmp_path: Path, seed_dir: Path) -> Path:
    import shutil

    shutil.copytree(seed_dir, tmp_path / "data")
    return tmp_path / "data"


def test_targets_of_a_gba_event_are_in_guangdong_hong_kong_macao(capsys: Capture, data: Path) -> None:
    created = run_json(capsys, *CREATE, "--data-dir", data)["data"]
    assert created["focus"] == ["gba"] and created["focus_labels"] == {"gba": "粤港澳大湾区"}
    found = run_json(capsys, "event", "targets", "ev-gba", "--data-dir", data)
    assert found["count"] == len(found["data"]) >= 5
    with EmbeddedStore(data) as store:
        parents = {r.region_id: r.parent_id for r in store.list(Kind.REGION).items if isinstance(r, Region)}
    for target in found["data"]:
        region, lineage = target["region"], []
        while region is not None:
            lineage.append(region)
            region = parents.get(region)
        assert {"440000", "810000", "820000"} & set(lineage), target
        assert target["gaps"], target
    code, out, err = run(capsys, "event", "targets", "ev-gba", "--limit", "3", "--data-dir", data)
    assert err == ""
    assert code == 0 and "targets in focus gba" in out and ("(weak)" in out or "(missing)" in out)


def test_invite_move_sign_and_report(capsys: Capture, data: Path) -> None:
    run_json(capsys, *CREATE, "--data-dir", data)
    first = run_json(capsys, "event", "targets", "ev-gba", "--limit", "1", "--data-dir", data)["data"][0]
    firm = first["company_id"]
    assert run_json(capsys, "event", "invite", "ev-gba", firm, "--data-dir", data)["data"]["status"] == "invited"
    err = assert_error(run(capsys, "event", "move", "ev-gba", firm, "attended", "--version", "1", "--data-dir", data),
                       "status: an invitation cannot move from invited to attended")  # fmt: skip
    assert "confirmed" in err
    run_json(capsys, "event", "move", "ev-gba", firm, "confirmed", "--version", "1", "--data-dir", data)
    assert_error(run(capsys, "event", "move", "ev-gba", firm, "attended", "--version", "1", "--data-dir", data),
                 "at version 2, not 1")  # fmt: skip
    run_json(capsys, "event", "move", "ev-gba", firm, "attended", "--version", "2", "--data-dir", data)
    signed = run_json(capsys, "event", "sign", "ev-gba", firm, "--version", "3", "--amount", "8", "--data-dir", data)
    plan = signed["data"]["plan"]
    assert signed["data"]["invitation"]["plan_id"] == plan["plan_id"] and plan["status"] == "signed_framework"
    assert plan["chain_id"] == first["gaps"][0]["chain_id"] and plan["unit"] == "泉州市商务局"
    report = run_json(capsys, "event", "report", "ev-gba", "--data-dir", data)["data"]
    assert (report["invited"], report["attended"], report["signed"], report["signed_amount_cny_100m"]) == (1, 1, 1, 8)
    results = run_json(capsys, "event", "results", "--start", "2026-01-01", "--end", "2026-12-31", "--data-dir", data)
    assert results["data"]["events"] == 1 and results["data"]["signed"] == 1
    kpis = run_json(capsys, "kpis", "--year", "2026", "--data-dir", data)["data"]
    assert kpis["events"]["events"] == 1 and kpis["events"]["signed"] == 1


def test_the_target_list_workbook_prints_with_its_header_on_every_page(capsys: Capture, data: Path) -> None:
    from openpyxl import load_workbook

    run_json(capsys, *CREATE, "--data-dir", data)
    out = data.parent / "目标企业.xlsx"
    code, text, err = run(capsys, "event", "targets", "ev-gba", "-o", out, "--data-dir", data)
    assert err == ""
    assert code == 0 and f"to {out}" in text
    sheet = load_workbook(out)["目标企业"]
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert "粤港澳大湾区专场招商推介会" in sheet.oddHeader.center.text
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "企业", "企业编号") and rows[1][0] == 1 and len(rows) > 5
    assert all("（示例）" not in r[1] or r[3] == "是" for r in rows[1:])


def test_bad_input_is_one_clear_line(capsys: Capture, data: Path) -> None:
    assert_error(run(capsys, *CREATE[:-2], "--focus", "亚洲", "--data-dir", data), "'亚洲' is not a focus", "focus")
    assert_error(run(capsys, "event", "targets", "nope", "--data-dir", data), "no promotion event", "event_id")
    run_json(capsys, *CREATE, "--data-dir", data)
    assert_error(run(capsys, *CREATE, "--data-dir", data), "exists already", "event_id")
    assert_error(run(capsys, "event", "invite", "ev-gba", "nobody", "--data-dir", data), "no company", "company_id")
