"""Staged imports (docs/NEO4J-IMPORT.md) and the publication gate (chain_graph.store.neo4j_publish)."""

from __future__ import annotations

from typing import LiteralString

from chain_graph.models import MODELS, Kind
from chain_graph.store.base import NODE_REFERENCES, RELATION_ENDS
from chain_graph.store.cypher.names import identifier
from chain_graph.store.cypher.schema import Label

# A big batch writes its new nodes as (:Staged {_import: "<id>:<kind>", _key, ...fields}) — without their
# real label, so that no read sees them — and the relationships that touch a new node with their
# real type, in one commit per chunk. One small transaction then commits the import (the commit
# point: checks, revisions, updates, state 'publishing'), and chunk commits give the staged nodes
# their labels while readers and writers wait at the publication gate. No read sees a staged node
# because every read pattern names a real label at both ends of a relationship.

# The real label of each node kind and the property that holds its key.
NODE_MATCH: dict[Kind, tuple[Label, str]] = {
    Kind.REGION: (Label.REGION, "region_id"),
    Kind.CHAIN: (Label.CHAIN, "chain_id"),
    Kind.SEGMENT: (Label.SEGMENT, "segment_id"),
    Kind.COMPANY: (Label.COMPANY, "company_id"),
    Kind.TARGET_PLAN: (Label.TARGET_PLAN, "plan_id"),
    Kind.PLAN_EVENT: (Label.PLAN_EVENT, "uid"),
    Kind.CHAIN_SNAPSHOT: (Label.CHAIN_SNAPSHOT, "uid"),
    Kind.API_KEY: (Label.API_KEY, "key_id"),
    Kind.EXPANSION: (Label.EXPANSION, "expansion_id"),
    Kind.LISTING: (Label.LISTING, "company_id"),
    Kind.PARK: (Label.PARK, "park_id"),
    Kind.PARK_PLOT: (Label.PARK_PLOT, "plot_id"),
    Kind.APPRAISAL: (Label.APPRAISAL, "plan_id"),
    Kind.PROMOTION_EVENT: (Label.PROMOTION_EVENT, "event_id"),
    Kind.EVENT_TARGET: (Label.EVENT_TARGET, "uid"),
    Kind.INVITATION: (Label.INVITATION, "uid"),
    Kind.ORGANISATION: (Label.ORGANISATION, "organisation_id"),
}

IMPORT_BEGIN: LiteralString = (
    "CREATE (:ChainGraphImport {id: $id, state: 'staging', chunks: [], rows: $rows, "
    "started_at: datetime(), heartbeat: datetime()})"
)
# The node is write-locked (SET _lock) before its state is read, so a sweep that claimed the
# import first is seen, and one that comes later waits for this transaction.
IMPORT_HEARTBEAT: LiteralString = (
    "MATCH (i:ChainGraphImport {id: $id}) SET i._lock = true "
    "WITH i SET i.heartbeat = datetime() REMOVE i._lock RETURN i.state AS state, i.chunks AS chunks"
)
# ``chunks`` lists the chunk numbers committed: chunks commit out of order (two writers), and a
# retried chunk whose commit had landed is not written twice.
IMPORT_CHUNK_SEEN: LiteralString = "MATCH (i:ChainGraphImport {id: $id}) RETURN $seq IN i.chunks AS seen"
IMPORT_CHUNK_DONE: LiteralString = "MATCH (i:ChainGraphImport {id: $id}) SET i.chunks = i.chunks + $seq"
IMPORT_FAILED: LiteralString = "MATCH (i:ChainGraphImport {id: $id}) SET i.state = 'failed'"
IMPORT_DONE: LiteralString = "MATCH (i:ChainGraphImport {id: $id}) DELETE i"
# A publisher that fails hands its import over: with its heartbeat in the past, whoever meets
# the publication gate next finishes it at once.
IMPORT_RELEASE: LiteralString = (
    "MATCH (i:ChainGraphImport {id: $id}) SET i.heartbeat = datetime('1970-01-01T00:00:00Z')"
)
# Imports to sweep (failed ones, and those whose importer stopped refreshing the heartbeat) and
# to roll forward (published ones whose publisher died: state 'publishing', heartbeat stale).
IMPORT_STALE: LiteralString = (
    "MATCH (i:ChainGraphImport) WHERE i.state = 'failed' "
    "OR i.heartbeat < datetime() - duration({seconds: $stale}) RETURN i.id AS id, i.state AS state"
)
# Past its commit point an import is never swept: it is rolled forward.
IMPORT_CLAIM: LiteralString = (
    "MATCH (i:ChainGraphImport {id: $id}) SET i._lock = true WITH i "
    "WHERE i.state <> 'publishing' AND (i.state = 'failed' OR i.heartbeat < datetime() - duration({seconds: $stale})) "
    "SET i.state = 'sweeping', i.heartbeat = datetime() REMOVE i._lock RETURN i.id AS id"
)
# Relationships first, in batches: a staged region or segment can hold tens of thousands, and
# one DETACH DELETE of it outgrew the transaction memory of a default server.
# Outgoing, then incoming (what is left of it): each relationship is met once. They are matched per
# node inside the batch: matched outside it, the planner puts an Eager before the deletes that holds
# every staged relationship in memory at once (a 3M-tie store's clear ran out of a 512 MB heap so).
STAGED_SWEEP: tuple[LiteralString, ...] = (
    "MATCH (n:Staged) WHERE n._import STARTS WITH $import + ':' "
    "CALL (n) { MATCH (n)-[r]->() DELETE r } IN TRANSACTIONS OF 500 ROWS",
    "MATCH (n:Staged) WHERE n._import STARTS WITH $import + ':' "
    "CALL (n) { MATCH (n)<-[r]-() DELETE r } IN TRANSACTIONS OF 500 ROWS",
    "MATCH (n:Staged) WHERE n._import STARTS WITH $import + ':' CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS",
)
STAGED_COUNT: LiteralString = "MATCH (n:Staged) RETURN count(n) AS n"
# The revision is bumped first at the commit point: the lock it takes orders the import after
# every write that committed since it was planned, and the value says whether any did. Every
# write bumps it this way and reads the publication gate under that lock (neo4j_publish).
REVISION_BUMP_READ: LiteralString = (
    "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.revision = coalesce(s.revision, 0) + 1 "
    "RETURN s.revision AS revision, s.publishing AS publishing"
)

# -- the publication gate (chain_graph.store.neo4j_publish) --
# The schema node's ``publishing`` names the import being published (null: none); ``published``
# counts finished publications, so a read that saw the same pair first and last overlapped none.
GATE_READ: LiteralString = (
    "OPTIONAL MATCH (s:ChainGraphSchema {id: 'schema'}) "
    "RETURN s.publishing AS publishing, coalesce(s.published, 0) AS published"
)
# What a waiting reader or writer needs: which import holds the gate, and whether its publisher lives.
GATE_STATE: LiteralString = (
    "OPTIONAL MATCH (s:ChainGraphSchema {id: 'schema'}) WITH s.publishing AS publishing "
    "OPTIONAL MATCH (i:ChainGraphImport {id: publishing}) "
    "RETURN publishing, coalesce(i.heartbeat >= datetime() - duration({seconds: $stale}), false) AS alive"
)
# The commit point's last step: the import is published from now on, whatever happens.
PUBLISH_BEGIN: LiteralString = (
    "MATCH (i:ChainGraphImport {id: $id}) SET i.state = 'publishing', i.heartbeat = datetime() "
    "WITH i MATCH (s:ChainGraphSchema {id: 'schema'}) SET s.publishing = $id"
)
PUBLISH_END: LiteralString = (
    "MATCH (s:ChainGraphSchema {id: 'schema'}) WHERE s.publishing = $id "
    "SET s.publishing = null, s.published = coalesce(s.published, 0) + 1"
)
GATE_RESET: LiteralString = "MATCH (s:ChainGraphSchema {id: 'schema'}) SET s.publishing = null"
STAGED_LEFT: LiteralString = "MATCH (n:Staged) WHERE n._import STARTS WITH $import + ':' RETURN count(n) AS n"

# Rows carry the record's fields and ``_key`` (its key as one string); ``_import`` names the
# import and the kind, so that the final flip removes one property, not three. Every staging query
# returns how many rows it wrote (the importer checks it: a row that found no end would be lost).
STAGED_NODES: LiteralString = (
    "UNWIND $rows AS row CREATE (n:Staged) SET n = row, n._import = $import + ':' + $kind RETURN count(*) AS n"
)
# Once a kind's nodes are staged, their element ids by key: the relationships of the following
# chunks find a staged end by its id (a seek on the node store) instead of the (_import, _key) index.
STAGED_IDS: LiteralString = (
    "MATCH (n:Staged {_import: $import + ':' + $kind}) RETURN collect([n._key, elementId(n)]) AS ids"
)


def _flip(kind: Kind) -> LiteralString:
    label, word = identifier(NODE_MATCH[kind][0]), identifier(kind.value)
    return (
        f"MATCH (n:Staged {{_import: $import + ':{word}'}}) WITH n LIMIT $limit "
        f"SET n:{label} REMOVE n:Staged, n._import, n._key RETURN count(n) AS n"
    )


def _taken(kind: Kind) -> LiteralString:
    label, key, word = identifier(NODE_MATCH[kind][0]), identifier(NODE_MATCH[kind][1]), identifier(kind.value)
    return f"MATCH (n:Staged {{_import: $import + ':{word}'}}) MATCH (v:{label} {{{key}: n._key}}) RETURN count(v) AS n"


def _end(var: LiteralString, kind: Kind, value: LiteralString, staged: bool) -> LiteralString:
    """MATCH one end of a relationship by ``value``: a staged node by its element id, or a visible one by key.

    A staged end is a seek on the node store: its id comes from :data:`STAGED_IDS`. (By
    ``(_import, _key)`` it was an index seek that needed a hint; the id seek costs less.)

    >>> print(_end("a", Kind.COMPANY, "row[0]", True))
    MATCH (a:Staged) WHERE elementId(a) = row[0]
    >>> print(_end("b", Kind.SEGMENT, "row[1]", False))
    MATCH (b:Segment {segment_id: row[1]})
    """
    if staged:
        return f"MATCH ({var}:Staged) WHERE elementId({var}) = {value}"
    label, key = identifier(NODE_MATCH[kind][0]), identifier(NODE_MATCH[kind][1])
    return f"MATCH ({var}:{label} {{{key}: {value}}})"


def _staged_by_key(var: LiteralString, kind: Kind, value: LiteralString) -> LiteralString:
    """MATCH a staged node of this import by its key, where its element id is not at hand.

    The hint keeps the planner on a seek of the two-part index: left to itself it used the
    index on ``_import`` alone, or scanned, and read every staged node of the import per row.
    """
    word = identifier(kind.value)
    return (
        f"MATCH ({var}:Staged {{_import: $import + ':{word}', _key: {value}}}) "
        f"USING INDEX SEEK {var}:Staged(_import, _key)"
    )


def _reference_link(kind: Kind, target: Kind, edge: str, target_staged: bool) -> LiteralString:
    """A new node's references, rows ``[its id, the target's id or key]``: CREATE, as the node is new."""
    start, end = _end("a", kind, "row[0]", True), _end("b", target, "row[1]", target_staged)
    return f"UNWIND $rows AS row {start} {end} CREATE (a)-[:{identifier(edge)}]->(b) RETURN count(*) AS n"


def _publish_reference_link(kind: Kind, target: Kind, edge: str) -> LiteralString:
    start, end = _end("a", kind, "row.id", False), _staged_by_key("b", target, "row.ref")
    return f"UNWIND $rows AS row {start} {end} MERGE (a)-[:{identifier(edge)}]->(b)"


def rel_fields(kind: Kind) -> tuple[str, ...]:
    """The properties of a relationship record, in the order its staged rows carry them after the two ends."""
    return tuple(MODELS[kind].model_fields)


def _rel_create(kind: Kind, a_staged: bool, b_staged: bool) -> LiteralString:
    """Rows ``[start id or key, end id or key, *the record's fields]``.

    The properties are named in CREATE: ``SET r = row`` made the planner put an ``Eager`` before
    it (it cannot tell which keys ``row`` sets), holding every row of the chunk. A null is not stored.
    """
    edge, (_, a_kind), (_, b_kind) = RELATION_ENDS[kind]
    start = _end("a", a_kind, "row[0]", a_staged)
    if b_kind is None:  # a ranking list: never staged
        end: LiteralString = f"MATCH (b:{identifier(Label.RANKING_LIST)} {{list_id: row[1]}})"
    else:
        end = _end("b", b_kind, "row[1]", b_staged)
    props = ", ".join(f"{identifier(name)}: row[{i + 2}]" for i, name in enumerate(rel_fields(kind)))
    return f"UNWIND $rows AS row {start} {end} CREATE (a)-[r:{identifier(edge)} {{{props}}}]->(b) RETURN count(*) AS n"


# After the commit point, one chunk of a kind's staged nodes becomes real: the count it turned.
STAGED_FLIP: dict[Kind, LiteralString] = {kind: _flip(kind) for kind in NODE_MATCH}
# At the commit point: how many staged keys a visible node holds already (the uniqueness
# constraint would refuse their flip, and past the commit point nothing may be refused).
STAGED_KEY_TAKEN: dict[Kind, LiteralString] = {kind: _taken(kind) for kind in NODE_MATCH}

# References of new nodes, by (kind, field, whether the target is staged too); rows [id, id or key].
STAGED_REFERENCE_LINK: dict[tuple[Kind, str, bool], LiteralString] = {
    (kind, field, target_staged): _reference_link(kind, target, edge, target_staged)
    for kind, refs in NODE_REFERENCES.items()
    for field, target, edge in refs
    for target_staged in (False, True)
}

# References of updated (visible) nodes to new (staged) ones, written at the commit point.
PUBLISH_REFERENCE_LINK: dict[tuple[Kind, str], LiteralString] = {
    (kind, field): _publish_reference_link(kind, target, edge)
    for kind, refs in NODE_REFERENCES.items()
    for field, target, edge in refs
}

# New relationships with at least one new end, by (kind, start staged, end staged); rows: see _rel_create.
STAGED_REL_CREATE: dict[tuple[Kind, bool, bool], LiteralString] = {
    (kind, a_staged, b_staged): _rel_create(kind, a_staged, b_staged)
    for kind, (_, _, (_, b_kind)) in RELATION_ENDS.items()
    for a_staged, b_staged in ((True, False), (False, True), (True, True))
    if b_kind is not None or not b_staged
}
