"""``chain-graph report monthly|quarterly``: the printed reports (逐月亮晒, 季度通报) as .docx or PDF.

A thin shell over :func:`chain_graph.services.reports.report_file`, the code ``GET /reports/...``
runs: the report is rendered whole in memory, then written, so a failure leaves no half file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from chain_graph.cli.base import Commands, Services, emit, with_services
from chain_graph.reports import Period
from chain_graph.services import reports

__all__ = ["register"]


def register(commands: Commands) -> None:
    group = commands.group("report", "printed reports: 逐月亮晒 (monthly) and 季度通报 (quarterly), .docx or PDF")
    p = group.add("monthly", with_services(_report), "逐月亮晒: the month's ranking of responsible units")
    _year(p)
    p.add_argument("--month", type=int, required=True, metavar="M", help="the month, 1-12")
    _out(p)
    p = group.add("quarterly", with_services(_report), "季度通报: the quarter's briefing")
    _year(p)
    p.add_argument("--quarter", type=int, required=True, metavar="Q", help="the quarter, 1-4")
    _out(p)


def _year(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, required=True, metavar="Y", help="the year, e.g. 2026")


def _out(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", type=Path, required=True, metavar="FILE", help="the file to write (.docx or .pdf)")
    p.add_argument("--format", choices=[f.value for f in reports.ReportFormat], help="default: from FILE's suffix")


def _report(s: Services, args: argparse.Namespace) -> int:
    kind = args.report_command
    period = Period.of(kind, args.year, month=getattr(args, "month", None), quarter=getattr(args, "quarter", None))
    fmt = reports.format_of(args.out, args.format)
    found = reports.report_file(s.store, s.cache, period, fmt, config=s.settings.kpi_config(),
                                font=s.settings.report_font)  # fmt: skip
    Path(args.out).write_bytes(found.data)
    data = {"path": str(args.out), "bytes": len(found.data), "format": fmt.value, "report": kind,
            "period": period.slug, "title": found.filename}  # fmt: skip
    emit(args, data, lambda d: [f"wrote {d['title']} to {d['path']} ({d['bytes']:,} bytes)"])
    return 0
