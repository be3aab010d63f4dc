"""The store interface: what import, analysis and the API need of a store.

Two implementations stand behind it: :class:`~chain_graph.store.embedded.EmbeddedStore`
(networkx in memory, SQLite on disk) and :class:`~chain_graph.store.neo4j.Neo4jStore`. One
contract suite (``tests/contract``) runs the same tests against both.

Records are the pydantic models of :mod:`chain_graph.models`; a record's identity is its
``(kind, key)``. Writes replace a record's properties whole. Relationships need both ends to
exist (in the store or in the same batch), otherwise the write is refused with
:class:`~chain_graph.errors.IntegrityError` and nothing is written.

The graph vocabulary the stores write (:class:`EdgeType`, :func:`node_id`, which record fields
are edges) lives in :mod:`chain_graph.graph_vocab`, below the stores and the analysis; it is
re-exported here so store code names it as before.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from chain_graph.errors import InvalidInput
from chain_graph.facts import (
    CandidateFacts,
    ChainFacts,
    ChainSummary,
    CompanyFacts,
    LeadFacts,
    LocalScope,
    OverseasTie,
    ReportInputs,
)
from chain_graph.graph_vocab import (
    NODE_REFERENCES,
    RELATION_ENDS,
    EdgeType,
    node_id,
    reference_targets,
    targets_of,
)
from chain_graph.models import MODELS, Company, CompanySegment, Kind, Record, Region, TargetPlan
from chain_graph.paths import Paths

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "RELATION_ENDS",
    "ApplyResult",
    "Batch",
    "Change",
    "EdgeType",
    "Key",
    "Page",
    "Store",
    "node_id",
    "normalize_key",
    "reference_targets",
    "report_inputs_of",
    "targets_of",
    "ident_of",
    "NODE_REFERENCES",
]

Key = tuple[Any, ...]


def ident_of(key: Key) -> str:
    """A record's key as one string, its *ident*: the id itself, or the parts of a key of several
    parts joined by '#' (what the Neo4j store matches on: ``uid``, a staged node's ``_key``).

    >>> ident_of(("tex",)), ident_of(("plan-1", 3))
    ('tex', 'plan-1#3')
    """
    return "#".join(str(p) for p in key) if len(key) > 1 else str(key[0])


def normalize_key(kind: Kind, key: str | int | Sequence[Any]) -> Key:
    """A key as the record holds it: ``"tex"`` or ``("tex",)``; years and seqs as int, dates as date."""
    parts: tuple[Any, ...] = (key,) if isinstance(key, (str, int)) else tuple(key)
    model = MODELS[kind]
    if len(parts) != len(model.KEY):
        raise InvalidInput(f"a {kind} key has {len(model.KEY)} parts ({', '.join(model.KEY)})")
    fields = model.model_fields
    return tuple(_key_part(fields[name].annotation, name, part) for name, part in zip(model.KEY, parts, strict=True))


def _key_part(annotation: Any, name: str, part: Any) -> Any:
    try:
        if annotation is int:
            return int(part)
        if annotation is dt.date:
            return part if isinstance(part, dt.date) else dt.date.fromisoformat(str(part))
    except (TypeError, ValueError) as e:
        raise InvalidInput(f"{name}: {part!r} is not a valid {annotation.__name__}", field=name) from e
    return part if isinstance(part, str) else str(getattr(part, "value", part))


class Change(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DELETED = "deleted"


@dataclass
class Batch:
    """A set of writes applied all-or-nothing: upserts, then deletes."""

    upserts: builtins.list[Record] = field(default_factory=list)
    deletes: builtins.list[tuple[Kind, Key]] = field(default_factory=list)
    # optimistic locking: the ``version`` each record must still have, or Conflict
    expect_versions: dict[tuple[Kind, Key], int] = field(default_factory=dict)

    def add(self, records: Iterable[Record]) -> Batch:
        self.upserts.extend(records)
        return self

    def __len__(self) -> int:
        return len(self.upserts) + len(self.deletes)


@dataclass
class ApplyResult:
    """What a batch did (or, in a dry run, would do), counted per kind."""

    counts: dict[Kind, dict[Change, int]] = field(default_factory=dict)
    dry_run: bool = False

    def bump(self, kind: Kind, change: Change, n: int = 1) -> None:
        per_kind = self.counts.get(kind)
        if per_kind is None:  # once per kind: a big batch bumps 10^6 times
            per_kind = self.counts[kind] = dict.fromkeys(Change, 0)
        per_kind[change] += n

    def total(self, change: Change) -> int:
        return sum(c.get(change, 0) for c in self.counts.values())


@dataclass
class Page:
    """One page of a list, with the total number of matches."""

    items: builtins.list[Record]
    total: int
    offset: int = 0
    limit: int | None = None

    def __iter__(self) -> Iterator[Record]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@runtime_checkable
class Store(Protocol):
    """The one interface both stores implement."""

    backend: str
    #: True when the first reads after a bulk import are much slower than later ones (Neo4j plans
    #: each statement on its first run, on a server that has only written), so an import should run
    #: the planners' first reads itself (chain_graph.services.gap_reports.warm). SQLite has no such
    #: first-use cost: warming there only fills a cache.
    reads_cold_after_import: bool

    def get(self, kind: Kind, key: str | Sequence[Any]) -> Record:
        """The record, or :class:`NotFound` naming the kind and key."""
        ...

    def find(self, kind: Kind, key: str | Sequence[Any]) -> Record | None:
        """The record, or None."""
        ...

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        """The stored records among ``keys`` (normalized key tuples), in one round trip."""
        ...

    def list(
        self,
        kind: Kind,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page:
        """Records of a kind whose fields equal ``where``, ordered by key, one page of them."""
        ...

    def count(self, kind: Kind) -> int: ...

    def upsert(self, record: Record) -> Change:
        """Create or replace one record (its relationships' ends must exist)."""
        ...

    def delete(self, kind: Kind, key: str | Sequence[Any]) -> None:
        """Delete one record and the relationships that hang on it.

        A chain that still has segments, a segment with sub-segments and a region with
        sub-regions or companies are refused with :class:`Conflict`.
        """
        ...

    def apply(self, batch: Batch, *, dry_run: bool = False) -> ApplyResult:
        """Write a batch all-or-nothing and count what changed; a dry run writes nothing."""
        ...

    def search_companies(self, text: str, *, limit: int = 20) -> builtins.list[Record]:
        """Companies whose id, name, short name, alias or USCC contains ``text``."""
        ...

    def chain_subgraph(self, chain_id: str) -> nx.MultiDiGraph:
        """The chain's map (for drawing and export, not analysis): the chain, its segments and
        their FEEDS neighbours in other chains, the companies of its own segments, the SUPPLIES
        ties among those companies, their rankings and regions (with all ancestor regions)."""
        ...

    # -- facts: the questions the analysis asks, counted in the store (chain_graph.facts) ------

    def chain_facts(
        self, chain_id: str, scope: LocalScope, *, firm_limit: int, county: str | None = None
    ) -> ChainFacts:
        """Per segment of the chain and of its FEEDS neighbours: local and leading counts and
        revenue per county, the first ``firm_limit`` local firms city-wide (and in ``county``, if
        given), the FEEDS links, and the outside suppliers of the chain's local leading firms;
        one read transaction. NotFound for an unknown chain."""
        ...

    def report_inputs(self, chain_id: str, home_region: str, *, firm_limit: int) -> ReportInputs:
        """The scope of ``home_region`` (from every region), the chain's facts read with it
        (``chain_facts``, city-wide) and every plan, read together: what a report reads when
        nothing is cached (one read transaction on Neo4j). NotFound for an unknown chain."""
        ...

    def company_facts(
        self, company_ids: Iterable[str], segment_ids: Iterable[str], scope: LocalScope
    ) -> dict[str, CompanyFacts]:
        """The companies (those that exist) with locality, memberships among ``segment_ids``
        and suppliers."""
        ...

    def candidate_facts(
        self, segment_ids: Sequence[str], scope: LocalScope, *, also_local: Iterable[str] = ()
    ) -> CandidateFacts:
        """Members of the segments not local by location, their list entries, and their supply
        ties with firms local by location or named in ``also_local``."""
        ...

    def segment_members(self, segment_id: str) -> builtins.list[tuple[CompanySegment, Company]]:
        """Every member of a segment with its company."""
        ...

    def count_local(self, scope: LocalScope) -> int:
        """How many companies are local (by location or local site)."""
        ...

    def chain_summaries(self, scope: LocalScope) -> builtins.list[ChainSummary]:
        """Every chain with its numbers of segments, companies and local firms, by chain id."""
        ...

    def relation_paths(
        self,
        company_ids: Sequence[str],
        scope: LocalScope,
        *,
        max_hops: int = ...,
        limit: int = ...,
        beyond_direct_supply: bool = False,
    ) -> dict[str, Paths]:
        """Each existing company's shortest paths to local firms through supply ties, shareholdings
        and memberships (:func:`chain_graph.paths.shortest_paths`), one indexed query per hop."""
        ...

    def lead_facts(self, scope: LocalScope, *, leader_id: str | None = None) -> LeadFacts:
        """Supply ties of the local leading firms (or of one) with firms that are not local, with the
        partners' list entries, local ties counted and segments."""
        ...

    def overseas_ties(self, company_ids: Iterable[str] | None = None) -> builtins.list[OverseasTie]:
        """Memberships of organisations of overseas Chinese, of the companies named (or of all)."""
        ...

    def revisions(self) -> dict[str, int]:
        """Named revisions, each moved by the writes that touch it: ``any`` (every write), ``data``
        (graph kinds), ``epoch`` (regions, big imports: every chain), ``chain:<id>``, ``plans``,
        ``events``, ``snapshots``, ``keys``. Read once per request, in one query."""
        ...

    def stats(self) -> dict[str, int]:
        """Number of records of each kind."""
        ...

    def revision(self) -> int | None:
        """A number that changes whenever the data does (for caches), or None if unknown."""
        ...

    def refresh_statistics(self) -> None:
        """After a bulk import: have the next reads planned on the imported data's statistics, once
        (chain_graph.services.gap_reports.warm calls it before the first reads)."""
        ...

    def clear(self) -> None:
        """Delete everything (tests and ``copy`` use it)."""
        ...

    def close(self) -> None: ...


def report_inputs_of(store: Store, chain_id: str, home_region: str, *, firm_limit: int) -> ReportInputs:
    """``Store.report_inputs`` as three reads: the regions, the chain's facts, the plans (for a
    store with no round trips to save)."""
    scope = LocalScope.of(home_region, [r for r in store.list(Kind.REGION).items if isinstance(r, Region)])
    facts = store.chain_facts(chain_id, scope, firm_limit=firm_limit)
    return ReportInputs(scope, facts, [p for p in store.list(Kind.TARGET_PLAN).items if isinstance(p, TargetPlan)])
