"""One company search ranking (chain_graph.search_rank) used by both stores and the service.

The firms are named so that the ranking order (exact, prefix, contained) is not the id order nor
the order they were written in: a store or a service that ranked by anything else fails here.
"""

from __future__ import annotations

from chain_graph.models import Company
from chain_graph.search_rank import rank_company_hits
from chain_graph.services.companies import search
from chain_graph.store.base import Batch

# id order: a, b, c, d; ranking for "星光": d (exact alias), c (name starts with it), then the two
# that only contain it, by id: a, b.
FIRMS = [
    Company(company_id="a-contains", name="晋江新星光纺织有限公司"),
    Company(company_id="b-contains", name="泉州市星光照明（示例）", short_name="明星光"),
    Company(company_id="c-prefix", name="星光电子科技有限公司"),
    Company(company_id="d-exact", name="福建某某集团", aliases=("星光",)),
    Company(company_id="e-other", name="无关企业"),
]
RANKED = ["d-exact", "c-prefix", "a-contains", "b-contains"]


def test_the_rule_orders_exact_prefix_contained_then_by_id() -> None:
    assert [c.company_id for c in rank_company_hits(reversed(FIRMS[:4]), "星光", limit=10)] == RANKED
    assert [c.company_id for c in rank_company_hits(FIRMS[:4], "星光", limit=2)] == RANKED[:2]
    assert [c.company_id for c in rank_company_hits(FIRMS[:4], ["无此名", "星光"], limit=10)] == RANKED


def test_each_store_ranks_its_hits_by_the_rule(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=FIRMS))
    assert [c.company_id for c in store.search_companies("星光")] == RANKED
    assert [c.company_id for c in store.search_companies("星光", limit=2)] == RANKED[:2]


def test_the_service_ranks_every_spelling_by_the_rule(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=FIRMS))
    assert [c.company_id for c in search(store, "星光")] == RANKED
    assert [c.company_id for c in search(store, "星光電子")] == ["c-prefix"]  # traditional input, simplified data
