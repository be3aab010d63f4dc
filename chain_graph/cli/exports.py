"""Exports: ``export html|overview|graphml|xlsx`` and ``template``.

Thin shells over :mod:`chain_graph.export` and the service layer, the same code the API's
download routes run; each writes one file and says where.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from chain_graph.cli.base import Commands, Services, emit, with_services
from chain_graph.cli.progress import with_progress

__all__ = ["register"]


def register(commands: Commands) -> None:
    group = commands.group("export", "maps and reports to files: html, overview, graphml, xlsx")
    p = group.add(
        "html",
        with_services(with_progress("export html", _html)),
        "one chain as a self-contained interactive HTML map (works offline)",
    )
    p.add_argument("chain_id", metavar="CHAIN", help="chain id")
    p.add_argument("--county", metavar="C", help="the county's own view (region id)")
    p.add_argument("--no-candidates", action="store_true", help="leave the candidate firms out")
    _out(p)
    p = group.add(
        "overview",
        with_services(with_progress("export overview", _overview)),
        "every chain and the ties between chains, as one HTML file",
    )
    _out(p)
    p = group.add(
        "graphml",
        with_services(with_progress("export graphml", _graphml)),
        "a chain (or the whole store) as GraphML, e.g. for Gephi",
    )
    p.add_argument("chain_id", nargs="?", metavar="CHAIN", help="chain id (default: everything)")
    _out(p)
    p = group.add(
        "xlsx",
        with_services(with_progress("export xlsx", _xlsx)),
        "an Excel report: gaps, candidates, plans, kpis, or the whole bundle",
    )
    p.add_argument("report", choices=["gaps", "candidates", "plans", "kpis", "bundle"], help="which report")
    p.add_argument("chain_id", nargs="?", metavar="CHAIN", help="chain id (gaps, candidates; filter for plans)")
    p.add_argument("--year", type=int, metavar="Y", help="kpis: the year (default: this year)")
    _out(p)
    p = commands.add("template", with_services(_template), "the Excel import template (headers, one example row)")
    _out(p)


def _out(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", type=Path, required=True, metavar="FILE", help="the file to write")


def _done(args: argparse.Namespace, what: str) -> int:
    path = Path(args.out)
    data = {"path": str(path), "bytes": path.stat().st_size, "what": what}
    emit(args, data, lambda d: [f"wrote {d['what']} to {d['path']} ({d['bytes']:,} bytes)"])
    return 0


def _html(s: Services, args: argparse.Namespace) -> int:
    from chain_graph.services import exports

    _, page = exports.chain_html(s.store, s.cache, s.config, args.chain_id, county=args.county or None,
                                 with_candidates=not args.no_candidates)  # fmt: skip
    Path(args.out).write_bytes(page)
    return _done(args, f"the map of {args.chain_id}")


def _overview(s: Services, args: argparse.Namespace) -> int:
    from chain_graph.services import exports

    Path(args.out).write_bytes(exports.overview_html(s.store, s.cache, s.config))
    return _done(args, "the city overview")


def _graphml(s: Services, args: argparse.Namespace) -> int:
    from chain_graph.services import exports

    if args.chain_id:
        Path(args.out).write_bytes(exports.graphml(s.store, s.cache, s.config, args.chain_id))
    else:
        exports.city_graphml(s.store, args.out)
    return _done(args, f"GraphML of {args.chain_id or 'the whole store'}")


def _xlsx(s: Services, args: argparse.Namespace) -> int:
    from chain_graph.errors import InvalidInput
    from chain_graph.services import exports

    if args.report in ("gaps", "candidates") and not args.chain_id:
        raise InvalidInput(f"export xlsx {args.report} needs a CHAIN", field="chain_id")
    if args.report == "gaps":
        data = exports.gaps_xlsx(s.store, s.cache, s.config, args.chain_id)[1]
    elif args.report == "candidates":
        data = exports.candidates_xlsx(s.store, s.cache, s.config, args.chain_id)[1]
    elif args.report == "plans":
        data = exports.plans_xlsx(s.store, chain_id=args.chain_id)
    elif args.report == "kpis":
        data = exports.kpis_xlsx(s.store, s.cache, args.year, config=s.settings.kpi_config())[1]
    else:
        data = exports.bundle_xlsx(s.store)
    Path(args.out).write_bytes(data)
    return _done(args, f"the {args.report} workbook")


def _template(s: Services, args: argparse.Namespace) -> int:
    from chain_graph.export.excel import template_workbook

    template_workbook(args.out)
    return _done(args, "the import template")
