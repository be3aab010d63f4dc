"""Check a batch against what is stored, before anything is written — for every store.

:func:`plan_batch` sorts a batch into what it creates, updates, leaves unchanged and
deletes (with the relationships a deleted node takes along), and refuses it whole with
:class:`IntegrityError` when a reference would point at nothing, or :class:`Conflict` when
a delete would orphan a dependent. Stores hand it a :class:`StateView`: a few bulk look-ups
that an in-memory dict or a Cypher query can answer alike.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

from chain_graph.errors import Conflict, IntegrityError, NotFound, Problem
from chain_graph.models import GRAPH_KINDS, MODELS, NODE_KINDS, Kind, Record
from chain_graph.store.base import (
    NODE_REFERENCES,
    RELATION_ENDS,
    ApplyResult,
    Batch,
    Change,
    Key,
    ident_of,
    reference_targets,
    targets_of,
)

__all__ = [
    "BIG_BATCH",
    "MAX_PROBLEMS",
    "RELATION_KINDS",
    "BatchPlan",
    "Created",
    "ScopeView",
    "StateView",
    "affected_scopes",
    "plan_batch",
]

MAX_PROBLEMS = 200


class StateView(Protocol):
    """What :func:`plan_batch` asks of a store."""

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        """The stored records among ``keys``."""
        ...

    def relations_of(self, kind: Kind, ident: str) -> list[Record]:
        """Relationship records that start or end at this node."""
        ...

    def dependents(self, kind: Kind, ident: str) -> list[tuple[Kind, Key]]:
        """Nodes whose reference field names this node."""
        ...


class Created(AbstractSet[tuple[Kind, Key]]):
    """The ``(kind, key)`` of the records a plan creates, a set held per kind.

    An import into an empty store creates every record: a million ``(kind, key)`` pairs in one set
    cost ~150 MiB at 100k companies. A kind created whole is held as its records, which the plan
    holds anyway, and its keys gathered only when one is asked for (the embedded store never asks).
    """

    def __init__(self) -> None:
        self._whole: dict[Kind, Sequence[Record]] = {}  # kinds whose records are all created
        self._some: dict[Kind, set[Key]] = {}

    def every(self, kind: Kind, records: Sequence[Record]) -> None:
        """Every record of ``records`` (of distinct keys) is created; kept, not copied: it must not change."""
        self._whole[kind] = records

    def add(self, kind: Kind, key: Key) -> None:
        assert kind not in self._whole, "a kind created whole takes no single keys"
        self._some.setdefault(kind, set()).add(key)

    def _keys(self, kind: Kind) -> set[Key] | None:
        whole = self._whole.pop(kind, None)
        if whole is not None:
            self._some[kind] = {record.key for record in whole}
        return self._some.get(kind)

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, tuple) or len(item) != 2:
            return False
        keys = self._keys(item[0]) if isinstance(item[0], Kind) else None
        return keys is not None and item[1] in keys

    def __iter__(self) -> Iterator[tuple[Kind, Key]]:
        for kind, records in self._whole.items():
            yield from ((kind, record.key) for record in records)
        for kind, keys in self._some.items():
            yield from zip(itertools.repeat(kind), keys)

    def __len__(self) -> int:
        return sum(map(len, self._whole.values())) + sum(map(len, self._some.values()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Created):  # per kind, as sets (not pair by pair)
            kinds = {k for k in (*self._whole, *self._some, *other._whole, *other._some)}
            return all((self._keys(k) or set()) == (other._keys(k) or set()) for k in kinds)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]


@dataclass
class BatchPlan:
    upserts: list[Record]
    deletes: list[tuple[Kind, Key]]
    result: ApplyResult
    # records of ``upserts`` that do not exist yet (a store may write them without matching first)
    created: AbstractSet[tuple[Kind, Key]] = field(default_factory=set)


def plan_batch(state: StateView, batch: Batch) -> BatchPlan:
    """Decide what ``batch`` changes, or raise without changing anything."""
    result = ApplyResult()
    latest: dict[Kind, dict[Key, Record]] = defaultdict(dict)  # per kind, each key's last record
    for record in batch.upserts:
        latest[record.KIND][record.key] = record
    by_kind = {kind: list(records.values()) for kind, records in latest.items()}

    writes: list[Record] = []
    created = Created()
    for kind, records in by_kind.items():
        stored = state.lookup_many(kind, latest[kind].keys())
        if not stored:  # all new (an import into an empty store): counted at once
            result.bump(kind, Change.CREATED, len(records))
            writes.extend(records)
            created.every(kind, records)
            continue
        for record in records:
            old = stored.get(record.key)
            if old is None:
                result.bump(kind, Change.CREATED)
                writes.append(record)
                created.add(kind, record.key)
            elif old == record:
                result.bump(kind, Change.UNCHANGED)
            else:
                result.bump(kind, Change.UPDATED)
                writes.append(record)

    _check_versions(state, batch)
    deletes = _plan_deletes(state, batch, latest, result)
    deleted = set(deletes)
    _check_references(state, by_kind, deleted)
    return BatchPlan(upserts=writes, deletes=deletes, result=result, created=created)


def _check_versions(state: StateView, batch: Batch) -> None:
    """Optimistic locking: a record must still be at the version the writer read."""
    for (kind, key), expected in batch.expect_versions.items():
        stored = state.lookup_many(kind, [key]).get(key)
        if stored is None:
            raise NotFound(f"no {kind} with key {'/'.join(map(str, key))!r}", field=_id_field(kind))
        current = getattr(stored, "version", None)
        if current != expected:
            raise Conflict(
                f"{kind} {'/'.join(map(str, key))!r} is at version {current}, not {expected}: "
                "someone else changed it; reload and apply your change again",
                field="version",
            )


def _id_field(kind: Kind) -> str:
    return MODELS[kind].KEY[-1]


def _plan_deletes(
    state: StateView,
    batch: Batch,
    latest: dict[Kind, dict[Key, Record]],
    result: ApplyResult,
) -> list[tuple[Kind, Key]]:
    wanted = list(dict.fromkeys((Kind(k), key) for k, key in batch.deletes))
    present: dict[Kind, dict[Key, Record]] = {}
    for kind in {k for k, _ in wanted}:
        present[kind] = state.lookup_many(kind, [key for k, key in wanted if k is kind])
    deletes: list[tuple[Kind, Key]] = []
    seen: set[tuple[Kind, Key]] = set()
    for kind, key in wanted:
        if key not in present[kind]:
            continue
        deletes.append((kind, key))
        seen.add((kind, key))
        if kind in NODE_KINDS:
            for rel in state.relations_of(kind, ident_of(key)):
                if (rel.KIND, rel.key) not in seen and rel.key not in latest.get(rel.KIND, {}):
                    deletes.append((rel.KIND, rel.key))
                    seen.add((rel.KIND, rel.key))
    problems: list[Problem] = []
    for kind, key in deletes:
        result.bump(kind, Change.DELETED)
        if kind not in NODE_KINDS:
            continue
        for dep_kind, dep_key in state.dependents(kind, ident_of(key)):
            if (dep_kind, dep_key) in seen:
                continue
            replacement = latest.get(dep_kind, {}).get(dep_key)
            if replacement is not None and not _names(replacement, kind, str(key[0])):
                continue
            problems.append(
                Problem(
                    reason=f"{dep_kind} {dep_key[0]!r} still belongs to {kind} {key[0]!r}; delete or move it first",
                    field=_id_field(kind),
                    value=key[0],
                )
            )
    if problems:
        raise Conflict(problems[0].reason, field=problems[0].field)
    return deletes


def _names(record: Record, kind: Kind, ident: str) -> bool:
    """Does this record's reference field name the node ``kind``/``ident``?"""
    return any(
        target_kind is kind and ident in reference_targets(record, field)
        for field, target_kind, _ in NODE_REFERENCES.get(record.KIND, ())
    )


def _check_references(
    state: StateView,
    by_kind: dict[Kind, list[Record]],
    deleted: set[tuple[Kind, Key]],
) -> None:
    """Every reference of an upsert must name a node that exists after the batch."""
    if all(_all_found(state, by_kind, deleted, kind, ids) for kind, ids in _referenced(by_kind).items()):
        return
    needed: dict[Kind, dict[str, list[tuple[Record, str]]]] = defaultdict(lambda: defaultdict(list))
    for kind, records in by_kind.items():
        refs: list[tuple[str, Kind | None]] = [(f, k) for f, k, _ in NODE_REFERENCES.get(kind, ())]
        if kind in RELATION_ENDS:
            _, start, end = RELATION_ENDS[kind]
            refs = [start] + ([end] if end[1] is not None else [])
        for record in records:
            for ref_field, target_kind in refs:
                if target_kind is None:
                    continue
                for target in reference_targets(record, ref_field):
                    needed[target_kind][target].append((record, ref_field))
    problems: list[Problem] = []
    for target_kind, wanted in needed.items():
        in_batch = {r.key[0] for r in by_kind.get(target_kind, [])}
        outside = [(ident,) for ident in wanted if ident not in in_batch]
        stored = state.lookup_many(target_kind, outside) if outside else {}
        for ident, users in wanted.items():
            gone = (target_kind, (ident,)) in deleted
            if (ident in in_batch or (ident,) in stored) and not gone:
                continue
            for _record, ref_field in users:
                if len(problems) < MAX_PROBLEMS:
                    problems.append(
                        Problem(
                            reason=f"{ref_field} {ident!r} names no {target_kind}"
                            f"{' (it is deleted in the same batch)' if gone else ''}",
                            field=ref_field,
                            value=ident,
                        )
                    )
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IntegrityError(
            f"{problems[0].reason}{more}; nothing was written", field=problems[0].field, problems=problems
        )


def _references_of(kind: Kind) -> list[tuple[str, Kind]]:
    refs: list[tuple[str, Kind | None]] = [(f, k) for f, k, _ in NODE_REFERENCES.get(kind, ())]
    if kind in RELATION_ENDS:
        _, start, end = RELATION_ENDS[kind]
        refs = [start] + ([end] if end[1] is not None else [])
    return [(f, k) for f, k in refs if k is not None]


def _referenced(by_kind: dict[Kind, list[Record]]) -> dict[Kind, set[str]]:
    """The ids the batch's records name, per kind of node (a quick pass: which record names which
    is worked out only when one is missing)."""
    wanted: dict[Kind, set[str]] = defaultdict(set)
    for kind, records in by_kind.items():
        for ref_field, target_kind in _references_of(kind):
            wanted[target_kind] |= targets_of(records, ref_field)
    return wanted


def _all_found(
    state: StateView, by_kind: dict[Kind, list[Record]], deleted: set[tuple[Kind, Key]], kind: Kind, ids: set[str]
) -> bool:
    in_batch = {r.key[0] for r in by_kind.get(kind, [])}
    outside = [(ident,) for ident in ids if ident not in in_batch]
    if outside and len(state.lookup_many(kind, outside)) < len(outside):
        return False
    return not any((kind, (ident,)) in deleted for ident in ids)


class ScopeView(Protocol):
    """What :func:`affected_scopes` asks of a store, inside the write transaction (before writing)."""

    def segment_chains(self, segment_ids: Iterable[str]) -> set[str]: ...

    def company_segments(self, company_ids: Iterable[str]) -> set[str]: ...

    def supply_partners(self, company_ids: Iterable[str]) -> set[str]: ...

    def feeds_neighbours(self, segment_ids: Iterable[str]) -> set[str]: ...


# A batch larger than this (an import) moves the epoch: every chain's cached facts go stale at once.
BIG_BATCH = 2000

_KIND_SCOPES = {
    Kind.TARGET_PLAN: "plans",
    Kind.PLAN_EVENT: "events",
    Kind.CHAIN_SNAPSHOT: "snapshots",
    Kind.API_KEY: "keys",
    Kind.EXPANSION: "growth",
    Kind.LISTING: "growth",
    Kind.PARK: "parks",
    Kind.PARK_PLOT: "parks",
    Kind.APPRAISAL: "plans",
    Kind.PROMOTION_EVENT: "promotions",
    Kind.EVENT_TARGET: "promotions",
    Kind.INVITATION: "promotions",
}
_GRAPH = frozenset(GRAPH_KINDS)
# Kinds the relationship paths walk (chain_graph.paths): they move the ``relations`` revision.
RELATION_KINDS = frozenset({Kind.COMPANY, Kind.SUPPLY, Kind.ORGANISATION, Kind.MEMBERSHIP, Kind.SHAREHOLDING})


def affected_scopes(view: ScopeView, plan: BatchPlan) -> set[str]:
    """The named revisions a planned batch moves; call before it is written.

    ``any`` always; ``plans`` / ``events`` / ``snapshots`` / ``keys`` / ``promotions`` (promotion
    events, their targets and invitations) for those kinds; for graph
    kinds ``data`` and either ``epoch`` (regions change locality everywhere; big batches) or
    ``chain:<id>`` for every chain whose facts the batch can change: the chains of the segments
    it touches, of the segments of the companies it touches (and, where a company's name or
    membership changes, of its supply partners, whose reports name it), and of the segments that
    FEED or are fed by any of those (their neighbours' reports show them); ``relations`` for the
    kinds the relationship paths walk (companies, supplies, organisations, memberships, shareholdings).
    """
    scopes = {"any"}
    kinds = {r.KIND for r in plan.upserts} | {k for k, _ in plan.deletes}
    scopes |= {name for kind, name in _KIND_SCOPES.items() if kind in kinds}
    if not kinds & _GRAPH:
        return scopes
    scopes.add("data")
    if kinds & RELATION_KINDS:
        scopes.add("relations")
    if Kind.REGION in kinds or len(plan.upserts) + len(plan.deletes) > BIG_BATCH:
        return scopes | {"epoch"}
    chains: set[str] = set()
    segments: set[str] = set()
    named: set[str] = set()  # companies whose name or membership others' reports show
    direct: set[str] = set()  # companies whose own chains change
    touched = [(r.KIND, r.key, r) for r in plan.upserts] + [(k, key, None) for k, key in plan.deletes]
    for kind, key, record in touched:
        if kind is Kind.CHAIN:
            chains.add(str(key[0]))
        elif kind is Kind.SEGMENT:
            segments.add(str(key[0]))
            if record is not None:
                chains.add(record.chain_id)  # type: ignore[attr-defined]
        elif kind is Kind.SEGMENT_LINK:
            segments |= {str(key[0]), str(key[1])}
        elif kind is Kind.COMPANY_SEGMENT:
            segments.add(str(key[1]))
            named.add(str(key[0]))
        elif kind is Kind.COMPANY:
            named.add(str(key[0]))
        elif kind is Kind.SUPPLY:
            direct |= {str(key[0]), str(key[1])}
        elif kind is Kind.RANKING:
            direct.add(str(key[2]))
    companies = named | direct | view.supply_partners(named)
    segments |= view.company_segments(companies)
    segments |= view.feeds_neighbours(segments)
    chains |= view.segment_chains(segments)
    return scopes | {f"chain:{c}" for c in chains}
