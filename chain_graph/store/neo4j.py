"""The Neo4j store: the production backend, behind the same interface as the embedded one.

The driver is handed in (:mod:`chain_graph.store.neo4j_driver` makes one per process and
translates its errors). Every query is a constant of :mod:`chain_graph.store.cypher`. At start
the schema is brought to :data:`~chain_graph.store.cypher.SCHEMA_VERSION` by numbered migrations
(:mod:`chain_graph.store.neo4j_schema`). A batch — an import — is planned and written inside one
managed write transaction (:mod:`chain_graph.store.neo4j_records`), in ``UNWIND`` chunks, so it
is all-or-nothing and retried on transient errors; a client that dies mid-way leaves nothing,
because Neo4j rolls back a transaction that was never committed. A batch of more than
:data:`STAGE_ROWS` rows is staged (:mod:`chain_graph.store.neo4j_staged`).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, LiteralString, TypeVar

from neo4j import Driver, ManagedTransaction, RoutingControl

from chain_graph.config import Settings
from chain_graph.errors import InvalidInput, NotFound
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
from chain_graph.models import MODELS, Company, CompanySegment, Kind, Record
from chain_graph.paths import DEFAULT_LIMIT, DEFAULT_MAX_HOPS, Paths
from chain_graph.store import cypher, neo4j_schema, neo4j_staged
from chain_graph.store import neo4j_facts as facts_cypher
from chain_graph.store import neo4j_publish as gate
from chain_graph.store import neo4j_relations as relations_cypher
from chain_graph.store import neo4j_upkeep as upkeep
from chain_graph.store.base import ApplyResult, Batch, Change, Key, Page, normalize_key
from chain_graph.store.checks import plan_batch
from chain_graph.store.neo4j_driver import connect, driver_options
from chain_graph.store.neo4j_driver import translated as _translated
from chain_graph.store.neo4j_records import (
    BATCH_ROWS,
    TxView,
    chain_in,
    lookup,
    plan_and_write,
    record_of,
)
from chain_graph.store.search import rank_company_hits
from chain_graph.store.subgraph import SubgraphParts, assemble

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["BATCH_ROWS", "STAGE_ROWS", "Neo4jStore", "connect", "driver_options", "open_neo4j_store"]

# A batch of more rows than this is staged in per-chunk commits (chain_graph.store.neo4j_staged):
# one transaction of it would outgrow the transaction memory of a server with default settings.
STAGE_ROWS = 20_000
STALE_IMPORT_SECONDS = 300.0  # an import whose heartbeat is older is taken for dead and swept
PUBLISH_WAIT_SECONDS = 300.0  # how long a read or write waits for a live import's publication
T = TypeVar("T")
# Every record of a kind, in key order, as list() reads them (the report's regions and plans).
_WHOLE: dict[Kind, LiteralString] = {
    kind: cypher.list_queries(kind, [], limited=False)[0] for kind in (Kind.REGION, Kind.TARGET_PLAN)
}


def open_neo4j_store(settings: Settings) -> Neo4jStore:
    """Connect and open a store that closes its driver when closed (CLI use)."""
    return Neo4jStore(connect(settings), database=settings.neo4j_database, owns_driver=True)


class Neo4jStore:
    """The store on a Neo4j 5 server. The driver is handed in; one per process."""

    backend = "neo4j"
    reads_cold_after_import = True

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
        self._start()

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
        return lookup(self._read, Kind(kind), list(keys))

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
        fields, params = _list_filter(kind, where)
        page, total_query = cypher.list_queries(kind, fields, limited=limit is not None)
        whole = limit is None and offset == 0  # the page is every record: its length is the total

        def read(tx: ManagedTransaction) -> tuple[builtins.list[Any], int]:
            rows = list(tx.run(page, {**params, "offset": offset, "limit": limit}))
            return rows, len(rows) if whole else int(tx.run(total_query, params).single(strict=True)["n"])

        rows, total = self._in_read(read)
        return Page(items=[record_of(kind, r["p"]) for r in rows], total=total, offset=offset, limit=limit)

    @_translated
    def count(self, kind: Kind) -> int:
        return int(self._read(cypher.COUNT_ALL[Kind(kind)], {})[0]["n"])

    @_translated
    def revision(self) -> int | None:
        """A counter every write of this library bumps in its own transaction (one cheap read)."""
        rows = self._read(cypher.REVISION_READ, {})
        return int(rows[0]["revision"]) if rows else 0

    def stats(self) -> dict[str, int]:
        return {kind.value: self.count(kind) for kind in Kind}

    @_translated
    def search_companies(self, text: str, *, limit: int = 20) -> builtins.list[Record]:
        needle = text.strip().casefold()
        if not needle:
            return []
        rows = self._read(cypher.SEARCH_COMPANIES, {"q": needle, "cap": max(1000, limit)})
        hits = [record_of(Kind.COMPANY, r["p"]) for r in rows]
        return rank_company_hits(hits, needle, limit)

    @_translated
    def chain_subgraph(self, chain_id: str) -> nx.MultiDiGraph:
        """The chain's map: its segments and FEEDS neighbours, the companies of its own segments
        and the ties among them (for drawing and export; the analysis reads facts)."""
        return assemble(self._in_read(lambda tx: self._gather(tx, chain_id)))

    # -- facts (chain_graph.facts): counted in Cypher, one read transaction each ----------------

    @_translated
    def revisions(self) -> dict[str, int]:
        while True:
            rows = self._driver.execute_query(
                cypher.REVISIONS_READ, database_=self._database, routing_=RoutingControl.READ, bookmark_manager_=None
            ).records
            if not rows or rows[0]["publishing"] is None:
                break
            self._wait_for_gate()
        found = {str(name): int(value) for name, value in rows[0]["named"] if name is not None} if rows else {}
        found["any"] = int(rows[0]["any"]) if rows else 0
        found.setdefault("epoch", 1)
        return found

    @_translated
    def chain_facts(
        self, chain_id: str, scope: LocalScope, *, firm_limit: int, county: str | None = None
    ) -> ChainFacts:
        return self._in_read(lambda tx: facts_cypher.chain_facts(tx, chain_id, scope, firm_limit, county))

    @_translated
    def report_inputs(self, chain_id: str, home_region: str, *, firm_limit: int) -> ReportInputs:
        """In one gated read transaction (three read as the services read them one by one: three
        transactions, each with its gate reads and commit, round trips to a loaded server)."""

        def read(tx: ManagedTransaction) -> ReportInputs:
            regions = [record_of(Kind.REGION, r["p"]) for r in tx.run(_WHOLE[Kind.REGION], {"offset": 0})]
            scope = LocalScope.of(home_region, regions)  # type: ignore[arg-type]
            facts = facts_cypher.chain_facts(tx, chain_id, scope, firm_limit)
            plans = [record_of(Kind.TARGET_PLAN, r["p"]) for r in tx.run(_WHOLE[Kind.TARGET_PLAN], {"offset": 0})]
            return ReportInputs(scope, facts, plans)  # type: ignore[arg-type]

        return self._in_read(read)

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
            return neo4j_staged.apply_staged(
                self._driver, self._database, batch, stale_seconds=self._stale_import_seconds, wait=self._wait_for_gate
            )
        if dry_run:
            result = self._in_read(lambda tx: plan_batch(TxView(tx), batch).result)
            result.dry_run = True
            return result
        with self._driver.session(database=self._database) as session:
            while True:
                try:
                    return session.execute_write(plan_and_write, batch)
                except gate.GateHeld:  # an import is being published: write after it
                    self._wait_for_gate()

    @_translated
    def refresh_statistics(self) -> None:
        """After an import: index samples taken and the plan cache emptied (neo4j_upkeep)."""
        with self._driver.session(database=self._database) as session:
            upkeep.refresh_statistics(session)

    @_translated
    def clear(self) -> None:
        with self._driver.session(database=self._database) as session:
            upkeep.clear(session)

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------

    def _read(self, query: LiteralString, params: Mapping[str, Any]) -> builtins.list[Any]:
        return self._in_read(lambda tx: list(tx.run(query, dict(params))))

    @_translated
    def _start(self) -> None:
        """Bring the schema up to date (numbered migrations), then sweep interrupted imports."""
        neo4j_schema.ensure_schema(self._driver, self._database)
        neo4j_staged.sweep_stale(self._driver, self._database, self._stale_import_seconds)

    def _gather(self, tx: ManagedTransaction, chain_id: str) -> SubgraphParts:
        chain = chain_in(tx, chain_id)

        def read(query: LiteralString, params: Mapping[str, Any]) -> builtins.list[Any]:
            return list(tx.run(query, dict(params)))

        own, seg_ids = facts_cypher.segments_around(tx, chain_id)
        segments = list(lookup(read, Kind.SEGMENT, [(s,) for s in seg_ids]).values())
        links = [record_of(Kind.SEGMENT_LINK, r["p"]) for r in read(cypher.SUB_LINKS_AMONG, {"ids": seg_ids})]
        members = [record_of(Kind.COMPANY_SEGMENT, r["p"]) for r in read(cypher.MAP_MEMBERSHIPS, {"ids": own})]
        company_ids = sorted({m.key[0] for m in members})
        supplies = [record_of(Kind.SUPPLY, r["p"]) for r in read(cypher.MAP_SUPPLIES_AMONG, {"ids": company_ids})]
        companies = list(lookup(read, Kind.COMPANY, [(c,) for c in company_ids]).values())
        rankings = [record_of(Kind.RANKING, r["p"]) for r in read(cypher.SUB_RANKINGS, {"ids": company_ids})]
        region_ids = sorted({c.region for c in companies if c.region})  # type: ignore[attr-defined]
        regions = [record_of(Kind.REGION, r["p"]) for r in read(cypher.SUB_REGIONS, {"ids": region_ids})]
        chain_ids = sorted({s.chain_id for s in segments} | {chain_id})  # type: ignore[attr-defined]
        chains = list(lookup(read, Kind.CHAIN, [(c,) for c in chain_ids]).values())
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


def _list_filter(kind: Kind, where: Mapping[str, Any] | None) -> tuple[builtins.list[str], dict[str, Any]]:
    """The fields a list filters on, checked against the model, and their values as parameters
    (named as :func:`chain_graph.store.cypher.list_queries` names them)."""
    fields = MODELS[kind].model_fields
    names, params = [], {}
    for name, value in (where or {}).items():
        if name not in fields:
            raise InvalidInput(f"{kind} has no field {name!r} to filter on", field=name)
        value = getattr(value, "value", value)
        if name == "year" or name in ("rank", "employees"):
            try:
                value = int(value)
            except (TypeError, ValueError) as e:
                raise InvalidInput(f"{name}: must be a whole number", field=name) from e
        names.append(name)
        params[cypher.filter_parameter(name)] = value
    return names, params
