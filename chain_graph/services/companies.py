"""Company search (simplified or traditional Chinese) and the company page's data."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chain_graph.cache import RevisionCache
from chain_graph.models import RANKING_LISTS, Company, CompanySegment, Kind, Ranking, Segment, Supply
from chain_graph.search_rank import rank_company_hits
from chain_graph.services.chains import company_locality, regions
from chain_graph.services.gap_reports import Revisions
from chain_graph.store import Store

__all__ = ["company_detail", "public_company", "search", "spellings"]

MAX_HITS = 2000  # a search names at most this many companies (count included)


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc  # a compiled dictionary: loaded on the first search

    return opencc.OpenCC(config)


def spellings(text: str) -> list[str]:
    """The text as typed, in simplified and in traditional characters (mainland and Taiwan
    and Hong Kong standards, which differ: 臺 / 台), distinct, in that order.

    >>> spellings("台積電")
    ['台積電', '台积电', '臺積電']
    >>> spellings("台积电")
    ['台积电', '臺積電', '台積電']
    >>> spellings("ANTA")
    ['ANTA']
    """
    text = text.strip()
    out = [text, *(_converter(config).convert(text) for config in ("t2s", "s2t", "s2hk"))]
    return list(dict.fromkeys(s for s in out if s))


def search(store: Store, text: str) -> list[Company]:
    """Companies found by full name, short name, alias, USCC or id, in any spelling; best first."""
    variants = spellings(text)
    found: dict[str, Company] = {}
    for variant in variants:
        for company in store.search_companies(variant, limit=MAX_HITS):  # type: ignore[attr-defined]
            assert isinstance(company, Company)
            found.setdefault(company.company_id, company)
    return rank_company_hits(found.values(), [v.casefold() for v in variants], MAX_HITS)


def public_company(
    company: Company, store: Store, cache: RevisionCache, home_region: str, revs: Revisions | None = None
) -> dict[str, Any]:
    return {**company.to_row(), **company_locality(company, regions(store, cache, revs), home_region)}


def company_detail(
    store: Store, cache: RevisionCache, home_region: str, company_id: str, revs: Revisions | None = None
) -> dict[str, Any]:
    """A company with its segments, supply ties (both ways) and ranking entries."""
    company = store.get(Kind.COMPANY, company_id)
    assert isinstance(company, Company)
    by_region = regions(store, cache, revs)
    memberships: list[CompanySegment] = store.list(Kind.COMPANY_SEGMENT, where={"company_id": company_id}).items  # type: ignore[assignment]
    segments = store.lookup_many(Kind.SEGMENT, [(m.segment_id,) for m in memberships])
    out_ties: list[Supply] = store.list(Kind.SUPPLY, where={"supplier_id": company_id}).items  # type: ignore[assignment]
    in_ties: list[Supply] = store.list(Kind.SUPPLY, where={"customer_id": company_id}).items  # type: ignore[assignment]
    others = store.lookup_many(Kind.COMPANY, [(t.customer_id,) for t in out_ties] + [(t.supplier_id,) for t in in_ties])
    rankings: list[Ranking] = store.list(Kind.RANKING, where={"company_id": company_id}).items  # type: ignore[assignment]
    plans = store.list(Kind.TARGET_PLAN, where={"company_id": company_id}).items

    def segment_row(m: CompanySegment) -> dict[str, Any]:
        seg = segments.get((m.segment_id,))
        assert seg is None or isinstance(seg, Segment)
        return {
            "segment_id": m.segment_id,
            "segment_name": seg.name if seg else None,
            "chain_id": seg.chain_id if seg else None,
            "stage": seg.stage if seg else None,
            **m.to_row(),
        }

    def tie_row(tie: Supply, other_id: str, direction: str) -> dict[str, Any]:
        other = others.get((other_id,))
        local = company_locality(other, by_region, home_region)["local"] if isinstance(other, Company) else None
        return {
            "company_id": other_id,
            "name": other.name if isinstance(other, Company) else None,
            "direction": direction,
            "local": local,
            "product": tie.product,
            "amount_cny_100m": tie.amount_cny_100m,
            "source": tie.source,
            "as_of": tie.as_of,
        }

    return {
        **public_company(company, store, cache, home_region, revs),
        "segments": [segment_row(m) for m in memberships],
        "ties": [tie_row(t, t.customer_id, "supplies_to") for t in out_ties]
        + [tie_row(t, t.supplier_id, "buys_from") for t in in_ties],
        "rankings": [
            {**r.to_row(), "list_name": RANKING_LISTS[r.list_id].name}
            for r in sorted(rankings, key=lambda r: (r.list_id, -r.year))
        ],
        "plans": [p.key[0] for p in plans],
    }
