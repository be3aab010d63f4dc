"""Relationship records (FEEDS, IN_SEGMENT, SUPPLIES, RANKED, MEMBER_OF, HOLDS_SHARES).

Relationship properties hold the whole record, ends included, so a row reads back whole.
"""

from __future__ import annotations

from typing import LiteralString

from chain_graph.models import Kind

REL_UPSERT: dict[Kind, LiteralString] = {
    Kind.SEGMENT_LINK: (
        "UNWIND $rows AS row MATCH (a:Segment {segment_id: row.from_segment_id}), "
        "(b:Segment {segment_id: row.to_segment_id}) MERGE (a)-[r:FEEDS]->(b) SET r = row"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}), "
        "(b:Segment {segment_id: row.segment_id}) MERGE (a)-[r:IN_SEGMENT]->(b) SET r = row"
    ),
    Kind.SUPPLY: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.supplier_id}), "
        "(b:Company {company_id: row.customer_id}) MERGE (a)-[r:SUPPLIES]->(b) SET r = row"
    ),
    Kind.RANKING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}), "
        "(b:RankingList {list_id: row.list_id}) MERGE (a)-[r:RANKED {year: row.year}]->(b) SET r = row"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}), "
        "(b:Organisation {organisation_id: row.organisation_id}) MERGE (a)-[r:MEMBER_OF]->(b) SET r = row"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.holder_id}), "
        "(b:Company {company_id: row.company_id}) MERGE (a)-[r:HOLDS_SHARES]->(b) SET r = row"
    ),
}

# A relationship the batch plan knows to be new is created without MERGE's look-up.
REL_CREATE: dict[Kind, LiteralString] = {
    Kind.SEGMENT_LINK: (
        "UNWIND $rows AS row MATCH (a:Segment {segment_id: row.from_segment_id}) "
        "MATCH (b:Segment {segment_id: row.to_segment_id}) CREATE (a)-[r:FEEDS]->(b) SET r = row"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}) "
        "MATCH (b:Segment {segment_id: row.segment_id}) CREATE (a)-[r:IN_SEGMENT]->(b) SET r = row"
    ),
    Kind.SUPPLY: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.supplier_id}) "
        "MATCH (b:Company {company_id: row.customer_id}) CREATE (a)-[r:SUPPLIES]->(b) SET r = row"
    ),
    Kind.RANKING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}) "
        "MATCH (b:RankingList {list_id: row.list_id}) CREATE (a)-[r:RANKED]->(b) SET r = row"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.company_id}) "
        "MATCH (b:Organisation {organisation_id: row.organisation_id}) CREATE (a)-[r:MEMBER_OF]->(b) SET r = row"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $rows AS row MATCH (a:Company {company_id: row.holder_id}) "
        "MATCH (b:Company {company_id: row.company_id}) CREATE (a)-[r:HOLDS_SHARES]->(b) SET r = row"
    ),
}


REL_GET_MANY: dict[Kind, LiteralString] = {
    Kind.SEGMENT_LINK: (
        "UNWIND $keys AS k MATCH (:Segment {segment_id: k[0]})-[r:FEEDS]->(:Segment {segment_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:IN_SEGMENT]->(:Segment {segment_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
    Kind.SUPPLY: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:SUPPLIES]->(:Company {company_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
    Kind.RANKING: (
        "UNWIND $keys AS k MATCH (c:Company {company_id: k[2]}) USING INDEX c:Company(company_id) "
        "MATCH (c)-[r:RANKED {year: k[1]}]->(:RankingList {list_id: k[0]}) RETURN properties(r) AS p"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:MEMBER_OF]->"
        "(:Organisation {organisation_id: k[1]}) RETURN properties(r) AS p"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:HOLDS_SHARES]->(:Company {company_id: k[1]}) "
        "RETURN properties(r) AS p"
    ),
}

REL_DELETE: dict[Kind, LiteralString] = {
    Kind.SEGMENT_LINK: (
        "UNWIND $keys AS k MATCH (:Segment {segment_id: k[0]})-[r:FEEDS]->(:Segment {segment_id: k[1]}) DELETE r"
    ),
    Kind.COMPANY_SEGMENT: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:IN_SEGMENT]->(:Segment {segment_id: k[1]}) DELETE r"
    ),
    Kind.SUPPLY: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:SUPPLIES]->(:Company {company_id: k[1]}) DELETE r"
    ),
    Kind.RANKING: (
        "UNWIND $keys AS k MATCH (c:Company {company_id: k[2]}) USING INDEX c:Company(company_id) "
        "MATCH (c)-[r:RANKED {year: k[1]}]->(:RankingList {list_id: k[0]}) DELETE r"
    ),
    Kind.MEMBERSHIP: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:MEMBER_OF]->"
        "(:Organisation {organisation_id: k[1]}) DELETE r"
    ),
    Kind.SHAREHOLDING: (
        "UNWIND $keys AS k MATCH (:Company {company_id: k[0]})-[r:HOLDS_SHARES]->(:Company {company_id: k[1]}) DELETE r"
    ),
}

# Relationship records that hang on one node (to be deleted along with it); the far end is
# labelled so that a staged import's relationships are not among them.
RELATIONS_OF: dict[Kind, LiteralString] = {
    Kind.SEGMENT: (
        "MATCH (:Segment {segment_id: $id})-[r:FEEDS|IN_SEGMENT]-(:Segment|Company) "
        "RETURN type(r) AS type, properties(r) AS p"
    ),
    Kind.COMPANY: (
        "MATCH (:Company {company_id: $id})-[r:IN_SEGMENT|SUPPLIES|RANKED|MEMBER_OF|HOLDS_SHARES]-"
        "(:Segment|Company|RankingList|Organisation) RETURN type(r) AS type, properties(r) AS p"
    ),
    Kind.ORGANISATION: (
        "MATCH (:Organisation {organisation_id: $id})<-[r:MEMBER_OF]-(:Company) "
        "RETURN type(r) AS type, properties(r) AS p"
    ),
}
