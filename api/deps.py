"""Dependencies of the routes, as ``Annotated`` aliases: the store, settings, caches, the caller's key.

Dependencies that only read ``app.state`` or the request are ``async`` (no thread hop); the
ones that touch the store are plain functions, which FastAPI runs in its thread pool, so a
slow store call (a Neo4j round trip, a long import holding the embedded store's lock) never
blocks the event loop. The store comes through its :class:`~api.store_gate.StoreGate`: while
it is down a request is answered 503 at once, before it takes a thread.

``require(role)`` gives the calling key (``CurrentKey``) when its role is at least ``role``;
no key or an unknown or revoked one is a 401, a role too low a 403. The key comes from
``X-API-Key: <key>`` or ``Authorization: Bearer <key>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from api.store_gate import StoreGate
from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import AppraisalConfig
from chain_graph.cache import RevisionCache
from chain_graph.config import Settings
from chain_graph.keys import KeyCache, role_allows
from chain_graph.models import ApiKey, KeyRole, RankingListId
from chain_graph.services.gap_reports import Revisions, revisions
from chain_graph.store import Store

__all__ = [
    "AppraisalConfigDep",
    "CacheDep",
    "ConfigDep",
    "CurrentKey",
    "Pagination",
    "PlannerKey",
    "RevisionsDep",
    "AdminKey",
    "SettingsDep",
    "StoreDep",
    "StoreGateDep",
    "ViewerKey",
    "require",
]

MAX_LIMIT = 500


async def get_store_gate(request: Request) -> StoreGate:
    return request.app.state.store_gate  # type: ignore[no-any-return]


async def get_store(request: Request) -> Store:
    """The store, or StoreUnavailable (503) at once while it is down."""
    gate: StoreGate = request.app.state.store_gate
    return await gate.store()


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_cache(request: Request) -> RevisionCache:
    return request.app.state.cache  # type: ignore[no-any-return]


async def get_config(request: Request) -> AnalysisConfig:
    return request.app.state.analysis_config  # type: ignore[no-any-return]


async def get_appraisal_config(request: Request) -> AppraisalConfig:
    return request.app.state.appraisal_config  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]


def get_revisions(store: StoreDep) -> Revisions:
    """The store's named revisions, read once per request (FastAPI keeps a dependency's answer for
    the request): the key check and every service the route calls read this one answer."""
    return revisions(store)


RevisionsDep = Annotated[Revisions, Depends(get_revisions)]
StoreGateDep = Annotated[StoreGate, Depends(get_store_gate)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
CacheDep = Annotated[RevisionCache, Depends(get_cache)]
ConfigDep = Annotated[AnalysisConfig, Depends(get_config)]
AppraisalConfigDep = Annotated[AppraisalConfig, Depends(get_appraisal_config)]

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="the API key (cgk_…)")
_bearer = HTTPBearer(auto_error=False, description="the API key as a bearer token")


async def _presented_key(
    api_key: Annotated[str | None, Depends(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    return api_key or (bearer.credentials if bearer else None)


def require(role: KeyRole) -> Callable[..., ApiKey]:
    """A dependency that returns the calling key if its role is at least ``role``."""

    def current_key(
        request: Request,
        store: StoreDep,
        revs: RevisionsDep,
        presented: Annotated[str | None, Depends(_presented_key)],
    ) -> ApiKey:
        if not presented:
            raise ApiError(
                401,
                "an API key is required: send X-API-Key or Authorization: Bearer",
                field="X-API-Key",
                headers={"WWW-Authenticate": "Bearer"},
            )
        keys: KeyCache = request.app.state.key_cache
        key = keys.authenticate(store, presented, revision=revs["any"])
        if key is None:
            raise ApiError(401, "unknown or revoked API key", field="X-API-Key", headers={"WWW-Authenticate": "Bearer"})
        if not role_allows(key.role, role):
            raise ApiError(403, f"this needs a {role.value} key; yours is {key.role.value}", field="X-API-Key")
        request.state.key = key
        return key

    current_key.__name__ = f"require_{role.value}"
    return current_key


ViewerKey = Annotated[ApiKey, Depends(require(KeyRole.VIEWER))]
PlannerKey = Annotated[ApiKey, Depends(require(KeyRole.PLANNER))]
AdminKey = Annotated[ApiKey, Depends(require(KeyRole.ADMIN))]
CurrentKey = ViewerKey


class Pagination:
    """``offset`` and ``limit`` of a list page."""

    def __init__(self, offset: int = 0, limit: int = 50) -> None:
        self.offset = offset
        self.limit = limit

    def slice(self, items: list) -> list:  # type: ignore[type-arg]
        return items[self.offset : self.offset + self.limit]


async def pagination(
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="matches to skip")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")] = 50,
) -> Pagination:
    return Pagination(offset, limit)


PageDep = Annotated[Pagination, Depends(pagination)]


@dataclass(frozen=True)
class CandidateFilters:
    """The filters of a candidate list, normalized (they also key the cache)."""

    segment_id: str | None = None
    lists: tuple[str, ...] | None = None
    country: str | None = None
    min_score: float | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "segment_id": self.segment_id,
            "lists": self.lists,
            "country": self.country,
            "min_score": self.min_score,
        }


async def candidate_filters(
    segment_id: Annotated[
        str | None, Query(max_length=64, description="one segment (default: every missing or weak one)")
    ] = None,
    list_: Annotated[
        list[RankingListId] | None, Query(alias="list", description="ranked on any of these lists")
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO country code")] = None,
    min_score: Annotated[float | None, Query(ge=0, le=100, description="score floor (0..100)")] = None,
) -> CandidateFilters:
    lists = tuple(sorted({v.value for v in list_})) if list_ else None
    return CandidateFilters(segment_id, lists, country.upper() if country else None, min_score)


CandidateFiltersDep = Annotated[CandidateFilters, Depends(candidate_filters)]


def actor_of(key: ApiKey) -> str:
    """Who a plan change is recorded as: the key's name, or its id."""
    return key.name or f"key:{key.key_id}"
