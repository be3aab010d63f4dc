"""Administration: ``keys``, ``serve``, ``demo``, ``copy``, ``dump``, ``restore``.

``serve`` and ``demo`` import the web application (:mod:`api.server`) only when run, so the
library stays free of FastAPI. ``keys create`` prints the new key alone on the last line
(it is shown this once: only its salted hash is kept), so a script can take ``| tail -n1``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from chain_graph import keys
from chain_graph.cli.base import Commands, emit, open_settings_store, settings_of, with_store
from chain_graph.cli.progress import progress_for
from chain_graph.cli.render import table
from chain_graph.config import Settings, StoreKind
from chain_graph.errors import InvalidInput
from chain_graph.models import ApiKey, KeyRole
from chain_graph.store import Store
from chain_graph.store.base import ApplyResult
from chain_graph.transfer import copy_store, dump_store, restore_dump

__all__ = ["register"]

STORES = [k.value for k in StoreKind]


def register(commands: Commands) -> None:
    group = commands.group("keys", "API keys: create, list, revoke")
    p = group.add("create", with_store(_key_create), "create a key (printed once, alone on the last line)")
    p.add_argument("--role", required=True, choices=[r.value for r in KeyRole], help="viewer, planner or admin")
    p.add_argument("--name", metavar="N", help="who holds it (recorded as the actor of plan changes)")
    group.add("list", with_store(_key_list), "every key, revoked ones included (never a secret)")
    p = group.add("revoke", with_store(_key_revoke), "revoke a key: it stops working at once")
    p.add_argument("key_id", metavar="KEY_ID", help="the key id (cgk_<key id>_…)")

    p = commands.add("serve", _serve, "serve the API and the one-map page (uvicorn)")
    _address_arguments(p)
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p = commands.add("demo", _demo, "load the sample data into a fresh store, print an admin key and serve")
    _address_arguments(p)

    p = commands.add("copy", _copy, "copy everything from one store to another (replaces the target by default)")
    p.add_argument("--from", dest="source", required=True, choices=STORES, help="the store to read")
    p.add_argument("--to", dest="target", required=True, choices=STORES, help="the store to write")
    p.add_argument("--from-data-dir", type=Path, metavar="DIR", help="embedded source directory")
    p.add_argument("--to-data-dir", type=Path, metavar="DIR", help="embedded target directory")
    p.add_argument("--merge", action="store_true", help="merge into what the target holds instead of replacing it")
    p = commands.add("dump", with_store(_dump), "write a full dump (JSON Lines) of the store")
    p.add_argument("-o", "--out", type=Path, required=True, metavar="FILE.jsonl", help="the dump file")
    p = commands.add("restore", with_store(_restore), "load a dump into the store (replaces its content by default)")
    p.add_argument("path", type=Path, metavar="FILE.jsonl", help="a dump made by chain-graph dump")
    p.add_argument("--merge", action="store_true", help="merge into what the store holds instead of replacing it")


def _address_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")


# -- keys ----------------------------------------------------------------------------------------


def _public_key(record: ApiKey) -> dict[str, Any]:
    return {**record.model_dump(mode="json", exclude={"hash"}), "active": record.revoked_at is None}


def _key_create(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    record, plaintext = keys.create_key(store, role=args.role, name=args.name)
    data = {**_public_key(record), "key": plaintext}
    who = f" for {record.name}" if record.name else ""
    human = [f"created {record.role.value} key {record.key_id}{who}; it is shown this once:", plaintext]
    emit(args, data, lambda _: human)
    return 0


def _key_list(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    found = [_public_key(k) for k in keys.list_keys(store).items if isinstance(k, ApiKey)]
    rows = [[k["key_id"], k["role"], k["name"] or "", k["created_at"], k["revoked_at"] or "active"] for k in found]
    emit(args, found, lambda _: table(["key id", "role", "name", "created", "revoked"], rows) if rows else ["no key"])
    return 0


def _key_revoke(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    record = keys.revoke_key(store, args.key_id)
    emit(args, _public_key(record), lambda d: [f"revoked key {d['key_id']} at {d['revoked_at']}"])
    return 0


# -- serve, demo ---------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    from api.server import serve

    serve(settings_of(args), host=args.host, port=args.port, workers=args.workers)
    return 0


def _demo(args: argparse.Namespace) -> int:
    """``api.server.run_demo`` with illustrative plans added before serving (board and KPIs not empty)."""
    import datetime as dt

    from api.server import prepare_demo, serve
    from chain_graph.cli.demo import add_demo_plans
    from chain_graph.store import EmbeddedStore

    settings, key = prepare_demo(getattr(args, "data_dir", None))
    with EmbeddedStore(settings.data_dir) as store:
        plans = add_demo_plans(store, today=dt.date.today())
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    print(f"chain-graph demo: sample data and {len(plans)} illustrative plans in {settings.data_dir}", flush=True)
    print(f"page: http://{shown}:{args.port}/    API docs: http://{shown}:{args.port}/docs", flush=True)
    print("admin API key (X-API-Key):", flush=True)
    print(key, flush=True)
    serve(settings, host=args.host, port=args.port, workers=1)
    return 0


# -- copy, dump, restore -------------------------------------------------------------------------


def _copy(args: argparse.Namespace) -> int:
    source = _side_settings(args, args.source, args.from_data_dir)
    target = _side_settings(args, args.target, args.to_data_dir)
    if _same_store(source, target):
        raise InvalidInput(
            f"--from and --to name the same store ({_describe(source)}); "
            "give --from-data-dir and --to-data-dir to copy between two embedded stores",
            field="to",
        )
    src = open_settings_store(source)
    try:
        dst = open_settings_store(target)
        try:
            with progress_for(args) as progress:
                result = copy_store(src, dst, replace=not args.merge, progress=progress)
            counts = dst.stats()
        finally:
            dst.close()
    finally:
        src.close()
    data = {"from": _describe(source), "to": _describe(target), "replace": not args.merge, "written": _written(result),
            "counts": counts}  # fmt: skip
    emit(args, data, lambda d: [f"copied {d['from']} → {d['to']}" + ("" if d["replace"] else " (merged)"),
                                *_count_lines(d["counts"])])  # fmt: skip
    return 0


def _dump(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    with progress_for(args) as progress:
        counts = dump_store(store, args.out, progress=progress)
    data = {"path": str(args.out), "counts": counts}
    emit(args, data, lambda d: [f"wrote {d['path']}", *_count_lines(d["counts"])])
    return 0


def _restore(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    with progress_for(args) as progress:
        result = restore_dump(store, args.path, replace=not args.merge, progress=progress)
    data = {"path": str(args.path), "replace": not args.merge, "written": _written(result), "counts": store.stats()}
    emit(args, data, lambda d: [f"restored {d['path']}" + ("" if d["replace"] else " (merged)"),
                                *_count_lines(d["counts"])])  # fmt: skip
    return 0


def _side_settings(args: argparse.Namespace, kind: str, data_dir: Path | None) -> Settings:
    return settings_of(args, store=StoreKind(kind), data_dir=data_dir)


def _same_store(a: Settings, b: Settings) -> bool:
    if a.store != b.store:
        return False
    if StoreKind(a.store) is StoreKind.NEO4J:
        return (a.neo4j_uri, a.neo4j_database) == (b.neo4j_uri, b.neo4j_database)
    return Path(a.data_dir).resolve() == Path(b.data_dir).resolve()


def _describe(settings: Settings) -> str:
    if StoreKind(settings.store) is StoreKind.NEO4J:
        return f"neo4j {settings.neo4j_uri} ({settings.neo4j_database})"
    return f"embedded {settings.data_dir}"


def _written(result: ApplyResult) -> dict[str, dict[str, int]]:
    """Records created, updated, unchanged… per kind."""
    return {str(kind): {str(change): n for change, n in changes.items()} for kind, changes in result.counts.items()}


def _count_lines(counts: dict[str, int]) -> list[str]:
    return table(["kind", "count"], sorted(counts.items()), "<>")
