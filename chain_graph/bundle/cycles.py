"""Cycles an import would leave in the graph: region parents, segment parents, FEEDS links.

None of them breaks a write, so an import with a cycle is accepted — a recycling loop
(回收 → 原料) can be a real FEEDS cycle — but each one is named in the report as a warning,
because a parent cycle hides a region or segment from every tree walk and a FEEDS cycle
makes "upstream of" meaningless for the segments on it. The bundle's records are taken
together with what the store already holds (a bundle row replaces the stored one).

Examples
--------
>>> parent_cycles({"a": "b", "b": "c", "c": "a", "d": "a"})
[['a', 'b', 'c']]
>>> link_cycles([("x", "y"), ("y", "z"), ("z", "x"), ("z", "w")])
[['x', 'y', 'z']]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import networkx as nx

__all__ = ["describe", "link_cycles", "parent_cycles", "stored_parents"]

MAX_REPORTED = 20  # cycles named per kind; more are counted


def parent_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Each cycle of a child → parent map once, as ids from its smallest one, parent order."""
    cycles: list[list[str]] = []
    settled: set[str] = set()
    for start in sorted(parents):
        path: list[str] = []
        seen: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in settled and node not in seen:
            seen[node] = len(path)
            path.append(node)
            node = parents.get(node)
        if node is not None and node in seen:
            cycle = path[seen[node] :]
            first = cycle.index(min(cycle))
            cycles.append(cycle[first:] + cycle[:first])
        settled.update(path)
    return cycles


def link_cycles(links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """One cycle through each group of segments that feed one another in a circle."""
    graph = nx.DiGraph(list(links))
    cycles = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            edges = nx.find_cycle(graph.subgraph(component))
            cycle = [str(u) for u, _ in edges]
            first = cycle.index(min(cycle))
            cycles.append(cycle[first:] + cycle[:first])
    return sorted(cycles)


def stored_parents(
    parents: dict[str, str | None], lookup: Callable[[list[str]], Mapping[str, str | None]]
) -> dict[str, str | None]:
    """``parents`` completed upwards with the stored parents of ids it names but lacks.

    ``lookup(ids)`` gives the stored parent of each of ``ids`` that is stored; it is called
    once per level of the tree above the bundle's records.
    """
    merged = dict(parents)
    missing = {p for p in merged.values() if p is not None and p not in merged}
    while missing:
        found = lookup(sorted(missing))
        for node in missing:
            merged[node] = found.get(node)
        missing = {p for p in found.values() if p is not None and p not in merged}
    return merged


def describe(what: str, cycles: list[list[str]], arrow: str) -> list[str]:
    """Warning lines naming each cycle (``a → b → a``), the first :data:`MAX_REPORTED` of them."""
    lines = [f"{what} form a cycle: {f' {arrow} '.join([*c, c[0]])}" for c in cycles[:MAX_REPORTED]]
    if len(cycles) > MAX_REPORTED:
        lines.append(f"… and {len(cycles) - MAX_REPORTED} more cycles of {what}")
    return lines
