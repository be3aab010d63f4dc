"""``chain-graph paths`` and ``chain-graph leads [adopt]`` from a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from chain_graph.models import Kind
from chain_graph.store import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.cli_support import Capture, assert_error, run, run_json
from tests.factories import relations_world


@pytest.fixture
def data(tmp_path: Path) -> Path:
    with EmbeddedStore(tmp_path / "data") as store:
        store.apply(Batch(upserts=relations_world()))
    return tmp_path / "data"


def test_paths_prints_each_hop_with_its_source(capsys: Capture, data: Path) -> None:
    code, out, err = run(capsys, "paths", "x-dye", "--data-dir", data)
    assert (code, err) == (0, "")
    assert "3 path(s) to local firms within 3 hops" in out
    assert "[持股] 香港示例集团（示例） 持有 浙江示例染整有限公司（示例） 60% 股份  — source: illustrative: test" in out
    assert "[会员] 晋江示例鞋业有限公司（示例） 是 示例菲律宾泉州同乡会（示例） 的成员（会员）  — source: 未注明" in out


def test_paths_json_and_bad_input(capsys: Capture, data: Path) -> None:
    found = run_json(capsys, "paths", "x-dye", "--max-hops", "2", "--data-dir", data)["data"]
    assert [(p["to"]["id"], p["hops"]) for p in found["paths"]] == [("anta", 2), ("frep", 2)]
    assert_error(run(capsys, "paths", "nope", "--data-dir", data), "no company with id 'nope'")
    assert_error(run(capsys, "paths", "x-dye", "--limit", "0", "--data-dir", data), "limit must lie in 1..100")
    assert run(capsys, "paths", "x-dye", "--max-hops", "9", "--data-dir", data)[0] == 2  # a usage error


def test_leads_rank_and_filter_by_leader(capsys: Capture, data: Path) -> None:
    found = run_json(capsys, "leads", "--data-dir", data)
    assert [(d["leader_id"], d["company_id"]) for d in found["data"]] == [
        ("anta", "x-fiber"),  # 2.5 亿元, two lists, two local firms
        ("frep", "x-fiber"),  # amount unknown
        ("anta", "x-agent"),  # 0.3 亿元, no list, one local firm
    ]
    only = run_json(capsys, "leads", "--leader", "frep", "--data-dir", data)["data"]
    assert [d["company_id"] for d in only] == ["x-fiber"]
    assert_error(run(capsys, "leads", "--leader", "x-fiber", "--data-dir", data), "not a local leading firm")


def test_adopting_a_lead_makes_a_plan_with_its_referrer(capsys: Capture, data: Path) -> None:
    plan = run_json(capsys, "leads", "adopt", "--leader", "anta", "--company", "x-agent", "--unit", "晋江市",
                    "--segment", "tex.weave", "--actor", "李四", "--data-dir", data)["data"]  # fmt: skip
    assert (plan["company_id"], plan["referrer_id"], plan["chain_id"]) == ("x-agent", "anta", "tex")
    assert (plan["segment_ids"], plan["gap_type"]) == (["tex.weave"], "missing")
    assert (
        plan["linked_company_ids"] == ["anta"] and "以商招商：链主 安踏体育用品有限公司 的供应商" in plan["rationale"]
    )
    shown = run_json(capsys, "plan", "show", plan["plan_id"], "--history", "--data-dir", data)["data"]
    [created] = shown["history"]
    assert created["changes"]["referrer_id"] == [None, "anta"] and "引荐" in created["note"]


def test_adopt_refuses_what_is_not_a_lead(capsys: Capture, data: Path) -> None:
    assert_error(run(capsys, "leads", "adopt", "--leader", "anta", "--company", "x-dye", "--unit", "晋江市",
                     "--data-dir", data), "x-dye", "not an outside supplier or customer")  # fmt: skip
    assert_error(run(capsys, "leads", "adopt", "--leader", "anta", "--data-dir", data), "needs --company")
    assert_error(run(capsys, "leads", "adopt", "--leader", "anta", "--company", "x-agent", "--unit", "晋江市",
                     "--data-dir", data), "is in no segment")  # fmt: skip
    with EmbeddedStore(data) as store:
        assert store.list(Kind.TARGET_PLAN).total == 0
