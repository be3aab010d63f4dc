"""The ``chain-graph`` command: import bundles, look at chains and their gaps, run plans, serve the API.

Each subcommand is a thin handler over a library function — the service functions of
:mod:`chain_graph.services` where the API has one too: it opens the store (once, closed in
``finally``), calls the function, and prints the result as a table or, with ``--json``,
as a JSON object whose ``data`` key holds the result (UTF-8, Chinese as is). Expected errors
(any :class:`~chain_graph.errors.ChainGraphError`, unreadable files) print one line,
``chain-graph: error: ...``, on stderr and exit 1; usage errors exit 2.

>>> main(["--version"])
chain-graph 0.1.0
0
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chain_graph import __version__
from chain_graph.cli import admin, analysis, events, exports, growth, overview, parks, plans, printed, relations, render
from chain_graph.cli.base import PROG, Commands, Handler, emit, fail, non_negative, with_store
from chain_graph.config import Settings, StoreKind
from chain_graph.errors import ChainGraphError
from chain_graph.store import Store

__all__ = ["build_parser", "main"]

DESCRIPTION = "chain-graph: the industrial-chain graph behind 招商一张图 (import, chains, gaps, plans, serve)."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 error, 2 usage)."""
    _utf8_stdout()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, or a usage error (argparse printed it)
        return e.code if isinstance(e.code, int) else 2
    handler: Handler = args.handler
    try:
        return handler(args)
    except ChainGraphError as e:
        return fail(e.message, field=e.field)
    except BrokenPipeError:  # the reader (``| head``) went away: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as e:
        return fail(f"{e.strerror or e}: {e.filename}" if e.filename else str(e))
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``--store`` and ``--data-dir`` also work after the subcommand."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--store", choices=[k.value for k in StoreKind], default=argparse.SUPPRESS,
                        help="store backend (default: $CHAIN_GRAPH_STORE or embedded)")  # fmt: skip
    shared.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help="embedded store directory (default: $CHAIN_GRAPH_DATA_DIR)")  # fmt: skip
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--json", action="store_true", help="print JSON (an object with a 'data' key)")

    parser = argparse.ArgumentParser(prog=PROG, parents=[shared], description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands = Commands(sub, (shared, out))
    command = commands.add
    p = command("import", with_store(_import), "import a bundle (folder, .zip, .xlsx or JSON dump) into the store")
    p.add_argument("path", type=Path, help="the bundle")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.add_argument("--encoding", metavar="NAME", default=None,
                   help="the CSV files' encoding when not UTF-8 or GB18030 (e.g. big5, cp1252)")  # fmt: skip
    command("chains", with_store(_chains), "list the chains with their segments and firms")
    p = command("show", with_store(_show), "show one chain: segments by stage and their local firms")
    p.add_argument("chain_id", metavar="CHAIN", help="chain id")
    p.add_argument("--limit", type=non_negative, default=10,
                   help="local firms listed per segment (default 10, 0 = all)")  # fmt: skip
    command("stats", with_store(_stats), "count the records in the store")
    _generate_arguments(command("generate", _generate, "write a synthetic bundle for benchmarks and scale tests"))
    analysis.register(commands)
    parks.register(commands, plans.register(commands))
    growth.register(commands)
    relations.register(commands)
    admin.register(commands)
    exports.register(commands)
    printed.register(commands)
    events.register(commands)
    return parser


def _generate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--companies", type=int, required=True, metavar="N", help="number of companies")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("-o", "--out", type=Path, required=True, metavar="DIR", help="output folder")
    p.add_argument("--chains", type=int, default=None, metavar="K",
                   help="number of chains (default: max(6, N // 20000))")  # fmt: skip
    p.add_argument("--ties-per-company", type=int, default=10, metavar="T",
                   help="supply ties per company (default 10)")  # fmt: skip
    p.add_argument("--zip", action="store_true", help="write DIR.zip instead of a folder")


# -- handlers --------------------------------------------------------------------------------


def _import(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    from chain_graph.bundle import import_bundle
    from chain_graph.cli.progress import progress_for

    with progress_for(args) as progress:
        report = import_bundle(
            store,
            args.path,
            dry_run=args.dry_run,
            max_bytes=settings.max_import_bytes,
            encoding=args.encoding,
            progress=progress,
        )
    ok = not report.rejections and (report.applied or args.dry_run)
    if report.applied and not args.dry_run and store.reads_cold_after_import:
        warm_reports(store, settings)
    emit(args, report.to_dict(), lambda data: list(report.summary_lines()))
    if not ok:
        fail(f"import rejected: {report.rejection_count} problem(s), nothing was written")
    return 0 if ok else 1


def warm_reports(store: Store, settings: Settings) -> None:
    """Run every chain's gap report once after an import (chain_graph.services.gap_reports.warm), so
    the server has planned the statements the planners' first reports run. Only for stores whose first
    reads are cold (``Store.reads_cold_after_import``): this process's cache is thrown away on exit."""
    from chain_graph.analysis import AnalysisConfig
    from chain_graph.cache import RevisionCache
    from chain_graph.services import gap_reports

    gap_reports.warm(store, RevisionCache(), AnalysisConfig(home_region=settings.home_region))


def _chains(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    rows = overview.chain_summaries(store, home_region=settings.home_region)
    headers = ["chain", "name", "segments", "companies", "local firms"]
    keys = ["chain_id", "name", "segments", "companies", "local_firms"]
    emit(args, rows, lambda data: render.table(headers, [[r[k] for k in keys] for r in data], "<<>>>"))
    return 0


def _show(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    limit = args.limit or None
    detail = overview.chain_detail(store, args.chain_id, home_region=settings.home_region, limit=limit)
    emit(args, detail, render.chain_lines)
    return 0


def _stats(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    counts = overview.store_counts(store, home_region=settings.home_region)
    rows = [[kind, n] for kind, n in counts.items()]
    emit(args, counts, lambda data: render.table(["kind", "count"], rows, "<>"))
    return 0


def _generate(args: argparse.Namespace) -> int:
    from chain_graph.generate import generate_bundle, zip_bundle

    started = time.perf_counter()
    target: Path = args.out
    if not args.zip:
        counts = generate_bundle(target, **_generate_options(args))
    else:
        target = target if target.suffix == ".zip" else target.with_name(target.name + ".zip")
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".chain-graph-") as tmp:
            counts = generate_bundle(tmp, **_generate_options(args))
            zip_bundle(tmp, target)
    seconds = round(time.perf_counter() - started, 2)
    result = {"path": str(target), "counts": counts, "seconds": seconds}
    rows = [[f"{name}.csv", n] for name, n in counts.items()]
    emit(args, result, lambda data: [*render.table(["file", "rows"], rows, "<>"), f"wrote {target} in {seconds} s"])
    return 0


def _generate_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "companies": args.companies,
        "seed": args.seed,
        "chains": args.chains,
        "ties_per_company": args.ties_per_company,
    }


# -- plumbing --------------------------------------------------------------------------------


def _utf8_stdout() -> None:
    """Chinese must reach the terminal or the pipe, whatever the locale says."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
