"""The server's floor for the 100k city's supply ties: 1M relationships, nothing else.

    NEO4J_URI=bolt://127.0.0.1:7741 NEO4J_LOCAL_HOME=… python benchmarks/neo4j_floor.py BUNDLE [--props six]

Wipes the database, creates one bare node per company of the bundle, then creates the bundle's
supply ties between them in ``UNWIND`` chunks that find both ends by element id, as the staged
import does, with a choice of properties: ``none``; ``two`` (product, amount); ``four`` (and
source, as_of); ``six`` (and the ends' ids: what the store writes today). It prints the wall
seconds, the client's CPU and the java process's CPU (``/proc``, pid from the pid file of
``scripts/neo4j-local.sh`` under ``NEO4J_LOCAL_HOME``) for the relationships alone: what any
import of these ties through Cypher pays on that server, whatever the client does. Run it against
a server of your own on a fresh home (``scripts/neo4j-local.sh stop --clean`` between variants).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import sys
import time
from pathlib import Path
from typing import Any, LiteralString

from neo4j import GraphDatabase, ManagedTransaction

from chain_graph.store.cypher.floor import FLOOR_IDS, FLOOR_NODES, FLOOR_TIES, FLOOR_WIPE

sys.path.insert(0, str(Path(__file__).resolve().parent))
from neo4j_import import java_cpu, own_cpu, server_pid

_WIDTH = {"none": 2, "two": 4, "four": 6, "six": 8}


def tie_rows(bundle: Path, ids: dict[str, str], props: str, limit: int | None) -> list[list[Any]]:
    """``[start id, end id, product, amount, source, as_of, supplier_id, customer_id][:width]``."""
    rows: list[list[Any]] = []
    with open(bundle / "supplies.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if limit is not None and len(rows) >= limit:
                break
            amount = float(r["amount_cny_100m"]) if r["amount_cny_100m"] else None
            as_of = datetime.date.fromisoformat(r["as_of"]) if r["as_of"] else None
            row = [ids[r["supplier_id"]], ids[r["customer_id"]], r["product"] or None, amount]
            row += [r["source"] or None, as_of, r["supplier_id"], r["customer_id"]]
            rows.append(row[: _WIDTH[props]])
    return rows


def _write(tx: ManagedTransaction, query: LiteralString, rows: list[list[Any]]) -> None:
    tx.run(query, {"rows": rows}).consume()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--props", choices=sorted(FLOOR_TIES), default="six")
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--limit", type=int, help="only the first LIMIT ties")
    args = parser.parse_args()
    pid = server_pid(None)
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
    with GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver, driver.session() as session:
        for query in FLOOR_WIPE:
            session.run(query).consume()
        with open(args.bundle / "companies.csv", encoding="utf-8", newline="") as f:
            keys = [r["company_id"] for r in csv.DictReader(f)]
        for start in range(0, len(keys), 20_000):
            session.run(FLOOR_NODES, {"keys": keys[start : start + 20_000]}).consume()
        record = session.run(FLOOR_IDS).single(strict=True)
        rows = tie_rows(args.bundle, dict(record["ids"]), args.props, args.limit)
        load = os.getloadavg()[0]
        wall, cpu, server = time.perf_counter(), own_cpu(), java_cpu(pid)
        for start in range(0, len(rows), args.chunk):
            session.execute_write(_write, FLOOR_TIES[args.props], rows[start : start + args.chunk])
        wall, cpu, server = time.perf_counter() - wall, own_cpu() - cpu, java_cpu(pid) - server
    print(
        f"{len(rows)} ties, properties {args.props}, chunks of {args.chunk}: wall {wall:.1f} s, "
        f"client CPU {cpu:.1f} s, java CPU {server:.1f} s; load {load:.1f} → {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
