"""Liveness and readiness: open, no key needed."""

from __future__ import annotations

import logging

from fastapi import APIRouter

from api.deps import StoreDep
from api.errors import error_responses
from api.models import HealthPublic, ReadyPublic
from chain_graph.errors import StoreUnavailable
from chain_graph.models import Kind

log = logging.getLogger("chain_graph.api")

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic, summary="The process answers / 进程存活")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=ReadyPublic,
    responses=error_responses(503),
    summary="The store answers / 存储可用",
)
def readyz(store: StoreDep) -> dict[str, object]:
    """200 when a cheap store call succeeds; 503 (StoreUnavailable) with the error shape when not."""
    try:
        store.count(Kind.CHAIN)
    except StoreUnavailable:
        raise
    except Exception as e:  # whatever broke, the store is not ready
        log.warning("readiness check failed: %r", e)
        raise StoreUnavailable("the store does not answer") from e
    return {"status": "ready", "store": store.backend, "revision": store.revision()}
