"""Every router of the API, one per resource, collected in :data:`api_router`."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import (
    analysis,
    chains,
    companies,
    events,
    excel,
    exports,
    graph,
    growth,
    health,
    imports,
    keys,
    kpis,
    labels,
    parks,
    plans,
    regions,
    relations,
    reports,
    segments,
)

__all__ = ["api_router"]

api_router = APIRouter()
ROUTERS = (
    health, labels, keys, chains, graph, analysis, segments, regions, companies, plans, parks, relations, kpis, imports,
    excel, exports, reports, growth, events,
)  # fmt: skip
for module in ROUTERS:
    api_router.include_router(module.router)
