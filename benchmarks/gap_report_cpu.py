"""CPU of a cold gap report on an embedded store already imported (issue 9): wall is noise on a
loaded machine, client CPU much less so.

    PYTHONPATH=TREE python benchmarks/gap_report_cpu.py DATA_DIR CHAIN [--runs 40] [--home 350500]

Opens the store, computes the chain's report once (not timed), then ``--runs`` cold reports (a
fresh cache each, the same connection: what ``scale.py`` calls cold) and prints one JSON line:
wall p50 and min, CPU per report (``getrusage``, user + system) and how many full collections
(generation 2) the garbage collector made meanwhile. Compare two trees by running each in turn
with its own ``PYTHONPATH``, alternately, on the same data directory.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import time
from pathlib import Path


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("chain")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--home", default="350500")
    args = parser.parse_args()

    from chain_graph.analysis import AnalysisConfig
    from chain_graph.cache import RevisionCache
    from chain_graph.config import get_settings
    from chain_graph.services import gap_reports
    from chain_graph.store import open_store

    store = open_store(get_settings(store="embedded", data_dir=args.data_dir))
    config = AnalysisConfig(home_region=args.home)
    try:
        gap_reports.gaps(store, RevisionCache(), config, args.chain)
        walls: list[float] = []
        full = gc.get_stats()[2]["collections"]
        started = _cpu()
        for _ in range(args.runs):
            begun = time.perf_counter()
            gap_reports.gaps(store, RevisionCache(), config, args.chain)
            walls.append(time.perf_counter() - begun)
        cpu = (_cpu() - started) / args.runs
        full = gc.get_stats()[2]["collections"] - full
    finally:
        store.close()
    print(json.dumps({"chain": args.chain, "runs": args.runs, "wall_p50_ms": round(statistics.median(walls) * 1000, 2),
                      "wall_min_ms": round(min(walls) * 1000, 2), "cpu_ms": round(cpu * 1000, 2),
                      "full_collections": full}))  # fmt: skip


if __name__ == "__main__":
    main()
