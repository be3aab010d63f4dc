"""The display labels (Chinese and English) of every stored value: open, no key needed.

The page reads its words from here, so it shows what the CLI, the exports and Excel show
(one source: :mod:`chain_graph.labels`).
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from chain_graph.labels import as_json

router = APIRouter(tags=["health"])

_CACHE = "public, max-age=3600"


@router.get("/labels", summary="Display labels / 显示标签")
async def labels(response: Response) -> dict[str, dict[str, dict[str, str]]]:
    """``{group: {value: {"zh": …, "en": …}}}`` for stages, statuses, roles, lists, plans, events, growth."""
    response.headers["Cache-Control"] = _CACHE
    return as_json()
