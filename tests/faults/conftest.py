"""The fault suite: bad input, races, SIGKILLed imports, the auth matrix (and, by another
hand, a Neo4j outage). Each module names its ``GROUP``; :mod:`tests.faults.summary` prints
one line per group at the end of the run. The API fixtures are those of ``tests/api``."""

from tests.api.conftest import app, client, keys, settings, world  # noqa: F401  (fixtures)
from tests.faults.summary import (  # noqa: F401  (pytest finds hooks by name in a conftest)
    pytest_collection_modifyitems,
    pytest_runtest_logreport,
    pytest_terminal_summary,
)
