"""The plumbing every CLI command shares: opening the store, printing results, failing.

Commands are registered through a :class:`Commands` (one subparser each, sharing the global
options ``--store``, ``--data-dir`` and ``--json``); a handler that needs the store is wrapped
by :func:`with_store`, which opens it once and closes it whatever happens.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from chain_graph.analysis import AnalysisConfig
from chain_graph.appraisal import AppraisalConfig, load_appraisal_config
from chain_graph.cache import RevisionCache
from chain_graph.config import Settings, StoreKind, get_settings
from chain_graph.errors import InvalidInput, StoreUnavailable
from chain_graph.store import Store, open_store

__all__ = [
    "PROG",
    "Commands",
    "Handler",
    "Services",
    "StoreHandler",
    "emit",
    "fail",
    "iso_date",
    "non_negative",
    "open_settings_store",
    "settings_of",
    "with_services",
    "with_store",
]

PROG = "chain-graph"
Handler = Callable[[argparse.Namespace], int]
StoreHandler = Callable[[Store, Settings, argparse.Namespace], int]


@dataclass(frozen=True)
class Commands:
    """Adds subcommands that share the global options (``parents``) to ``sub``."""

    sub: Any  # argparse._SubParsersAction
    parents: tuple[argparse.ArgumentParser, ...]

    def add(self, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = self.sub.add_parser(name, parents=list(self.parents), help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    def group(self, name: str, help: str) -> Commands:
        """A command with subcommands of its own (``chain-graph plan create``)."""
        p = self.sub.add_parser(name, help=help, description=help)
        return Commands(p.add_subparsers(dest=f"{name}_command", required=True, metavar="COMMAND"), self.parents)


@dataclass(frozen=True)
class Services:
    """What the service functions take besides the store: a (fresh) cache and the analysis config."""

    store: Store
    settings: Settings
    cache: RevisionCache
    config: AnalysisConfig

    @property
    def appraisal(self) -> AppraisalConfig:
        """The appraisal thresholds and plan gate: ``CHAIN_GRAPH_APPRAISAL_CONFIG`` or the defaults."""
        return load_appraisal_config(self.settings.appraisal_config)


def with_store(handler: StoreHandler) -> Handler:
    """Wrap a handler so that it gets an open store, closed whatever happens."""

    def run(args: argparse.Namespace) -> int:
        settings = settings_of(args)
        store = open_settings_store(settings)
        try:
            return handler(store, settings, args)
        finally:
            store.close()

    return run


def with_services(handler: Callable[[Services, argparse.Namespace], int]) -> Handler:
    """Wrap a handler of the service layer: an open store, a fresh cache, the analysis config."""

    def run(store: Store, settings: Settings, args: argparse.Namespace) -> int:
        config = AnalysisConfig(home_region=settings.home_region)
        return handler(Services(store, settings, RevisionCache(size=64), config), args)

    return with_store(run)


def settings_of(args: argparse.Namespace, **extra: object) -> Settings:
    """The settings from the environment, with ``--store`` and ``--data-dir`` (and ``extra``) on top."""
    overrides: dict[str, object] = {}
    if getattr(args, "store", None):
        overrides["store"] = StoreKind(args.store)
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    overrides.update({k: v for k, v in extra.items() if v is not None})
    try:
        return get_settings(**overrides)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
        raise InvalidInput(f"invalid settings in the environment: {problems}") from e


def open_settings_store(settings: Settings) -> Store:
    try:
        return open_store(settings)
    except ImportError as e:
        raise StoreUnavailable(f"the {settings.store} store is not available: {e}") from e


def emit(args: argparse.Namespace, data: Any, human: Callable[[Any], list[str]], *, count: int | None = None) -> None:
    """Print ``{"data": ...}`` with ``--json`` — and ``count`` for a list: its length, or the total
    it was cut from — else the human lines."""
    if args.json:
        if isinstance(data, list):
            payload = {"data": data, "count": len(data) if count is None else count}
        else:
            payload = {"data": data}
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(human(data)))


def fail(message: str, *, field: str | None = None) -> int:
    """Print ``chain-graph: error: <message>`` on stderr; return the exit status 1."""
    suffix = f" (field: {field})" if field and field not in message else ""
    line = "; ".join(part.strip() for part in message.splitlines() if part.strip())  # one line, always
    print(f"{PROG}: error: {line}{suffix}", file=sys.stderr)
    return 1


def non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more, got {text!r}")
    return value


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None
