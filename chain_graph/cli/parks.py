"""``chain-graph plan appraise|appraisal`` and ``chain-graph parks list|show|match``.

Appraisals are written through :func:`chain_graph.services.appraisal.appraise_plan` (scored with the
thresholds of ``CHAIN_GRAPH_APPRAISAL_CONFIG``, recorded in the plan's history) and parks read
through :mod:`chain_graph.services.parks`, exactly as the API does.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from pydantic_core import to_jsonable_python

from chain_graph.cli.base import Commands, Services, emit, with_services
from chain_graph.cli.render import table
from chain_graph.errors import NotFound
from chain_graph.services import appraisal as appraisals
from chain_graph.services import parks

__all__ = ["register"]

_INPUTS = (
    ("--technology", "technology_route", int, "技术路线 rating 1-5"),
    ("--competitiveness", "product_competitiveness", int, "产品竞争力 rating 1-5"),
    ("--market", "market_prospects", int, "市场前景 rating 1-5"),
    ("--land", "land_mu", float, "用地需求, 亩"),
    ("--floor-space", "floor_space_m2", float, "厂房需求, ㎡"),
    ("--tax", "annual_tax_cny_10k", float, "预计年税收, 万元"),
    ("--output", "annual_output_cny_100m", float, "预计年产值, 亿元"),
    ("--energy", "energy_tce", float, "年综合能耗, 吨标准煤"),
    ("--jobs", "jobs", int, "带动就业, 人"),
)


def register(commands: Commands, plan: Commands) -> None:
    """Add ``appraise`` and ``appraisal`` to the ``plan`` group, and the ``parks`` group."""
    from chain_graph.cli.plans import _write_arguments

    p = plan.add("appraise", with_services(_appraise), "appraise a plan (综合研判): score, verdict, reasons")
    p.add_argument("plan_id", metavar="PLAN", help="plan id")
    for flag, dest, kind, help in _INPUTS:
        p.add_argument(flag, dest=dest, type=kind, metavar="N", help=help)
    _write_arguments(p)
    p = plan.add("appraisal", with_services(_appraisal), "a plan's current appraisal")
    p.add_argument("plan_id", metavar="PLAN", help="plan id")
    group = commands.group("parks", "parks (园区) and land: list, show, match a plan to parks")
    p = group.add("list", with_services(_list), "every park with its land")
    p.add_argument("--region", metavar="R", help="of this county or district (id)")
    p = group.add("show", with_services(_show), "one park: plots and its planned, signed and started projects")
    p.add_argument("park_id", metavar="PARK", help="park id")
    p = group.add("match", with_services(_match), "parks that fit a plan's segment and land need, best first")
    p.add_argument("plan_id", metavar="PLAN", help="plan id")
    p.add_argument("--land", dest="land_mu", type=float, metavar="MU", help="land need, 亩 (default: the appraisal's)")
    p.add_argument("--floor-space", dest="floor_space_m2", type=float, metavar="M2", help="floor space need, ㎡")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most this many parks (default 10)")


def _appraise(s: Services, args: argparse.Namespace) -> int:
    inputs = {dest: getattr(args, dest) for _, dest, _, _ in _INPUTS if getattr(args, dest) is not None}
    data = appraisals.appraise_plan(s.store, s.cache, s.config, s.appraisal, args.plan_id, version=args.version,
                                    inputs=inputs, actor=args.actor, note=args.note)  # fmt: skip
    emit(args, to_jsonable_python(data), lambda d: [*_appraisal_lines(d), "", f"plan version {d['plan_version']}"])
    return 0


def _appraisal(s: Services, args: argparse.Namespace) -> int:
    data = appraisals.appraisal_of(s.store, args.plan_id)
    if data is None:
        raise NotFound(f"plan {args.plan_id!r} has no appraisal yet; chain-graph plan appraise", field="plan_id")
    emit(args, to_jsonable_python(data), _appraisal_lines)
    return 0


def _appraisal_lines(d: Mapping[str, Any]) -> list[str]:
    head = [f"综合研判 {d['plan_id']}: {d['verdict_label']} ({d['verdict']}), 得分 {d['score']:.1f}"]
    rows = [
        [c["label"], "" if c["value"] is None else f"{c['value']:.4g}", c["unit"],
         "—" if c["score"] is None else f"{c['score']:.0f}", f"{c['weight']:g}"]
        for c in d["criteria"]
    ]  # fmt: skip
    return [*head, *table(["criterion", "value", "unit", "score", "weight"], rows, "<>"), "理由 reasons:",
            *(f"  - {r}" for r in d["reasons"])]  # fmt: skip


def _list(s: Services, args: argparse.Namespace) -> int:
    found = parks.list_parks(s.store, region=args.region)
    emit(args, to_jsonable_python(found), _park_rows)
    return 0


def _park_rows(found: list[Mapping[str, Any]]) -> list[str]:
    if not found:
        return ["no park"]
    rows = [
        [p["park_id"], p["name"], p["region_name"] or p["region"], _num(p["available_land_mu"]),
         _num(p["factory_space_m2"]), _num(p["land"]["clearance_mu"]), ",".join(p["chain_ids"])]
        for p in found
    ]  # fmt: skip
    return table(["park", "name", "county", "land 亩", "factory ㎡", "to clear 亩", "chains"], rows, "<<<>>><")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _show(s: Services, args: argparse.Namespace) -> int:
    data = parks.park_view(s.store, args.park_id)
    emit(args, to_jsonable_python(data), _park_lines)
    return 0


def _park_lines(d: Mapping[str, Any]) -> list[str]:
    lines = [*_park_rows([d]), "", f"定位 segments: {', '.join(d['segment_ids']) or '—'}"]
    if d["plots"]:
        rows = [[p["plot_id"], p.get("name") or "", _num(p["area_mu"]), p["condition_label"]] for p in d["plots"]]
        lines += ["", "地块 plots:", *("  " + r for r in table(["plot", "name", "亩", "condition"], rows, "<<><"))]
    for group in d["plans"].values():
        shown = [f"{p['plan_id']} ({p['status']}, {p['unit']})" for p in group["plans"]]
        lines.append(f"{group['label']} {len(shown)}: {'; '.join(shown) or '—'}")
    return lines


def _match(s: Services, args: argparse.Namespace) -> int:
    data = parks.park_matches(s.store, args.plan_id, land_mu=args.land_mu, floor_space_m2=args.floor_space_m2,
                              limit=args.limit)  # fmt: skip
    emit(args, to_jsonable_python(data), _match_lines)
    return 0


def _match_lines(d: Mapping[str, Any]) -> list[str]:
    need = f"用地 {_num(d['land_mu']) or '—'} 亩, 厂房 {_num(d['floor_space_m2']) or '—'} ㎡"
    if not d["matches"]:
        return [f"{d['plan_id']} ({need}): no park is positioned for this plan's chain"]
    lines = [f"{d['plan_id']} ({need}):"]
    for i, m in enumerate(d["matches"], 1):
        fit = "✓ 满足" if m["fits"] else "△ 部分满足"
        lines.append(f"{i}. {m['name']} ({m['park_id']}, {m['region_name'] or m['region']})  {m['score']:.0f}  {fit}")
        lines += [f"     - {r}" for r in m["reasons"]]
    return lines
