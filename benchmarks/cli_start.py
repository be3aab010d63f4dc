"""How long the ``chain-graph`` command takes, old code against new, run alternately.

    python benchmarks/cli_start.py --data-dir /tmp/city --trees /work/main . -- --help
    python benchmarks/cli_start.py --data-dir /tmp/city --trees /work/main . --runs 5 -- chains --json

Each run is a fresh ``python -P -m chain_graph.cli ARGS`` with ``PYTHONPATH`` set to one of the
source trees (``-P``: not the working directory first, so the same interpreter and packages import
either tree's ``chain_graph``); the trees take turns run by run, so a busy machine slows both alike;
a first, uncounted run per tree writes its compiled modules (under /tmp, as an installed command
has them). Figures per tree: the child's CPU seconds (user + system, from ``os.wait4``, which a
loaded machine does not inflate as much as wall time), its wall seconds, min and median. The
command's output goes to /dev/null; a run that exits non-zero stops the benchmark.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYCACHE = "/tmp/chain-graph-cli-start-pycache"  # the compiled modules of both trees, out of the trees


def _run(tree: Path, args: list[str], data_dir: str | None) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(tree.resolve()), "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed command runs from .pyc files: so do the runs
    if data_dir:
        env["CHAIN_GRAPH_DATA_DIR"] = data_dir
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-P", "-m", "chain_graph.cli", *args], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{tree}: chain-graph {' '.join(args)} exited {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", nargs="+", type=Path, required=True, help="source trees to compare")
    parser.add_argument("--data-dir", help="CHAIN_GRAPH_DATA_DIR for the runs (an embedded store)")
    parser.add_argument("--runs", type=int, default=5, help="runs per tree (default 5)")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then the command's arguments")
    ns = parser.parse_args()
    args = ns.args[1:] if ns.args[:1] == ["--"] else ns.args
    figures: dict[Path, list[tuple[float, float]]] = {tree: [] for tree in ns.trees}
    for tree in ns.trees:  # a first run per tree compiles its modules: not counted
        _run(tree, args, ns.data_dir)
    for _ in range(ns.runs):
        for tree in ns.trees:
            figures[tree].append(_run(tree, args, ns.data_dir))
    load = os.getloadavg()
    print(f"chain-graph {' '.join(args)}  ({ns.runs} runs each, alternating; load {load[0]:.1f} {load[1]:.1f})")
    for tree, runs in figures.items():
        cpu, wall = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"  {tree!s:<24} CPU s min {min(cpu):.2f} median {statistics.median(cpu):.2f}"
            f"   wall s min {min(wall):.2f} median {statistics.median(wall):.2f}"
        )


if __name__ == "__main__":
    main()
