"""Analysis commands: ``gaps``, ``candidates``, ``whatif``, ``kpis``, ``snapshot``, ``snapshots``.

Each calls the service function the API calls (:mod:`chain_graph.services.gap_reports`), with a
fresh cache, and prints the same data the API returns: with ``--json`` as is, otherwise as
the lines of :mod:`chain_graph.cli.reports`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any

from chain_graph.cli import reports
from chain_graph.cli.base import Commands, Services, emit, non_negative, with_services
from chain_graph.models import RankingListId
from chain_graph.services import gap_reports, kpi_reports

__all__ = ["register"]


def register(commands: Commands) -> None:
    p = commands.add("gaps", with_services(_gaps), "gap analysis of a chain: 缺链 / 弱链 / 强链 per segment")
    p.add_argument("chain_id", metavar="CHAIN", help="chain id")
    p.add_argument("--county", metavar="C", help="also the statuses with one county's firms only (region id)")
    p = commands.add("candidates", with_services(_candidates), "candidates for a chain's gaps, best first")
    p.add_argument("chain_id", metavar="CHAIN", help="chain id")
    p.add_argument("--segment", dest="segment_id", metavar="S", help="one segment (default: every missing or weak one)")
    p.add_argument("--list", dest="lists", action="append", choices=[v.value for v in RankingListId], metavar="L",
                   help="ranked on this list (repeatable: any of them)")  # fmt: skip
    p.add_argument("--country", type=_country, metavar="CC", help="ISO country code, e.g. CN")
    p.add_argument("--min-score", type=_score, metavar="X", help="score floor (0..100)")
    p.add_argument("--limit", type=non_negative, default=20, metavar="N", help="candidates shown (default 20, 0 = all)")
    p = commands.add("whatif", with_services(_whatif), "what if a company became local: statuses before and after")
    p.add_argument("chain_id", metavar="CHAIN", help="chain id")
    p.add_argument("company_id", metavar="COMPANY", help="company id")
    p = commands.add("kpis", with_services(_kpis), "KPIs of the plans: signed investment, start rates, unit ranking")
    p.add_argument("--year", type=int, metavar="Y", help="default: this year")
    p.add_argument("--month", type=_month, metavar="YYYY-MM", help="month of the unit ranking (default: the latest)")
    p = commands.add("snapshot", with_services(_snapshot), "record today's completeness of a chain")
    p.add_argument("chain_id", metavar="CHAIN", help="chain id")
    p = commands.add("snapshots", with_services(_snapshots), "a chain's recorded completeness over time")
    p.add_argument("chain_id", metavar="CHAIN", help="chain id")


def _gaps(s: Services, args: argparse.Namespace) -> int:
    report = gap_reports.gaps(s.store, s.cache, s.config, args.chain_id, args.county or None)
    emit(args, report.to_dict(), reports.gaps_lines)
    return 0


def _candidates(s: Services, args: argparse.Namespace) -> int:
    found = gap_reports.candidates(
        s.store,
        s.cache,
        s.config,
        args.chain_id,
        segment_id=args.segment_id,
        lists=tuple(sorted(set(args.lists))) if args.lists else None,
        country=args.country,
        min_score=args.min_score,
    )
    shown = [c.model_dump(mode="json") for c in (found[: args.limit] if args.limit else found)]
    emit(args, shown, lambda data: reports.candidate_lines(data, len(found)), count=len(found))
    return 0


def _whatif(s: Services, args: argparse.Namespace) -> int:
    result = gap_reports.what_if_landed(s.store, s.cache, s.config, args.chain_id, args.company_id)
    emit(args, result.to_dict(), reports.whatif_lines)
    return 0


def _kpis(s: Services, args: argparse.Namespace) -> int:
    year = args.year or (int(args.month[:4]) if args.month else dt.date.today().year)
    report = kpi_reports.kpi_report(s.store, s.cache, year, args.month, config=s.settings.kpi_config())
    emit(args, report.to_dict(), reports.kpi_lines)
    return 0


def _snapshot(s: Services, args: argparse.Namespace) -> int:
    snapshot = gap_reports.record_snapshot(s.store, s.cache, s.config, args.chain_id)
    data: dict[str, Any] = snapshot.model_dump(mode="json")
    emit(args, data, lambda d: [f"recorded {d['chain_id']} on {d['on']}: 完整度 {reports.pct(d['completeness'])}"])
    return 0


def _snapshots(s: Services, args: argparse.Namespace) -> int:
    found = gap_reports.snapshots(s.store, args.chain_id)
    emit(args, [r.model_dump(mode="json") for r in found.items], reports.snapshot_lines)
    return 0


def _country(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", text):
        raise argparse.ArgumentTypeError(f"expected a two-letter ISO country code, got {text!r}")
    return text.upper()


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {text!r}")
    return value


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}")
    return text
