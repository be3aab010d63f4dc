"""Run the API: :func:`serve` (``chain-graph serve``) and :func:`run_demo` (``chain-graph demo``).

Workers: uvicorn starts each worker from ``api.main:create_app`` (a factory), so each one
reads the settings from the environment — :func:`serve` puts the given settings there first
— and opens its own store. On the embedded store every worker opens its own
:class:`~chain_graph.store.EmbeddedStore` on the same data directory; each reloads what the
others wrote at its next call (sequence numbers and SQLite's ``PRAGMA data_version``), and
its caches are keyed by the store's revision, so every worker answers with every write at
once. On Neo4j each worker holds one driver.

Access log: uvicorn's line shows the request target, query string included, and a key sent
as ``?api_key=…`` (refused, but sent) would be written in full. :func:`serve` configures
uvicorn's logging with :class:`NoQueryString` on the access logger, in every worker: the
line shows the path and ``?…`` where a query was.
"""

from __future__ import annotations

import copy
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, SecretStr

from chain_graph.config import Settings, StoreKind, get_settings

__all__ = ["NoQueryString", "find_seed_data", "log_config", "prepare_demo", "run_demo", "serve", "settings_env"]

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


class NoQueryString(logging.Filter):
    """Drops the query string from uvicorn's access log records (``/me?api_key=…`` → ``/me?…``).

    >>> record = logging.makeLogRecord({"args": ("1.2.3.4:5", "GET", "/me?api_key=cgk_x", "1.1", 401)})
    >>> NoQueryString().filter(record), record.args[2]
    (True, '/me?…')
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].partition("?")[0] + "?…", *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with :class:`NoQueryString` on its access logger."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["no_query_string"] = {"()": NoQueryString}
    config["loggers"]["uvicorn.access"]["filters"] = ["no_query_string"]
    return config


def serve(settings: Settings | None = None, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the API with uvicorn until interrupted (``workers`` processes share the port)."""
    import uvicorn

    settings = settings or get_settings()
    os.environ.update(settings_env(settings))
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=max(1, workers),
        proxy_headers=True,
        timeout_keep_alive=settings.keep_alive,
        log_config=log_config(),
    )


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
