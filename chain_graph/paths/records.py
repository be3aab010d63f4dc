"""The records of relationship paths: nodes, ties, steps and paths, and what a walk asks the stores.

The vocabulary of :mod:`chain_graph.paths`: a path's nodes (:class:`PathNode`) and stored ties
(:class:`PathEdge`), the answer for one target (:class:`Paths`), and the two questions a walk asks
a store per hop (:data:`NearestLocal` over :class:`Reach`, :data:`Neighbours`). The walk over the
answers is :mod:`chain_graph.paths.walk`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_HOPS",
    "FRONTIER_CAP",
    "MAX_HOPS",
    "RELATIONS",
    "NearestLocal",
    "Neighbours",
    "Path",
    "PathEdge",
    "PathNode",
    "Paths",
    "Reach",
    "Reached",
    "Step",
    "company_ref",
    "node_of",
    "organisation_ref",
    "split_refs",
]

DEFAULT_MAX_HOPS = 3
MAX_HOPS = 4  # the most a caller may ask for: a path is an argument a planner can tell in one breath
DEFAULT_LIMIT = 20
FRONTIER_CAP = 2000
RELATIONS = ("supplies", "holds_shares", "member_of")


def company_ref(company_id: str) -> str:
    return f"company:{company_id}"


def organisation_ref(organisation_id: str) -> str:
    return f"organisation:{organisation_id}"


@dataclass(frozen=True, slots=True)
class PathNode:
    """A company or an organisation as a path shows it (``local``: a local firm, where a path ends)."""

    ref: str  # "company:<id>" | "organisation:<id>"
    kind: str  # "company" | "organisation"
    id: str
    name: str
    local: bool
    county: str | None = None
    overseas_chinese: bool = False  # an organisation of overseas Chinese (泉籍海外社团)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "name": self.name, "local": self.local, "county": self.county,
                "overseas_chinese": self.overseas_chinese}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PathEdge:
    """One stored tie, in its own direction: ``start`` supplies / holds shares in / is a member of ``end``."""

    relation: str  # one of RELATIONS
    start: str  # node ref
    end: str  # node ref
    detail: str | None  # product (supplies) or role (member_of)
    amount: float | None  # 亿元 (supplies) or per cent (holds_shares)
    since: str | None  # member_of: since (ISO date)
    source: str | None
    as_of: str | None

    def other(self, ref: str) -> str:
        return self.end if ref == self.start else self.start


# The ties of a frontier: every stored tie that starts or ends at one of the refs, and the nodes at
# their ends (with locality). One bounded, indexed query per kind of tie. The walk goes on by the
# ties whose far end is not a local firm only (``walk._walk_on``), so a store may leave the others
# out (Neo4j does); ``walk.nearest_of``, the in-memory rule, reads the local firms from them.
Neighbours = Callable[[list[str]], tuple[list[PathEdge], dict[str, PathNode]]]


@dataclass(frozen=True, slots=True)
class Reach:
    """One walk's question at one hop: which local firms are next to its frontier?

    ``frontier`` is in path order; ``reached`` are the local firms the walk has already reached
    (never reached twice); ``first`` is how many firms it needs, the smallest ids first (``None``:
    every one).
    """

    walk: int
    frontier: tuple[str, ...]
    reached: tuple[str, ...]
    first: int | None


@dataclass(frozen=True, slots=True)
class Reached:
    """A local firm next to a walk's frontier (``edge.other(via)``), by the tie the walk claims it by."""

    walk: int
    via: str  # a frontier node's ref
    edge: PathEdge


# The store's answer to a hop's :class:`Reach` questions, one row per walk and local firm: each local
# firm next to the walk's frontier and not yet reached, by the tie that comes first in the walk's
# order — from the frontier node first in path order, then by tie kind, then by the tie's start —
# the ``first`` firms with the smallest ids; and the firms as nodes. The counting is the store's
# (a window over an indexed join), so a hop reads as many rows as paths it can keep, not every
# tie of the frontier. paths.walk.nearest_of is the same rule over ties held in memory.
NearestLocal = Callable[[list[Reach]], tuple[list[Reached], dict[str, PathNode]]]


@dataclass(frozen=True)
class Step:
    """One hop of a path: the tie as stored (its own direction), walked from ``walk_from`` to ``walk_to``."""

    edge: PathEdge
    start: PathNode
    end: PathNode
    walk_from: str  # node ref

    @property
    def text(self) -> str:
        """The tie as one sentence, in its own direction."""
        e, a, b = self.edge, self.start.name, self.end.name
        if e.relation == "supplies":
            extra = "，".join(x for x in (e.detail, f"{e.amount:g} 亿元" if e.amount is not None else None) if x)
            return f"{a} 供货给 {b}" + (f"（{extra}）" if extra else "")
        if e.relation == "holds_shares":
            return f"{a} 持有 {b} " + (f"{e.amount:g}% 股份" if e.amount is not None else "股份")
        extra = "，".join(x for x in (e.detail, f"{e.since} 起" if e.since else None) if x)
        return f"{a} 是 {b} 的成员" + (f"（{extra}）" if extra else "")

    def to_dict(self) -> dict[str, Any]:
        e = self.edge
        return {
            "relation": e.relation,
            "start": self.start.to_dict(),
            "end": self.end.to_dict(),
            "walked": "forward" if self.walk_from == e.start else "backward",
            "detail": e.detail,
            "amount": e.amount,
            "since": e.since,
            "source": e.source,
            "as_of": e.as_of,
            "text": self.text,
        }


@dataclass(frozen=True)
class Path:
    """A shortest path from the target to one local firm (``to``)."""

    to: PathNode
    steps: tuple[Step, ...]

    @property
    def hops(self) -> int:
        return len(self.steps)

    @property
    def direct_supply(self) -> bool:
        """A single supply tie with a local firm (the candidate score counts those as ``supply_ties``)."""
        return self.hops == 1 and self.steps[0].edge.relation == "supplies"

    @property
    def text(self) -> str:
        return "；".join(s.text for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "to": self.to.to_dict(),
            "hops": self.hops,
            "text": self.text,
            "steps": [s.to_dict() for s in self.steps],
        }


@dataclass
class Paths:
    """The answer for one target: its paths to local firms, shortest first."""

    company: PathNode
    max_hops: int
    paths: list[Path] = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": self.company.to_dict(),
            "max_hops": self.max_hops,
            "truncated": self.truncated,
            "paths": [p.to_dict() for p in self.paths],
        }


def node_of(
    kind: str, ident: str, name: str, local: bool, county: str | None = None, overseas: bool = False
) -> PathNode:
    """A path node from a store's row."""
    ref = company_ref(ident) if kind == "company" else organisation_ref(ident)
    return PathNode(ref, kind, ident, name, local, county, overseas)


def split_refs(refs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Company ids and organisation ids among node refs."""
    companies: list[str] = []
    organisations: list[str] = []
    for ref in refs:
        kind, _, ident = ref.partition(":")
        (companies if kind == "company" else organisations).append(ident)
    return companies, organisations
