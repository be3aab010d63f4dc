"""Export time and file size of the offline HTML maps and GraphML: each seed chain, the city
overview, and a generated chain of more than 2,000 nodes (drawn whole, and with crowded segments
aggregated as by default).

    python benchmarks/export.py [--companies 6500] [--repeat 3]

Times are the best of ``--repeat`` runs, from the store to the file on disk (subgraph, gap
analysis, candidate ranking, layout, rendering). Prints one table.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from chain_graph.analysis import AnalysisConfig
from chain_graph.bundle import import_bundle
from chain_graph.export.graphml import chain_graphml
from chain_graph.generate import generate_bundle
from chain_graph.models import Kind
from chain_graph.services.exports import city_graphml, export_chain_html, export_overview_html
from chain_graph.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
CONFIG = AnalysisConfig()


def best(repeat: int, run: Callable[[], Path]) -> tuple[float, Path]:
    times, path = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        path = run()
        times.append(time.perf_counter() - t0)
    assert path is not None
    return min(times), path


def nodes_of(path: Path) -> str:
    import json
    import re

    text = path.read_text(encoding="utf-8")
    match = re.search(r'id="map-data">(.*?)</script>', text, re.DOTALL)
    if not match:
        return ""
    stats = json.loads(match.group(1))["stats"]
    return str(stats.get("nodes", stats.get("chains", "")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=6500, help="companies of the generated one-chain bundle")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: list[tuple[str, str, str, float, int]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        seed = EmbeddedStore(tmp / "seed")
        assert import_bundle(seed, ROOT / "seed_data").applied
        for chain in seed.list(Kind.CHAIN).items:
            cid = chain.key[0]
            s, p = best(args.repeat, lambda cid=cid: export_chain_html(seed, cid, tmp / f"{cid}.html", config=CONFIG))
            rows.append((cid, "html", nodes_of(p), s, p.stat().st_size))
        s, p = best(args.repeat, lambda: export_overview_html(seed, tmp / "overview.html", config=CONFIG))
        rows.append(("city overview", "html", nodes_of(p), s, p.stat().st_size))
        s, p = best(args.repeat, lambda: _graphml(lambda path: city_graphml(seed, path), tmp / "city.graphml"))
        rows.append(("city graph", "graphml", "", s, p.stat().st_size))
        seed.close()

        generate_bundle(tmp / "big", companies=args.companies, seed=11, chains=1, ties_per_company=2)
        big = EmbeddedStore(tmp / "bigdb")
        assert import_bundle(big, tmp / "big").applied
        cid = big.list(Kind.CHAIN).items[0].key[0]
        s, p = best(
            args.repeat,
            lambda: export_chain_html(big, cid, tmp / "whole.html", config=CONFIG, segment_limit=None, max_nodes=10**6),
        )
        rows.append((f"generated ({args.companies} firms), whole", "html", nodes_of(p), s, p.stat().st_size))
        s, p = best(args.repeat, lambda: export_chain_html(big, cid, tmp / "folded.html", config=CONFIG))
        rows.append((f"generated ({args.companies} firms), aggregated", "html", nodes_of(p), s, p.stat().st_size))
        s, p = best(
            args.repeat,
            lambda: _graphml(lambda path: chain_graphml(big.chain_subgraph(cid), path), tmp / "big.graphml"),
        )
        rows.append((f"generated ({args.companies} firms)", "graphml", "", s, p.stat().st_size))
        big.close()
    print(f"{'export':<44} {'format':<8} {'nodes':>6} {'time (s)':>9} {'size (KB)':>10}")
    for name, fmt, nodes, seconds, size in rows:
        print(f"{name:<44} {fmt:<8} {nodes:>6} {seconds:>9.3f} {size / 1024:>10.0f}")


def _graphml(write: Callable[[Path], None], path: Path) -> Path:
    write(path)
    return path


if __name__ == "__main__":
    main()
