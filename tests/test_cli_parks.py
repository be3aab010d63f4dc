"""``chain-graph plan appraise|appraisal`` and ``chain-graph parks list|show|match``, and the gate from the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_support import Capture, assert_error, run, run_json, world_dir
from tests.factories import write_table

PLAN = ("plan", "create", "--chain", "tex", "--company", "x-fiber", "--segment", "tex.fiber", "--gap-type", "missing",
        "--unit", "晋江市", "--investment", "3", "--plan-id", "p1")  # fmt: skip
APPRAISE = ("--technology", "4", "--competitiveness", "5", "--market", "4", "--land", "50", "--tax", "2000",
            "--output", "10", "--energy", "5000", "--jobs", "400")  # fmt: skip


@pytest.fixture
def data(tmp_path: Path, capsys: Capture) -> Path:
    """The small world, two parks (one positioned for 化纤 with too little land but an idle plot) and plan p1."""
    folder = world_dir(tmp_path / "data")
    bundle = tmp_path / "parks"
    bundle.mkdir()
    write_table(bundle / "parks.csv", [
        {"park_id": "park-jj", "name": "晋江示例纺织园（示例）", "region": "晋江市", "chain_ids": "tex",
         "segment_ids": "tex.fiber|tex.weave", "available_land_mu": "30", "factory_space_m2": "8,000",
         "source": "illustrative: test"},
        {"park_id": "park-qg", "name": "泉港示例园（示例）", "region": "350505", "chain_ids": "tex|pc",
         "segment_ids": "", "available_land_mu": "500", "factory_space_m2": "", "source": "illustrative: test"},
    ])  # fmt: skip
    write_table(bundle / "park_plots.csv", [
        {"plot_id": "jj-1", "park_id": "park-jj", "name": "示例地块", "area_mu": "40", "condition": "闲置"},
    ])  # fmt: skip
    report = run_json(capsys, "import", bundle, "--data-dir", folder)["data"]
    assert report["accepted"] and report["applied"], report
    run_json(capsys, *PLAN, "--data-dir", folder)
    return folder


def test_appraise_prints_the_verdict_and_reasons_and_keeps_them(capsys: Capture, data: Path) -> None:
    code, out, err = run(capsys, "plan", "appraise", "p1", *APPRAISE, "--version", "1", "--actor", "张三",
                         "--data-dir", data)  # fmt: skip
    assert code == 0, err
    assert out.startswith("综合研判 p1: 推荐 (recommend)") and "亩均投资" in out and "plan version 2" in out
    shown = run_json(capsys, "plan", "appraisal", "p1", "--data-dir", data)["data"]
    assert shown["verdict_label"] == "推荐" and shown["land_mu"] == 50 and shown["actor"] == "张三"
    history = run_json(capsys, "plan", "show", "p1", "--history", "--data-dir", data)["data"]["history"]
    assert [e["action"] for e in history] == ["create", "appraise"]


def test_the_gate_from_the_cli(capsys: Capture, data: Path) -> None:
    refused = run(capsys, "plan", "move", "p1", "signed_contract", "--version", "1", "--data-dir", data)
    assert_error(refused, "status: a plan needs an appraisal", "signed_contract")
    run_json(capsys, "plan", "appraise", "p1", *APPRAISE, "--version", "1", "--data-dir", data)
    moved = run_json(capsys, "plan", "move", "p1", "signed_contract", "--version", "2", "--data-dir", data)["data"]
    assert moved["status"] == "signed_contract"


def test_bad_appraisal_input_is_one_clear_line(capsys: Capture, data: Path) -> None:
    assert_error(run(capsys, "plan", "appraise", "p1", "--technology", "9", "--version", "1", "--data-dir", data),
                 "technology_route")  # fmt: skip
    assert_error(run(capsys, "plan", "appraisal", "p1", "--data-dir", data), "no appraisal yet")
    assert_error(run(capsys, "parks", "show", "nope", "--data-dir", data), "no park with id 'nope'")


def test_parks_list_and_show(capsys: Capture, data: Path) -> None:
    parks = run_json(capsys, "parks", "list", "--data-dir", data)["data"]
    assert [(p["park_id"], p["region_name"]) for p in parks] == [("park-jj", "晋江市"), ("park-qg", "泉港区")]
    assert parks[0]["land"]["idle_mu"] == 40 and parks[0]["factory_space_m2"] == 8000
    out = run(capsys, "parks", "list", "--data-dir", data)[1]
    assert "晋江示例纺织园（示例）" in out and "to clear 亩" in out
    run_json(capsys, "plan", "edit", "p1", "--version", "1", "--set", "park_id=park-jj", "--data-dir", data)
    view = run_json(capsys, "parks", "show", "park-jj", "--data-dir", data)["data"]
    assert [p["plan_id"] for p in view["plans"]["planned"]["plans"]] == ["p1"]
    assert view["plots"][0]["condition_label"] == "闲置用地（待清理）"
    assert "在谈项目 1: p1 (identified, 晋江市)" in run(capsys, "parks", "show", "park-jj", "--data-dir", data)[1]
    assert_error(run(capsys, "plan", "edit", "p1", "--version", "2", "--set", "park_id=nope", "--data-dir", data),
                 "park_id 'nope' names no park")  # fmt: skip


def test_parks_match_ranks_the_parks_that_fit_with_reasons(capsys: Capture, data: Path) -> None:
    run_json(capsys, "plan", "appraise", "p1", *APPRAISE, "--version", "1", "--data-dir", data)  # 50 亩
    found = run_json(capsys, "parks", "match", "p1", "--data-dir", data)["data"]
    assert found["land_mu"] == 50
    first, second = found["matches"]
    # 泉港 has the land but is not positioned for 化纤; 晋江 is, and clearing its idle plot frees enough
    assert (first["park_id"], first["fits"]) == ("park-qg", True)
    assert (second["park_id"], second["fits"]) == ("park-jj", False)
    assert any("清理低效/闲置用地 40 亩后可满足 50 亩" in r for r in second["reasons"])
    smaller = run_json(capsys, "parks", "match", "p1", "--land", "20", "--data-dir", data)["data"]["matches"]
    assert smaller[0]["park_id"] == "park-jj" and smaller[0]["fits"] and smaller[0]["score"] == 80
    out = run(capsys, "parks", "match", "p1", "--land", "20", "--data-dir", data)[1]
    assert "1. 晋江示例纺织园（示例） (park-jj, 晋江市)  80  ✓ 满足" in out
