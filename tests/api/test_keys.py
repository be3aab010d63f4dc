"""API keys: the library (hashing, revocation, the cache) and the admin endpoints."""

from __future__ import annotations

import doctest

import pytest
from fastapi.testclient import TestClient

import chain_graph.cache
import chain_graph.keys
import chain_graph.services.companies
from chain_graph.errors import InvalidInput, NotFound
from chain_graph.keys import KeyCache, authenticate, create_key, hash_secret, list_keys, revoke_key
from chain_graph.models import ApiKey, Kind
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth


def test_only_a_salted_hash_is_stored(embedded_store: EmbeddedStore) -> None:
    record, plaintext = create_key(embedded_store, role="viewer", name="只读")
    stored = embedded_store.get(Kind.API_KEY, record.key_id)
    assert isinstance(stored, ApiKey)
    secret = plaintext.split("_", 2)[2]
    scheme, salt, digest = stored.hash.split("$")
    assert scheme == "sha256" and len(salt) == 32 and len(digest) == 64
    assert secret not in stored.hash and stored.hash == hash_secret(secret, salt)
    assert hash_secret(secret) != stored.hash  # a fresh salt each time
    assert len(secret) == 43  # 32 random bytes, URL-safe base64


def test_authenticate(embedded_store: EmbeddedStore) -> None:
    record, plaintext = create_key(embedded_store, role="admin")
    assert authenticate(embedded_store, plaintext) == record
    assert authenticate(embedded_store, None) is None
    assert authenticate(embedded_store, plaintext.replace(record.key_id, "0" * 12)) is None
    other, other_plain = create_key(embedded_store, role="viewer")
    swapped = f"cgk_{record.key_id}_{other_plain.split('_', 2)[2]}"  # a real secret, on another key's id
    assert authenticate(embedded_store, swapped) is None
    revoke_key(embedded_store, record.key_id)
    assert authenticate(embedded_store, plaintext) is None
    assert authenticate(embedded_store, other_plain) == other


def test_refusals(embedded_store: EmbeddedStore) -> None:
    with pytest.raises(InvalidInput) as caught:
        create_key(embedded_store, role="root")
    assert caught.value.field == "role"
    with pytest.raises(NotFound):
        revoke_key(embedded_store, "000000000000")


def test_revoking_twice_keeps_the_first_date(embedded_store: EmbeddedStore) -> None:
    record, _ = create_key(embedded_store, role="viewer")
    first = revoke_key(embedded_store, record.key_id)
    assert revoke_key(embedded_store, record.key_id).revoked_at == first.revoked_at
    assert list_keys(embedded_store).total == 1


class _NoRevisionStore:
    """Wraps a store as Neo4j looks to the cache: no revision."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.finds = 0

    def revision(self) -> None:
        return None

    def find(self, kind: Kind, key: str) -> object:
        self.finds += 1
        return self.store.find(kind, key)


def test_the_cache_follows_the_revision(embedded_store: EmbeddedStore) -> None:
    cache = KeyCache()
    record, plaintext = create_key(embedded_store, role="planner")
    assert cache.authenticate(embedded_store, plaintext) == record
    revoke_key(embedded_store, record.key_id)
    assert cache.authenticate(embedded_store, plaintext) is None  # the revision moved: at once


def test_without_a_revision_answers_live_a_few_seconds(embedded_store: EmbeddedStore) -> None:
    store = _NoRevisionStore(embedded_store)
    cache = KeyCache(unknown_revision_ttl=5.0)
    _, plaintext = create_key(embedded_store, role="viewer")
    for _ in range(3):
        assert cache.authenticate(store, plaintext) is not None  # type: ignore[arg-type]
    assert store.finds == 1
    cache = KeyCache(unknown_revision_ttl=0.0)
    cache.authenticate(store, plaintext)  # type: ignore[arg-type]
    cache.authenticate(store, plaintext)  # type: ignore[arg-type]
    assert store.finds == 3


def test_the_cache_is_bounded(embedded_store: EmbeddedStore) -> None:
    cache = KeyCache(size=4)
    for i in range(10):
        cache.authenticate(embedded_store, f"cgk_guess{i}")
    assert len(cache._entries) == 4


def test_keys_endpoints(client: TestClient, keys: dict[str, str]) -> None:
    admin = auth(keys["admin"])
    created = client.post("/keys", json={"name": "晋江市商务局", "role": "planner"}, headers=admin)
    assert created.status_code == 201
    body = created.json()
    assert body["key"].startswith(f"cgk_{body['key_id']}_") and body["active"] is True
    listed = client.get("/keys", headers=admin)
    assert listed.json()["count"] == 4 and "晋江市商务局" in listed.text
    assert "hash" not in listed.text and "sha256$" not in listed.text and body["key"] not in listed.text
    assert client.get("/keys?limit=1", headers=admin).json()["count"] == 4
    revoked = client.delete(f"/keys/{body['key_id']}", headers=admin).json()
    assert revoked["active"] is False and revoked["revoked_at"] is not None
    assert_error(client.delete("/keys/000000000000", headers=admin), 404)
    assert_error(client.post("/keys", json={"role": "root"}, headers=admin), 422, field="role")
    assert client.post("/keys", json={}, headers=admin).json()["role"] == "viewer"


@pytest.mark.parametrize("module", [chain_graph.keys, chain_graph.cache, chain_graph.services.companies])
def test_doctests(module: object) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert tried > 0 and failures == 0
