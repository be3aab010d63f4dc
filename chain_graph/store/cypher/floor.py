"""The queries of the Neo4j benchmarks: ``benchmarks/neo4j_floor.py``, the server's floor for creating
supply ties, and ``benchmarks/neo4j_report.py`` (forgetting every cached plan).

Not used by the store. For the floor: one bare ``(:FloorNode {k})`` per company, then the ties between them in
``UNWIND`` chunks that find both ends by element id, as the staged import does
(:mod:`chain_graph.store.cypher.staged`), with a choice of properties: what writing the
relationships costs the server, whatever the client does (docs/NEO4J-IMPORT.md).
"""

from __future__ import annotations

from typing import LiteralString

__all__ = ["FLOOR_IDS", "FLOOR_NODES", "FLOOR_TIES", "FLOOR_WIPE"]

# Relationships first: a DETACH DELETE of a dense node outgrows the default transaction pool.
FLOOR_WIPE: tuple[LiteralString, ...] = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS",
)
FLOOR_NODES: LiteralString = "UNWIND $keys AS k CREATE (:FloorNode {k: k})"
FLOOR_IDS: LiteralString = "MATCH (n:FloorNode) RETURN collect([n.k, elementId(n)]) AS ids"

_MATCH: LiteralString = (
    "UNWIND $rows AS row MATCH (a:FloorNode) WHERE elementId(a) = row[0] "
    "MATCH (b:FloorNode) WHERE elementId(b) = row[1] "
)
# Rows [start id, end id, product, amount, source, as_of, supplier_id, customer_id], as wide as needed.
FLOOR_TIES: dict[str, LiteralString] = {
    "none": _MATCH + "CREATE (a)-[:SUPPLIES]->(b) RETURN count(*) AS n",
    "two": _MATCH + "CREATE (a)-[:SUPPLIES {product: row[2], amount_cny_100m: row[3]}]->(b) RETURN count(*) AS n",
    "four": _MATCH + "CREATE (a)-[:SUPPLIES {product: row[2], amount_cny_100m: row[3], source: row[4], "
    "as_of: row[5]}]->(b) RETURN count(*) AS n",
    "six": _MATCH + "CREATE (a)-[:SUPPLIES {product: row[2], amount_cny_100m: row[3], source: row[4], "
    "as_of: row[5], supplier_id: row[6], customer_id: row[7]}]->(b) RETURN count(*) AS n",
}
# benchmarks/neo4j_report.py: forget every cached plan, to time planning as after a restart.
PLANS_FORGET: LiteralString = "CALL db.clearQueryCaches()"
