"""What the CLI shows, as plain JSON-ready data: chains, one chain's segments, store counts.

These functions read a :class:`~chain_graph.store.base.Store` and return dicts and lists
that the CLI prints (as tables or as JSON); they hold no printing and no argparse, so the API
can serve the same views. Locality comes from :mod:`chain_graph.locality`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar, cast

from chain_graph import labels
from chain_graph.errors import NotFound
from chain_graph.facts import LocalScope
from chain_graph.models import Chain, Company, CompanySegment, Kind, Record, Role, Segment, Stage
from chain_graph.provenance import is_illustrative
from chain_graph.store.base import Store

__all__ = ["chain_detail", "chain_summaries", "store_counts"]

R = TypeVar("R", bound=Record)


def _all(store: Store, model: type[R], **where: Any) -> list[R]:
    """Every record of a model's kind (that matches ``where``), typed as that model."""
    return cast(list[R], store.list(model.KIND, where=where or None).items)


def chain_summaries(store: Store, *, home_region: str) -> list[dict[str, Any]]:
    """Every chain with its number of segments, companies and local firms (counted in the store)."""
    from chain_graph.cache import RevisionCache
    from chain_graph.services import chains

    return chains.chain_summaries(store, RevisionCache(), home_region)


def store_counts(store: Store, *, home_region: str) -> dict[str, int]:
    """Records of each kind in the store, and how many companies are local."""
    from chain_graph.cache import RevisionCache
    from chain_graph.services import chains

    counts = dict(store.stats())
    counts["local_company"] = store.count_local(chains.local_scope(store, RevisionCache(), home_region))
    return counts


def chain_detail(store: Store, chain_id: str, *, home_region: str, limit: int | None = None) -> dict[str, Any]:
    """One chain's segments by stage, each with its local firms (leading firms first).

    ``limit`` caps the firms listed per segment (``local_count`` always tells the total). Each
    segment's members are read from the store segment by segment (as ``GET /segments/{id}``
    reads them): the chain's size, never the city's, and no copy of its supply ties.
    Raises :class:`~chain_graph.errors.NotFound` for an unknown chain.
    """
    from chain_graph.cache import RevisionCache
    from chain_graph.services import chains

    try:
        chain = store.get(Kind.CHAIN, chain_id)
    except NotFound:
        raise NotFound(f"no chain with id {chain_id!r}", field="chain_id") from None  # as the other chain commands
    assert isinstance(chain, Chain)
    scope = chains.local_scope(store, RevisionCache(), home_region)
    segments = _all(store, Segment, chain_id=chain_id)
    stages = []
    for stage in Stage:
        in_stage = [s.to_row() for s in segments if s.stage is stage]
        rows = [_segment_view(store, seg, depth, scope, limit) for seg, depth in _tree_order(in_stage)]
        stages.append({"stage": stage.value, "label": labels.zh("stage", stage), "segments": rows})
    return {
        "chain_id": chain_id,
        "name": chain.name,
        "description": chain.description,
        "home_region": home_region,
        "segments": len(segments),
        "stages": stages,
    }


def _tree_order(segments: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Segments in id order, each followed by its sub-segments, with their nesting depth."""
    ids = {s["segment_id"] for s in segments}
    children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for seg in sorted(segments, key=lambda s: s["segment_id"]):
        children[seg["parent_id"] if seg["parent_id"] in ids else None].append(seg)
    ordered: list[tuple[dict[str, Any], int]] = []

    def visit(parent: str | None, depth: int) -> None:
        for seg in children.get(parent, []):
            ordered.append((seg, depth))
            visit(seg["segment_id"], depth + 1)

    visit(None, 0)
    return ordered


def _segment_view(
    store: Store, seg: dict[str, Any], depth: int, scope: LocalScope, limit: int | None
) -> dict[str, Any]:
    members = store.segment_members(seg["segment_id"])
    places = [(c, m, scope.locality(c.region, c.local_site)) for m, c in members]
    local = [(c, m, county) for c, m, (is_local, county, _) in places if is_local]
    local.sort(key=lambda cm: (cm[1].role != Role.LEADING, -(cm[0].revenue_cny_100m or 0), cm[0].name))
    shown = local if limit is None else local[:limit]
    return {
        "segment_id": seg["segment_id"],
        "name": seg["name"],
        "parent_id": seg["parent_id"],
        "depth": depth,
        "companies": len(members),
        "local_count": len(local),
        "local_leading": sum(1 for _, m, _ in local if m.role == Role.LEADING),
        "local_firms": [_firm(c, m, county, scope) for c, m, county in shown],
    }


def _firm(company: Company, member: CompanySegment, county: str | None, scope: LocalScope) -> dict[str, Any]:
    return {
        "company_id": company.company_id,
        "name": company.name,
        "short_name": company.short_name,
        "illustrative": is_illustrative(company.name, source=company.source),
        "role": member.role.value,
        "leading": member.role == Role.LEADING,
        "county": county,
        "county_name": scope.counties.get(county) if county is not None else None,
        "local_site": bool(company.local_site),
        "revenue_cny_100m": company.revenue_cny_100m,
    }
