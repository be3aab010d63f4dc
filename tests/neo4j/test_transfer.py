"""Moving data between the stores loses nothing; dumps restore into either store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chain_graph.errors import InvalidInput
from chain_graph.models import Kind
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from chain_graph.transfer import copy_store, dump_store, read_dump, restore_dump
from tests.factories import plan, plan_event, small_world


def _everything(store) -> dict:  # type: ignore[no-untyped-def]
    return {kind: store.list(kind).items for kind in Kind}


def _graphs(store) -> dict:  # type: ignore[no-untyped-def]
    out = {}
    for chain in store.list(Kind.CHAIN):
        g = store.chain_subgraph(chain.chain_id)
        out[chain.chain_id] = (
            sorted((n, sorted(d.items())) for n, d in g.nodes(data=True)),
            sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True)),
        )
    return out


@pytest.fixture
def full(embedded_store: EmbeddedStore) -> EmbeddedStore:
    embedded_store.apply(Batch(upserts=[*small_world(), plan(), plan_event(), plan_event(seq=2, action="edit")]))
    return embedded_store


def test_copy_embedded_to_neo4j_and_back_loses_nothing(full, neo4j_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy_store(full, neo4j_store)
    assert _everything(neo4j_store) == _everything(full)
    back = EmbeddedStore(tmp_path / "back")
    try:
        copy_store(neo4j_store, back)
        assert _everything(back) == _everything(full)
        assert _graphs(back) == _graphs(full) == _graphs(neo4j_store)
    finally:
        back.close()


def test_copy_replaces_what_the_target_held(full, neo4j_store) -> None:  # type: ignore[no-untyped-def]
    from chain_graph.models import Chain

    neo4j_store.upsert(Chain(chain_id="stale", name="旧链"))
    copy_store(full, neo4j_store)
    assert neo4j_store.find(Kind.CHAIN, "stale") is None


def test_dump_restores_into_the_other_store_and_dumps_equal(full, neo4j_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    dump_store(full, first)
    restore_dump(neo4j_store, first)
    dump_store(neo4j_store, second)
    body = lambda p: p.read_text(encoding="utf-8").splitlines()[1:]  # noqa: E731 - header differs (time, backend)
    assert body(first) == body(second)
    assert "纺织鞋服" in first.read_text(encoding="utf-8")  # real characters, not escapes
    header = json.loads(first.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "chain-graph-dump" and header["version"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("hello\n", "not a chain-graph dump"),
        ('{"format": "other"}\n', "not a chain-graph dump"),
        ('{"format": "chain-graph-dump", "version": 99}\n', "newer"),
        ('{"format": "chain-graph-dump", "version": 1}\n{"kind": "chain", "data": {"chain_id": "x"}}\n', "line 2"),
        ('{"format": "chain-graph-dump", "version": 1}\n{"kind": "spaceship", "data": {}}\n', "line 2"),
    ],
)
def test_bad_dumps_are_refused_and_nothing_written(embedded_store, tmp_path: Path, content: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    embedded_store.apply(Batch(upserts=small_world()))
    before = _everything(embedded_store)
    with pytest.raises(InvalidInput, match=message):
        restore_dump(embedded_store, path)
    assert _everything(embedded_store) == before


def test_read_dump_of_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot read dump"):
        read_dump(tmp_path / "nope.jsonl")
