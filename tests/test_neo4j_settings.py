"""The Neo4j driver's bounded timeouts and notification filter come from validated settings
(issue 10 items 1 and 14); the server-side behaviour is tested in tests/faults/test_neo4j_outage.py."""

from __future__ import annotations

import pytest
from neo4j import NotificationDisabledClassification, NotificationMinimumSeverity

from chain_graph.config import get_settings
from chain_graph.errors import InvalidInput
from chain_graph.store.neo4j import driver_options


def test_a_dead_server_is_answered_in_about_a_second_by_default() -> None:
    options = driver_options(get_settings())
    assert options["connection_timeout"] <= 1
    assert options["connection_acquisition_timeout"] <= 2
    assert options["max_transaction_retry_time"] < 0.8  # the driver's first retry comes after 0.8-1.2 s: one retry


def test_the_timeouts_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_CONNECTION_TIMEOUT", "3")
    monkeypatch.setenv("NEO4J_ACQUISITION_TIMEOUT", "5.5")
    monkeypatch.setenv("NEO4J_MAX_RETRY_TIME", "10")
    options = driver_options(get_settings())
    assert (options["connection_timeout"], options["connection_acquisition_timeout"]) == (3, 5.5)
    assert options["max_transaction_retry_time"] == 10


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("NEO4J_CONNECTION_TIMEOUT", "0", "greater than 0"),
        ("NEO4J_CONNECTION_TIMEOUT", "soon", "valid number"),
        ("NEO4J_ACQUISITION_TIMEOUT", "0.5", "at least NEO4J_CONNECTION_TIMEOUT"),
        ("NEO4J_MAX_RETRY_TIME", "-1", "greater than or equal to 0"),
        ("NEO4J_NOTIFICATIONS", "loud", "'actionable', 'all' or 'off'"),
    ],
)
def test_a_bad_setting_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(InvalidInput) as raised:
        get_settings()
    assert raised.value.field == variable
    assert variable in raised.value.message and reason in raised.value.message


def test_by_default_the_server_sends_only_warnings_a_user_can_act_on() -> None:
    options = driver_options(get_settings())
    assert options["notifications_min_severity"] == NotificationMinimumSeverity.WARNING
    assert NotificationDisabledClassification.UNRECOGNIZED in options["notifications_disabled_classifications"]
    assert NotificationDisabledClassification.DEPRECATION not in options["notifications_disabled_classifications"]
    off = driver_options(get_settings(neo4j_notifications="off"))
    assert off["notifications_min_severity"] == NotificationMinimumSeverity.OFF
    every = driver_options(get_settings(neo4j_notifications="all"))
    assert every["notifications_min_severity"] == NotificationMinimumSeverity.INFORMATION
    assert "notifications_disabled_classifications" not in every
