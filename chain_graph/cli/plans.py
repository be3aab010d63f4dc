"""``chain-graph plan create|list|show|move|edit``: one-to-one targeting plans from the terminal.

Writes go through :mod:`chain_graph.plans` (versions, history, the status rules) exactly as the
API's do; ``--from-candidate`` fills a plan in with the API's own prefill
(:func:`chain_graph.services.plans.prefill_from_candidate`). A change is recorded as made by
``--actor`` (default: the user logged in to the OS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from collections.abc import Mapping
from typing import Any

from pydantic_core import to_jsonable_python

from chain_graph import labels, plans
from chain_graph.cli.base import Commands, Services, emit, iso_date, with_services
from chain_graph.cli.render import table
from chain_graph.errors import InvalidInput
from chain_graph.models import GapType, PlanStatus, ProjectKind, TargetPlan
from chain_graph.services.plans import find_overdue, prefill_from_candidate, public_event, public_plan

__all__ = ["register"]

LIST_FIELDS = ("segment_ids", "linked_company_ids")


def register(commands: Commands) -> Commands:
    group = commands.group("plan", "one-to-one targeting plans (一对一招商专案): create, list, show, move, edit")
    _create_arguments(group.add("create", with_services(_create), "create a plan (or prefill it from a candidate)"))
    p = group.add("list", with_services(_list), "list plans, filtered")
    p.add_argument("--chain", dest="chain_id", metavar="C", help="of this chain")
    p.add_argument("--status", choices=[s.value for s in PlanStatus], help="in this status")
    p.add_argument("--unit", metavar="U", help="of this responsible unit (责任单位)")
    p.add_argument("--company", dest="company_id", metavar="X", help="targeting this company")
    p.add_argument("--overdue", action="store_true", help="only open plans past their due date, most overdue first")
    p = group.add("show", with_services(_show), "one plan (and its history)")
    p.add_argument("plan_id", metavar="PLAN", help="plan id")
    p.add_argument("--history", action="store_true", help="also every change: who, when, from, to, note")
    p = group.add("move", with_services(_move), "move a plan's status (forward, to dropped, or reopen)")
    p.add_argument("plan_id", metavar="PLAN", help="plan id")
    p.add_argument("status", choices=[s.value for s in PlanStatus], metavar="STATUS",
                   help=f"the new status: {', '.join(s.value for s in PlanStatus)}")  # fmt: skip
    _write_arguments(p)
    p.add_argument("--on", type=iso_date, metavar="DATE", help="date the status was reached (default: today)")
    p = group.add("edit", with_services(_edit), "change fields of a plan (not its status)")
    p.add_argument("plan_id", metavar="PLAN", help="plan id")
    _write_arguments(p)
    p.add_argument("--set", dest="changes", action="append", required=True, type=_assignment, metavar="FIELD=VALUE",
                   help=f"repeatable; lists separated by | or ','; empty clears. Fields: "
                        f"{', '.join(sorted(plans.EDITABLE_FIELDS))}")  # fmt: skip
    return group


def _create_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from-candidate", action="store_true",
                   help="prefill gap type, rationale and linked local firms from the candidate analysis")  # fmt: skip
    p.add_argument("--chain", dest="chain_id", required=True, metavar="C", help="chain id")
    p.add_argument("--company", dest="company_id", required=True, metavar="X", help="target company id")
    p.add_argument("--segment", dest="segment_ids", action="extend", nargs="+", required=True, metavar="S",
                   help="segment(s) the plan fills (one with --from-candidate)")  # fmt: skip
    p.add_argument("--gap-type", choices=[g.value for g in GapType], help="missing, weak or extension")
    p.add_argument("--unit", required=True, metavar="U", help="responsible unit (责任单位)")
    p.add_argument("--kind", dest="project_kind", choices=[k.value for k in ProjectKind], help="project kind")
    p.add_argument("--investment", dest="expected_investment_cny_100m", type=float, metavar="N",
                   help="expected investment, 亿元")  # fmt: skip
    p.add_argument("--lead", metavar="L", help="lead person")
    p.add_argument("--next-action", metavar="A", help="the next action")
    p.add_argument("--due", dest="due_date", type=iso_date, metavar="YYYY-MM-DD", help="when the next action is due")
    p.add_argument("--rationale", metavar="TEXT", help="why this company (replaces the prefilled one)")
    p.add_argument("--plan-id", metavar="ID", help="the plan's id (default: a new plan-… id)")
    p.add_argument("--note", metavar="TEXT", help="note kept in the history")
    p.add_argument("--actor", default=_os_user(), help="who makes the change (default: the OS user)")


def _write_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--version", type=int, required=True, metavar="V", help="the version you read (plan show)")
    p.add_argument("--note", metavar="TEXT", help="note kept in the history")
    p.add_argument("--actor", default=_os_user(), help="who makes the change (default: the OS user)")


# -- handlers ------------------------------------------------------------------------------------


def _create(s: Services, args: argparse.Namespace) -> int:
    names = ("gap_type", "project_kind", "expected_investment_cny_100m", "unit", "lead", "next_action", "due_date",
             "rationale", "plan_id")  # fmt: skip
    given = {k: getattr(args, k) for k in names if getattr(args, k) is not None}
    target = {"chain_id": args.chain_id, "company_id": args.company_id, "segment_ids": args.segment_ids}
    if args.from_candidate:
        if len(args.segment_ids) != 1:
            raise InvalidInput("--from-candidate takes one --segment (the candidate's)", field="segment_ids")
        prefill = prefill_from_candidate(s.store, s.cache, s.config, args.chain_id, args.company_id,
                                         args.segment_ids[0])  # fmt: skip
        fields = {**prefill, **given}
    elif "gap_type" not in given:
        raise InvalidInput("--gap-type is needed (missing, weak, extension) unless --from-candidate", field="gap_type")
    else:
        fields = {**target, **given}
    plan = plans.create_plan(s.store, actor=args.actor, note=args.note, gate=s.appraisal.gate, **fields)
    emit(args, _public(plan), lambda data: [*_plan_lines(data), "", f"created plan {plan.plan_id} (version 1)"])
    return 0


def _list(s: Services, args: argparse.Namespace) -> int:
    filters = {"chain_id": args.chain_id, "status": args.status, "unit": args.unit, "company_id": args.company_id}
    if args.overdue:
        found = find_overdue(s.store, today=dt.date.today(), **filters)
    else:
        found = plans.list_plans(s.store, **filters).items  # type: ignore[assignment]
    emit(args, [_public(p) for p in found], _list_lines)
    return 0


def _show(s: Services, args: argparse.Namespace) -> int:
    data = _public(plans.get_plan(s.store, args.plan_id))
    if args.history:
        data["history"] = to_jsonable_python([public_event(e) for e in plans.plan_history(s.store, args.plan_id)])
    emit(args, data, _plan_lines)
    return 0


def _move(s: Services, args: argparse.Namespace) -> int:
    plan = plans.move_plan(s.store, args.plan_id, version=args.version, to_status=args.status, actor=args.actor,
                           note=args.note, on=args.on, gate=s.appraisal.gate)  # fmt: skip
    emit(args, _public(plan), lambda d: [f"plan {d['plan_id']} is now {d['status']} (version {d['version']})"])
    return 0


def _edit(s: Services, args: argparse.Namespace) -> int:
    changes = dict(args.changes)
    plan = plans.edit_plan(s.store, args.plan_id, version=args.version, changes=changes, actor=args.actor,
                           note=args.note)  # fmt: skip
    emit(args, _public(plan), lambda d: [*_plan_lines(d), "", f"saved plan {d['plan_id']} (version {d['version']})"])
    return 0


# -- views ---------------------------------------------------------------------------------------


def _public(plan: TargetPlan) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable_python(public_plan(plan))
    return data


def _plan_lines(d: Mapping[str, Any]) -> list[str]:
    """A plan as label / value lines (labels aligned), then its history when it has one."""
    investment = d["expected_investment_cny_100m"]
    dates = [f"{k} {d[k]}" for k in ("signed_on", "contract_on", "started_on", "produced_on") if d.get(k)]
    moves = f"  → may move to {', '.join(d['allowed_moves'])}" if d["allowed_moves"] else ""
    due = (f"  due {d['due_date']}" if d.get("due_date") else "") + ("  ⚠ overdue" if d["overdue"] else "")
    rows = [
        ["专案 plan", f"{d['plan_id']}  (version {d['version']})"],
        ["状态 status", _status(d["status"]) + moves],
        ["企业 company", d["company_id"]],
        ["产业链 chain", f"{d['chain_id']}: {', '.join(d['segment_ids'])}"],
        ["类型 gap / kind", f"{d['gap_type']} / {d['project_kind']}"],
        ["投资 investment", f"{investment:,.2f} 亿元" if investment is not None else ""],
        ["责任单位 unit", d["unit"] + (f"  (lead {d['lead']})" if d.get("lead") else "")],
        ["下一步 next action", (d.get("next_action") or "") + due],
        ["关联企业 linked", ", ".join(d["linked_company_ids"])],
        ["日期 dates", "; ".join(dates)],
    ]
    lines = [line.rstrip() for line in table(["", ""], [r for r in rows if r[1]])[1:]]
    if d.get("rationale"):
        lines += ["理由 rationale:", *("  " + line for line in d["rationale"].splitlines())]
    if "history" in d:
        lines += ["", "历史 history:", *_history_lines(d["history"])]
    return lines


def _history_lines(events: list[Mapping[str, Any]]) -> list[str]:
    rows = [
        [e["seq"], e["at"], e["actor"], e["action"], _status_change(e["from_status"], e["to_status"]),
         ", ".join(k for k in e["changes"] if k != "status"), e.get("note") or ""]
        for e in events
    ]  # fmt: skip
    return ["  " + line for line in table(["#", "at", "actor", "action", "status", "changed", "note"], rows, ">")]


def _status(value: str) -> str:
    """A plan status in the words of chain_graph.labels, then its value (what --status takes)."""
    return f"{labels.zh('plan_status', value)} {value}"


def _status_change(before: str | None, after: str | None) -> str:
    return after or "" if before == after or before is None else f"{before} → {after}"


def _list_lines(found: list[Mapping[str, Any]]) -> list[str]:
    if not found:
        return ["no plan matches"]
    rows = [
        [p["plan_id"], p["version"], _status(p["status"]), p["company_id"], p["chain_id"], ",".join(p["segment_ids"]),
         p["unit"], (p.get("due_date") or "") + (" ⚠" if p["overdue"] else "")]
        for p in found
    ]  # fmt: skip
    return table(["plan", "v", "status", "company", "chain", "segments", "unit", "due"], rows, "<>")


# -- argument types ------------------------------------------------------------------------------


def _assignment(text: str) -> tuple[str, Any]:
    field, sep, value = text.partition("=")
    field = field.strip()
    if not sep or not field:
        raise argparse.ArgumentTypeError(f"expected FIELD=VALUE, got {text!r}")
    if field in LIST_FIELDS:
        return field, tuple(v.strip() for v in value.replace(",", "|").split("|") if v.strip())
    return field, value.strip() or None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor the password database
        return "cli"
