"""Several API processes on one embedded data directory see each other's writes at once."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.server import find_seed_data, prepare_demo, settings_env
from chain_graph.config import Settings, get_settings
from chain_graph.keys import create_key
from chain_graph.models import CompanySegment, Kind
from chain_graph.store import EmbeddedStore
from tests.api.conftest import auth
from tests.factories import SEED_CHAINS
from tests.served import ServedApi


@pytest.fixture
def second(settings: Settings, world: EmbeddedStore) -> Iterator[tuple[EmbeddedStore, TestClient]]:
    """A second worker: its own store instance and app on the same data directory."""
    store = EmbeddedStore(settings.data_dir)
    with TestClient(create_app(settings, store=store)) as client:
        yield store, client
    store.close()


def test_a_write_through_one_worker_is_read_by_the_other(
    client: TestClient, second: tuple[EmbeddedStore, TestClient], keys: dict[str, str]
) -> None:
    _, other = second
    planner = auth(keys["planner"])  # keys made in the first store authenticate in the second
    assert other.get("/plans", headers=planner).json()["count"] == 0
    made = client.post(
        "/plans",
        headers=planner,
        json={
            "company_id": "x-fiber",
            "chain_id": "tex",
            "segment_ids": ["tex.fiber"],
            "gap_type": "missing",
            "unit": "晋江市",
        },
    ).json()
    assert other.get(f"/plans/{made['plan_id']}", headers=planner).json()["version"] == 1
    edited = other.patch(f"/plans/{made['plan_id']}", json={"lead": "王", "version": 1}, headers=planner)
    assert edited.status_code == 200
    stale = client.patch(f"/plans/{made['plan_id']}", json={"lead": "李", "version": 1}, headers=planner)
    assert stale.status_code == 409  # the first worker knows of the second's edit


def test_cached_analysis_follows_the_other_workers_writes(
    client: TestClient, second: tuple[EmbeddedStore, TestClient], keys: dict[str, str]
) -> None:
    other_store, other = second
    viewer = auth(keys["viewer"])

    def fiber_status(c: TestClient) -> str:
        return next(
            s["status"]
            for s in c.get("/chains/tex/gaps", headers=viewer).json()["segments"]
            if s["segment_id"] == "tex.fiber"
        )

    assert fiber_status(client) == fiber_status(other) == "missing"  # both cached now
    other_store.upsert(CompanySegment(company_id="frep", segment_id="tex.fiber", role="leading"))
    assert fiber_status(client) == "strong"  # the first worker's cache follows the second's write
    assert fiber_status(other) == "strong"  # and the writer itself answers with it


def test_a_revoke_in_one_worker_locks_the_key_out_of_the_other(
    client: TestClient, second: tuple[EmbeddedStore, TestClient], keys: dict[str, str]
) -> None:
    _, other = second
    made = client.post("/keys", json={"role": "viewer"}, headers=auth(keys["admin"])).json()
    assert other.get("/me", headers=auth(made["key"])).status_code == 200  # cached in the second worker
    client.delete(f"/keys/{made['key_id']}", headers=auth(keys["admin"]))
    assert other.get("/me", headers=auth(made["key"])).status_code == 401


def test_settings_travel_to_the_workers_through_the_environment(settings: Settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for name, value in settings_env(settings).items():
        monkeypatch.setenv(name, value)
    assert get_settings() == settings


def test_the_demo_loads_the_seed_data_and_makes_an_admin_key(tmp_path: Path) -> None:
    assert (find_seed_data() / "companies.csv").is_file()
    settings, key = prepare_demo(tmp_path / "demo")
    with EmbeddedStore(settings.data_dir) as store:
        assert store.count(Kind.CHAIN) == SEED_CHAINS
        client = TestClient(create_app(settings, store=store))
        assert client.get("/me", headers=auth(key)).json()["role"] == "admin"
        assert "纺织鞋服" in client.get("/chains", headers=auth(key)).text


# The server's code, with each access-log line naming the worker process that answered it.
SERVE_TELLING_PIDS = """
import api.server as server
plain = server.log_config
def with_pids():
    config = plain()
    config["formatters"]["access"]["fmt"] = "pid=%(process)d " + config["formatters"]["access"]["fmt"]
    return config
server.log_config = with_pids
server.serve(None, host="127.0.0.1", port={port}, workers={workers})
"""
ANSWERED = re.compile(r'pid=(\d+) .*"(GET|PATCH) /plans/w1 HTTP')


def _answered_by(log: Path, count: int) -> list[str]:
    """The worker (pid) behind each of the first ``count`` requests to /plans/w1, once the log holds them."""
    deadline = time.monotonic() + 10
    while True:
        found = [m[1] for m in ANSWERED.finditer(log.read_text(encoding="utf-8", errors="replace"))]
        if len(found) >= count:
            return found[:count]
        assert time.monotonic() < deadline, f"{count} requests made, {len(found)} in the access log"
        time.sleep(0.05)


@pytest.mark.slow
def test_serve_with_two_workers(tmp_path: Path) -> None:
    """Real uvicorn workers on one data directory: both answer, and each reads the other's writes.

    The access log names the process behind every answer, so the test goes on until each worker
    has answered a read right after the other worker wrote (up to 100 rounds; a few usually do)."""
    settings = get_settings(data_dir=tmp_path / "db")
    with EmbeddedStore(settings.data_dir) as store:
        _, key = create_key(store, role="planner", name="工作进程测试")
    from chain_graph.store import Batch
    from tests.factories import small_world

    with EmbeddedStore(settings.data_dir) as store:
        store.apply(Batch(upserts=small_world()))
    with ServedApi(settings, tmp_path / "access.log", workers=2, code=SERVE_TELLING_PIDS) as api:
        api.wait_up("/readyz", timeout=30)
        base, log = api.base, api.log
        headers = auth(key)
        body = {
            "plan_id": "w1",
            "company_id": "x-fiber",
            "chain_id": "tex",
            "segment_ids": ["tex.fiber"],
            "gap_type": "missing",
            "unit": "晋江市",
        }
        assert httpx.post(f"{base}/plans", json=body, headers=headers).status_code == 201
        read_after_other: set[str] = set()  # workers that read a version the other worker wrote
        writer = None  # the worker that wrote the version read next (None: the POST, not counted)
        requests = 0
        for version in range(1, 101):  # new connections: the two workers take turns at random
            got = httpx.get(f"{base}/plans/w1", headers=headers).json()
            assert got["version"] == version, got
            edited = httpx.patch(
                f"{base}/plans/w1", json={"lead": f"第{version}任", "version": version}, headers=headers
            )
            assert edited.status_code == 200, edited.text
            requests += 2
            reader, patcher = _answered_by(log, requests)[-2:]
            if writer is not None and writer != reader:
                read_after_other.add(reader)
            writer = patcher
            if len(read_after_other) == 2 and version >= 8:
                break
        pids = set(_answered_by(log, requests))
        assert len(pids) == 2, f"only worker(s) {pids} answered in {requests} requests"
        assert len(read_after_other) == 2, f"only worker(s) {read_after_other} read a write of the other"
