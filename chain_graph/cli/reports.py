"""Terminal lines of the analysis: gap report, candidates, what-if, KPIs, snapshots.

Each function takes the JSON-ready data that ``--json`` prints (so both outputs say the same
thing) and returns lines; columns are aligned by display width (:mod:`chain_graph.cli.render`).

>>> pct(0.625), pct(None)
('62.5%', '—')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chain_graph import labels
from chain_graph.cli.render import table
from chain_graph.provenance import display_name

__all__ = ["candidate_lines", "gaps_lines", "kpi_lines", "pct", "snapshot_lines", "whatif_lines"]

Data = Mapping[str, Any]


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _counts(counts: Data) -> str:
    by_status = " · ".join(f"{labels.zh('gap_status', s)} {counts[s]}" for s in ("missing", "weak", "strong"))
    return f"{by_status}（共 {counts['segments']} 环节）"


def _status(value: str) -> str:
    return f"{labels.zh('gap_status', value)} {value}"


def gaps_lines(report: Data) -> list[str]:
    """Segments by stage with status and counts, then extensions, fragile links, supply dependency."""
    county = report.get("county")
    lines = [
        f"{report['chain_name']}（{report['chain_id']}）缺链分析 gap report, home region {report['home_region']}",
        f"完整度 completeness: {pct(report['completeness'])}   {_counts(report['counts'])}",
    ]
    segments = report["segments"]
    if county:
        lines.append(f"县域 county {county['name']}（{county['county_id']}）: 完整度 {pct(county['completeness'])}"
                     f"   {_counts(county['counts'])}")  # fmt: skip
        segments = county["segments"]
    lines += ["", *_segment_table(segments)]
    lines += _extension_lines(report["extensions"])
    lines += _fragile_lines(report["fragile"])
    lines += _supply_lines(report["supply_dependency"])
    return lines


def _segment_table(segments: Sequence[Data]) -> list[str]:
    headers = ["stage", "segment", "id", "status", "local", "leading", "revenue 亿元"]
    rows, stage_of_row = [], []
    for s in segments:
        rows.append([s["name"], s["segment_id"], _status(s["status"]), s["local_count"], s["leading_count"],
                     s["local_revenue"]])  # fmt: skip
        stage_of_row.append(s["stage"])
    shown, previous = [], None
    for stage, row in zip(stage_of_row, rows, strict=True):
        label = f"{labels.zh('stage', stage)} {stage}" if stage != previous else ""
        shown.append([label, *row])
        previous = stage
    return table(headers, shown, "<<<<>>>")


def _extension_lines(extensions: Sequence[Data]) -> list[str]:
    if not extensions:
        return ["", "延链 extensions: none"]
    rows = [
        [e["name"], e["segment_id"], e["chain_id"] + (" (other chain)" if e["cross_chain"] else ""),
         f"{e['direction']} of {e['strong_segment_name']}", e["weight"]]
        for e in extensions
    ]  # fmt: skip
    return ["", f"延链 extensions ({len(extensions)}):", *_indent(table(["segment", "id", "chain", "next to", "weight"],
                                                                          rows, "<<<<>"))]  # fmt: skip


def _fragile_lines(fragile: Sequence[Data]) -> list[str]:
    if not fragile:
        return ["", "脆弱环节 fragile links: none"]
    rows = [
        [f["name"], f["segment_id"], "、".join(h["name"] for h in f["holders"]), f["dependent_count"]] for f in fragile
    ]
    return ["", f"脆弱环节 fragile links ({len(fragile)}):",
            *_indent(table(["segment", "id", "held by", "dependents"], rows, "<<<>"))]  # fmt: skip


def _supply_lines(groups: Sequence[Data], shown: int = 3) -> list[str]:
    """Per segment its non-local suppliers of local firms: the first ``shown`` ties, then a count
    (``--json`` has them all)."""
    if not groups:
        return ["", "外地供应依赖 supply dependency: none"]
    lines = ["", f"外地供应依赖 supply dependency ({sum(len(g['suppliers']) for g in groups)} ties):"]
    for g in groups:
        ties = g["suppliers"]
        lines.append(f"  {g['segment_name']}（{g['segment_id']}，{_status(g['status'])}）: {len(ties)} ties")
        for t in ties[:shown]:
            product = f"（{t['product']}）" if t.get("product") else ""
            lines.append(f"    {t['supplier_name']} → {t['customer_name']}{product}")
        if len(ties) > shown:
            lines.append(f"    … {len(ties) - shown} more")
    return lines


def _indent(lines: list[str]) -> list[str]:
    return ["  " + line for line in lines]


def candidate_lines(candidates: Sequence[Data], total: int) -> list[str]:
    """Rank, score, company, segment, lists and the local firms it is tied to."""
    if not candidates:
        return ["no candidate matches"]
    rows = []
    for i, c in enumerate(candidates, start=1):
        lists = "、".join(f"{e['name']} #{e['rank']}" for e in c["lists"])
        ties = "、".join(("→" if t["direction"] == "supplies_to" else "←") + t["name"] for t in c["ties"])
        plan = f"  [plan {c['plan']['plan_id']}]" if c.get("plan") else ""
        shown = display_name(c["name"], short_name=c["short_name"], source=c.get("source"))
        rows.append([i, c["score"], shown, c["company_id"],
                     f"{c['segment_name']} ({_status(c['status'])})", lists, ties + plan])  # fmt: skip
    lines = table(["#", "score", "company", "id", "segment", "lists", "ties (→ supplies, ← buys from)"], rows, ">>")
    if total > len(candidates):
        lines.append(f"… {total - len(candidates):,} more (--limit 0 shows all)")
    return lines


def whatif_lines(result: Data) -> list[str]:
    before, after = result["counts_before"], result["counts_after"]
    lines = [
        f"若 {result['name']}（{result['company_id']}）落地 {result['chain_id']}: what if it became local",
        f"完整度 completeness: {pct(result['completeness_before'])} → {pct(result['completeness_after'])}"
        f" ({result['completeness_delta'] * 100:+.1f} points)",
        f"before: {_counts(before)}",
        f"after:  {_counts(after)}",
    ]
    if result["already_local"]:
        lines.append("the company is already local: nothing changes")
    rows = [
        [s["name"], s["segment_id"], f"{_status(s['before'])} → {_status(s['after'])}",
         f"{s['local_count_before']} → {s['local_count_after']}", "✓ closes" if s["closes"] else ""]
        for s in result["segments"]
    ]  # fmt: skip
    if rows:
        lines += ["", *table(["segment", "id", "status", "local firms", ""], rows)]
    return lines


def kpi_lines(k: Data) -> list[str]:
    si = k["signed_investment"]
    target = f" of target {si['target_cny_100m']:,.2f} 亿元 ({pct(si['ratio'])})" if si["target_cny_100m"] else ""
    lines = [
        f"KPIs {k['year']}",
        f"签约投资 signed investment: {si['amount_cny_100m']:,.2f} 亿元{target}, {si['plans']} plans"
        + (f" ({si['unknown_amount']} without amount)" if si["unknown_amount"] else ""),
        "",
        "开工率 start rate (per signing year of the formal contract):",
    ]
    rates = [[str(r["year"]), r["contracted"], r["started"], pct(r["rate"]), pct(r["goal"]),
              {True: "达标 met", False: "未达标 not met"}.get(r["met"], "")] for r in k["start_rates"]]  # fmt: skip
    lines += _indent(table(["year", "contracted", "started", "rate", "goal", ""], rates, "<>>>>"))
    lines += ["", f"逐月亮晒 unit ranking {k['month'] or '(no activity this year)'}:"]
    units = [[u["rank"], u["unit"], u["signed_investment_cny_100m"], u["starts"], u["signings"], u["moved"]]
             for u in k["unit_ranking"]]  # fmt: skip
    if units:
        lines += _indent(table(["#", "unit", "signed 亿元", "starts", "signings", "moved"], units, "><>>>>"))
    lines += ["", "榜单覆盖 list coverage:"]
    lists = [[c["name"], c["list_id"], c["members"], c["targeted"], c["in_talks"], c["signed"]]
             for c in k["list_coverage"]]  # fmt: skip
    lines += _indent(table(["list", "id", "members", "targeted", "in talks", "signed"], lists, "<<>>>>"))
    return lines


def snapshot_lines(snapshots: Sequence[Data]) -> list[str]:
    if not snapshots:
        return ["no snapshot recorded (chain-graph snapshot CHAIN records today's)"]
    rows = [[s["on"], pct(s["completeness"]), s["segments"], s["missing"], s["weak"], s["strong"]] for s in snapshots]
    return table(["on", "completeness", "segments", "缺链", "弱链", "强链"], rows, "<>>>>>")
