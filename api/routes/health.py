"""Liveness and readiness: open, no key needed.

Both are ``async`` and reach the store only through its gate, so neither ever waits for a
worker thread behind data requests: ``/healthz`` touches no store and answers while the
thread pool is full of requests waiting on a dead server; ``/readyz`` answers 503 within about
1.5 s however the store fails (see :mod:`api.store_gate`).
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreGateDep
from api.errors import error_responses
from api.models import HealthPublic, ReadyPublic

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic, summary="The process answers / 进程存活")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=ReadyPublic,
    responses=error_responses(503),
    summary="The store answers / 存储可用",
)
async def readyz(gate: StoreGateDep) -> dict[str, object]:
    """200 when a cheap store call succeeds; 503 (``store_unavailable``, with Retry-After) when not."""
    return await gate.ready()
