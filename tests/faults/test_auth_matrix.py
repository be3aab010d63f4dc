"""The auth matrix of tests/api/test_auth.py, plus what an attacker tries on every endpoint:
a key in the query string, a revoked key, a malformed key, another key's id with a wrong
secret — each one a 401 in the one error shape, nothing done."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chain_graph.keys import create_key, revoke_key
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, make_plan
from tests.api.test_auth import ENDPOINTS, _call

GROUP = "auth matrix"


def _bad_keys(world: EmbeddedStore, keys: dict[str, str]) -> dict[str, str]:
    record, revoked = create_key(world, role="admin", name="revoked")
    revoke_key(world, record.key_id)
    admin = keys["admin"]
    return {
        "revoked": revoked,
        "malformed": "cgk_not-a-key",
        "wrong-secret": admin[:-4] + ("AAAA" if not admin.endswith("AAAA") else "BBBB"),
        "empty": "",
    }


@pytest.mark.parametrize("how", ["revoked", "malformed", "wrong-secret", "empty", "query-string"])
@pytest.mark.parametrize(
    ("method", "path", "needed", "ok", "body"), ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS]
)
def test_no_valid_key_no_access(
    client: TestClient, world: EmbeddedStore, keys: dict[str, str], tmp_path: Path, how: str,
    method: str, path: str, needed: str, ok: int, body: str | None,
) -> None:  # fmt: skip
    make_plan(world)
    spare, _ = create_key(world, role="viewer", name="spare")
    target = path.replace("{spare}", spare.key_id)
    if how == "query-string":
        sep = "&" if "?" in target else "?"
        target, headers = f"{target}{sep}api_key={keys['admin']}", {}
    else:
        headers = {"X-API-Key": _bad_keys(world, keys)[how]}

    response = _call(client, method, target, body, headers, tmp_path)

    assert_error(response, 401, "unauthorized")
    assert world.find(spare.KIND, spare.key_id).revoked_at is None  # type: ignore[union-attr]
