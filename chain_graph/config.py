"""Settings, read from the environment (and a ``.env`` file) when asked for, never at import.

``CHAIN_GRAPH_STORE`` chooses the store (``embedded``, the default, or ``neo4j``);
``CHAIN_GRAPH_DATA_DIR`` the embedded store's directory; ``NEO4J_URI``, ``NEO4J_USER``,
``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` the Neo4j server. ``CHAIN_GRAPH_HOME_REGION``
names the home region (Quanzhou, 350500, by default), so another city can run the same
service. The password is a ``SecretStr``: it never shows in a repr, a log or an error.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from chain_graph.errors import InvalidInput

__all__ = ["StoreKind", "Settings", "get_settings"]


class StoreKind(StrEnum):
    EMBEDDED = "embedded"
    NEO4J = "neo4j"


def _default_data_dir() -> Path:
    return Path(user_data_dir("chain-graph", appauthor=False))


class Settings(BaseSettings):
    """Everything configurable about chain-graph."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    store: StoreKind = Field(StoreKind.EMBEDDED, validation_alias="CHAIN_GRAPH_STORE")
    data_dir: Path = Field(default_factory=_default_data_dir, validation_alias="CHAIN_GRAPH_DATA_DIR")
    home_region: str = Field("350500", validation_alias="CHAIN_GRAPH_HOME_REGION")

    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_DATABASE"))

    max_import_bytes: int = Field(200 * 1024 * 1024, validation_alias="CHAIN_GRAPH_MAX_IMPORT_BYTES")


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
        raise InvalidInput(f"setting {env}: {item['msg']}", field=env) from e
