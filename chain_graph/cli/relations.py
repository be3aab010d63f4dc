"""Relationship commands: ``paths`` (how a target connects to the city) and ``leads`` (链主 leads).

``chain-graph paths COMPANY`` prints the company's shortest paths to local firms, each hop with
its source; ``chain-graph leads [--leader COMPANY]`` the outside suppliers and customers of local
leading firms, ranked; ``chain-graph leads adopt --leader L --company C --unit U`` turns one into
a one-to-one plan with the leading firm as its referrer.
"""

from __future__ import annotations

import argparse
from typing import Any

from chain_graph import labels
from chain_graph.cli.base import Commands, Services, emit, iso_date, non_negative, with_services
from chain_graph.models import ProjectKind
from chain_graph.paths import MAX_HOPS
from chain_graph.services import relations
from chain_graph.services.plans import public_plan

__all__ = ["register"]


def register(commands: Commands) -> None:
    p = commands.add(
        "paths", with_services(_paths), "a company's shortest paths to local firms, each hop with its source"
    )
    p.add_argument("company_id", metavar="COMPANY", help="company id")
    p.add_argument(
        "--max-hops", type=_hops, default=None, metavar="H", help=f"at most H hops (1..{MAX_HOPS}, default 3)"
    )
    p.add_argument(
        "--limit", type=int, default=20, metavar="N", help=f"paths shown (1..{relations.MAX_PATHS}, default 20)"
    )
    p = commands.add(
        "leads", with_services(_leads), "链主 leads: outside suppliers and customers of local leading firms"
    )
    p.add_argument("--leader", dest="leader_id", metavar="COMPANY", help="of this local leading firm only")
    p.add_argument("--limit", type=non_negative, default=20, metavar="N", help="leads shown (default 20, 0 = all)")
    p.add_argument(
        "action", nargs="?", choices=["adopt"], help="adopt: turn a lead into a plan (--leader, --company, --unit)"
    )
    p.add_argument("--company", dest="company_id", metavar="X", help="adopt: the lead's company id")
    p.add_argument("--unit", metavar="U", help="adopt: responsible unit (责任单位)")
    p.add_argument(
        "--segment", dest="segment_id", metavar="S", help="adopt: the segment the plan fills (default: the lead's)"
    )
    p.add_argument("--kind", dest="project_kind", choices=[k.value for k in ProjectKind], help="adopt: project kind")
    p.add_argument("--investment", dest="expected_investment_cny_100m", type=float, metavar="N", help="adopt: 亿元")
    p.add_argument("--due", dest="due_date", type=iso_date, metavar="YYYY-MM-DD", help="adopt: next action due")
    p.add_argument("--note", metavar="TEXT", help="adopt: note kept in the plan's history")
    p.add_argument("--actor", default=None, help="adopt: who makes the change (default: the OS user)")  # fmt: skip


def _hops(text: str) -> int:
    value = non_negative(text)
    if not 1 <= value <= MAX_HOPS:
        raise argparse.ArgumentTypeError(f"must lie in 1..{MAX_HOPS}, got {text!r}")
    return value


def _paths(s: Services, args: argparse.Namespace) -> int:
    found = relations.company_paths(s.store, s.cache, s.config, args.company_id, max_hops=args.max_hops,
                                    limit=args.limit)  # fmt: skip
    emit(args, found.to_dict(), _path_lines)
    return 0


def _path_lines(data: dict[str, Any]) -> list[str]:
    company = data["company"]
    head = f"{company['name']} ({company['id']})"
    if company["local"]:
        return [f"{head} is local already: no path needed"]
    if not data["paths"]:
        return [f"{head}: no path to a local firm within {data['max_hops']} hops"]
    lines = [f"{head}: {len(data['paths'])} path(s) to local firms within {data['max_hops']} hops"]
    for i, path in enumerate(data["paths"], 1):
        lines.append(f"{i}. → {path['to']['name']} ({path['to']['id']}), {path['hops']} hop(s)")
        for step in path["steps"]:
            source = step["source"] or "未注明 / none"
            when = f", as of {step['as_of']}" if step["as_of"] else ""
            lines.append(f"     [{labels.zh('relation', step['relation'])}] {step['text']}  — source: {source}{when}")
    if data["truncated"]:
        lines.append("(the walk was cut at its frontier cap: more paths may exist)")
    return lines


def _leads(s: Services, args: argparse.Namespace) -> int:
    if args.action == "adopt":
        return _adopt(s, args)
    found = relations.leads(s.store, s.cache, s.config, leader_id=args.leader_id)
    shown = [lead.to_dict() for lead in (found[: args.limit] if args.limit else found)]
    emit(args, shown, lambda data: _lead_lines(data, len(found)), count=len(found))
    return 0


def _lead_lines(data: list[dict[str, Any]], total: int) -> list[str]:
    if not data:
        return ["no lead: no local leading firm has a supply tie with a firm outside the city"]
    from chain_graph.cli import render

    rows = [
        [round(d["score"], 1), d["leader_name"], "供应商" if d["direction"] == "supplier" else "客户", d["name"],
         d["company_id"], d["product"] or "", d["amount_cny_100m"] if d["amount_cny_100m"] is not None else "",
         "、".join(e["name"] for e in d["lists"]), d["local_firms"]]
        for d in data
    ]  # fmt: skip
    headers = ["score", "leader", "as", "lead", "id", "product", "亿元", "lists", "local firms"]
    return [*render.table(headers, rows, "><<<<<><>"), f"{len(data)} of {total} lead(s)"]


def _adopt(s: Services, args: argparse.Namespace) -> int:
    from chain_graph.cli.plans import _os_user
    from chain_graph.errors import InvalidInput

    for name, flag in (("leader_id", "--leader"), ("company_id", "--company"), ("unit", "--unit")):
        if not getattr(args, name):
            raise InvalidInput(f"leads adopt needs {flag}", field=name)
    extra = {k: getattr(args, k) for k in ("project_kind", "expected_investment_cny_100m", "due_date")}
    plan = relations.adopt_lead(s.store, s.cache, s.config, leader_id=args.leader_id, company_id=args.company_id,
                                unit=args.unit, actor=args.actor or _os_user(), segment_id=args.segment_id,
                                note=args.note, **extra)  # fmt: skip
    data = public_plan(plan)
    emit(args, data, lambda d: [f"created plan {plan.plan_id} for {plan.company_id} ({plan.chain_id}: "
                                f"{', '.join(plan.segment_ids)}), referred by {plan.referrer_id}"])  # fmt: skip
    return 0
