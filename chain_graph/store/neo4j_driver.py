"""The Neo4j driver: one per process, with bounded waits, and driver errors translated at the store boundary.

The store never creates its driver: :func:`connect` makes one per process (the CLI's
``with`` block, the API's lifespan) and hands it in. The driver's waits are bounded
(:func:`driver_options`; values and reasons in :mod:`chain_graph.config`): connecting 1 s, getting
a pooled connection 2 s, retrying a failed transaction once, ~1 s later. A stopped server is then
answered with :class:`StoreUnavailable` in about a second instead of the driver's 30-60 s, so it
cannot stall the API (issue 10). The server is asked only for the notifications a user can act
on: the driver logs every one it receives as a warning, and on a fresh database each read naming
a relationship type or property not written yet drew one screen of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, NotificationDisabledClassification, NotificationMinimumSeverity
from neo4j import exceptions as neo4j_errors

from chain_graph.config import Neo4jNotifications, Settings
from chain_graph.errors import ChainGraphError, Conflict, StoreUnavailable

__all__ = ["connect", "driver_options", "translated"]

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


def translated(method: Callable[..., T]) -> Callable[..., T]:
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
