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


def _dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def test_dockerfile_copies_what_exists_and_installs_the_package() -> None:
    steps = _dockerfile()
    assert steps[0] == ("FROM", "python:3.11-slim")
    for instruction, args in steps:
        if instruction == "COPY":
            *sources, _ = args.split()
            missing = [src for src in sources if not (ROOT / src).exists()]
            assert not missing, f"the Dockerfile copies what the repo lacks: {missing}"
    runs = " && ".join(args for instruction, args in steps if instruction == "RUN")
    assert re.search(r"pip install \.(\s|$)", runs), "the image must install this package"
    copied = {src for instruction, args in steps if instruction == "COPY" for src in args.split()[:-1]}
    assert {"pyproject.toml", "chain_graph", "api", "seed_data"} <= copied


def test_dockerfile_runs_the_cli_entry_point_as_an_unprivileged_user() -> None:
    import json
    import tomllib

    steps = dict(_dockerfile())
    cmd = json.loads(steps["CMD"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert cmd[0] in scripts and cmd[1] == "serve", "CMD must run a console script this package installs"
    port = cmd[cmd.index("--port") + 1]
    assert steps["EXPOSE"] == port
    api_ports = _compose()["services"]["api"]["ports"]
    assert any(p.endswith(f":{port}") for p in api_ports), (api_ports, port)
    assert steps["USER"] not in ("root", "0")
    # the health check asks the route the app answers without a key
    assert "/readyz" in steps["HEALTHCHECK"]
    from api.routes.health import router

    assert "/readyz" in {getattr(r, "path", None) for r in router.routes}


def test_dockerfile_installs_the_font_printed_reports_need() -> None:
    """The API prints reports (reportlab embeds a TrueType CJK font): the image must install the
    Debian font package scripts/install-report-tools.sh installs on a bare machine."""
    tools = (ROOT / "scripts" / "install-report-tools.sh").read_text(encoding="utf-8")
    font = re.search(r"want\+=\((fonts-[a-z0-9-]+)\)", tools)
    assert font, "install-report-tools.sh names no font package"
    runs = " ".join(args for instruction, args in _dockerfile() if instruction == "RUN")
    assert re.search(rf"apt-get install[^&]*\b{font.group(1)}\b", runs), f"the image does not install {font.group(1)}"
