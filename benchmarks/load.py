"""Bulk-load benchmark: bundles of several sizes into both stores, and a one-MERGE baseline.

    python benchmarks/load.py                        # seed data, 10k and 100k companies
    python benchmarks/load.py --sizes 10000 --no-neo4j
    python benchmarks/load.py --results benchmarks/RESULTS.md

Each load runs in a child process (fresh interpreter) so that its peak memory (ru_maxrss
from wait4) and time are its own. Neo4j settings come from the environment (NEO4J_URI, …);
start a local server with ``scripts/neo4j-local.sh start``. The figures go to stdout and,
with ``--results``, replace the "Bulk load" section of the results file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import replace_section, run_script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
SECTION = "## Bulk load"


def child_import(store_kind: str, bundle: str, data_dir: str) -> dict:
    """Run in the child: import one bundle into a fresh store, report seconds and counts."""
    from pydantic import SecretStr

    from chain_graph.bundle import import_bundle
    from chain_graph.config import get_settings
    from chain_graph.store import open_store

    password = SecretStr(os.environ.get("NEO4J_PASSWORD", "chain-graph-test"))
    settings = get_settings(store=store_kind, data_dir=Path(data_dir), neo4j_password=password)
    store = open_store(settings)
    try:
        if store_kind == "neo4j":
            store.clear()
        started = time.perf_counter()
        report = import_bundle(store, bundle)
        seconds = time.perf_counter() - started
        rows = report.totals()["rows_read"]
        result = {"seconds": seconds, "applied": report.applied, "rows": rows, "stats": store.stats()}
    finally:
        store.close()
    if store_kind == "embedded":
        from chain_graph.store.embedded import EmbeddedStore

        started = time.perf_counter()
        EmbeddedStore(data_dir).close()
        result["reopen_seconds"] = time.perf_counter() - started
    return result


def child_baseline(rows: int) -> dict:
    """Run in the child: the same node and tie writes, one MERGE per transaction."""
    from neo4j import GraphDatabase

    from chain_graph.models import Company, Kind, Supply
    from chain_graph.store import cypher
    from chain_graph.store.neo4j_records import properties_of

    driver = GraphDatabase.driver(
        os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        auth=(os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "chain-graph-test")),
    )
    db = os.environ.get("NEO4J_DATABASE", "neo4j")
    half = rows // 2
    companies = [properties_of(Company(company_id=f"b{i}", name=f"基准企业{i}")) for i in range(half)]
    ties = [properties_of(Supply(supplier_id=f"b{i}", customer_id=f"b{(i + 1) % half}")) for i in range(half)]
    with driver.session(database=db) as session:
        session.run(cypher.COMPANIES_DELETE_BY_PREFIX, {"prefix": "b"}).consume()
        started = time.perf_counter()
        for row in companies:
            session.execute_write(lambda tx, r=row: tx.run(cypher.NODE_UPSERT[Kind.COMPANY], rows=[r]).consume())
        for row in ties:
            session.execute_write(lambda tx, r=row: tx.run(cypher.REL_UPSERT[Kind.SUPPLY], rows=[r]).consume())
        seconds = time.perf_counter() - started
        session.run(cypher.COMPANIES_DELETE_BY_PREFIX, {"prefix": "b"}).consume()
    driver.close()
    return {"seconds": seconds, "rows": rows}


def run_child(*args: str) -> dict:
    """Start this script as a child (see ``results.run_script``)."""
    return run_script(__file__, *args)


def bundle_for(size: int) -> Path:
    from chain_graph.generate import generate_bundle

    path = OUT / f"bundle-{size}"
    if not (path / "companies.csv").exists():
        shutil.rmtree(path, ignore_errors=True)
        started = time.perf_counter()
        generate_bundle(path, companies=size, seed=1, ties_per_company=10)
        print(f"generated {size:,} companies in {time.perf_counter() - started:.1f} s -> {path}", flush=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--no-neo4j", action="store_true")
    parser.add_argument("--baseline-rows", type=int, default=4000)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()

    bundles = [("seed data", ROOT / "seed_data")] + [(f"{s:,} companies", bundle_for(s)) for s in args.sizes]
    stores = ["embedded"] + ([] if args.no_neo4j else ["neo4j"])
    lines = ["| bundle | rows | store | seconds | rows/s | peak RSS MiB | reopen s |", "|---|---|---|---|---|---|---|"]
    batched_rate = None
    for label, path in bundles:
        for store in stores:
            with tempfile.TemporaryDirectory() as tmp:
                r = run_child("import", store, str(path), tmp)
            rate = r["rows"] / r["seconds"] if r["rows"] else float("nan")
            if store == "neo4j":
                batched_rate = rate
            reopen = f"{r['reopen_seconds']:.2f}" if "reopen_seconds" in r else ""
            line = (
                f"| {label} | {r['rows']:,} | {store} | {r['seconds']:.1f} | {rate:,.0f} | "
                f"{r['peak_rss_mib']:,.0f} | {reopen} |"
            )
            print(line, flush=True)
            lines.append(line)
    if not args.no_neo4j:
        b = run_child("baseline", str(args.baseline_rows))
        base_rate = b["rows"] / b["seconds"]
        lines.append("")
        lines.append(
            f"Baseline, one MERGE per transaction ({b['rows']:,} rows: half companies, half ties): "
            f"{b['seconds']:.1f} s = {base_rate:,.0f} rows/s."
        )
        if batched_rate:
            lines.append(
                f"Batched UNWIND import of the largest bundle vs baseline: {batched_rate / base_rate:,.1f}× per row."
            )
        print("\n".join(lines[-3:]), flush=True)
    if args.results:
        write_section(args.results, lines, " ".join(sys.argv[1:]))


def write_section(path: Path, lines: list[str], argv: str) -> None:
    import importlib.metadata as md

    versions = ", ".join(f"{p} {md.version(p)}" for p in ("networkx", "neo4j", "pydantic"))
    head = [
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {versions}; Neo4j 5.26.30 Community from the Maven jars "
        f"(scripts/neo4j-local.sh, heap {os.environ.get('NEO4J_LOCAL_HEAP', '512m')}).",
        f"Command: `python benchmarks/load.py {argv}`. Import = read + validate + plan + write, one transaction.",
        "",
    ]
    replace_section(path, SECTION, head + lines)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "import":
        print(json.dumps(child_import(sys.argv[2], sys.argv[3], sys.argv[4])))
    elif len(sys.argv) > 1 and sys.argv[1] == "baseline":
        print(json.dumps(child_baseline(int(sys.argv[2]))))
    else:
        main()
