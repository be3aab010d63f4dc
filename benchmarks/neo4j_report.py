"""Where a cold gap report's time goes on Neo4j: per statement, per phase, client and server CPU.

Usage (the store's settings from the environment, as ``chain-graph`` reads them)::

    NEO4J_URI=bolt://127.0.0.1:7712 NEO4J_USER=neo4j NEO4J_PASSWORD=... \\
        python benchmarks/neo4j_report.py CHAIN [--runs 7] [--pid JAVA_PID] [--plan]

Runs ``--runs`` cold gap reports (an empty cache each, as ``benchmarks/scale.py`` does) and prints,
for the median run, every statement in order with the client's wall time from ``run`` to its last
record, and the server's ``result_available_after`` (first record: planning, or a cached plan, and
the work up to it) and ``result_consumed_after`` (the rest); then per run the wall, the client's
CPU (``getrusage``), the server's CPU (``/proc/PID/stat`` of the java process, with ``--pid``),
the time reading the facts (``chain_facts``, or ``report_inputs`` where the scope and plans come
with them) and in the pure analysis. With ``--plan``, after ``db.clearQueryCaches()``, how long
the server takes to plan each statement of a report (``EXPLAIN``, one per statement) — what the
first report after a restart pays. The last line is the whole result as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Result
from neo4j._sync.work.transaction import TransactionBase

from chain_graph.analysis import AnalysisConfig
from chain_graph.cache import RevisionCache
from chain_graph.config import get_settings
from chain_graph.services import gap_reports
from chain_graph.store import cypher, open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from neo4j_import import java_cpu, own_cpu, server_pid

HOME = "350500"
_NAMES = {v: k for k, v in vars(cypher).items() if isinstance(v, str) and k.isupper()}


class Recorder:
    """Every statement a transaction runs: its name, the client's time to its last record, the
    server's first-record and consumed times (ms)."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._run = TransactionBase.run

    def install(self) -> None:
        original, rows = self._run, self.rows

        def run(tx: Any, query: Any, parameters: Any = None, **kwargs: Any) -> Result:
            started = time.perf_counter()
            result = original(tx, query, parameters, **kwargs)
            result._buffer_all()  # every record read now, kept for the caller
            meta = result._metadata
            rows.append({
                "statement": _NAMES.get(str(query), str(query)[:48]),
                "client_ms": (time.perf_counter() - started) * 1000,
                "available_ms": meta.get("t_first"),
                "consumed_ms": meta.get("t_last"),
                "records": len(result._record_buffer),
            })  # fmt: skip
            return result

        TransactionBase.run = run  # type: ignore[method-assign]


def _phases() -> dict[str, float]:
    """Time spent in chain_facts and in the analysis, accumulated by wrapping them."""
    from chain_graph.services import gap_reports as services

    spent = {"facts_ms": 0.0, "context_ms": 0.0, "gaps_ms": 0.0}

    services.chain_context = _adding(spent, "context_ms", services.chain_context)  # type: ignore[attr-defined]
    services.chain_gaps = _adding(spent, "gaps_ms", services.chain_gaps)  # type: ignore[attr-defined]
    return spent


def _adding(spent: dict[str, float], name: str, work: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            spent[name] += (time.perf_counter() - started) * 1000

    return wrapper


def measure(store: Any, chain_id: str, runs: int, pid: int | None) -> dict[str, Any]:
    config = AnalysisConfig(home_region=HOME)
    recorder = Recorder()
    recorder.install()
    spent = _phases()
    for name in ("chain_facts", "report_inputs"):  # the facts' read (with the scope and plans, if together)
        if hasattr(store, name):
            setattr(store, name, _adding(spent, "facts_ms", getattr(store, name)))
    out: list[dict[str, Any]] = []
    for _ in range(runs):
        recorder.rows.clear()
        for name in spent:
            spent[name] = 0.0
        cpu, java, started = own_cpu(), java_cpu(pid), time.perf_counter()
        gap_reports.gaps(store, RevisionCache(), config, chain_id)
        out.append({
            "wall_ms": (time.perf_counter() - started) * 1000, "client_cpu_ms": (own_cpu() - cpu) * 1000,
            "java_cpu_ms": (java_cpu(pid) - java) * 1000, **spent, "statements": list(recorder.rows),
        })  # fmt: skip
    return {"runs": out}


def _statements(store: Any, chain_id: str) -> list[tuple[str, Any]]:
    """Every statement one cold report runs, with its parameters, in order, once each."""
    config = AnalysisConfig(home_region=HOME)
    seen: dict[str, Any] = {}
    original = TransactionBase.run

    def run(tx: Any, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        seen.setdefault(str(query), parameters)
        return original(tx, query, parameters, **kwargs)

    TransactionBase.run = run  # type: ignore[method-assign]
    try:
        gap_reports.gaps(store, RevisionCache(), config, chain_id)
    finally:
        TransactionBase.run = original  # type: ignore[method-assign]
    return list(seen.items())


def plan_times(store: Any, chain_id: str) -> list[dict[str, Any]]:
    """EXPLAIN each statement of one report after clearing the query caches: planning alone."""
    from chain_graph.store.cypher.floor import PLANS_FORGET

    statements = _statements(store, chain_id)
    driver = store._driver  # a benchmark looks inside
    driver.execute_query(PLANS_FORGET)
    out = []
    for query, params in statements:
        started = time.perf_counter()
        driver.execute_query("EXPLAIN " + query, params or {})
        out.append({"statement": _NAMES.get(query, query[:48]), "plan_ms": (time.perf_counter() - started) * 1000})
    return out


def _operators(plan: Any, depth: int = 0) -> list[tuple[int, str, int, int]]:
    rows = [(depth, plan.get("operatorType", "?"), int(plan.get("dbHits", 0)), int(plan.get("rows", 0)))]
    for child in plan.get("children", []):
        rows += _operators(child, depth + 1)
    return rows


def profiles(store: Any, chain_id: str) -> None:
    """PROFILE each statement of one report (its plan cached already): db hits and rows per operator."""
    driver = store._driver  # a benchmark looks inside
    for query, params in _statements(store, chain_id):
        summary = driver.execute_query("PROFILE " + query, params or {}).summary
        operators = _operators(summary.profile or {})
        print(f"-- {_NAMES.get(query, query[:48])}: db hits {sum(o[2] for o in operators)}, "
              f"server {summary.result_available_after} + {summary.result_consumed_after} ms")  # fmt: skip
        for depth, name, hits, rows in operators:
            if hits or rows > 100:
                print(f"   {'  ' * depth}{name:<40} hits {hits:>8} rows {rows:>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chain")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pid", type=int, help="the Neo4j java process (default: $NEO4J_LOCAL_HOME's)")
    parser.add_argument("--plan", action="store_true", help="also time planning each statement (clears the caches)")
    parser.add_argument("--profile", action="store_true", help="also PROFILE each statement (after the runs)")
    args = parser.parse_args()
    store = open_store(get_settings(store="neo4j"))
    try:
        result: dict[str, Any] = {}
        if args.plan:
            result["plans"] = plan_times(store, args.chain)
            for row in result["plans"]:
                print(f"plan {row['statement']:<28} {row['plan_ms']:8.1f} ms")
        result.update(measure(store, args.chain, args.runs, server_pid(args.pid)))
        if args.profile:
            profiles(store, args.chain)
    finally:
        store.close()
    runs = result["runs"]
    middle = sorted(runs, key=lambda r: r["wall_ms"])[len(runs) // 2]
    for row in middle["statements"]:
        print(f"{row['statement']:<28} client {row['client_ms']:6.1f} ms  server first {row['available_ms']:5} "
              f"consumed {row['consumed_ms']:5} ms  records {row['records']}")  # fmt: skip
    for r in runs:
        print(f"wall {r['wall_ms']:6.1f}  client CPU {r['client_cpu_ms']:6.1f}  java CPU {r['java_cpu_ms']:6.1f}  "
              f"facts {r['facts_ms']:6.1f}  context {r['context_ms']:5.1f}  gaps {r['gaps_ms']:5.1f} ms  "
              f"statements {len(r['statements'])}")  # fmt: skip
    print("p50 wall", round(statistics.median(r["wall_ms"] for r in runs), 1), "ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
