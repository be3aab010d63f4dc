"""``chain-graph event create|list|show|edit|targets|target|invite|move|sign|report|results``: promotion events.

Writes go through :mod:`chain_graph.events` and :mod:`chain_graph.services.events` exactly as the
API's do (versions, the invitation table, a signing written with its plan). ``targets`` prints the
event's target list, or writes it as a printable workbook with ``-o FILE.xlsx``.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic_core import to_jsonable_python

from chain_graph import events
from chain_graph.cli.base import Commands, Services, emit, iso_date, non_negative, with_services
from chain_graph.cli.plans import _os_user
from chain_graph.cli.render import table
from chain_graph.models import EventKind, InvitationStatus
from chain_graph.services import events as service

__all__ = ["register"]


def _items(text: str) -> list[str]:
    return [v.strip() for v in text.replace(",", "|").split("|") if v.strip()]


def register(commands: Commands) -> None:
    group = commands.group("event", "promotion events (招商推介/签约/集中开工): targets, invitations, report")
    p = group.add("create", with_services(_create), "create an event")
    p.add_argument("--name", required=True, help="the event's name")
    p.add_argument("--kind", dest="event_kind", required=True, choices=[k.value for k in EventKind],
                   help="promotion (推介), signing (签约), groundbreaking (集中开工)")  # fmt: skip
    p.add_argument("--on", dest="held_on", required=True, type=iso_date, metavar="YYYY-MM-DD", help="the day held")
    p.add_argument("--host", dest="host_unit", required=True, metavar="UNIT", help="host unit (主办单位)")
    p.add_argument("--focus", type=_items, default=[], metavar="ITEMS",
                   help="separated by | or ',': gba, yrd, asean, overseas-chinese, region:<id>, list:<id>, "
                        "direction:<id>, or 粤港澳大湾区, 长三角, 东南亚, 侨港澳台, 500强, 文旅, 商贸")  # fmt: skip
    p.add_argument("--chains", dest="chain_ids", type=_items, default=[], metavar="IDS", help="chain ids (default all)")
    p.add_argument("--description", metavar="TEXT")
    p.add_argument("--id", dest="event_id", metavar="ID", help="the event's id (default: a new event-… id)")
    p = group.add("list", with_services(_list), "list events")
    p.add_argument("--year", type=int, metavar="Y", help="held in this year")
    p.add_argument("--kind", dest="event_kind", choices=[k.value for k in EventKind])
    p = group.add("show", with_services(_show), "one event, its invitations and report")
    p.add_argument("event_id", metavar="EVENT")
    p = group.add("edit", with_services(_edit), "change fields of an event")
    p.add_argument("event_id", metavar="EVENT")
    p.add_argument("--version", type=int, required=True, metavar="V", help="the version you read (event show)")
    p.add_argument("--set", dest="changes", action="append", required=True, type=_assignment, metavar="FIELD=VALUE",
                   help=f"repeatable; fields: {', '.join(sorted(events.EDITABLE_FIELDS))}")  # fmt: skip
    p = group.add("targets", with_services(_targets), "the event's target list, best first")
    p.add_argument("event_id", metavar="EVENT")
    p.add_argument("--limit", type=non_negative, default=0, help="rows printed (default 0 = all)")
    p.add_argument("-o", "--out", type=Path, metavar="FILE.xlsx", help="write the list as a printable workbook")
    p = group.add("target", with_services(_target), "add a firm to the target list by hand, remove one, or undo")
    p.add_argument("event_id", metavar="EVENT")
    p.add_argument("action", choices=["add", "remove", "undo"])
    p.add_argument("company_id", metavar="COMPANY")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--actor", default=_os_user())
    p = group.add("invite", with_services(_invite), "invite a firm to the event")
    p.add_argument("event_id", metavar="EVENT")
    p.add_argument("company_id", metavar="COMPANY")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="day of the invitation (default today)")
    p.add_argument("--actor", default=_os_user())
    p = group.add("move", with_services(_move), "move an invitation: confirmed, attended, declined, invited")
    p.add_argument("event_id", metavar="EVENT")
    p.add_argument("company_id", metavar="COMPANY")
    p.add_argument("status", choices=[s.value for s in InvitationStatus if s is not InvitationStatus.SIGNED_AT_EVENT])
    p.add_argument("--version", type=int, required=True, metavar="V")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--actor", default=_os_user())
    p = group.add("sign", with_services(_sign), "an attended firm signed at the event: makes or moves its plan")
    p.add_argument("event_id", metavar="EVENT")
    p.add_argument("company_id", metavar="COMPANY")
    p.add_argument("--version", type=int, required=True, metavar="V")
    p.add_argument("--amount", dest="amount_cny_100m", type=float, metavar="N", help="amount signed, 亿元")
    p.add_argument("--unit", metavar="U", help="responsible unit of a new plan (default: the host unit)")
    p.add_argument("--chain", dest="chain_id", metavar="C", help="for a firm that fills no gap: the plan's chain")
    p.add_argument("--segment", dest="segment_id", metavar="S", help="… and its segment")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="day signed (default: the event's day)")
    p.add_argument("--actor", default=_os_user())
    p = group.add("report", with_services(_report), "invited / attended / signed, amount, start rate of one event")
    p.add_argument("event_id", metavar="EVENT")
    p = group.add("results", with_services(_results), "results of the events held from --start to --end")
    p.add_argument("--start", required=True, type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--end", required=True, type=iso_date, metavar="YYYY-MM-DD")


def _assignment(text: str) -> tuple[str, Any]:
    field, sep, value = text.partition("=")
    field = field.strip()
    if not sep or not field:
        raise argparse.ArgumentTypeError(f"expected FIELD=VALUE, got {text!r}")
    if field in ("focus", "chain_ids"):
        return field, _items(value)
    return field, value.strip() or None


def _create(s: Services, args: argparse.Namespace) -> int:
    names = ("name", "event_kind", "held_on", "host_unit", "focus", "chain_ids", "description", "event_id")
    event = events.create_event(s.store, **{k: getattr(args, k) for k in names if getattr(args, k) is not None})
    data = to_jsonable_python(service.public_event(event))
    emit(args, data, lambda d: [*_event_lines(d), "", f"created event {d['event_id']} (version 1)"])
    return 0


def _list(s: Services, args: argparse.Namespace) -> int:
    listed = events.list_events(s.store, year=args.year, event_kind=args.event_kind)
    found = [to_jsonable_python(service.public_event(e)) for e in listed]
    rows = [[e["event_id"], e["held_on"], e["event_kind"], e["name"], e["host_unit"], ", ".join(e["focus"])]
            for e in found]  # fmt: skip
    emit(
        args, found, lambda _: table(["event", "day", "kind", "name", "host", "focus"], rows) if rows else ["no event"]
    )
    return 0


def _show(s: Services, args: argparse.Namespace) -> int:
    data = to_jsonable_python(service.public_event(events.get_event(s.store, args.event_id)))
    data["invitations"] = to_jsonable_python([i.model_dump() for i in events.invitations_of(s.store, args.event_id)])
    data["report"] = service.event_report(s.store, args.event_id).to_dict()
    emit(args, data, lambda d: [*_event_lines(d), "", *_invitation_lines(d["invitations"]), "", *_report_lines(d)])
    return 0


def _edit(s: Services, args: argparse.Namespace) -> int:
    event = events.update_event(s.store, args.event_id, version=args.version, changes=dict(args.changes))
    data = to_jsonable_python(service.public_event(event))
    emit(args, data, lambda d: [*_event_lines(d), "", f"saved event {d['event_id']} (version {d['version']})"])
    return 0


def _targets(s: Services, args: argparse.Namespace) -> int:
    found = service.event_targets(s.store, s.cache, s.config, args.event_id)
    if args.out is not None:
        from chain_graph.export.excel import targets_workbook

        targets_workbook(found, events.get_event(s.store, args.event_id), args.out)
    data = found.to_dict()
    if args.limit:
        data["data"] = data["data"][: args.limit]
    saved = [f"wrote {found.count} targets to {args.out}"] if args.out is not None else []
    emit(args, data["data"], lambda _: [*_target_lines(data), *saved], count=found.count)
    return 0


def _target(s: Services, args: argparse.Namespace) -> int:
    if args.action == "undo":
        events.clear_target(s.store, args.event_id, args.company_id)
        data: dict[str, Any] = {"event_id": args.event_id, "company_id": args.company_id, "action": None}
    else:
        action = "added" if args.action == "add" else "removed"
        record = events.set_target(s.store, args.event_id, args.company_id, action=action, actor=args.actor,
                                   note=args.note)  # fmt: skip
        data = to_jsonable_python(record.model_dump())
    emit(args, data, lambda d: [f"{d['company_id']}: {d['action'] or 'as computed'} on event {d['event_id']}"])
    return 0


def _invite(s: Services, args: argparse.Namespace) -> int:
    record = events.invite(s.store, args.event_id, args.company_id, actor=args.actor, note=args.note, on=args.on)
    emit(args, to_jsonable_python(record.model_dump()), _moved)
    return 0


def _move(s: Services, args: argparse.Namespace) -> int:
    record = events.move_invitation(s.store, args.event_id, args.company_id, to_status=args.status,
                                    version=args.version, actor=args.actor, note=args.note, on=args.on)  # fmt: skip
    emit(args, to_jsonable_python(record.model_dump()), _moved)
    return 0


def _sign(s: Services, args: argparse.Namespace) -> int:
    record, plan = service.sign_at_event(
        s.store, s.cache, s.config, args.event_id, args.company_id, version=args.version, actor=args.actor,
        amount_cny_100m=args.amount_cny_100m, unit=args.unit, chain_id=args.chain_id, segment_id=args.segment_id,
        note=args.note, on=args.on,
    )  # fmt: skip
    data = {"invitation": to_jsonable_python(record.model_dump()), "plan": to_jsonable_python(plan.model_dump())}
    emit(args, data, lambda d: [*_moved(d["invitation"]), f"plan {d['plan']['plan_id']} is {d['plan']['status']}"])
    return 0


def _report(s: Services, args: argparse.Namespace) -> int:
    emit(args, service.event_report(s.store, args.event_id).to_dict(), _report_lines)
    return 0


def _results(s: Services, args: argparse.Namespace) -> int:
    found = service.event_results(s.store, args.start, args.end).to_dict()
    rows = [[r["event_id"], r["held_on"], r["invited"], r["attended"], r["signed"],
             f"{r['signed_amount_cny_100m']:,.2f}", _pct(r["start_rate"])] for r in found["reports"]]  # fmt: skip
    total = ["合计 total", "", found["invited"], found["attended"], found["signed"],
             f"{found['signed_amount_cny_100m']:,.2f}", _pct(found["start_rate"])]  # fmt: skip
    head = ["event", "day", "invited", "attended", "signed", "亿元", "start rate"]
    emit(args, found, lambda _: table(head, [*rows, total], "<<>>>>>"))
    return 0


# -- views ---------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def _event_lines(d: Mapping[str, Any]) -> list[str]:
    focus = ", ".join(f"{d['focus_labels'].get(i, i)} ({i})" for i in d["focus"]) or "—"
    rows = [
        ["活动 event", f"{d['event_id']}  (version {d['version']})"],
        ["名称 name", d["name"]],
        ["类型 kind", d["event_kind"]],
        ["日期 day", d["held_on"]],
        ["主办 host", d["host_unit"]],
        ["方向 focus", focus],
        ["产业链 chains", ", ".join(d["chain_ids"]) or "all"],
    ]
    return [line.rstrip() for line in table(["", ""], rows)[1:]]


def _invitation_lines(rows: list[Mapping[str, Any]]) -> list[str]:
    if not rows:
        return ["no invitation yet"]
    body = [[i["company_id"], i["status"], i["version"], i.get("plan_id") or ""] for i in rows]
    return table(["company", "status", "v", "plan"], body)


def _moved(d: Mapping[str, Any]) -> list[str]:
    return [f"{d['company_id']} is {d['status']} at event {d['event_id']} (version {d['version']})"]


def _target_lines(d: Mapping[str, Any]) -> list[str]:
    lines = [f"{d['count']} targets in focus {', '.join(d['focus']) or '(any)'} over {len(d['chains'])} chains"]
    lines += d.get("notes", [])
    rows = [[t["rank"], t["company_id"], t["name"], t.get("region_name") or t.get("region") or "",
             "" if t["score"] is None else f"{t['score']:.1f}",
             "; ".join(f"{g['chain_id']}/{g['segment_id']} ({g['status']})" for g in t["gaps"]) or "(by hand)",
             t.get("invitation") or ""] for t in d["data"]]  # fmt: skip
    if rows:
        lines += table(["#", "company", "name", "HQ", "score", "gaps it fills", "invitation"], rows, ">")
    if d["removed"]:
        lines.append(f"removed by hand: {', '.join(d['removed'])}")
    return lines


def _report_lines(d: Mapping[str, Any]) -> list[str]:
    r = d.get("report", d)
    return [
        f"invited {r['invited']}, confirmed {r['confirmed']}, attended {r['attended']}, signed {r['signed']}, "
        f"declined {r['declined']}",
        f"signed amount {r['signed_amount_cny_100m']:,.2f} 亿元; start rate of what was signed {_pct(r['start_rate'])}",
    ]
