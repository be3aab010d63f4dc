"""The Neo4j store: the production backend, behind the same interface as the embedded one.

The store never creates its driver: :func:`connect` makes one per process (the CLI's
``with`` block, the API's lifespan) and hands it in. Every query is a constant of
:mod:`chain_graph.store.cypher`. A batch — an import — is planned and written inside one
managed write transaction, in ``UNWIND`` chunks of :data:`BATCH_ROWS` rows, so it is
all-or-nothing and retried on transient errors; a client that dies mid-way leaves nothing,
because Neo4j rolls back a transaction that was never committed. Driver errors are
translated here into :mod:`chain_graph.errors`.

The driver's waits are bounded (:func:`driver_options`; values and reasons in
:mod:`chain_graph.config`): connecting 1 s, getting a pooled connection 2 s, retrying a failed
transaction once, ~1 s later. A stopped server is then answered with :class:`StoreUnavailable`
in about a second instead of the driver's 30-60 s, so it cannot stall the API (issue 10). The
server is asked only for the notifications a user can act on: the driver logs every one it
receives as a warning, and on a fresh database each read naming a relationship type or
property not written yet drew one screen of them.
"""

from __future__ import annotations

import builtins
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import networkx as nx
from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    NotificationMinimumSeverity,
    RoutingControl,
)
from neo4j import exceptions as neo4j_errors

from chain_graph.config import Neo4jNotifications, Settings
from chain_graph.errors import ChainGraphError, Conflict, InvalidInput, NotFound, StoreUnavailable
from chain_graph.facts import (
    CandidateFacts,
    ChainFacts,
    ChainSummary,
    CompanyFacts,
    LeadFacts,
    LocalScope,
    OverseasTie,
)
from chain_graph.models import MODELS, NODE_KINDS, RANKING_LISTS, Chain, Company, CompanySegment, Kind, Record
from chain_graph.paths import DEFAULT_LIMIT, DEFAULT_MAX_HOPS, Paths
from chain_graph.store import cypher as q
from chain_graph.store import neo4j_facts as facts_cypher
from chain_graph.store import neo4j_publish as gate
from chain_graph.store import neo4j_relations as relations_cypher
from chain_graph.store.base import (
    NODE_REFERENCES,
    RELATION_ENDS,
    ApplyResult,
    Batch,
    Change,
    Key,
    Page,
    key_id,
    normalize_key,
    reference_targets,
)
from chain_graph.store.checks import BatchPlan, affected_scopes, plan_batch
from chain_graph.store.search import rank_company_hits
from chain_graph.store.subgraph import SubgraphParts, assemble

__all__ = ["BATCH_ROWS", "STAGE_ROWS", "Neo4jStore", "connect", "open_neo4j_store"]

BATCH_ROWS = 5000
# A batch of more rows than this is staged in per-chunk commits (chain_graph.store.neo4j_staged):
# one transaction of it would outgrow the transaction memory of a server with default settings.
STAGE_ROWS = 20_000
STALE_IMPORT_SECONDS = 300.0  # an import whose heartbeat is older is taken for dead and swept
PUBLISH_WAIT_SECONDS = 300.0  # how long a read or write waits for a live import's publication
_EDGE_KIND = {edge.value: kind for kind, (edge, _, _) in RELATION_ENDS.items()}
T = TypeVar("T")


# Notifications no user can act on: names not in the database yet (an empty store draws them
# on every read), query performance and planner hints — those are for whoever writes the queries.
_NOT_ACTIONABLE = (
    NotificationDisabledClassification.UNRECOGNIZED,
    NotificationDisabledClassification.PERFORMANCE,
    NotificationDisabledClassification.HINT,
)


def driver_options(settings: Settings) -> dict[str, Any]:
    """The driver's bounded timeouts and its notification filter, from the settings.

    >>> options = driver_options(Settings())
    >>> options["connection_timeout"], options["max_transaction_retry_time"]
    (1.0, 0.5)
    """
    options: dict[str, Any] = {
        "connection_timeout": settings.neo4j_connection_timeout,
        "connection_acquisition_timeout": settings.neo4j_acquisition_timeout,
        "max_transaction_retry_time": settings.neo4j_max_retry_time,
    }
    notifications = Neo4jNotifications(settings.neo4j_notifications)
    if notifications is Neo4jNotifications.OFF:
        options["notifications_min_severity"] = NotificationMinimumSeverity.OFF
    elif notifications is Neo4jNotifications.ALL:
        options["notifications_min_severity"] = NotificationMinimumSeverity.INFORMATION
    else:
        options["notifications_min_severity"] = NotificationMinimumSeverity.WARNING
        options["notifications_disabled_classifications"] = list(_NOT_ACTIONABLE)
    return options


def connect(settings: Settings) -> Driver:
    """A verified driver to the server the settings name, or :class:`StoreUnavailable`."""
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    try:
        driver = GraphDatabase.driver(
            settings.neo4j_uri, auth=(settings.neo4j_user, password), **driver_options(settings)
        )
    except (ValueError, neo4j_errors.ConfigurationError) as e:
        raise StoreUnavailable(f"NEO4J_URI {settings.neo4j_uri!r} is not a valid Neo4j address: {e}") from e
    try:
        driver.verify_connectivity()
    except neo4j_errors.AuthError as e:
        driver.close()
        raise StoreUnavailable(
            f"Neo4j at {settings.neo4j_uri} refused user {settings.neo4j_user!r}: check NEO4J_USER/NEO4J_PASSWORD"
        ) from e
    except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError) as e:
        driver.close()
        raise StoreUnavailable(f"Neo4j at {settings.neo4j_uri} does not answer: {type(e).__name__}") from e
    return driver


def open_neo4j_store(settings: Settings) -> Neo4jStore:
    """Connect and open a store that closes its driver when closed (CLI use)."""
    return Neo4jStore(connect(settings), database=settings.neo4j_database, owns_driver=True)


def _translated(method: Callable[..., T]) -> Callable[..., T]:
    """Translate driver errors into chain-graph errors at the store boundary."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return method(*args, **kwargs)
        except ChainGraphError:
            raise
        except neo4j_errors.ConstraintError as e:
            raise Conflict(f"Neo4j refused the write: {e.message}") from e
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, neo4j_errors.AuthError) as e:
            raise StoreUnavailable(f"Neo4j is unavailable: {type(e).__name__}") from e
        except (neo4j_errors.TransientError, neo4j_errors.DatabaseError) as e:
            raise StoreUnavailable(f"Neo4j could not complete the request: {e.code}") from e
        except neo4j_errors.DriverError as e:
            raise StoreUnavailable(f"Neo4j driver error: {type(e).__name__}") from e

    return wrapper


def _chunks(items: Sequence[T], size: int = BATCH_ROWS) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_AS_IS = frozenset({str, int, float, bool, date, datetime})


def _props(record: Record) -> dict[str, Any]:
    """A record as Neo4j properties: native dates and times, enums as text, no nulls."""
    row: dict[str, Any] = {}
    for name, value in record.model_dump().items():
        if type(value) in _AS_IS:  # most values: one look-up (a big import turns 10^6 records)
            row[name] = value
            continue
        if value is None or value == () or value == []:
            continue
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, tuple):
            value = [v.value if isinstance(v, Enum) else v for v in value]
        row[name] = value
    if record.KIND in q.UID_KINDS:
        row["uid"] = key_id(record.key)
    return row


def _record(kind: Kind, props: Mapping[str, Any]) -> Record:
    data = {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in props.items() if k != "uid"}
    return MODELS[kind].model_validate(data)


class Neo4jStore:
    """The store on a Neo4j 5 server. The driver is handed in; one per process."""

    backend = "neo4j"

    def __init__(
        self,
        driver: Driver,
        *,
        database: str = "neo4j",
        owns_driver: bool = False,
        stale_import_seconds: float = STALE_IMPORT_SECONDS,
        publish_wait_seconds: float = PUBLISH_WAIT_SECONDS,
    ) -> None:
        self._driver = driver
        self._database = database
        self._owns_driver = owns_driver
        self._stale_import_seconds = stale_import_seconds
        self._publish_wait_seconds = publish_wait_seconds
        self._ensure_schema()
        self._ensure_fact_schema()

    # -- reading -----------------------------------------------------------------------------

    def get(self, kind: Kind, key: str | Sequence[Any]) -> Record:
        record = self.find(kind, key)
        if record is None:
            shown = "/".join(str(p) for p in normalize_key(Kind(kind), key))
            raise NotFound(f"no {Kind(kind)} with key {shown!r}", field=MODELS[Kind(kind)].KEY[-1])
        return record

    def find(self, kind: Kind, key: str | Sequence[Any]) -> Record | None:
        kind = Kind(kind)
        normalized = normalize_key(kind, key)
        return self.lookup_many(kind, [normalized]).get(normalized)

    @_translated
    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        return _lookup(self._read, Kind(kind), list(keys))

    @_translated
    def list(
        self,
        kind: Kind,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page:
        kind = Kind(kind)
        match, params = _list_query(kind, where)
        order = ", ".join(f"n.{f}" for f in MODELS[kind].KEY)
        page = f"{match} RETURN properties(n) AS p ORDER BY {order} SKIP $offset"
        page += " LIMIT $limit" if limit is not None else ""
        rows = self._read(page, {**params, "offset": offset, "limit": limit})
        total = self._read(f"{match} RETURN count(n) AS n", params)[0]["n"]
        return Page(items=[_record(kind, r["p"]) for r in rows], total=total, offset=offset, limit=limit)

    @_translated
    def count(self, kind: Kind) -> int:
        return int(self._read(q.COUNT_ALL[Kind(kind)], {})[0]["n"])

    @_translated
    def revision(self) -> int | None:
        """A counter every write of this library bumps in its own transaction (one cheap read)."""
        rows = self._read(q.REVISION_READ, {})
        return int(rows[0]["revision"]) if rows else 0

    def stats(self) -> dict[str, int]:
        return {kind.value: self.count(kind) for kind in Kind}

    @_translated
    def search_companies(self, text: str, *, limit: int = 20) -> builtins.list[Record]:
        needle = text.strip().casefold()
        if not needle:
            return []
        rows = self._read(q.SEARCH_COMPANIES, {"q": needle, "cap": max(1000, limit)})
        hits = [_record(Kind.COMPANY, r["p"]) for r in rows]
        return rank_company_hits(hits, needle, limit)

    @_translated
    def chain_subgraph(self, chain_id: str) -> nx.MultiDiGraph:
        """The chain's map: its segments and FEEDS neighbours, the companies of its own segments
        and the ties among them (for drawing and export; the analysis reads facts)."""
        return assemble(self._in_read(lambda tx: self._gather(tx, chain_id)))

    # -- facts (chain_graph.facts): counted in Cypher, one read transaction each ----------------

    @_translated
    def revisions(self) -> dict[str, int]:
        rows = self._read(q.REVISIONS_READ, {})
        found = {str(name): int(value) for name, value in rows[0]["named"] if name is not None} if rows else {}
        found["any"] = int(rows[0]["any"]) if rows else 0
        found.setdefault("epoch", 1)
        return found

    @_translated
    def chain_facts(
        self, chain_id: str, scope: LocalScope, *, firm_limit: int, county: str | None = None
    ) -> ChainFacts:
        return self._in_read(
            lambda tx: facts_cypher.chain_facts(tx, _chain_in(tx, chain_id), scope, firm_limit, county)
        )

    @_translated
    def company_facts(
        self, company_ids: Iterable[str], segment_ids: Iterable[str], scope: LocalScope
    ) -> dict[str, CompanyFacts]:
        ids, segs = list(company_ids), list(segment_ids)
        return self._in_read(lambda tx: facts_cypher.company_facts(tx, ids, segs, scope))

    @_translated
    def candidate_facts(
        self, segment_ids: Sequence[str], scope: LocalScope, *, also_local: Iterable[str] = ()
    ) -> CandidateFacts:
        extra = list(also_local)
        return self._in_read(lambda tx: facts_cypher.candidate_facts(tx, segment_ids, scope, extra))

    @_translated
    def segment_members(self, segment_id: str) -> builtins.list[tuple[CompanySegment, Company]]:
        return self._in_read(lambda tx: facts_cypher.segment_members(tx, segment_id))

    @_translated
    def chain_summaries(self, scope: LocalScope) -> builtins.list[ChainSummary]:
        return self._in_read(lambda tx: facts_cypher.chain_summaries(tx, scope))

    @_translated
    def count_local(self, scope: LocalScope) -> int:
        return self._in_read(lambda tx: facts_cypher.count_local(tx, scope))

    # -- relationships that bring a target in (chain_graph.paths), 链主 leads ------------------

    @_translated
    def relation_paths(
        self,
        company_ids: Sequence[str],
        scope: LocalScope,
        *,
        max_hops: int = DEFAULT_MAX_HOPS,
        limit: int = DEFAULT_LIMIT,
        beyond_direct_supply: bool = False,
    ) -> dict[str, Paths]:
        ids = list(company_ids)
        return self._in_read(
            lambda tx: relations_cypher.relation_paths(
                tx, ids, scope, max_hops=max_hops, limit=limit, beyond_direct_supply=beyond_direct_supply
            )
        )

    @_translated
    def lead_facts(self, scope: LocalScope, *, leader_id: str | None = None) -> LeadFacts:
        return self._in_read(lambda tx: relations_cypher.lead_facts(tx, scope, leader_id))

    @_translated
    def overseas_ties(self, company_ids: Iterable[str] | None = None) -> builtins.list[OverseasTie]:
        ids = None if company_ids is None else list(company_ids)
        return self._in_read(lambda tx: relations_cypher.overseas_ties(tx, ids))

    def _in_read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one managed read transaction (routed to a reader on a cluster) that no
        import's publication overlapped (chain_graph.store.neo4j_publish)."""
        return gate.read(self._driver, self._database, work, self._wait_for_gate)

    def _wait_for_gate(self) -> None:
        gate.wait_for_gate(
            self._driver, self._database, stale_seconds=self._stale_import_seconds, timeout=self._publish_wait_seconds
        )

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, record: Record) -> Change:
        counts = self.apply(Batch(upserts=[record])).counts[record.KIND]
        return next(change for change in Change if counts.get(change))

    def delete(self, kind: Kind, key: str | Sequence[Any]) -> None:
        kind = Kind(kind)
        normalized = normalize_key(kind, key)
        self.get(kind, normalized)
        self.apply(Batch(deletes=[(kind, normalized)]))

    @_translated
    def apply(self, batch: Batch, *, dry_run: bool = False) -> ApplyResult:
        if not dry_run and len(batch) > STAGE_ROWS:
            from chain_graph.store import neo4j_staged  # it builds on this module's write helpers

            return neo4j_staged.apply_staged(
                self._driver, self._database, batch, stale_seconds=self._stale_import_seconds, wait=self._wait_for_gate
            )
        if dry_run:
            result = self._in_read(lambda tx: plan_batch(_TxView(tx), batch).result)
            result.dry_run = True
            return result
        with self._driver.session(database=self._database) as session:
            while True:
                try:
                    return session.execute_write(_plan_and_write, batch)
                except gate.GateHeld:  # an import is being published: write after it
                    self._wait_for_gate()

    @_translated
    def clear(self) -> None:
        with self._driver.session(database=self._database) as session:
            session.run(q.CLEAR_RELATIONSHIPS).consume()
            session.run(q.CLEAR_BATCH).consume()
            session.run(q.REVISION_BUMP).consume()
            names = ["data", "epoch", "plans", "events", "snapshots", "keys", "growth", "promotions", "relations"]
            session.run(q.REVISIONS_BUMP, {"names": names}).consume()
            session.run(q.GATE_RESET).consume()  # the import it named is gone

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------

    def _read(self, query: str, params: Mapping[str, Any]) -> builtins.list[Any]:
        return self._in_read(lambda tx: list(tx.run(query, dict(params))))

    @_translated
    def _ensure_schema(self) -> None:
        for statement in (*q.SCHEMA_STATEMENTS, *q.SCHEMA_TOKENS):
            self._driver.execute_query(statement, database_=self._database)
        self._driver.execute_query(q.SCHEMA_AWAIT, database_=self._database)
        rows, _, _ = self._driver.execute_query(
            q.SCHEMA_VERSION_READ, database_=self._database, routing_=RoutingControl.READ
        )
        version = rows[0]["version"] if rows else None
        if version is not None and version > q.SCHEMA_VERSION:
            raise StoreUnavailable(
                f"the Neo4j database has chain-graph schema version {version}, newer than this "
                f"chain-graph understands ({q.SCHEMA_VERSION}); upgrade chain-graph"
            )
        lists = [lst.model_dump(mode="json") for lst in RANKING_LISTS.values()]
        self._driver.execute_query(q.RANKING_LISTS_WRITE, {"rows": lists}, database_=self._database)
        self._driver.execute_query(q.SCHEMA_VERSION_WRITE, {"version": q.SCHEMA_VERSION}, database_=self._database)
        from chain_graph.store import neo4j_staged  # it builds on this module's write helpers

        neo4j_staged.sweep_stale(self._driver, self._database, self._stale_import_seconds)

    @_translated
    def _ensure_fact_schema(self) -> None:
        for statement in q.FACT_SCHEMA_STATEMENTS:
            self._driver.execute_query(statement, database_=self._database)

    def _gather(self, tx: ManagedTransaction, chain_id: str) -> SubgraphParts:
        chain = _chain_in(tx, chain_id)

        def read(query: str, params: Mapping[str, Any]) -> builtins.list[Any]:
            return list(tx.run(query, dict(params)))

        own, seg_ids = facts_cypher.segments_around(tx, chain_id)
        segments = list(_lookup(read, Kind.SEGMENT, [(s,) for s in seg_ids]).values())
        links = [_record(Kind.SEGMENT_LINK, r["p"]) for r in read(q.SUB_LINKS_AMONG, {"ids": seg_ids})]
        members = [_record(Kind.COMPANY_SEGMENT, r["p"]) for r in read(q.MAP_MEMBERSHIPS, {"ids": own})]
        company_ids = sorted({m.key[0] for m in members})
        supplies = [_record(Kind.SUPPLY, r["p"]) for r in read(q.MAP_SUPPLIES_AMONG, {"ids": company_ids})]
        companies = list(_lookup(read, Kind.COMPANY, [(c,) for c in company_ids]).values())
        rankings = [_record(Kind.RANKING, r["p"]) for r in read(q.SUB_RANKINGS, {"ids": company_ids})]
        region_ids = sorted({c.region for c in companies if c.region})  # type: ignore[attr-defined]
        regions = [_record(Kind.REGION, r["p"]) for r in read(q.SUB_REGIONS, {"ids": region_ids})]
        chain_ids = sorted({s.chain_id for s in segments} | {chain_id})  # type: ignore[attr-defined]
        chains = list(_lookup(read, Kind.CHAIN, [(c,) for c in chain_ids]).values())
        assert chain in chains
        return SubgraphParts(
            chain_id=chain_id,
            chains=chains,  # type: ignore[arg-type]
            segments=segments,  # type: ignore[arg-type]
            links=links,  # type: ignore[arg-type]
            memberships=members,  # type: ignore[arg-type]
            companies=companies,  # type: ignore[arg-type]
            supplies=supplies,  # type: ignore[arg-type]
            rankings=rankings,  # type: ignore[arg-type]
            regions=regions,  # type: ignore[arg-type]
        )


def _chain_in(tx: ManagedTransaction, chain_id: str) -> Chain:
    rows = list(tx.run(q.NODE_GET_MANY[Kind.CHAIN], {"ids": [chain_id]}))
    if not rows:
        raise NotFound(f"no chain with id {chain_id!r}", field="chain_id")
    return _record(Kind.CHAIN, rows[0]["p"])  # type: ignore[return-value]


def _lookup(
    read: Callable[[str, Mapping[str, Any]], list[Any]], kind: Kind, keys: builtins.list[Key]
) -> dict[Key, Record]:
    found: dict[Key, Record] = {}
    for chunk in _chunks(keys):
        if kind in NODE_KINDS:
            rows = read(q.NODE_GET_MANY[kind], {"ids": [key_id(k) for k in chunk]})
        else:
            rows = read(q.REL_GET_MANY[kind], {"keys": [list(k) for k in chunk]})
        for row in rows:
            record = _record(kind, row["p"])
            found[record.key] = record
    return found


def _list_query(kind: Kind, where: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """The MATCH … WHERE of a list, field names checked against the model."""
    fields = MODELS[kind].model_fields
    clauses, params = [], {}
    for i, (name, value) in enumerate((where or {}).items()):
        if name not in fields:
            raise InvalidInput(f"{kind} has no field {name!r} to filter on", field=name)
        value = getattr(value, "value", value)
        if name == "year" or name in ("rank", "employees"):
            try:
                value = int(value)
            except (TypeError, ValueError) as e:
                raise InvalidInput(f"{name}: must be a whole number", field=name) from e
        clauses.append(f"n.{name} = $w{i}")
        params[f"w{i}"] = value
    match = q.LIST_MATCH[kind]
    return (f"{match} WHERE {' AND '.join(clauses)}" if clauses else match), params


class _TxView:
    """The StateView of plan_batch, read inside the write transaction."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx
        self._empty: dict[Kind, bool] = {}

    def _read(self, query: str, params: Mapping[str, Any]) -> builtins.list[Any]:
        return list(self._tx.run(query, dict(params)))

    def lookup_many(self, kind: Kind, keys: Iterable[Key]) -> dict[Key, Record]:
        if kind not in self._empty:  # a fresh database answers every look-up at once
            self._empty[kind] = self._read(q.COUNT_ALL[kind], {})[0]["n"] == 0
        if self._empty[kind]:
            return {}
        return _lookup(self._read, kind, list(keys))

    def _values(self, query: str, ids: Iterable[str]) -> set[str]:
        values = sorted(set(ids))
        return {r["v"] for r in self._read(query, {"ids": values}) if r["v"] is not None} if values else set()

    def segment_chains(self, segment_ids: Iterable[str]) -> set[str]:
        return self._values(q.SCOPE_SEGMENT_CHAINS, segment_ids)

    def company_segments(self, company_ids: Iterable[str]) -> set[str]:
        return self._values(q.SCOPE_COMPANY_SEGMENTS, company_ids)

    def supply_partners(self, company_ids: Iterable[str]) -> set[str]:
        return self._values(q.SCOPE_SUPPLY_PARTNERS, company_ids)

    def feeds_neighbours(self, segment_ids: Iterable[str]) -> set[str]:
        return self._values(q.FACT_NEIGHBOURS, segment_ids)

    def relations_of(self, kind: Kind, ident: str) -> builtins.list[Record]:
        if kind not in q.RELATIONS_OF:
            return []
        rows = self._read(q.RELATIONS_OF[kind], {"id": ident})
        return [_record(_EDGE_KIND[r["type"]], r["p"]) for r in rows]

    def dependents(self, kind: Kind, ident: str) -> builtins.list[tuple[Kind, Key]]:
        return [
            (dep_kind, normalize_key(dep_kind, row["key"]))
            for dep_kind, query in q.DEPENDENTS[kind]
            for row in self._read(query, {"id": ident})
        ]


def _plan_and_write(tx: ManagedTransaction, batch: Batch) -> ApplyResult:
    plan = plan_batch(_TxView(tx), batch)
    if plan.upserts or plan.deletes:  # nothing changed, nothing written, revision kept
        scopes = affected_scopes(_TxView(tx), plan)
        _write(tx, plan)
        bump_revisions(tx, scopes)
    return plan.result


def bump_revisions(tx: ManagedTransaction, scopes: set[str]) -> None:
    """Move the revisions a write touched (``any`` on the schema node, the others by name).

    Under the revision's lock, a write that meets an import being published is refused with
    :class:`~chain_graph.store.neo4j_publish.GateHeld` (rolled back, and run again after it).
    """
    gate.check_gate(tx.run(q.REVISION_BUMP_READ).single(strict=True))
    tx.run(q.REVISIONS_BUMP, {"names": sorted(scopes - {"any"})}).consume()


def _write(tx: ManagedTransaction, plan: BatchPlan) -> None:
    new: dict[Kind, list[Record]] = defaultdict(list)
    changed: dict[Kind, list[Record]] = defaultdict(list)
    for record in plan.upserts:
        (new if (record.KIND, record.key) in plan.created else changed)[record.KIND].append(record)

    def run(query: str, **params: Any) -> None:
        tx.run(query, params).consume()

    for kind in NODE_KINDS:
        for chunk in _chunks(new.get(kind, [])):
            run(q.NODE_CREATE[kind], rows=[_props(r) for r in chunk])
        for chunk in _chunks(changed.get(kind, [])):
            run(q.NODE_UPSERT[kind], rows=[_props(r) for r in chunk])
            if kind in q.REFERENCE_CLEAR:
                run(q.REFERENCE_CLEAR[kind], ids=[key_id(r.key) for r in chunk])
    for kind in NODE_KINDS:
        records = new.get(kind, []) + changed.get(kind, [])
        for field, _, _ in NODE_REFERENCES[kind]:
            rows = [{"id": key_id(r.key), "ref": ref} for r in records for ref in reference_targets(r, field)]
            for row_chunk in _chunks(rows):
                run(q.REFERENCE_LINK[(kind.value, field)], rows=list(row_chunk))
    for kind in RELATION_ENDS:
        for chunk in _chunks(new.get(kind, [])):
            run(q.REL_CREATE[kind], rows=[_props(r) for r in chunk])
        for chunk in _chunks(changed.get(kind, [])):
            run(q.REL_UPSERT[kind], rows=[_props(r) for r in chunk])
    deletes: dict[Kind, list[Key]] = defaultdict(list)
    for kind, key in plan.deletes:
        deletes[kind].append(key)
    for kind in RELATION_ENDS:
        for key_chunk in _chunks(deletes.get(kind, [])):
            run(q.REL_DELETE[kind], keys=[list(k) for k in key_chunk])
    for kind in reversed(NODE_KINDS):
        for key_chunk in _chunks(deletes.get(kind, [])):
            run(q.NODE_DELETE[kind], ids=[key_id(k) for k in key_chunk])
