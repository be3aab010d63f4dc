"""The Neo4j store's schema at start: numbered migrations, applied in order, each recorded when done.

As the embedded store's ``sqlite_schema.MIGRATIONS`` are at open, the Neo4j store's
:data:`~chain_graph.store.cypher.MIGRATIONS` are applied at start: a database at version *n*
runs migrations *n+1* … :data:`~chain_graph.store.cypher.SCHEMA_VERSION`, in order. A migration's
statements each run in their own transaction (Neo4j does not mix schema and data changes in
one), and are each safe to run again; only after the last one, and after the indexes are online,
is the migration recorded on the schema node. A start interrupted inside a migration therefore
finds it not recorded and runs it again from its first statement. A database newer than this
library is refused before anything in it is changed.

Every start also registers the relationship types and property keys this library names (so an
empty database draws no warnings) and writes the ranking lists, which are fixed in code.
"""

from __future__ import annotations

from neo4j import Driver, RoutingControl

from chain_graph.errors import StoreUnavailable
from chain_graph.models import RANKING_LISTS
from chain_graph.store import cypher

__all__ = ["ensure_schema", "schema_version"]


def schema_version(driver: Driver, database: str) -> int:
    """The last migration recorded on the database (0: none, a fresh database)."""
    rows, _, _ = driver.execute_query(cypher.SCHEMA_VERSION_READ, database_=database, routing_=RoutingControl.READ)
    version = rows[0]["version"] if rows else None
    return int(version) if version is not None else 0


def ensure_schema(driver: Driver, database: str) -> int:
    """Bring the database to :data:`~chain_graph.store.cypher.SCHEMA_VERSION`; the version found.

    Raises :class:`StoreUnavailable` if the database has a newer schema than this library knows.
    """
    names = {"names": list(cypher.RELATIONSHIP_TYPES)}
    driver.execute_query(cypher.TOKEN_RELATIONSHIP_TYPES, names, database_=database)
    driver.execute_query(cypher.TOKEN_PROPERTY_KEYS, {"names": list(cypher.PROPERTY_KEYS)}, database_=database)
    found = schema_version(driver, database)
    if found > cypher.SCHEMA_VERSION:
        raise StoreUnavailable(
            f"the Neo4j database has chain-graph schema version {found}, newer than this "
            f"chain-graph understands ({cypher.SCHEMA_VERSION}); upgrade chain-graph"
        )
    for migration in cypher.MIGRATIONS:
        if migration.version <= found:
            continue
        for statement in migration.statements:
            driver.execute_query(statement, database_=database)
        # Staged imports seek their nodes by index: it must be online before one runs.
        driver.execute_query(cypher.SCHEMA_AWAIT, database_=database)
        params = {"version": migration.version, "title": migration.title}
        driver.execute_query(cypher.MIGRATION_DONE, params, database_=database)
    lists = [lst.model_dump(mode="json") for lst in RANKING_LISTS.values()]
    driver.execute_query(cypher.RANKING_LISTS_WRITE, {"rows": lists}, database_=database)
    return found
