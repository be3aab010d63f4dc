"""Issue 10, the analysis side: a chain without segments, unknown counties, segment counts that
agree, workbooks that follow the data, and an all-or-nothing restore."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from chain_graph.appraisal import GATE_OFF
from chain_graph.models import Chain, CompanySegment, Kind
from chain_graph.plans import move_plan
from chain_graph.store import EmbeddedStore
from chain_graph.transfer import dump_store, restore_dump
from tests.api.conftest import assert_error, auth, make_plan


def test_a_chain_without_segments_answers_everywhere(client: TestClient, world: EmbeddedStore, keys) -> None:  # type: ignore[no-untyped-def]
    world.upsert(Chain(chain_id="new-chain", name="新链"))
    h = auth(keys["viewer"])
    detail = client.get("/chains/new-chain", headers=h)
    assert detail.status_code == 200 and detail.json()["segments"] == []
    gaps = client.get("/chains/new-chain/gaps", headers=h).json()
    assert (gaps["segments"], gaps["completeness"]) == ([], 0.0)
    assert client.get("/chains/new-chain/candidates", headers=h).json()["count"] == 0
    assert client.get("/chains/new-chain/graph", headers=h).status_code == 200
    for path in ("/chains/new-chain/export.html", "/export/overview.html", "/chains/new-chain/gaps.xlsx"):
        r = client.get(path, headers=h)
        assert r.status_code == 200, (path, r.text[:200])
    assert "新链" in client.get("/export/overview.html", headers=h).text


@pytest.mark.parametrize("county", ["999999", "abc\x00", "350521.tsz"])
def test_an_unknown_county_is_refused_and_not_cached(client: TestClient, app, keys, county: str) -> None:  # type: ignore[no-untyped-def]
    h = auth(keys["viewer"])
    client.get("/chains/tex/gaps", headers=h)
    cache = app.state.cache
    entries = len(cache)
    body = assert_error(client.get("/chains/tex/gaps", params={"county": county}, headers=h), 422, field="county")
    assert "350582" in json.dumps(body, ensure_ascii=False), "the error names the counties that exist"
    assert len(cache) == entries, "a bad value is never a cache entry"
    assert client.get("/chains/tex/gaps", params={"county": "350582"}, headers=h).status_code == 200


def test_segment_and_chain_agree_on_the_local_count(client: TestClient, world: EmbeddedStore, keys) -> None:  # type: ignore[no-untyped-def]
    h = auth(keys["viewer"])
    plan = make_plan(world)
    move_plan(world, plan.plan_id, to_status="started", actor="tests", version=plan.version, gate=GATE_OFF)  # lands
    chain = {s["segment_id"]: s for s in client.get("/chains/tex", headers=h).json()["segments"]}
    segment = client.get("/segments/tex.fiber", headers=h).json()
    assert segment["local_count"] == chain["tex.fiber"]["local_count"] == 1
    [firm] = segment["firms"]
    assert (firm["company_id"], firm["local"], firm["landed"]) == ("x-fiber", False, True)


def test_the_gaps_workbook_follows_the_data(client: TestClient, world: EmbeddedStore, keys) -> None:  # type: ignore[no-untyped-def]
    h = auth(keys["viewer"])

    def fiber_status() -> str:
        book = load_workbook(io.BytesIO(client.get("/chains/tex/gaps.xlsx", headers=h).content))
        rows = list(book["环节"].iter_rows(values_only=True))
        col = rows[0].index("环节编号")
        status = next(i for i, name in enumerate(rows[0]) if name and "状态" in str(name))
        return next(str(r[status]) for r in rows[1:] if r[col] == "tex.fiber")

    before = fiber_status()
    world.upsert(world.get(Kind.COMPANY, "anta").model_copy())  # a write that changes nothing
    world.upsert(CompanySegment(company_id="anta", segment_id="tex.fiber", role="leading"))
    after = fiber_status()
    assert before != after, "the workbook is recomputed after the write, not served stale"


def test_a_restore_that_is_refused_leaves_the_store_as_it_was(world: EmbeddedStore, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump_store(world, dump)
    lines = dump.read_text(encoding="utf-8").splitlines()
    # one dangling reference: a membership of a company the dump does not hold
    bad = json.dumps({"kind": "company_segment", "data": {"company_id": "ghost", "segment_id": "tex.fiber",
                                                          "role": "core"}}, ensure_ascii=False)  # fmt: skip
    dump.write_text("\n".join([*lines, bad]) + "\n", encoding="utf-8")
    before = world.stats()
    with pytest.raises(Exception, match="ghost"):
        restore_dump(world, dump, replace=True)
    assert world.stats() == before, "nothing was cleared or half-written"
