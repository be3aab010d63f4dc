"""Chain analysis at real scale (issue 9): the stores' facts against the counting they rest on.

    python benchmarks/scale.py                                   # 10k, 100k, 300k; embedded and Neo4j
    python benchmarks/scale.py --sizes 10000 --no-neo4j
    python benchmarks/scale.py --results benchmarks/RESULTS.md   # replace the "Scale" section

For each generated city (``generate_bundle``, seed 1, 10 ties per company) and its chain with the
most memberships, side by side:

- **limit**: the per-segment local and leading counts of that chain from plain Python dicts
  already in memory (the reference code is :func:`limit_counts` below) — what any answer costs
  at least;
- **cold gap report**: the whole report (statuses, extensions, supply dependency, fragile links,
  counties) through the service layer with an empty cache: the store's facts, then the pure
  analysis; and its ratio to the limit;
- **candidates** for the chain's largest gap segment (cold);
- the **first gap report after a plan move** through the service layer, warm cache: a move
  visited → negotiating (the report does not read it) and a move → started (a landing: presence
  changes, the chain's facts do not);
- **store open** time, **RSS after open + one report**, against the RSS of a bare networkx
  DiGraph of the same companies, memberships and ties built from the CSV;
- **import** time and peak memory (each in a fresh child process; peak RSS from wait4).

Neo4j settings come from the environment (NEO4J_URI, …): start the server with default memory
(``NEO4J_LOCAL_HEAP=512m scripts/neo4j-local.sh start``) so the import figure is the default one.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import replace_section, run_script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
SECTION = "## Scale"
HOME = "350500"
REPEAT = 5


# -- the limit: counting over plain dicts already in memory ----------------------------------------


def load_plain(bundle: Path) -> dict[str, Any]:
    """Companies, regions and memberships of a bundle as plain dicts (not timed)."""

    def rows(name: str) -> list[dict[str, str]]:
        with open(bundle / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))

    parents = {r["region_id"]: r["parent_id"] for r in rows("regions")}
    home = {r for r in parents if _under(r, parents)}
    companies = {
        r["company_id"]: (r["region"], r["local_site"].lower() in ("1", "true", "yes")) for r in rows("companies")
    }
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows("company_segments"):
        members[r["segment_id"]].append((r["company_id"], r["role"]))
    chain_of = {r["segment_id"]: r["chain_id"] for r in rows("segments")}
    return {"home": home, "companies": companies, "members": members, "chain_of": chain_of}


def _under(region: str, parents: dict[str, str]) -> bool:
    seen = set()
    while region and region not in seen:
        if region == HOME:
            return True
        seen.add(region)
        region = parents.get(region, "")
    return False


def limit_counts(plain: dict[str, Any], segments: list[str]) -> dict[str, tuple[int, int]]:
    """The reference: per segment, (local firms, local leading firms), from dicts in memory."""
    home, companies, members = plain["home"], plain["companies"], plain["members"]
    out = {}
    for seg in segments:
        local = leading = 0
        for company_id, role in members[seg]:
            region, site = companies[company_id]
            if region in home or site:
                local += 1
                leading += role == "leading"
        out[seg] = (local, leading)
    return out


def biggest_chain(plain: dict[str, Any]) -> tuple[str, list[str]]:
    size: dict[str, int] = defaultdict(int)
    for seg, rows in plain["members"].items():
        size[plain["chain_of"][seg]] += len(rows)
    chain = max(sorted(size), key=lambda c: size[c])
    return chain, sorted(s for s, c in plain["chain_of"].items() if c == chain)


# -- children (fresh interpreters, so that time and memory are their own) ---------------------------


def child_import(kind: str, bundle: str, data_dir: str) -> dict[str, Any]:
    from chain_graph.bundle import import_bundle
    from chain_graph.cli import warm_reports
    from chain_graph.config import get_settings

    store = _open(kind, data_dir)
    try:
        if kind == "neo4j":
            store.clear()
        started = time.perf_counter()
        report = import_bundle(store, bundle)
        imported = time.perf_counter()
        if store.reads_cold_after_import:  # as `chain-graph import` does after an import
            warm_reports(store, get_settings(home_region=HOME))
        return {"seconds": time.perf_counter() - started, "warm_seconds": time.perf_counter() - imported,
                "applied": report.applied, "rejections": len(report.rejections)}  # fmt: skip
    finally:
        store.close()


def child_graph(bundle: str) -> dict[str, Any]:
    """A bare networkx DiGraph of the companies, memberships and ties, built from the CSV."""
    import networkx as nx

    started = time.perf_counter()
    G = nx.DiGraph()
    path = Path(bundle)
    with open(path / "companies.csv", encoding="utf-8-sig", newline="") as f:
        G.add_nodes_from((r["company_id"], {"region": r["region"]}) for r in csv.DictReader(f))
    with open(path / "company_segments.csv", encoding="utf-8-sig", newline="") as f:
        G.add_edges_from(
            (r["company_id"], "segment:" + r["segment_id"], {"role": r["role"]}) for r in csv.DictReader(f)
        )
    with open(path / "supplies.csv", encoding="utf-8-sig", newline="") as f:
        G.add_edges_from((r["supplier_id"], r["customer_id"]) for r in csv.DictReader(f))
    return {"seconds": time.perf_counter() - started, "rss_mib": _rss(), "edges": G.number_of_edges()}


def child_analysis(kind: str, data_dir: str, chain_id: str, segments: str) -> dict[str, Any]:
    """Open, one report, then the timed runs: cold reports, candidates, reports after plan moves."""
    from chain_graph.analysis import AnalysisConfig
    from chain_graph.cache import RevisionCache
    from chain_graph.plans import create_plan, move_plan
    from chain_graph.services import gap_reports

    config = AnalysisConfig(home_region=HOME)
    started = time.perf_counter()
    store = _open(kind, data_dir)
    opened = time.perf_counter() - started
    try:
        first = _timed(lambda: gap_reports.gaps(store, RevisionCache(), config, chain_id))
        rss = _rss()
        report = first[1]
        counts = {s.segment_id: (s.local_count, s.leading_count) for s in report.segments}
        cold = [_timed(lambda: gap_reports.gaps(store, RevisionCache(), config, chain_id))[0] for _ in range(REPEAT)]
        gaps = [s for s in report.segments if s.status.value != "strong"]
        members = json.loads(segments)
        if gaps:  # the largest gap segment; a chain without gaps: its thinnest segment
            gap = max(gaps, key=lambda s: (members.get(s.segment_id, 0), s.segment_id))
        else:
            gap = min(report.segments, key=lambda s: (s.local_count, -members.get(s.segment_id, 0), s.segment_id))
        cands: list[float] = []
        found = 0
        if gap is not None:
            for _ in range(REPEAT):
                seconds, result = _timed(
                    lambda: gap_reports.candidates(store, RevisionCache(), config, chain_id, segment_id=gap.segment_id)
                )
                cands.append(seconds)
                found = len(result)
        moves = _after_moves(store, config, chain_id, gap.segment_id if gap else report.segments[0].segment_id,
                             gap_reports, create_plan, move_plan)  # fmt: skip
        return {
            "open_seconds": opened, "first_seconds": first[0], "cold": cold, "rss_mib": _rss(), "rss_report_mib": rss,
            "counts": counts, "candidates": cands, "candidates_found": found,
            "gap_segment": gap.segment_id if gap else None, **moves,
        }  # fmt: skip
    finally:
        store.close()


def _after_moves(
    store: Any, config: Any, chain_id: str, segment_id: str, gap_reports: Any, create: Any, move: Any
) -> dict:
    """The first report after a plan move, warm cache, for REPEAT plans (one per candidate), p50 of
    each: visited → negotiating (the report does not read it) and → started (a landing). One timed
    landing alone, right after a write, is too noisy a figure to compare with a p50."""
    from chain_graph.appraisal import GATE_OFF  # the landing is measured here, not the appraisal gate
    from chain_graph.cache import RevisionCache

    found = gap_reports.candidates(store, RevisionCache(), config, chain_id, segment_id=segment_id)
    talks: list[float] = []
    lands: list[float] = []
    cache = RevisionCache()
    report = None
    for company in [c.company_id for c in found][:REPEAT]:
        plan = create(store, actor="bench", plan_id=f"bench-plan-{time.time_ns()}", company_id=company,
                      chain_id=chain_id, segment_ids=[segment_id], gap_type="missing", unit="基准",
                      status="visited")  # fmt: skip
        gap_reports.gaps(store, cache, config, chain_id)
        gap_reports.candidates(store, cache, config, chain_id, segment_id=segment_id)
        move(store, plan.plan_id, to_status="negotiating", actor="bench", version=plan.version)
        talks.append(_timed(lambda: gap_reports.gaps(store, cache, config, chain_id))[0])
        move(store, plan.plan_id, to_status="started", actor="bench", version=plan.version + 1, gate=GATE_OFF)
        landed, report = _timed(lambda: gap_reports.gaps(store, cache, config, chain_id))
        lands.append(landed)
    if report is None:
        return {}
    return {"after_move_talks": statistics.median(talks), "after_move_lands": statistics.median(lands),
            "talks": talks, "lands": lands, "computed": dict(cache.computed),
            "landed_count": next(s.local_count for s in report.segments if s.segment_id == segment_id)}  # fmt: skip


def _timed(work: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _rss() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _open(kind: str, data_dir: str) -> Any:
    from pydantic import SecretStr

    from chain_graph.config import get_settings
    from chain_graph.store import open_store

    password = SecretStr(os.environ.get("NEO4J_PASSWORD", "chain-graph-test"))
    return open_store(get_settings(store=kind, data_dir=Path(data_dir), neo4j_password=password))


def run_child(*args: str) -> dict[str, Any]:
    """Start this script as a child (see ``results.run_script``)."""
    return run_script(__file__, *args)


def bundle_for(size: int) -> Path:
    from chain_graph.generate import generate_bundle

    path = OUT / f"bundle-{size}"
    if not (path / "supplies.csv").exists():
        shutil.rmtree(path, ignore_errors=True)
        generate_bundle(path, companies=size, seed=1, ties_per_company=10)
    return path


# -- the run --------------------------------------------------------------------------------------


def measure(size: int, kinds: list[str]) -> list[dict[str, Any]]:
    bundle = bundle_for(size)
    plain = load_plain(bundle)
    chain_id, segments = biggest_chain(plain)
    memberships = sum(len(plain["members"][s]) for s in segments)
    limit = min(_timed(lambda: limit_counts(plain, segments))[0] for _ in range(REPEAT))
    expected = limit_counts(plain, segments)
    graph = run_child("graph", str(bundle))
    sizes = json.dumps({s: len(plain["members"][s]) for s in segments})
    rows = []
    for kind in kinds:
        data_dir = OUT / f"store-{size}"
        shutil.rmtree(data_dir, ignore_errors=True)
        imported = run_child("import", kind, str(bundle), str(data_dir))
        result = run_child("analysis", kind, str(data_dir), chain_id, sizes)
        got = {s: tuple(v) for s, v in result["counts"].items() if s in expected}
        assert got == expected, f"{kind}: the store's counts differ from the reference"
        rows.append({"size": size, "kind": kind, "chain": chain_id, "memberships": memberships, "limit": limit,
                     "graph": graph, "import": imported, **result})  # fmt: skip
        print(json.dumps(rows[-1], ensure_ascii=False, default=str), flush=True)
    return rows


def table(rows: list[dict[str, Any]]) -> list[str]:
    head = ("| companies | chain (memberships) | store | limit ms | cold gap report ms p50 (× limit) | "
            "candidates ms p50 (segment, found) | after move: talks / lands ms p50 | open s | RSS open+report MiB "
            "(bare DiGraph) | import s | import peak MiB |")  # fmt: skip
    out = [head, "|" + "---|" * 11]
    for r in rows:
        p50 = statistics.median(r["cold"]) * 1000
        cand = statistics.median(r["candidates"]) * 1000 if r["candidates"] else float("nan")
        out.append(
            f"| {r['size']:,} | {r['chain']} ({r['memberships']:,}) | {r['kind']} | {r['limit'] * 1000:.1f} | "
            f"**{p50:.1f}** ({p50 / (r['limit'] * 1000):.1f}×) | "
            f"{cand:.1f} ({r['gap_segment']}, {r['candidates_found']:,}) | "
            f"{r.get('after_move_talks', 0) * 1000:.2f} / {r.get('after_move_lands', 0) * 1000:.1f} | "
            f"{r['open_seconds']:.3f} | {r['rss_report_mib']:.0f} ({r['graph']['rss_mib']:.0f}) | "
            f"{r['import']['seconds']:.1f} | {r['import']['peak_rss_mib']:.0f} |"
        )
    return out


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in rows:
        if r["size"] != 100_000:
            continue
        p50 = statistics.median(r["cold"])
        ratio = p50 / r["limit"]
        goal = 3 if r["kind"] == "embedded" else 10
        lands = r.get("after_move_lands", 0) / r["limit"]
        out.append(f"- {r['kind']}, cold gap report at 100k: {ratio:.1f}× the limit — goal ≤ {goal}×: "
                   f"{'met' if ratio <= goal else 'NOT met'}.")  # fmt: skip
        out.append(f"- {r['kind']}, first report after a plan move: talks {r.get('after_move_talks', 0) * 1000:.2f} ms "
                   f"(served from the cache), lands {lands:.1f}× the limit — goal ≤ {goal}×: "
                   f"{'met' if lands <= goal else 'NOT met'}.")  # fmt: skip
        if r["kind"] == "embedded":
            rss = r["rss_report_mib"] / r["graph"]["rss_mib"]
            opened = r["open_seconds"]
            out.append(f"- embedded open: {opened:.3f} s — goal ≤ 2 s: {'met' if opened <= 2 else 'NOT met'}.")
            out.append(f"- embedded RSS after open + report: {rss:.2f}× the bare DiGraph — goal ≤ 3×: "
                       f"{'met' if rss <= 3 else 'NOT met'}.")  # fmt: skip
        seconds = r["import"]["seconds"]
        goal_s = 30 if r["kind"] == "embedded" else 60
        out.append(f"- {r['kind']} import of 100k companies / 1M ties: {seconds:.1f} s — goal ≤ {goal_s} s: "
                   f"{'met' if seconds <= goal_s else 'NOT met'}.")  # fmt: skip
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("import", "graph", "analysis"):
        work = {"import": child_import, "graph": child_graph, "analysis": child_analysis}[sys.argv[1]]
        print(json.dumps(work(*sys.argv[2:]), default=str))  # type: ignore[operator]
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 300_000])
    parser.add_argument("--no-neo4j", action="store_true")
    parser.add_argument(
        "--stores", nargs="*", choices=["embedded", "neo4j"], help="default: both (embedded only with --no-neo4j)"
    )
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    kinds = args.stores or (["embedded"] + ([] if args.no_neo4j else ["neo4j"]))
    rows = [row for size in args.sizes for row in measure(size, kinds)]
    lines = table(rows)
    print("\n".join([*lines, "", *verdicts(rows)]))
    if args.results:
        import networkx
        import pydantic

        machine = (f"{os.cpu_count()} cores, Python {platform.python_version()}, networkx {networkx.__version__}, "
                   f"pydantic {pydantic.VERSION}")  # fmt: skip
        replace_section(args.results, SECTION, [
            SECTION, "",
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.node()}: {machine}.",
            f"Command: `python benchmarks/scale.py {' '.join(sys.argv[1:])}`. Generated cities (seed 1, 10 ties per "
            "company), the chain with the most memberships; times in ms are p50 of 5 runs; cold = empty cache.",
            "", *lines, "", *verdicts(rows),
        ])  # fmt: skip


if __name__ == "__main__":
    main()
