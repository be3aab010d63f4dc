"""Relationships that bring a target in, as the API and the CLI serve them.

- :func:`company_paths`: a firm's shortest explainable paths to local firms (``chain-graph paths``,
  ``GET /companies/{id}/paths``);
- :func:`leads` / :func:`adopt_lead`: 链主 procurement leads (以商招商) and a lead turned into a
  one-to-one plan in one step, the leading firm named as its referrer (``chain-graph leads``,
  ``GET /leads``, ``POST /leads/adopt``);
- :func:`overseas_chinese_ties`: which companies have an overseas-Chinese tie through a
  membership of a 泉籍海外社团 (for event target lists with a 侨港澳台 focus).

Answers are cached by the revisions of what they read: paths by ``epoch`` and ``relations``
(companies, supplies, organisations, memberships, shareholdings), leads by ``epoch`` and ``data``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from chain_graph.analysis import AnalysisConfig
from chain_graph.analysis.leads import Lead, rank_leads
from chain_graph.analysis.status import SegmentStatus
from chain_graph.cache import RevisionCache
from chain_graph.errors import InvalidInput, NotFound
from chain_graph.facts import OverseasTie
from chain_graph.models import Company, CompanySegment, GapType, Kind, Role, Segment, TargetPlan
from chain_graph.paths import MAX_HOPS, Paths
from chain_graph.plans import create_plan
from chain_graph.services import gap_reports
from chain_graph.store import Store

__all__ = ["MAX_PATHS", "adopt_lead", "company_paths", "leads", "overseas_chinese_ties"]

MAX_PATHS = 100


def company_paths(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    company_id: str,
    *,
    max_hops: int | None = None,
    limit: int = 20,
    revs: gap_reports.Revisions | None = None,
) -> Paths:
    """The company's shortest paths to local firms, each hop with its source (NotFound if unknown)."""
    hops = config.path_max_hops if max_hops is None else max_hops
    if not 1 <= hops <= MAX_HOPS:
        raise InvalidInput(f"max_hops must lie in 1..{MAX_HOPS}, got {hops}", field="max_hops")
    if not 1 <= limit <= MAX_PATHS:
        raise InvalidInput(f"limit must lie in 1..{MAX_PATHS}, got {limit}", field="limit")
    revs = gap_reports.revisions(store) if revs is None else revs
    scope = gap_reports.scope(store, cache, config, revs)

    def compute() -> Paths:
        found = store.relation_paths([company_id], scope, max_hops=hops, limit=limit).get(company_id)
        if found is None:
            raise NotFound(f"no company with id {company_id!r}", field="company_id")
        return found

    return cache.get_or_compute(("paths", company_id, hops, limit), (revs["epoch"], revs["relations"]), compute)


def leads(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    *,
    leader_id: str | None = None,
    limit: int | None = None,
    revs: gap_reports.Revisions | None = None,
) -> list[Lead]:
    """Leads of every local leading firm (or of ``leader_id``), best first."""
    revs = gap_reports.revisions(store) if revs is None else revs
    scope = gap_reports.scope(store, cache, config, revs)
    if leader_id is not None:
        leader = store.get(Kind.COMPANY, leader_id)
        assert isinstance(leader, Company)
        local = scope.locality(leader.region, leader.local_site)[0]
        memberships = store.list(Kind.COMPANY_SEGMENT, where={"company_id": leader_id}).items
        leading = any(isinstance(m, CompanySegment) and m.role is Role.LEADING for m in memberships)
        if not (local and leading):
            raise InvalidInput(f"leader: {leader_id!r} is not a local leading firm (链主)", field="leader")

    def compute() -> list[Lead]:
        return rank_leads(store.lead_facts(scope, leader_id=leader_id), config)

    found = cache.get_or_compute(("leads", leader_id), (revs["epoch"], revs["data"]), compute)
    if limit is not None and limit < 0:
        raise InvalidInput(f"limit must be 0 or more, got {limit}", field="limit")
    return found[:limit] if limit else found


def adopt_lead(
    store: Store,
    cache: RevisionCache,
    config: AnalysisConfig,
    *,
    leader_id: str,
    company_id: str,
    unit: str,
    actor: str,
    segment_id: str | None = None,
    note: str | None = None,
    revs: gap_reports.Revisions | None = None,
    **fields: Any,
) -> TargetPlan:
    """Turn a lead into a one-to-one plan in one step: the leading firm is its referrer.

    The plan fills ``segment_id``, or the lead's segment in a chain the leader leads in (else its
    first segment); its gap type is the segment's status (a strong segment is strengthened: 强链).
    """
    revs = gap_reports.revisions(store) if revs is None else revs
    found = leads(store, cache, config, leader_id=leader_id, revs=revs)
    lead = next((x for x in found if x.company_id == company_id), None)
    if lead is None:
        raise InvalidInput(
            f"company_id: {company_id!r} is not an outside supplier or customer of {leader_id!r}", field="company_id"
        )
    segment = _segment_of(store, lead, segment_id)
    state = gap_reports.context(store, cache, config, segment.chain_id, revs).states.get(segment.segment_id)
    gap = GapType.MISSING if state is not None and state.status is SegmentStatus.MISSING else GapType.WEAK
    role = "供应商" if lead.direction == "supplier" else "客户"
    amount = f"，{lead.amount_cny_100m:g} 亿元" if lead.amount_cny_100m is not None else ""
    rationale = (
        f"以商招商：链主 {lead.leader_name} 的{role}（{lead.product or '产品未详'}{amount}）；"
        f"服务本地企业 {lead.local_firms} 家；线索得分 {lead.score:.1f} / lead referred by a leading firm"
    )
    plan_fields = {
        "company_id": company_id,
        "chain_id": segment.chain_id,
        "segment_ids": [segment.segment_id],
        "gap_type": gap,
        "rationale": rationale,
        "linked_company_ids": [leader_id],
        "referrer_id": leader_id,
        "unit": unit,
        **{k: v for k, v in fields.items() if v is not None},
    }
    return create_plan(store, actor=actor, note=note or f"由链主 {lead.leader_name} 引荐 / referred by", **plan_fields)


def _segment_of(store: Store, lead: Lead, segment_id: str | None) -> Segment:
    if segment_id is not None:
        found = store.get(Kind.SEGMENT, segment_id)
        assert isinstance(found, Segment)
        return found
    chains = {s["chain_id"] for s in lead.leader_segments}
    ordered = sorted(lead.segments, key=lambda s: (s["chain_id"] not in chains, s["segment_id"]))
    if not ordered:
        raise InvalidInput(
            f"segment_id: {lead.company_id!r} is in no segment; name the segment the plan fills", field="segment_id"
        )
    found = store.get(Kind.SEGMENT, ordered[0]["segment_id"])
    assert isinstance(found, Segment)
    return found


def overseas_chinese_ties(store: Store, company_ids: Iterable[str] | None = None) -> dict[str, list[OverseasTie]]:
    """Companies with an overseas-Chinese tie through a membership of a 泉籍海外社团 (of those named, or
    of all), each with its memberships. The ``overseas_chinese`` flag of a company is the other such tie."""
    out: dict[str, list[OverseasTie]] = defaultdict(list)
    for tie in store.overseas_ties(company_ids):
        out[tie.company_id].append(tie)
    return dict(out)
