"""Neo4j schema upgrades on a real server: a database left by an older schema is brought to the
current one at start, by numbered migrations, each recorded when done and safe to run again.

The older shape is made as that release left it: the constraints and indexes of schema version 1
as it first shipped (``git show d716b0c:chain_graph/store/cypher.py``: the graph nodes' ids, the
schema node, three indexes), the version node at 1, and records written as they are today (a
record's node properties have not changed since).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from chain_graph.config import get_settings
from chain_graph.errors import StoreUnavailable
from chain_graph.facts import LocalScope
from chain_graph.models import Kind, Region
from chain_graph.store import cypher
from chain_graph.store.base import Batch
from chain_graph.store.embedded import EmbeddedStore
from chain_graph.store.neo4j import Neo4jStore
from chain_graph.store.neo4j_schema import schema_version
from tests.factories import plan, plan_event, small_world

pytestmark = pytest.mark.neo4j

# Schema version 1 as it first shipped (d716b0c), written out: not read from the migrations it tests.
VERSION_1 = (
    "CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.region_id IS UNIQUE",
    "CREATE CONSTRAINT chain_id IF NOT EXISTS FOR (n:Chain) REQUIRE n.chain_id IS UNIQUE",
    "CREATE CONSTRAINT segment_id IF NOT EXISTS FOR (n:Segment) REQUIRE n.segment_id IS UNIQUE",
    "CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.company_id IS UNIQUE",
    "CREATE CONSTRAINT list_id IF NOT EXISTS FOR (n:RankingList) REQUIRE n.list_id IS UNIQUE",
    "CREATE CONSTRAINT schema_id IF NOT EXISTS FOR (n:ChainGraphSchema) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX segment_chain IF NOT EXISTS FOR (n:Segment) ON (n.chain_id)",
    "CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name)",
    "CREATE INDEX company_region IF NOT EXISTS FOR (n:Company) ON (n.region)",
)
_NAME = re.compile(r"CREATE (CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")


def _named(statements: tuple[str, ...]) -> dict[str, str]:
    return {m.group(2): m.group(1) for m in map(_NAME.match, statements) if m}


def schema_names(driver: object, database: str) -> dict[str, str]:
    """The constraints and indexes the database holds (an index that backs a constraint is the constraint)."""
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)  # type: ignore[attr-defined]
    indexes, _, _ = driver.execute_query(  # type: ignore[attr-defined]
        "SHOW INDEXES YIELD name, type, owningConstraint WHERE owningConstraint IS NULL AND type <> 'LOOKUP' "
        "RETURN name",
        database_=database,
    )
    return {r["name"]: "CONSTRAINT" for r in constraints} | {r["name"]: "INDEX" for r in indexes}


def set_schema(driver: object, database: str, statements: tuple[str, ...], version: int | None) -> None:
    """Leave the database with exactly these constraints and indexes, at ``version`` (None: no version node)."""
    wanted = _named(statements)
    for name, what in schema_names(driver, database).items():
        if name not in wanted:
            driver.execute_query(f"DROP {what} {name} IF EXISTS", database_=database)  # type: ignore[attr-defined]
    for statement in statements:
        driver.execute_query(statement, database_=database)  # type: ignore[attr-defined]
    driver.execute_query(  # type: ignore[attr-defined]
        "MERGE (s:ChainGraphSchema {id: 'schema'}) SET s.version = $version REMOVE s.migrations",
        {"version": version},
        database_=database,
    )


def migrations_done(driver: object, database: str) -> list[str]:
    rows, _, _ = driver.execute_query(  # type: ignore[attr-defined]
        "MATCH (s:ChainGraphSchema {id: 'schema'}) RETURN coalesce(s.migrations, []) AS m", database_=database
    )
    return list(rows[0]["m"])


@pytest.fixture
def database(neo4j_driver: object) -> Iterator[str]:
    """An emptied database, left at the current schema whatever a test did to it."""
    name = get_settings().neo4j_database
    Neo4jStore(neo4j_driver, database=name).clear()  # type: ignore[arg-type]
    yield name
    neo4j_driver.execute_query(  # type: ignore[attr-defined]
        "MATCH (s:ChainGraphSchema {id: 'schema'}) SET s.version = 0", database_=name
    )
    Neo4jStore(neo4j_driver, database=name).clear()  # type: ignore[arg-type]  # runs every migration again


def _world() -> list:
    return [*small_world(), plan(), plan_event()]


def test_a_version_1_database_is_upgraded_at_start_and_answers_as_a_new_one(
    neo4j_driver: object, database: str, tmp_path: object
) -> None:
    world = _world()
    Neo4jStore(neo4j_driver, database=database).apply(Batch(world))  # type: ignore[arg-type]
    set_schema(neo4j_driver, database, VERSION_1, 1)
    assert schema_names(neo4j_driver, database) == _named(VERSION_1)  # the shape version 1 left
    assert schema_version(neo4j_driver, database) == 1  # type: ignore[arg-type]

    store = Neo4jStore(neo4j_driver, database=database)  # type: ignore[arg-type]

    assert schema_version(neo4j_driver, database) == cypher.SCHEMA_VERSION == 3  # type: ignore[arg-type]
    assert schema_names(neo4j_driver, database) == _named(cypher.SCHEMA_STATEMENTS)
    assert [m.split(" ")[0] for m in migrations_done(neo4j_driver, database)] == ["2", "3"]  # only what was missing
    # the records are there, and the store answers as one written at the current schema
    with EmbeddedStore(tmp_path / "db") as written:  # type: ignore[operator]
        written.apply(Batch(world))
        for kind in Kind:
            assert store.count(kind) == written.count(kind), kind
        scope = LocalScope.of("350500", [r for r in world if isinstance(r, Region)])
        for chain in ("tex", "pc"):
            a, b = store.chain_facts(chain, scope, firm_limit=10), written.chain_facts(chain, scope, firm_limit=10)
            assert (a.presence, a.firms, a.leading_supplies) == (b.presence, b.firms, b.leading_supplies)
            assert a.presence
        assert store.chain_summaries(scope) == written.chain_summaries(scope)
    # the constraints migration 2 added hold: a second plan p1 is the same node, not a new one
    store.upsert(plan(unit="泉州市商务局"))
    assert store.count(Kind.TARGET_PLAN) == 1 and store.get(Kind.TARGET_PLAN, "p1").unit == "泉州市商务局"


def test_a_start_interrupted_inside_a_migration_runs_it_again(neo4j_driver: object, database: str) -> None:
    set_schema(neo4j_driver, database, VERSION_1, 1)
    migration_2 = cypher.MIGRATIONS[1].statements
    for statement in migration_2[: len(migration_2) // 2]:  # the process died half-way: nothing recorded
        neo4j_driver.execute_query(statement, database_=database)  # type: ignore[attr-defined]
    assert schema_version(neo4j_driver, database) == 1  # type: ignore[arg-type]

    Neo4jStore(neo4j_driver, database=database)  # type: ignore[arg-type]

    assert schema_version(neo4j_driver, database) == cypher.SCHEMA_VERSION  # type: ignore[arg-type]
    assert schema_names(neo4j_driver, database) == _named(cypher.SCHEMA_STATEMENTS)
    assert len(migrations_done(neo4j_driver, database)) == cypher.SCHEMA_VERSION - 1


def test_a_database_without_a_schema_runs_every_migration_once(neo4j_driver: object, database: str) -> None:
    set_schema(neo4j_driver, database, (), None)
    assert schema_names(neo4j_driver, database) == {}

    Neo4jStore(neo4j_driver, database=database)  # type: ignore[arg-type]
    Neo4jStore(neo4j_driver, database=database)  # type: ignore[arg-type]  # a second start changes nothing

    assert schema_names(neo4j_driver, database) == _named(cypher.SCHEMA_STATEMENTS)
    assert [m.split(" ")[0] for m in migrations_done(neo4j_driver, database)] == [
        str(v) for v in range(1, cypher.SCHEMA_VERSION + 1)
    ]


def test_a_newer_database_is_refused_before_anything_is_changed(neo4j_driver: object, database: str) -> None:
    set_schema(neo4j_driver, database, VERSION_1, 99)

    with pytest.raises(StoreUnavailable, match="schema version 99, newer than this chain-graph understands"):
        Neo4jStore(neo4j_driver, database=database)  # type: ignore[arg-type]

    assert schema_names(neo4j_driver, database) == _named(VERSION_1)  # no migration ran
    assert schema_version(neo4j_driver, database) == 99  # type: ignore[arg-type]


def test_every_migration_statement_is_safe_to_run_again() -> None:
    """What makes a rerun after an interruption safe: each statement says IF NOT EXISTS (or IF EXISTS),
    or is the presence counters' build, right after the drop that makes a rerun start it over
    (tests/neo4j/test_presence_counters.py runs it twice)."""
    numbers = [m.version for m in cypher.MIGRATIONS]
    assert numbers == list(range(1, cypher.SCHEMA_VERSION + 1))
    for migration in cypher.MIGRATIONS:
        for i, statement in enumerate(migration.statements):
            if statement == cypher.PRESENCE_DROP_ALL:
                assert migration.statements[i + 1] == cypher.PRESENCE_BUILD_ALL
                continue
            if statement == cypher.PRESENCE_BUILD_ALL:
                assert migration.statements[i - 1] == cypher.PRESENCE_DROP_ALL
                continue
            assert re.match(
                r"(CREATE (CONSTRAINT|INDEX) \w+ IF NOT EXISTS |DROP (CONSTRAINT|INDEX) \w+ IF EXISTS)", statement
            )
