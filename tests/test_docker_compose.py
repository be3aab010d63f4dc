"""docker-compose.yml cannot run here (no Docker engine); check its structure instead."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from chain_graph.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _setting_env_names() -> set[str]:
    names = set()
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names.update(alias.choices if hasattr(alias, "choices") else [alias])  # type: ignore[union-attr]
    return {str(n) for n in names if n}


def test_neo4j_service_is_526_community_with_healthcheck_and_volume() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert any(v.startswith("neo4j-data:/data") for v in neo4j["volumes"])
    assert "neo4j-data" in _compose()["volumes"]
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")


def test_api_waits_for_healthy_neo4j_and_uses_the_settings_names() -> None:
    api = _compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    assert set(env) <= _setting_env_names(), set(env) - _setting_env_names()
    assert env["CHAIN_GRAPH_STORE"] == "neo4j"
    assert {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} <= set(env)
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"


def test_credentials_come_from_env_file_not_the_compose_file() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert "${NEO4J_PASSWORD" in text
    assert not re.search(r"^\s*NEO4J_PASSWORD:\s*[^$\s]", text, re.M), "a literal password in docker-compose.yml"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=", example, re.M)
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_ports_bind_to_loopback_only() -> None:
    for service in _compose()["services"].values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port


def test_dockerfile_builds_the_api_from_the_repo() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.startswith("#") and "FROM python:3.11" in dockerfile
    assert "pip install ." in dockerfile
    assert '"chain-graph", "serve"' in dockerfile
    assert "USER chain" in dockerfile
