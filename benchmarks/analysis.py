"""Analysis latency: one large chain's subgraph, gap report and candidates, on both stores.

    python benchmarks/analysis.py                         # 10k and 100k companies, embedded + Neo4j
    python benchmarks/analysis.py --sizes 10000 --no-neo4j
    python benchmarks/analysis.py --with-300k             # adds 300k companies (embedded only)
    python benchmarks/analysis.py --results benchmarks/RESULTS.md

Bundles come from ``chain_graph.generate`` (10 ties per company, ``--chains`` chains, 20 by
default so that the largest chain holds ~5k firms at 100k companies) and are kept in
benchmarks/out/. The benchmark times the chain with the most firms:

- cold: ``store.chain_subgraph`` + plans + ``chain_gaps`` + ``rank_candidates``, nothing cached;
- warm: the API path, ``services.analysis.gaps_json`` + ``services.analysis.candidates`` with
  a :class:`~chain_graph.cache.RevisionCache` (primed once); each call still reads
  ``store.revision()`` (on Neo4j one small query). A store whose revision is None never hits
  the cache: the table's cache-hit count shows it.

Each (size, store) runs in a child process (fresh interpreter): import the bundle, reopen the
store (embedded: as a server worker would), then ``--reps`` repetitions of each path, each phase
capped at ``--max-seconds`` (the table says how many repetitions ran). Neo4j: the script starts
its OWN instance (``scripts/neo4j-local.sh``, Bolt port 7699, 8 GB heap, home
/tmp/neo4j-anbench) and stops it with ``--clean`` at the end; it never touches another server.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import replace_section

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
SECTION = "## Analysis latency"
NEO4J_PORT = 7699
NEO4J_HOME = "/tmp/neo4j-anbench"
NEO4J_HEAP = "8g"
NEO4J_ENV = {
    "NEO4J_LOCAL_HOME": NEO4J_HOME,
    "NEO4J_LOCAL_BOLT_PORT": str(NEO4J_PORT),
    "NEO4J_LOCAL_HEAP": NEO4J_HEAP,
    "NEO4J_LOCAL_PAGECACHE": "1g",
    "NEO4J_LOCAL_EXTRA_CONF": "db.memory.transaction.total.max=0\ndbms.memory.transaction.total.max=0",
}
NEO4J_MAX_SIZE = 100_000  # the 300k bundle is measured on the embedded store only
GOALS_MS = {"embedded": 20.0, "neo4j": 60.0}


# -- the child -------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    return {"n": len(ms), "p50": percentile(ms, 50), "p95": percentile(ms, 95), "max": max(ms)}


def time_queries(store: object) -> dict[str, float]:
    """Seconds per Cypher query of the Neo4j store (by its first words), until ``del store._read``."""
    seconds: dict[str, float] = defaultdict(float)
    inner = store._read  # type: ignore[attr-defined]

    def timed(query: str, params: object) -> object:
        started = time.perf_counter()
        try:
            return inner(query, params)
        finally:
            seconds[" ".join(query.split()[:6])[:70]] += time.perf_counter() - started

    store._read = timed  # type: ignore[attr-defined]
    return seconds


def child_run(store_kind: str, bundle: str, data_dir: str, chain_id: str, reps: int, max_seconds: float) -> dict:
    """Run in the child: import, reopen, time the cold and warm paths on one chain."""
    from pydantic import SecretStr

    from chain_graph.analysis import DEFAULT_CONFIG, chain_gaps, rank_candidates
    from chain_graph.bundle import import_bundle
    from chain_graph.cache import RevisionCache
    from chain_graph.config import get_settings
    from chain_graph.models import Kind, TargetPlan
    from chain_graph.services import analysis as service
    from chain_graph.store import open_store

    password = SecretStr(os.environ.get("NEO4J_PASSWORD", "chain-graph-test"))
    settings = get_settings(store=store_kind, data_dir=Path(data_dir), neo4j_password=password)
    if store_kind == "neo4j" and not settings.neo4j_uri.endswith(f":{NEO4J_PORT}"):
        raise SystemExit(f"refusing to clear {settings.neo4j_uri}: only the benchmark's own instance")
    config = DEFAULT_CONFIG
    store = open_store(settings)
    try:
        if store_kind == "neo4j":
            store.clear()
        started = time.perf_counter()
        report = import_bundle(store, bundle)
        import_seconds = time.perf_counter() - started
        assert report.applied, "the import was not applied"
        if store_kind == "embedded":  # reopen: the state a server worker starts from
            store.close()
            started = time.perf_counter()
            store = open_store(settings)
            reopen_seconds = time.perf_counter() - started
        else:
            reopen_seconds = None

        cold: dict[str, list[float]] = defaultdict(list)
        first = None
        queries = time_queries(store) if store_kind == "neo4j" else None  # the first cold run only
        phase_start = time.perf_counter()
        for _ in range(reps):
            t0 = time.perf_counter()
            G = store.chain_subgraph(chain_id)
            t1 = time.perf_counter()
            plans: list[TargetPlan] = list(store.list(Kind.TARGET_PLAN).items)  # type: ignore[arg-type]
            t2 = time.perf_counter()
            gaps = chain_gaps(G, config=config, plans=plans)
            t3 = time.perf_counter()
            found = rank_candidates(G, config=config, plans=plans)
            t4 = time.perf_counter()
            for part, seconds in (("subgraph", t1 - t0), ("plans", t2 - t1), ("gaps", t3 - t2),
                                  ("candidates", t4 - t3), ("total", t4 - t0)):  # fmt: skip
                cold[part].append(seconds)
            if queries is not None:
                del store._read  # type: ignore[attr-defined]  # back to the class's method
            if first is None:
                first = {
                    "nodes": G.number_of_nodes(),
                    "edges": G.number_of_edges(),
                    "companies": sum(1 for _, k in G.nodes(data="kind") if k == "company"),
                    "segments": len(gaps.segments),
                    "candidates": len(found),
                    "completeness": gaps.completeness,
                    "queries_ms": {k: round(v * 1000) for k, v in (queries or {}).items()},
                }
                queries = None
            del G, gaps, found
            if time.perf_counter() - phase_start > max_seconds:
                break

        cache = RevisionCache(size=512)
        started = time.perf_counter()
        body = service.gaps_json(store, cache, config, chain_id)
        service.candidates(store, cache, config, chain_id)
        prime_seconds = time.perf_counter() - started
        warm: dict[str, list[float]] = defaultdict(list)
        phase_start = time.perf_counter()
        for _ in range(reps):
            t0 = time.perf_counter()
            service.gaps_json(store, cache, config, chain_id)
            t1 = time.perf_counter()
            service.candidates(store, cache, config, chain_id)
            t2 = time.perf_counter()
            for part, seconds in (("gaps_json", t1 - t0), ("candidates", t2 - t1), ("total", t2 - t0)):
                warm[part].append(seconds)
            if time.perf_counter() - phase_start > max_seconds:
                break
    finally:
        store.close()
    return {
        "import_seconds": import_seconds,
        "reopen_seconds": reopen_seconds,
        "graph": first,
        "gaps_json_bytes": len(body),
        "cold": {part: summary(v) for part, v in cold.items()},
        "prime_seconds": prime_seconds,
        "warm": {part: summary(v) for part, v in warm.items()},
        "cache_hits": cache.hits,
    }


# -- the parent ------------------------------------------------------------------------------------


def bundle_for(size: int, chains: int) -> Path:
    from chain_graph.generate import generate_bundle

    path = OUT / f"analysis-{size}-c{chains}"
    if not (path / "rankings.csv").exists():
        started = time.perf_counter()
        generate_bundle(path, companies=size, seed=1, chains=chains, ties_per_company=10)
        print(f"generated {size:,} companies, {chains} chains in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def largest_chain(bundle: Path) -> tuple[str, int]:
    """The chain with the most distinct firms in its segments, read off the bundle's CSV files."""
    with (bundle / "segments.csv").open(encoding="utf-8", newline="") as f:
        chain_of = {row["segment_id"]: row["chain_id"] for row in csv.DictReader(f)}
    firms: dict[str, set[str]] = defaultdict(set)
    with (bundle / "company_segments.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            firms[chain_of[row["segment_id"]]].add(row["company_id"])
    chain_id = max(sorted(firms), key=lambda c: len(firms[c]))
    return chain_id, len(firms[chain_id])


def run_child(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Start this script as a child, return its JSON result with its peak RSS in MiB."""
    env = {**os.environ, **(env or {})}
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read() if proc.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"child {args} failed:\n{out[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    return result


def neo4j_script(command: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "neo4j-local.sh"), command, *extra],
        env={**os.environ, **NEO4J_ENV},
        capture_output=True,
        text=True,
        timeout=300,
    )


def start_neo4j() -> str | None:
    """Start the benchmark's own Neo4j; None when it cannot (the figures then skip Neo4j)."""
    try:
        done = neo4j_script("start")
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"Neo4j not started ({e}): skipping it", flush=True)
        return None
    print(done.stdout.strip() or done.stderr.strip(), flush=True)
    if done.returncode != 0:
        print(f"Neo4j not started: {done.stderr.strip()[-500:]}: skipping it", flush=True)
        return None
    return f"bolt://127.0.0.1:{NEO4J_PORT}"


def fmt(s: dict[str, float]) -> str:
    digits = 2 if s["p95"] < 10 else 1 if s["p95"] < 100 else 0
    return f"{s['p50']:,.{digits}f} / {s['p95']:,.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--with-300k", action="store_true", help="add 300k companies (embedded only)")
    parser.add_argument("--chains", type=int, default=20)
    parser.add_argument("--reps", type=int, default=50, help="repetitions per path (default 50)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="cap per phase (default 120 s)")
    parser.add_argument("--no-neo4j", action="store_true")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()

    sizes = sorted(set(args.sizes) | ({300_000} if args.with_300k else set()))
    uri = None if args.no_neo4j else start_neo4j()
    header = [
        "| companies | chain (firms) | subgraph nodes / edges | store | import s | cold subgraph | cold gaps "
        "| cold candidates | cold total p50 / p95 | n | warm (API) p50 / p95 | n | cache hits | peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines = list(header)
    results: list[tuple[int, str, dict]] = []
    try:
        for size in sizes:
            bundle = bundle_for(size, args.chains)
            chain_id, firms = largest_chain(bundle)
            stores = ["embedded"] + (["neo4j"] if uri and size <= NEO4J_MAX_SIZE else [])
            for kind in stores:
                env = {"NEO4J_URI": uri} if kind == "neo4j" and uri else None
                with tempfile.TemporaryDirectory() as tmp:
                    child = ["run", kind, str(bundle), tmp, chain_id, str(args.reps), str(args.max_seconds)]
                    try:
                        r = run_child(child, env)
                    except RuntimeError as e:
                        print(f"{size:,} {kind}: FAILED {e}", flush=True)
                        lines.append(f"| {size:,} | {chain_id} ({firms:,}) | | {kind} | failed: see the log |")
                        continue
                results.append((size, kind, r))
                g, c, w = r["graph"], r["cold"], r["warm"]
                line = (
                    f"| {size:,} | {chain_id} ({firms:,}) | {g['nodes']:,} / {g['edges']:,} | {kind} "
                    f"| {r['import_seconds']:.0f} | {fmt(c['subgraph'])} | {fmt(c['gaps'])} | {fmt(c['candidates'])} "
                    f"| **{fmt(c['total'])}** | {c['total']['n']} | **{fmt(w['total'])}** | {w['total']['n']} "
                    f"| {r['cache_hits']} | {r['peak_rss_mib']:,.0f} |"
                )
                print(line, flush=True)
                print(f"   {json.dumps({'size': size, 'store': kind, 'chain': chain_id, **r})}", flush=True)
                lines.append(line)
    finally:
        if uri:
            done = neo4j_script("stop", "--clean")
            print(done.stdout.strip() or done.stderr.strip(), flush=True)
    lines += ["", *verdict(results)]
    print("\n".join(lines[len(header) :]), flush=True)
    if args.results:
        write_section(args.results, lines, " ".join(sys.argv[1:]))


def verdict(results: list[tuple[int, str, dict]]) -> list[str]:
    """The goals at 100k companies, checked against the figures, cold and warm."""
    out = ["Times in ms (p50 / p95). Goals at 100k companies: embedded p95 ≤ 20 ms, Neo4j p95 ≤ 60 ms."]
    for size, kind, r in results:
        if size != 100_000:
            continue
        goal = GOALS_MS[kind]
        cold, warm = r["cold"], r["warm"]
        parts = {p: cold[p]["p95"] for p in ("subgraph", "plans", "gaps", "candidates")}
        top = max(parts, key=lambda p: parts[p])
        share = parts[top] / cold["total"]["p95"] * 100
        out.append(
            f"- {kind}, warm (API path): p95 {warm['total']['p95']:,.{2 if warm['total']['p95'] < 10 else 0}f} ms — "
            f"{'meets' if warm['total']['p95'] <= goal else 'MISSES'} the {goal:.0f} ms goal"
            + (" (the store gave no revision, so the cache never hit: warm = cold + JSON rendering)."
               if r["cache_hits"] == 0 else
               f" (served from the RevisionCache after one `store.revision()` read per call; first call "
               f"{r['prime_seconds'] * 1000:,.0f} ms).")
        )  # fmt: skip
        out.append(
            f"- {kind}, cold: p95 {cold['total']['p95']:,.0f} ms — "
            f"{'meets' if cold['total']['p95'] <= goal else 'MISSES'} the {goal:.0f} ms goal; "
            f"{top} dominates ({parts[top]:,.0f} ms p95, {share:.0f} % of the total)."
        )
        queries = sorted(r["graph"].get("queries_ms", {}).items(), key=lambda kv: -kv[1])
        if queries:
            busy = sum(ms for _, ms in queries)
            top3 = "; ".join(f"`{q}…` {ms:,} ms" for q, ms in queries[:3])
            out.append(
                f"  Neo4j subgraph, first cold run: {busy:,} ms waiting on Cypher (the rest is turning rows into "
                f"records and the graph); slowest queries: {top3}."
            )
    if any(r["graph"]["candidates"] == 0 for _, _, r in results):
        out.append(
            "- Where a row finds 0 candidates every segment of the chain is strong (the generator makes ~30 % of "
            "firms local), so `rank_candidates` scores nobody: its time is the shared status computation."
        )
    return out


def write_section(path: Path, lines: list[str], argv: str) -> None:
    import importlib.metadata as md

    versions = ", ".join(f"{p} {md.version(p)}" for p in ("networkx", "neo4j", "pydantic"))
    head = [
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()}: {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM, "
        f"Python {platform.python_version()}, {versions}; Neo4j 5.26.30 Community from the Maven jars "
        f"(scripts/neo4j-local.sh, own instance on port {NEO4J_PORT}, heap {NEO4J_HEAP}, page cache 1g).",
        f"Command: `python benchmarks/analysis.py {argv}`. Generated bundles (seed 1, 10 ties per company); "
        "the chain with the most firms. Cold = `store.chain_subgraph` + plans + `chain_gaps` + "
        "`rank_candidates`, nothing cached; warm = `services.analysis.gaps_json` + `services.analysis.candidates` "
        "with a primed `RevisionCache` (what `GET /chains/{id}/gaps` and `/candidates` run).",
        "",
    ]
    replace_section(path, SECTION, head + lines)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        kind, bundle, data_dir, chain_id, reps, max_seconds = sys.argv[2:8]
        print(json.dumps(child_run(kind, bundle, data_dir, chain_id, int(reps), float(max_seconds))))
    else:
        main()
