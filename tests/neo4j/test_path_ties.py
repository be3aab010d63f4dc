"""The path walk's onward read on Neo4j leaves out ties to local firms (the walk never goes on
through a local firm: its paths end there, found by the nearest-local read), and keeps every
other tie of the frontier, organisations' included."""

from __future__ import annotations

from neo4j import READ_ACCESS

from chain_graph.config import get_settings
from chain_graph.facts import LocalScope
from chain_graph.models import Company, Membership, Organisation, Region, Supply
from chain_graph.store.base import Batch
from chain_graph.store.neo4j import Neo4jStore
from chain_graph.store.neo4j_relations import _neighbours
from tests.factories import regions


def test_the_onward_read_leaves_out_the_ties_to_local_firms(neo4j_store: Neo4jStore, neo4j_driver: object) -> None:
    records = [
        *regions(),
        Company(company_id="far", name="外地甲", region="330000"),
        Company(company_id="far2", name="外地乙", region="330000"),
        Company(company_id="near", name="本地丙", region="350582"),
        Company(company_id="site", name="外地有本地厂", region="330000", local_site=True),
        Organisation(organisation_id="club", name="某商会", kind="chamber"),
        Supply(supplier_id="far", customer_id="near"),  # to a local firm: left out
        Supply(supplier_id="site", customer_id="far"),  # from a firm local by its site: left out
        Supply(supplier_id="far2", customer_id="far"),  # kept
        Membership(company_id="far", organisation_id="club"),  # kept (an organisation is never local)
        Membership(company_id="near", organisation_id="club"),  # from the organisation to a local firm: out
        Membership(company_id="far2", organisation_id="club"),  # kept
    ]
    neo4j_store.apply(Batch(upserts=records))
    scope = LocalScope.of("350500", [r for r in records if isinstance(r, Region)])

    with neo4j_driver.session(database=get_settings().neo4j_database, default_access_mode=READ_ACCESS) as session:  # type: ignore[attr-defined]
        edges, nodes = session.execute_read(lambda tx: _neighbours(tx, scope)(["company:far", "organisation:club"]))

    ties = sorted((e.relation, e.start, e.end) for e in edges)
    assert ties == [
        ("member_of", "company:far", "organisation:club"),
        ("member_of", "company:far2", "organisation:club"),
        ("supplies", "company:far2", "company:far"),
    ]
    assert not any(n.local for n in nodes.values())
