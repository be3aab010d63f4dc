"""A client killed in the middle of a Neo4j import leaves no partial data behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from chain_graph.models import Chain, Kind

CHILD = textwrap.dedent(
    """
    import os, time
    from pydantic import SecretStr
    from chain_graph.config import get_settings
    from chain_graph.store import neo4j as neo, neo4j_records
    from chain_graph.store.base import Batch
    from chain_graph.models import Company, Supply
    real_write = neo4j_records.write_plan
    def write_then_hang(tx, plan):
        real_write(tx, plan)            # every row is in the open transaction ...
        print("writing", flush=True)
        time.sleep(120)                 # ... and the client dies before the commit
    neo4j_records.write_plan = write_then_hang
    settings = get_settings(neo4j_password=SecretStr(os.environ.get("NEO4J_PASSWORD", "chain-graph-test")))
    store = neo.open_neo4j_store(settings)
    companies = [Company(company_id=f"c{i}", name=f"企业{i}") for i in range(3000)]
    ties = [Supply(supplier_id=f"c{i}", customer_id=f"c{(i + 1) % 3000}") for i in range(3000)]
    store.apply(Batch(upserts=companies + ties))
    """
)


def test_killed_client_leaves_nothing(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    neo4j_store.upsert(Chain(chain_id="keep", name="保留"))
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    deadline = time.monotonic() + 15
    while True:  # the server notices the dropped connection and rolls back
        stats = neo4j_store.stats()
        if stats["company"] == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert stats["company"] == 0 and stats["supply"] == 0
    assert neo4j_store.get(Kind.CHAIN, "keep").name == "保留"
