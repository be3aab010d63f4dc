"""``chain-graph keys / serve / demo / copy / dump / restore`` (no server is started here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from chain_graph.cli.demo import DEMO_PLANS
from chain_graph.config import StoreKind
from chain_graph.keys import authenticate
from chain_graph.models import Chain, Kind
from chain_graph.store.embedded import EmbeddedStore
from chain_graph.transfer import iter_records
from tests.cli_support import Capture, assert_error, run, run_json, world_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return world_dir(tmp_path / "data")


def rows(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    with EmbeddedStore(folder) as store:
        return [(r.KIND.value, r.to_row()) for r in iter_records(store)]


# -- keys ------------------------------------------------------------------------------------------


def test_keys_create_prints_the_key_alone_on_the_last_line(capsys: Capture, data: Path) -> None:
    code, out, err = run(capsys, "keys", "create", "--role", "planner", "--name", "晋江市商务局", "--data-dir", data)
    assert (code, err) == (0, "")
    key = out.splitlines()[-1]
    assert key.startswith("cgk_") and " " not in key
    assert "planner" in out.splitlines()[0] and "晋江市商务局" in out.splitlines()[0]
    with EmbeddedStore(data) as store:
        record = authenticate(store, key)
    assert record is not None and record.role == "planner" and record.name == "晋江市商务局"


def test_keys_create_json_and_bad_role(capsys: Capture, data: Path) -> None:
    created = run_json(capsys, "keys", "create", "--role", "admin", "--data-dir", data)["data"]
    assert created["role"] == "admin" and created["active"] is True and "hash" not in created
    assert created["key"].startswith(f"cgk_{created['key_id']}_")
    assert_error(run(capsys, "keys", "create", "--role", "root", "--data-dir", data), "invalid choice: 'root'", code=2)
    assert_error(run(capsys, "keys", "create", "--data-dir", data), "--role", code=2)
    assert_error(run(capsys, "keys", "create", "--role", "viewer", "--name", "x" * 300, "--data-dir", data), "name")


def test_keys_list_and_revoke(capsys: Capture, data: Path) -> None:
    key = run_json(capsys, "keys", "create", "--role", "viewer", "--name", "只读", "--data-dir", data)["data"]
    listed = run_json(capsys, "keys", "list", "--data-dir", data)
    assert listed["count"] == 1 and listed["data"][0]["key_id"] == key["key_id"]
    assert "hash" not in listed["data"][0] and "key" not in listed["data"][0]
    code, out, _ = run(capsys, "keys", "list", "--data-dir", data)
    assert code == 0 and out.splitlines()[1].split() == [key["key_id"], "viewer", "只读", key["created_at"], "active"]
    assert "sha256$" not in out and key["key"] not in out
    code, out, _ = run(capsys, "keys", "revoke", key["key_id"], "--data-dir", data)
    assert code == 0 and out.startswith(f"revoked key {key['key_id']} at ")
    with EmbeddedStore(data) as store:
        assert authenticate(store, key["key"]) is None
    assert run_json(capsys, "keys", "list", "--data-dir", data)["data"][0]["active"] is False
    assert_error(run(capsys, "keys", "revoke", "000000000000", "--data-dir", data), "'000000000000'")


def test_keys_list_when_there_is_none(capsys: Capture, data: Path) -> None:
    assert run(capsys, "keys", "list", "--data-dir", data)[1].strip() == "no key"


# -- serve, demo -----------------------------------------------------------------------------------


def test_serve_hands_the_settings_and_address_to_the_server(
    capsys: Capture, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("api.server.serve", lambda settings, **kw: calls.append({"settings": settings, **kw}))
    assert run(capsys, "serve", "--port", "8123", "--workers", "3", "--data-dir", data)[0] == 0
    assert len(calls) == 1
    call = calls[0]
    assert (call["host"], call["port"], call["workers"]) == ("127.0.0.1", 8123, 3)
    assert call["settings"].data_dir == data and call["settings"].store is StoreKind.EMBEDDED


def test_demo_loads_the_seed_and_sample_plans_then_serves(
    capsys: Capture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("api.server.serve", lambda settings, **kw: calls.append({"settings": settings, **kw}))
    code, out, _ = run(capsys, "demo", "--host", "0.0.0.0", "--port", "9000", "--data-dir", tmp_path / "demo")
    assert code == 0 and len(calls) == 1
    assert (calls[0]["host"], calls[0]["port"], calls[0]["workers"]) == ("0.0.0.0", 9000, 1)
    assert calls[0]["settings"].data_dir == tmp_path / "demo"
    assert "http://127.0.0.1:9000/" in out and out.strip().splitlines()[-1].startswith("cgk_")  # the key, alone
    with EmbeddedStore(tmp_path / "demo") as store:  # the board and KPI tab have something to show
        assert store.count(Kind.TARGET_PLAN) == len(DEMO_PLANS)
    assert_error(run(capsys, "demo", "--port", "http"), "--port", code=2)


def test_the_library_never_imports_the_web_stack() -> None:
    code = (
        "import sys, chain_graph.cli, chain_graph.services.gap_reports, chain_graph.services.chains, "
        "chain_graph.services.companies, chain_graph.services.graph, chain_graph.services.plans, chain_graph.cache; "
        "from chain_graph.cli import build_parser; build_parser(); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette', 'api', 'uvicorn')); "
        "print(bad); sys.exit(bool(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


# -- copy ------------------------------------------------------------------------------------------


def test_copy_between_two_embedded_stores(capsys: Capture, data: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy"
    with EmbeddedStore(target) as store:
        store.upsert(Chain(chain_id="old", name="旧链"))
    argv = ["copy", "--from", "embedded", "--to", "embedded", "--from-data-dir", data, "--to-data-dir", target]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"copied embedded {data} → embedded {target}"
    assert rows(target) == rows(data)  # replaced: 旧链 is gone
    with EmbeddedStore(target) as store:
        store.upsert(Chain(chain_id="old", name="旧链"))
    merged = run_json(capsys, *argv, "--merge")["data"]
    assert merged["replace"] is False and merged["counts"]["chain"] == 3
    old = {"chain_id": "old", "name": "旧链", "description": None, "direction": None, "source": None, "as_of": None}
    assert ("chain", old) in rows(target)


def test_copy_refuses_one_store_to_itself(capsys: Capture, data: Path) -> None:
    same = ("copy", "--from", "embedded", "--to", "embedded", "--data-dir", data)
    assert_error(run(capsys, *same), "--from and --to name the same store", "--from-data-dir")
    assert_error(run(capsys, *same, "--to-data-dir", data / ".." / data.name), "the same store")
    assert_error(run(capsys, "copy", "--from", "embedded", "--to", "neo4j", "--to", "neo4j", "--from", "neo4j"),
                 "the same store")  # fmt: skip
    assert_error(run(capsys, "copy", "--from", "sqlite", "--to", "embedded"), "invalid choice", code=2)


# -- dump, restore ---------------------------------------------------------------------------------


def test_dump_and_restore_round_trip(capsys: Capture, data: Path, tmp_path: Path) -> None:
    run_json(capsys, "keys", "create", "--role", "viewer", "--data-dir", data)
    dump = tmp_path / "backup.jsonl"
    code, out, err = run(capsys, "dump", "-o", dump, "--data-dir", data)
    assert (code, err) == (0, "") and out.startswith(f"wrote {dump}")
    assert "纺织鞋服" in dump.read_text(encoding="utf-8")  # real characters, not \\u escapes
    restored = tmp_path / "restored"
    report = run_json(capsys, "restore", dump, "--data-dir", restored)["data"]
    assert report["replace"] is True and report["written"]["chain"]["created"] == 2
    assert rows(restored) == rows(data)
    with EmbeddedStore(restored) as store:
        store.upsert(Chain(chain_id="new", name="新链"))
    assert run_json(capsys, "restore", dump, "--merge", "--data-dir", restored)["data"]["counts"]["chain"] == 3
    code, out, _ = run(capsys, "restore", dump, "--data-dir", restored)
    assert code == 0 and out.startswith(f"restored {dump}") and rows(restored) == rows(data)


def test_restore_refuses_what_is_no_dump(capsys: Capture, data: Path, tmp_path: Path) -> None:
    before = rows(data)
    bogus = tmp_path / "bogus.jsonl"
    bogus.write_text('{"hello": 1}\n', encoding="utf-8")
    assert_error(run(capsys, "restore", bogus, "--data-dir", data), "is not a chain-graph dump")
    assert_error(run(capsys, "restore", tmp_path / "missing.jsonl", "--data-dir", data), "cannot read dump")
    assert rows(data) == before
    assert_error(run(capsys, "dump", "--data-dir", data), "-o", code=2)
