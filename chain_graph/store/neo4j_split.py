"""What a staged Neo4j import stages, as rows: its new nodes, then their references and the new
relationships that touch one (:mod:`chain_graph.store.neo4j_staged`, docs/NEO4J-IMPORT.md).

Node rows are property maps with the node's key (``_key``). Reference and relationship rows are
lists — ``[start, end, *fields]`` — whose staged ends are element ids, known only once the nodes
are staged: they are built chunk by chunk (:class:`Step`), given those ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, LiteralString

from chain_graph.models import NODE_KINDS, Kind, Record
from chain_graph.store import cypher
from chain_graph.store.base import NODE_REFERENCES, RELATION_ENDS, ident_of, reference_targets
from chain_graph.store.checks import BatchPlan
from chain_graph.store.cypher.staged import rel_fields
from chain_graph.store.neo4j_records import properties_of, property_row

__all__ = [
    "Ids",
    "Step",
    "links_to_staged",
    "split_links",
    "split_nodes",
]

# A staged node's element id by its key, per kind (what STAGED_IDS read back)
Ids = dict[Kind, dict[str, str]]


@dataclass(frozen=True)
class Step:
    """One kind of staging work, committed in chunks: a query, its parameters besides the rows,
    and its items, turned into rows chunk by chunk by ``rows`` (given the staged nodes' ids) or
    rows already."""

    query: LiteralString
    params: dict[str, Any]
    items: list[Any]
    rows: Callable[[Sequence[Any], Ids], list[Any]] | None = None


def ref_rows(kind: Kind, target: Kind, target_new: bool) -> Callable[[Sequence[Any], Ids], list[Any]]:
    """``(ident, ref)`` pairs of new nodes' references → rows ``[its id, the target's id or key]``."""

    def rows(pairs: Sequence[tuple[str, str]], ids: Ids) -> list[Any]:
        own, targets = ids[kind], ids.get(target, {})
        return [[own[ident], targets[ref] if target_new else ref] for ident, ref in pairs]

    return rows


def rel_rows(kind: Kind, a_new: bool, b_new: bool) -> Callable[[Sequence[Any], Ids], list[Any]]:
    """New relationship records → rows ``[start id or key, end id or key, *fields]`` (cypher.STAGED_REL_CREATE)."""
    _, (a_field, a_kind), (b_field, b_kind) = RELATION_ENDS[kind]
    values = attrgetter(a_field, b_field, *rel_fields(kind))

    def rows(records: Sequence[Record], ids: Ids) -> list[Any]:
        out = [property_row(values(record)) for record in records]
        for new, end, end_kind in ((a_new, 0, a_kind), (b_new, 1, b_kind)):
            if new and end_kind is not None:
                staged = ids[end_kind]
                for row in out:
                    row[end] = staged[row[end]]
        return out

    return rows


def split_nodes(plan: BatchPlan) -> tuple[list[Step], dict[Kind, int]]:
    """The new nodes to stage, one step per kind, and how many of each kind.

    Apart from :func:`split_links`, so that the nodes are staged while the rest is split.
    """
    created = plan.created
    nodes: dict[Kind, list[dict[str, Any]]] = defaultdict(list)
    for record in plan.upserts:
        kind = record.KIND
        if kind in NODE_KINDS and (kind, record.key) in created:
            nodes[kind].append({**properties_of(record), "_key": ident_of(record.key)})
    staged = [Step(cypher.STAGED_NODES, {"kind": k.value}, nodes[k]) for k in NODE_KINDS if nodes.get(k)]
    return staged, {k: len(v) for k, v in nodes.items()}


def split_links(plan: BatchPlan) -> tuple[list[Step], BatchPlan]:
    """What is staged once the new nodes are — their references and the relationships that touch
    one —, and the rest.

    The rest is written at the commit point; its references to new nodes are found by
    :func:`links_to_staged`.
    """
    created = plan.created
    refs: dict[tuple[Kind, str, Kind, bool], dict[tuple[str, str], None]] = defaultdict(dict)
    rels: dict[tuple[Kind, bool, bool], list[Record]] = defaultdict(list)
    final: list[Record] = []
    final_created: set[tuple[Kind, tuple[Any, ...]]] = set()
    new_ids: dict[Kind | None, set[Any]] = defaultdict(set)  # the new nodes' ids, by kind
    for kind, key in created:
        if kind in NODE_KINDS and len(key) == 1:  # what a reference or an end can name
            new_ids[kind].add(key[0])
    for record in plan.upserts:
        kind, new = record.KIND, (record.KIND, record.key) in created
        if new and kind in NODE_KINDS:
            ident = ident_of(record.key)
            for field, target, _ in NODE_REFERENCES[kind]:
                for ref in reference_targets(record, field):  # once each: the links are CREATEd
                    refs[(kind, field, target, ref in new_ids[target])][(ident, ref)] = None
        elif new:
            _, (a_field, a_kind), (b_field, b_kind) = RELATION_ENDS[kind]
            a_new = getattr(record, a_field) in new_ids[a_kind]
            b_new = getattr(record, b_field) in new_ids[b_kind]
            if a_new or b_new:
                rels[(kind, a_new, b_new)].append(record)
            else:
                final.append(record)
                final_created.add((kind, record.key))
        else:
            final.append(record)
    links = [
        Step(cypher.STAGED_REFERENCE_LINK[(kind, field, new)], {}, list(pairs), ref_rows(kind, target, new))
        for (kind, field, target, new), pairs in refs.items()
    ]
    links += [Step(cypher.STAGED_REL_CREATE[key], {}, records, rel_rows(*key)) for key, records in rels.items()]
    rest = BatchPlan(upserts=final, deletes=plan.deletes, result=plan.result, created=final_created)
    return links, rest


def links_to_staged(
    final: BatchPlan, created: AbstractSet[tuple[Kind, Any]]
) -> dict[tuple[Kind, str], list[dict[str, Any]]]:
    """References of updated nodes that name a new (staged) node: rows {id, ref}."""
    links: dict[tuple[Kind, str], list[dict[str, Any]]] = defaultdict(list)
    for record in final.upserts:
        for field, target, _ in NODE_REFERENCES.get(record.KIND, ()):
            for ref in reference_targets(record, field):
                if (target, (ref,)) in created:
                    links[(record.KIND, field)].append({"id": ident_of(record.key), "ref": ref})
    return links
