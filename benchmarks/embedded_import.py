"""Import a bundle into a fresh embedded store and print wall, CPU seconds and peak RSS.

    PYTHONPATH=. python benchmarks/embedded_import.py BUNDLE [--profile FILE]

One import per run, in this process: run old and new code alternately under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle")
    parser.add_argument("--profile", help="write a cProfile of the import to this file")
    args = parser.parse_args()
    from chain_graph.bundle import import_bundle
    from chain_graph.store.embedded import EmbeddedStore

    with tempfile.TemporaryDirectory() as data_dir, EmbeddedStore(data_dir) as store:
        load = os.getloadavg()[0]
        usage = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        if args.profile:
            import cProfile

            with cProfile.Profile() as profile:
                report = import_bundle(store, args.bundle)
            profile.dump_stats(args.profile)
        else:
            report = import_bundle(store, args.bundle)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
        print(
            json.dumps(
                {
                    "wall_s": round(wall, 1),
                    "cpu_s": round(cpu, 1),
                    "children_cpu_s": round(children.ru_utime + children.ru_stime, 1),
                    "peak_rss_mib": round(max(after.ru_maxrss, children.ru_maxrss) / 1024),
                    "load": round(load, 1),
                    "applied": report.applied,
                    "rejections": len(report.rejections),
                }
            )
        )


if __name__ == "__main__":
    main()
