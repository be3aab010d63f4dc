"""CPU of cold candidates for a gap segment on a store already imported (issue 9): wall is noise on
a loaded machine, client and server CPU much less so.

    PYTHONPATH=TREE python benchmarks/candidates_cpu.py CHAIN SEGMENT [--store embedded|neo4j]
        [--data-dir DIR] [--pid JAVA_PID] [--runs 10] [--home 350500] [--dump FILE]

Opens the store (Neo4j from the environment, as ``chain-graph`` reads it), computes the candidates
once (not timed), then ``--runs`` cold ones (a fresh cache each, the same store: what ``scale.py``
calls cold: the chain's context, the candidates' facts, their relationship paths, the ranking) and
prints one JSON line: wall p50 and min, the client's CPU per run (``getrusage``, user + system) and,
with ``--pid``, the Neo4j server's (``/proc/PID/stat``). ``--dump`` writes the ranked list as JSON,
one candidate a line, to compare two trees' answers. Compare two trees by running each in turn
with its own ``PYTHONPATH``, alternately, on the same store.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _java_cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chain")
    parser.add_argument("segment")
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--pid", type=int, help="the Neo4j server's java process, for its CPU")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--home", default="350500")
    parser.add_argument("--dump", type=Path, help="write the ranked candidates here, one JSON object a line")
    args = parser.parse_args()

    from chain_graph.analysis import AnalysisConfig
    from chain_graph.cache import RevisionCache
    from chain_graph.config import get_settings
    from chain_graph.services import gap_reports
    from chain_graph.store import open_store

    settings = {"data_dir": args.data_dir} if args.data_dir else {}
    store = open_store(get_settings(store=args.store, **settings))
    config = AnalysisConfig(home_region=args.home)

    def run() -> list:
        return gap_reports.candidates(store, RevisionCache(), config, args.chain, segment_id=args.segment)

    try:
        found = run()
        walls: list[float] = []
        started, java = _cpu(), _java_cpu(args.pid)
        for _ in range(args.runs):
            begun = time.perf_counter()
            run()
            walls.append(time.perf_counter() - begun)
        cpu, java = (_cpu() - started) / args.runs, (_java_cpu(args.pid) - java) / args.runs
    finally:
        store.close()
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for c in found)
    print(json.dumps({"store": args.store, "chain": args.chain, "segment": args.segment, "found": len(found),
                      "runs": args.runs, "wall_p50_ms": round(statistics.median(walls) * 1000, 1),
                      "wall_min_ms": round(min(walls) * 1000, 1), "client_cpu_ms": round(cpu * 1000, 1),
                      "server_cpu_ms": round(java * 1000, 1) if args.pid else None}))  # fmt: skip


if __name__ == "__main__":
    main()
