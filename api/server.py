"""Run the API: :func:`serve` (``chain-graph serve``) and :func:`run_demo` (``chain-graph demo``).

Workers: uvicorn starts each worker from ``api.main:create_app`` (a factory), so each one
reads the settings from the environment — :func:`serve` puts the given settings there first
— and opens its own store. On the embedded store every worker opens its own
:class:`~chain_graph.store.EmbeddedStore` on the same data directory; each reloads what the
others wrote at its next call (sequence numbers and SQLite's ``PRAGMA data_version``), and
its caches are keyed by the store's revision, so every worker answers with every write at
once. On Neo4j each worker holds one driver.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import AliasChoices, SecretStr

from chain_graph.config import Settings, StoreKind, get_settings

__all__ = ["find_seed_data", "prepare_demo", "run_demo", "serve", "settings_env"]

APP_FACTORY = "api.main:create_app"


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment variables that make ``get_settings()`` return these settings."""
    env: dict[str, str] = {}
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            alias = alias.choices[0]
        value = getattr(settings, name)
        if not isinstance(alias, str) or value is None:
            continue
        env[alias] = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
    return env


def serve(settings: Settings | None = None, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the API with uvicorn until interrupted (``workers`` processes share the port)."""
    import uvicorn

    os.environ.update(settings_env(settings or get_settings()))
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=max(1, workers), proxy_headers=True)


def find_seed_data() -> Path:
    """The Quanzhou sample bundle: ``$CHAIN_GRAPH_SEED_DIR``, the repository's ``seed_data/``
    (next to the ``api`` package, as in an editable install), or ``./seed_data``."""
    candidates = [
        os.environ.get("CHAIN_GRAPH_SEED_DIR"),
        Path(__file__).resolve().parent.parent / "seed_data",
        Path.cwd() / "seed_data",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "chains.csv").is_file():
            return Path(candidate)
    raise FileNotFoundError("no seed_data/ bundle found: set CHAIN_GRAPH_SEED_DIR to the folder holding chains.csv")


def prepare_demo(data_dir: str | os.PathLike[str] | None = None) -> tuple[Settings, str]:
    """A fresh embedded store with the sample bundle and an admin key: (settings, the key)."""
    from chain_graph.bundle import import_bundle
    from chain_graph.keys import create_key
    from chain_graph.store import EmbeddedStore

    folder = Path(data_dir) if data_dir is not None else Path(tempfile.mkdtemp(prefix="chain-graph-demo-"))
    settings = get_settings(store=StoreKind.EMBEDDED, data_dir=folder)
    with EmbeddedStore(folder) as store:
        report = import_bundle(store, find_seed_data())
        if not report.accepted:
            raise RuntimeError("the sample bundle was refused:\n" + "\n".join(report.summary_lines()))
        _, key = create_key(store, role="admin", name="demo admin")
    return settings, key


def run_demo(host: str = "127.0.0.1", port: int = 8000, data_dir: str | os.PathLike[str] | None = None) -> None:
    """Load the sample data into a fresh store, print the page's address and an admin key
    (the key alone on the last line), then serve until interrupted."""
    settings, key = prepare_demo(data_dir)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    print(f"chain-graph demo: sample data in {settings.data_dir}", flush=True)
    print(f"page: http://{shown}:{port}/    API docs: http://{shown}:{port}/docs", flush=True)
    print("admin API key (X-API-Key):", flush=True)
    print(key, flush=True)
    serve(settings, host=host, port=port, workers=1)
