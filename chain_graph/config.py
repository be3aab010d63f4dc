"""Settings, read from the environment (and a ``.env`` file) when asked for, never at import.

``CHAIN_GRAPH_STORE`` chooses the store (``embedded``, the default, or ``neo4j``);
``CHAIN_GRAPH_DATA_DIR`` the embedded store's directory; ``NEO4J_URI``, ``NEO4J_USER``,
``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` the Neo4j server. ``CHAIN_GRAPH_SIGNED_TARGETS`` and
``CHAIN_GRAPH_START_RATE_GOALS`` (JSON objects, year → 亿元 / share) set the KPI targets;
``CHAIN_GRAPH_REPORT_FONT`` the CJK font of printed reports. ``CHAIN_GRAPH_HOME_REGION``
names the home region (Quanzhou, 350500, by default), so another city can run the same
service. The password is a ``SecretStr``: it never shows in a repr, a log or an error.

``CHAIN_GRAPH_KEEP_ALIVE`` (75 s) is how long the API keeps an idle HTTP connection open. It must
be longer than the idle timeout of anything in front of it (a proxy or load balancer, commonly
60 s) and than a client's pause between requests, so that the API never closes a connection a
client is sending a request on — the request would be lost without an answer (uvicorn's own
default, 5 s, dropped a request of a client pausing for ``Retry-After`` under load).

The Neo4j driver's waits are bounded so that a dead server is answered in about a second
(issue 10: with the driver's defaults a stopped Neo4j held every API request 30-66 s):
``NEO4J_CONNECTION_TIMEOUT`` (1 s) to open a TCP connection — a server on the intranet
answers a connect in milliseconds, and a stopped one refuses at once; ``NEO4J_ACQUISITION_TIMEOUT``
(2 s) to get a connection from the pool, opening one included, so at least the connection
timeout; ``NEO4J_MAX_RETRY_TIME`` (0.5 s) of retries of a transaction after its first failure —
the driver waits ~1 s (±20 %) before its first retry and checks this budget after each attempt,
so 0.5 s means exactly one retry, which is what a restarted server's stale pooled connection or
a lost deadlock needs. ``NEO4J_NOTIFICATIONS`` chooses which server notifications the driver
asks for: ``actionable`` (default) the warnings, without the ones about labels, types or
properties not in the database yet (an empty store draws them on every read), query
performance and hints, which no user can act on; ``all``; or ``off``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from chain_graph.analysis.kpis import KpiConfig

from chain_graph.errors import InvalidInput

__all__ = ["Neo4jNotifications", "StoreKind", "Settings", "get_settings"]


class StoreKind(StrEnum):
    EMBEDDED = "embedded"
    NEO4J = "neo4j"


class Neo4jNotifications(StrEnum):
    """Which notifications the Neo4j server sends the driver (which logs them as warnings)."""

    ACTIONABLE = "actionable"
    ALL = "all"
    OFF = "off"


def _default_data_dir() -> Path:
    return Path(user_data_dir("chain-graph", appauthor=False))


class Settings(BaseSettings):
    """Everything configurable about chain-graph."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True)

    store: StoreKind = Field(StoreKind.EMBEDDED, validation_alias="CHAIN_GRAPH_STORE")
    data_dir: Path = Field(default_factory=_default_data_dir, validation_alias="CHAIN_GRAPH_DATA_DIR")
    home_region: str = Field("350500", validation_alias="CHAIN_GRAPH_HOME_REGION")

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_DATABASE"))
    neo4j_connection_timeout: float = Field(1.0, gt=0, le=300, validation_alias="NEO4J_CONNECTION_TIMEOUT")
    neo4j_acquisition_timeout: float = Field(2.0, gt=0, le=600, validation_alias="NEO4J_ACQUISITION_TIMEOUT")
    neo4j_max_retry_time: float = Field(0.5, ge=0, le=600, validation_alias="NEO4J_MAX_RETRY_TIME")
    neo4j_notifications: Neo4jNotifications = Field(
        Neo4jNotifications.ACTIONABLE, validation_alias="NEO4J_NOTIFICATIONS"
    )

    max_import_bytes: int = Field(200 * 1024 * 1024, validation_alias="CHAIN_GRAPH_MAX_IMPORT_BYTES")
    keep_alive: int = Field(75, ge=1, le=3600, validation_alias="CHAIN_GRAPH_KEEP_ALIVE")
    # a TOML file of appraisal thresholds, weights and the plan gate (chain_graph.appraisal.config)
    appraisal_config: Path | None = Field(None, validation_alias="CHAIN_GRAPH_APPRAISAL_CONFIG")

    # KPI targets, JSON objects by year, on top of KpiConfig's defaults (2023: 10000 亿元; 2022: 0.70, 2023: 0.40)
    signed_targets: dict[int, float] = Field(default_factory=dict, validation_alias="CHAIN_GRAPH_SIGNED_TARGETS")
    start_rate_goals: dict[int, float] = Field(default_factory=dict, validation_alias="CHAIN_GRAPH_START_RATE_GOALS")
    report_font: Path | None = Field(None, validation_alias="CHAIN_GRAPH_REPORT_FONT")  # a TrueType CJK font

    @field_validator("signed_targets")
    @classmethod
    def _positive_targets(cls, value: dict[int, float]) -> dict[int, float]:
        bad = [f"{y}: {v}" for y, v in value.items() if not (1990 <= y <= 2100 and v > 0)]
        if bad:
            raise ValueError(f"targets are 亿元 > 0 per year 1990-2100, got {', '.join(bad)}")
        return value

    @field_validator("start_rate_goals")
    @classmethod
    def _share_goals(cls, value: dict[int, float]) -> dict[int, float]:
        bad = [f"{y}: {v}" for y, v in value.items() if not (1990 <= y <= 2100 and 0 < v <= 1)]
        if bad:
            raise ValueError(f"goals are shares in (0, 1] per year 1990-2100, got {', '.join(bad)}")
        return value

    def kpi_config(self) -> KpiConfig:
        """The KPI targets: KpiConfig's defaults with the years set here replaced or added.

        >>> Settings(signed_targets={2026: 12000}).kpi_config().annual_target_cny_100m
        {2023: 10000.0, 2026: 12000.0}
        """
        from chain_graph.analysis.kpis import KpiConfig

        base = KpiConfig()
        return KpiConfig(
            annual_target_cny_100m={**base.annual_target_cny_100m, **self.signed_targets},
            start_rate_goals={**base.start_rate_goals, **self.start_rate_goals},
        )

    @field_validator("neo4j_acquisition_timeout")
    @classmethod
    def _acquisition_covers_connecting(cls, value: float, info: ValidationInfo) -> float:
        connecting = info.data.get("neo4j_connection_timeout")
        if connecting is not None and value < connecting:
            raise ValueError(f"must be at least NEO4J_CONNECTION_TIMEOUT ({connecting} s): it includes connecting")
        return value


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit overrides (by field name) on top, validated.

    >>> get_settings(store="neo4j").store is StoreKind.NEO4J
    True
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as e:
        item = e.errors(include_url=False)[0]
        name = str(item["loc"][0]) if item["loc"] else "settings"
        field = Settings.model_fields.get(name)
        env = field.validation_alias if field is not None and isinstance(field.validation_alias, str) else name
        raise InvalidInput(f"setting {env}: {item['msg'].removeprefix('Value error, ')}", field=env) from e
