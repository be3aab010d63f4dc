"""``chain-graph plan create|list|show|move|edit``: the library's plan rules, from a terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from chain_graph.analysis import AnalysisConfig
from chain_graph.cache import RevisionCache
from chain_graph.services.plans import prefill_from_candidate
from chain_graph.store.embedded import EmbeddedStore
from tests.cli_support import Capture, assert_error, run, run_json, world_dir

MANUAL = ("plan", "create", "--chain", "tex", "--company", "x-fiber", "--segment", "tex.fiber", "--gap-type", "missing",
          "--unit", "晋江市", "--plan-id", "p1", "--actor", "张三")  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return world_dir(tmp_path / "data")


@pytest.fixture
def p1(capsys: Capture, data: Path) -> dict[str, Any]:
    """Plan p1 (version 1): 示例化纤 for the missing 化纤 segment, 晋江市 responsible."""
    return run_json(capsys, *MANUAL, "--data-dir", data)["data"]  # type: ignore[no-any-return]


# -- create ----------------------------------------------------------------------------------------


def test_create_from_a_candidate_uses_the_api_prefill(capsys: Capture, data: Path) -> None:
    argv = ["plan", "create", "--from-candidate", "--chain", "tex", "--company", "x-fiber", "--segment", "tex.fiber",
            "--unit", "晋江市", "--kind", "joint_venture", "--investment", "12.5", "--lead", "李四",
            "--next-action", "上门拜访", "--due", "2030-01-10", "--data-dir", data]  # fmt: skip
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("created plan plan-") and out.splitlines()[-1].endswith("(version 1)")
    assert "缺链 missing: 环节「化纤」(tex.fiber)" in out and "候选得分 / candidate score" in out
    assert "12.50 亿元" in out and "晋江市  (lead 李四)" in out and "上门拜访  due 2030-01-10" in out
    with EmbeddedStore(data) as store:  # what the API would prefill now (the first plan is in its rationale)
        prefill = prefill_from_candidate(store, RevisionCache(), AnalysisConfig(), "tex", "x-fiber", "tex.fiber")
    created = run_json(capsys, *argv)["data"]
    assert created["rationale"] == prefill["rationale"] and "已有专案 / existing plan: plan-" in created["rationale"]
    assert created["gap_type"] == "missing" and created["linked_company_ids"] == list(prefill["linked_company_ids"])
    assert created["project_kind"] == "joint_venture" and created["expected_investment_cny_100m"] == 12.5
    assert created["status"] == "identified" and created["version"] == 1 and created["overdue"] is False
    assert "contacted" in created["allowed_moves"]


def test_create_from_something_that_is_no_candidate(capsys: Capture, data: Path) -> None:
    base = ("plan", "create", "--from-candidate", "--chain", "tex", "--unit", "晋江市", "--data-dir", data)
    local = ("--company", "anta", "--segment", "tex.shoe")  # 安踏 is local: no candidate
    assert_error(run(capsys, *base, *local), "'anta' is not a candidate for segment 'tex.shoe'")
    two = ("--company", "x-fiber", "--segment", "tex.fiber", "tex.weave")
    assert_error(run(capsys, *base, *two), "one --segment")
    assert run_json(capsys, "plan", "list", "--data-dir", data)["count"] == 0


def test_create_by_hand(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    assert (p1["plan_id"], p1["gap_type"], p1["segment_ids"], p1["unit"]) == ("p1", "missing", ["tex.fiber"], "晋江市")
    history = run_json(capsys, "plan", "show", "p1", "--history", "--data-dir", data)["data"]["history"]
    assert [(e["actor"], e["action"], e["to_status"]) for e in history] == [("张三", "create", "identified")]
    two = run_json(capsys, "plan", "create", "--chain", "tex", "--company", "x-fiber", "--segment", "tex.fiber",
                   "tex.weave", "--gap-type", "weak", "--unit", "石狮市", "--data-dir", data)["data"]  # fmt: skip
    assert two["segment_ids"] == ["tex.fiber", "tex.weave"] and two["plan_id"].startswith("plan-")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--gap-type": None}, "--gap-type is needed"),
        ({"--segment": "pc.pta"}, "not in chain 'tex'"),
        ({"--chain": "nope"}, "'nope'"),
        ({"--company": "nobody"}, "nobody"),
    ],
)
def test_create_refused(capsys: Capture, data: Path, change: dict[str, str | None], message: str) -> None:
    argv = list(MANUAL)
    for option, value in change.items():
        at = argv.index(option)
        argv[at : at + 2] = [] if value is None else [option, value]
    assert_error(run(capsys, *argv, "--data-dir", data), message)


def test_create_twice_with_one_id_is_a_conflict(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    assert_error(run(capsys, *MANUAL, "--data-dir", data), "exists already")


def test_the_actor_defaults_to_the_os_user(capsys: Capture, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "泉州招商员")
    argv = [a for a in MANUAL if a not in ("--actor", "张三")]
    assert run(capsys, *argv, "--data-dir", data)[0] == 0
    history = run_json(capsys, "plan", "show", "p1", "--history", "--data-dir", data)["data"]["history"]
    assert history[0]["actor"] == "泉州招商员"


# -- list, show ------------------------------------------------------------------------------------


def test_list_filters(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    run(capsys, *MANUAL[:-6], "--unit", "石狮市", "--plan-id", "p2", "--due", "2020-01-01", "--data-dir", data)

    def ids(*argv: str) -> list[str]:
        return [p["plan_id"] for p in run_json(capsys, "plan", "list", *argv, "--data-dir", data)["data"]]

    assert ids() == ["p1", "p2"]
    assert ids("--unit", "石狮市") == ["p2"]
    assert ids("--chain", "pc") == []
    assert ids("--status", "identified", "--chain", "tex") == ["p1", "p2"]
    assert ids("--overdue") == ["p2"]
    assert ids("--overdue", "--unit", "晋江市") == []
    code, out, _ = run(capsys, "plan", "list", "--data-dir", data)
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["plan", "v", "status"]
    assert "石狮市" in lines[2] and lines[2].endswith("2020-01-01 ⚠")
    assert run(capsys, "plan", "list", "--chain", "pc", "--data-dir", data)[1].strip() == "no plan matches"
    assert_error(run(capsys, "plan", "list", "--status", "won", "--data-dir", data), "invalid choice", code=2)


def test_show_with_history(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    run(
        capsys,
        "plan",
        "move",
        "p1",
        "visited",
        "--version",
        "1",
        "--note",
        "已拜访",
        "--actor",
        "李四",
        "--data-dir",
        data,
    )
    code, out, err = run(capsys, "plan", "show", "p1", "--history", "--data-dir", data)
    assert (code, err) == (0, "")
    assert out.startswith("专案 plan")
    assert "p1  (version 2)" in out and "状态 status" in out and "visited  → may move to negotiating" in out
    history = out.split("历史 history:\n")[1].splitlines()
    assert history[0].split()[:4] == ["#", "at", "actor", "action"]
    assert "李四" in history[2] and "identified → visited" in history[2] and history[2].endswith("已拜访")
    assert "历史" not in run(capsys, "plan", "show", "p1", "--data-dir", data)[1]
    assert_error(run(capsys, "plan", "show", "nope", "--data-dir", data), "'nope'")


# -- move ------------------------------------------------------------------------------------------


def test_move_forward_stamps_the_date(
    capsys: Capture, p1: dict[str, Any], data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    off = tmp_path / "gate-off.toml"  # this test is about the dates; the appraisal gate has its own tests
    off.write_text('[gate]\nstatus = "off"\n', encoding="utf-8")
    monkeypatch.setenv("CHAIN_GRAPH_APPRAISAL_CONFIG", str(off))
    code, out, _ = run(capsys, "plan", "move", "p1", "negotiating", "--version", "1", "--data-dir", data)
    assert code == 0 and out.strip() == "plan p1 is now negotiating (version 2)"
    moved = run_json(capsys, "plan", "move", "p1", "signed_contract", "--version", "2", "--on", "2024-03-05",
                     "--data-dir", data)["data"]  # fmt: skip
    assert (moved["status"], moved["version"]) == ("signed_contract", 3)
    assert moved["signed_on"] == moved["contract_on"] == "2024-03-05"


def test_move_refusals(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    move = ("plan", "move", "p1")
    assert run(capsys, *move, "visited", "--version", "1", "--data-dir", data)[0] == 0
    assert_error(run(capsys, *move, "negotiating", "--version", "1", "--data-dir", data), "version 2, not 1", "reload")
    assert_error(run(capsys, *move, "contacted", "--version", "2", "--data-dir", data), "cannot move back")
    assert_error(run(capsys, *move, "visited", "--version", "2", "--data-dir", data), "already visited")
    assert_error(run(capsys, "plan", "move", "p9", "visited", "--version", "1", "--data-dir", data), "'p9'")
    assert_error(run(capsys, *move, "won", "--version", "2", "--data-dir", data), "invalid choice", code=2)
    assert_error(run(capsys, *move, "started", "--data-dir", data), "--version", code=2)
    assert_error(run(capsys, *move, "started", "--version", "2", "--on", "5.3.2024", "--data-dir", data),
                 "YYYY-MM-DD", code=2)  # fmt: skip
    assert run_json(capsys, "plan", "show", "p1", "--data-dir", data)["data"]["version"] == 2


def test_drop_and_reopen(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    assert (
        run_json(capsys, "plan", "move", "p1", "dropped", "--version", "1", "--data-dir", data)["data"]["status"]
        == "dropped"
    )
    reopened = run_json(capsys, "plan", "move", "p1", "contacted", "--version", "2", "--data-dir", data)["data"]
    assert reopened["status"] == "contacted"
    actions = [
        e["action"] for e in run_json(capsys, "plan", "show", "p1", "--history", "--data-dir", data)["data"]["history"]
    ]
    assert actions == ["create", "drop", "reopen"]


# -- edit ------------------------------------------------------------------------------------------


def test_edit_sets_fields(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    run(capsys, "plan", "edit", "p1", "--version", "1", "--set", "due_date=2030-02-01", "--data-dir", data)
    edited = run_json(capsys, "plan", "edit", "p1", "--version", "2", "--set", "lead=王五", "--set",
                      "segment_ids=tex.fiber, tex.weave", "--set", "expected_investment_cny_100m=8",
                      "--set", "due_date=", "--note", "扩大范围", "--data-dir", data)["data"]  # fmt: skip
    assert edited["lead"] == "王五" and edited["segment_ids"] == ["tex.fiber", "tex.weave"]
    assert edited["expected_investment_cny_100m"] == 8.0 and edited["due_date"] is None and edited["version"] == 3
    last = run_json(capsys, "plan", "show", "p1", "--history", "--data-dir", data)["data"]["history"][-1]
    assert last["action"] == "edit" and last["note"] == "扩大范围"
    assert set(last["changes"]) == {"lead", "segment_ids", "expected_investment_cny_100m", "due_date"}
    code, out, _ = run(capsys, "plan", "edit", "p1", "--version", "3", "--set", "unit=石狮市", "--data-dir", data)
    assert code == 0 and out.splitlines()[-1] == "saved plan p1 (version 4)"


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("status=signed_contract", "use a status move"),
        ("plan_id=p2", "not editable"),
        ("segment_ids=pc.pta", "not in chain 'tex'"),
        ("due_date=tomorrow", "due_date"),
    ],
)
def test_edit_refused(capsys: Capture, p1: dict[str, Any], data: Path, assignment: str, message: str) -> None:
    assert_error(run(capsys, "plan", "edit", "p1", "--version", "1", "--set", assignment, "--data-dir", data), message)
    assert run_json(capsys, "plan", "show", "p1", "--data-dir", data)["data"]["version"] == 1


def test_edit_stale_version_and_bad_assignment(capsys: Capture, p1: dict[str, Any], data: Path) -> None:
    assert_error(run(capsys, "plan", "edit", "p1", "--version", "7", "--set", "lead=王五", "--data-dir", data),
                 "at version 1, not 7")  # fmt: skip
    assert_error(run(capsys, "plan", "edit", "p1", "--version", "1", "--set", "lead", "--data-dir", data),
                 "FIELD=VALUE", code=2)  # fmt: skip
    assert_error(run(capsys, "plan", "edit", "p1", "--version", "1", "--data-dir", data), "--set", code=2)


def test_overdue_flag_in_json(capsys: Capture, data: Path) -> None:
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    created = run_json(capsys, *MANUAL, "--due", yesterday, "--data-dir", data)["data"]
    assert created["overdue"] is True and created["due_date"] == yesterday
