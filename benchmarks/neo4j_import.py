"""Where a Neo4j bundle import spends its time: per phase, wall and CPU of both sides.

    export NEO4J_URI=bolt://127.0.0.1:7741
    python benchmarks/neo4j_import.py BUNDLE [--pid PID] [--writers 1|2] [--chunk-rows N]

Clears the database, then imports the bundle through ``import_bundle`` (as ``chain-graph import``
does) with the staged import's steps timed: reading and checking the bundle, the plan, the split
into staging work, the staged nodes, their ids, the staged relationships, the commit point, the
flips, the counters' recount and the gate's opening. For each it prints wall seconds, the
client's CPU seconds and — given the server's pid (``--pid``, or the pid file of
``scripts/neo4j-local.sh`` under ``NEO4J_LOCAL_HOME``) — the java process's CPU seconds from
``/proc/PID/stat``, then the load average. The last line is the same as JSON. Run it against a
server of your own: it wipes the database.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chain_graph.bundle import import_bundle
from chain_graph.config import get_settings
from chain_graph.store import neo4j_publish as publish
from chain_graph.store import neo4j_split
from chain_graph.store import neo4j_staged as staged
from chain_graph.store.neo4j import open_neo4j_store

_TICK = os.sysconf("SC_CLK_TCK")


def java_cpu(pid: int | None) -> float:
    """utime + stime of the server process, in seconds (0 without a pid)."""
    if pid is None:
        return 0.0
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def java_gc(pid: int | None) -> tuple[float, float, float]:
    """The server's total GC pause seconds, young collections and concurrent cycles so far (``jstat``).

    Zeros without a pid or without ``jstat`` (a JDK tool; a bare JRE has none).
    """
    if pid is None or shutil.which("jstat") is None:
        return (0.0, 0.0, 0.0)
    out = subprocess.run(["jstat", "-gcutil", str(pid)], capture_output=True, text=True, check=False).stdout.split("\n")
    if len(out) < 2:
        return (0.0, 0.0, 0.0)
    row = dict(zip(out[0].split(), out[1].split(), strict=False))
    return (float(row.get("GCT", 0)), float(row.get("YGC", 0)), float(row.get("CGC", 0)))


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Phases:
    """Wall, client CPU and server CPU summed per phase name; phases do not nest."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        wall, cpu, server = time.perf_counter(), own_cpu(), java_cpu(self.pid)
        try:
            yield
        finally:
            t = self.totals[name]
            t[0] += time.perf_counter() - wall
            t[1] += own_cpu() - cpu
            t[2] += java_cpu(self.pid) - server
            t[3] += 1

    def wrap(self, module: Any, attr: str, name: Callable[..., str | None] | str) -> None:
        """Time each call of ``module.attr`` as the phase ``name`` (or what it says for the call; None: not timed)."""
        original = getattr(module, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            phase = name(*args, **kwargs) if callable(name) else name
            if phase is None:
                return original(*args, **kwargs)
            with self.phase(phase):
                return original(*args, **kwargs)

        setattr(module, attr, timed)


def instrument(phases: Phases) -> None:
    phases.wrap(staged, "plan_at_revision", "plan")
    phases.wrap(neo4j_split, "split_nodes", "split nodes")
    # the nodes are staged while the rest is split (two threads): timed as one phase
    phases.wrap(staged, "stage_nodes_while", "stage nodes + split the rest")
    # chunks of relationships are written by two sessions at once: timed as one phase (the nodes'
    # are timed inside the phase above)
    phases.wrap(staged, "stage_steps", lambda _s, _i, _n, _steps, ids: "stage relationships" if ids else None)
    phases.wrap(staged, "staged_ids", "staged ids")
    phases.wrap(staged, "_through_gate", "commit point")
    phases.wrap(publish, "_flip_chunk", "publish: flips")
    phases.wrap(publish, "_recount_chunk", "publish: counters")
    phases.wrap(publish, "_finish", "publish: open gate")


def server_pid(arg: int | None) -> int | None:
    if arg is not None:
        return arg
    home = os.environ.get("NEO4J_LOCAL_HOME")
    pidfile = Path(home, "run", "neo4j-local.pid") if home else None
    return int(pidfile.read_text().strip()) if pidfile and pidfile.exists() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--pid", type=int, help="the Neo4j server's pid (java CPU from /proc)")
    parser.add_argument("--writers", type=int, choices=(1, 2), default=staged.WRITERS, help="relationship writers")
    parser.add_argument("--chunk-rows", type=int, default=staged.CHUNK_ROWS, help="rows per staging commit")
    args = parser.parse_args()
    staged.WRITERS = args.writers
    staged.CHUNK_ROWS = args.chunk_rows
    pid = server_pid(args.pid)
    store = open_neo4j_store(get_settings(store="neo4j"))  # NEO4J_URI, NEO4J_PASSWORD, …
    try:
        store.clear()
        phases = Phases(pid)
        instrument(phases)
        load_before = os.getloadavg()
        gc_before = java_gc(pid)
        with phases.phase("total"):
            report = import_bundle(store, args.bundle)
        load_after = os.getloadavg()
        gc_after = java_gc(pid)
    finally:
        store.close()
    if not report.applied:
        raise SystemExit(f"the import was refused: {report.rejections[:3]}")
    totals = dict(phases.totals)
    total = totals.pop("total")
    inner = [sum(t[i] for t in totals.values()) for i in range(3)]
    totals["read + check bundle (rest)"] = [total[i] - inner[i] for i in range(3)] + [1]
    print(f"{'phase':<44} {'wall s':>8} {'py cpu':>8} {'java cpu':>9} {'calls':>6}")
    for name, (wall, cpu, server, calls) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        print(f"{name:<44} {wall:8.2f} {cpu:8.2f} {server:9.2f} {int(calls):6d}")
    print(f"{'total':<44} {total[0]:8.2f} {total[1]:8.2f} {total[2]:9.2f}")
    after = f"{load_after[0]:.2f} / {load_after[1]:.2f} (1/5 min)"
    gc = [round(a - b, 2) for a, b in zip(gc_after, gc_before, strict=True)]
    print(f"writers {args.writers}, chunks of {args.chunk_rows} rows")
    print(f"server GC pauses {gc[0]} s ({int(gc[1])} young, {int(gc[2])} concurrent cycles)")
    print(f"load average before {load_before[0]:.2f}, after {after}")
    load = [load_before[0], load_after[0], load_after[1]]
    print(json.dumps({"total": total[:3], "phases": totals, "gc": gc, "load": load}))


if __name__ == "__main__":
    main()
