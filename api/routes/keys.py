"""API keys (admin) and the calling key (``/me``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import AdminKey, PageDep, StoreDep, ViewerKey
from api.errors import error_responses
from api.models import KeyCreate, KeyCreated, KeyPublic, KeysPublic, MePublic
from chain_graph import keys
from chain_graph.models import ApiKey

router = APIRouter(tags=["keys"])


@router.get("/me", response_model=MePublic, responses=error_responses(401, 503), summary="The calling key / 当前密钥")
def me(key: ViewerKey) -> dict[str, Any]:
    return {"key_id": key.key_id, "name": key.name, "role": key.role}


@router.get("/keys", response_model=KeysPublic, responses=error_responses(401, 403, 422, 503), summary="List keys")
def list_keys(key: AdminKey, store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Every key, revoked ones included; never a secret or a hash."""
    found = keys.list_keys(store, offset=page.offset, limit=page.limit)
    return {"data": [KeyPublic.of(k) for k in found.items if isinstance(k, ApiKey)], "count": found.total}


@router.post(
    "/keys",
    response_model=KeyCreated,
    status_code=201,
    responses=error_responses(400, 401, 403, 422, 503),
    summary="Create a key",
)
def create_key(body: KeyCreate, key: AdminKey, store: StoreDep) -> dict[str, Any]:
    """A new key of a role; the response holds the key itself (``key``), shown this once only."""
    record, plaintext = keys.create_key(store, role=body.role, name=body.name)
    return {**KeyPublic.of(record).model_dump(), "key": plaintext}


@router.delete(
    "/keys/{key_id}",
    response_model=KeyPublic,
    responses=error_responses(401, 403, 404, 422, 503),
    summary="Revoke a key",
)
def revoke_key(key_id: Annotated[str, Path(description="key id")], key: AdminKey, store: StoreDep) -> KeyPublic:
    """Revoke the key: it stops working at once, on both stores and in every API process (each
    caches keys per store revision, and a revoke is a write). Revoking twice is harmless."""
    return KeyPublic.of(keys.revoke_key(store, key_id))
