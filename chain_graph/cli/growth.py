"""``chain-graph expansions`` and ``chain-graph listings``: local firms' growth from the terminal.

``expansions`` (增资扩产 / 技改 projects) and ``listings`` (the listing pipeline) each list (the
default), show, create, update and move; ``expansions growing CHAIN`` names the strong-chain firms
that are growing. Writes go through :mod:`chain_graph.growth` exactly as the API's do: a stale
``--version`` is refused, and so is a move the status or stage table does not allow.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from pydantic_core import to_jsonable_python

from chain_graph import growth
from chain_graph.cli.base import Commands, Services, emit, iso_date, with_services
from chain_graph.cli.render import table
from chain_graph.models import ExpansionKind, ExpansionStatus, KeyProjectList, ListingStage, ListingTier
from chain_graph.services.growth import (
    chain_growth,
    company_names,
    public_expansion,
    public_growing,
    public_listing,
)

__all__ = ["register"]


def register(commands: Commands) -> None:
    _register_expansions(_group(commands, "expansions", "expansion projects of local firms (增资扩产 / 技改)"))
    _register_listings(_group(commands, "listings", "the listing pipeline (上市后备 / 挂牌后备 / 储备企业)"))


def _group(commands: Commands, name: str, help: str) -> Commands:
    """A command whose subcommands are optional: alone it lists (``chain-graph expansions``)."""
    p = commands.sub.add_parser(name, parents=list(commands.parents), help=help, description=help)
    p.set_defaults(handler=with_services(_list_expansions if name == "expansions" else _list_listings))
    return Commands(p.add_subparsers(dest=f"{name}_command", required=False, metavar="COMMAND"), commands.parents)


def _register_expansions(group: Commands) -> None:
    statuses = [s.value for s in ExpansionStatus]
    p = group.add("list", with_services(_list_expansions), "list expansion projects, filtered (the default)")
    p.add_argument("--chain", dest="chain_id", metavar="C", help="of this chain")
    p.add_argument("--company", dest="company_id", metavar="X", help="of this company")
    p.add_argument("--status", choices=statuses, help="in this status")
    p.add_argument("--key-list", choices=[k.value for k in KeyProjectList], help="on this key project list")
    p = group.add("show", with_services(_show_expansion), "one expansion project")
    p.add_argument("expansion_id", metavar="ID")
    p = group.add("create", with_services(_create_expansion), "record a new expansion project of a local firm")
    p.add_argument("--company", dest="company_id", required=True, metavar="X", help="the local firm")
    p.add_argument("--name", required=True, metavar="TEXT", help="the project's name")
    p.add_argument("--id", dest="expansion_id", metavar="ID", help="the project's id (default: a new exp-… id)")
    p.add_argument(
        "--kind", dest="expansion_kind", choices=[k.value for k in ExpansionKind], help="capacity or upgrade"
    )
    _expansion_fields(p)
    p = group.add("update", with_services(_update_expansion), "change fields of a project (not its status)")
    p.add_argument("expansion_id", metavar="ID")
    _update_arguments(p, growth.EXPANSION_EDITABLE)
    p = group.add("move", with_services(_move_expansion), "move a project's status one step (or cancel, reopen)")
    p.add_argument("expansion_id", metavar="ID")
    p.add_argument("status", choices=statuses, metavar="STATUS", help=f"the new status: {', '.join(statuses)}")
    _move_arguments(p)
    p = group.add("growing", with_services(_growing), "the growing firms of a chain's strong segments")
    p.add_argument("chain_id", metavar="CHAIN")


def _expansion_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--chain", dest="chain_id", metavar="C", help="the chain it strengthens")
    p.add_argument("--investment", dest="investment_cny_100m", type=float, metavar="N", help="investment, 亿元")
    p.add_argument("--capacity", dest="added_capacity", metavar="TEXT", help="added capacity, e.g. 年产320万双")
    p.add_argument("--key-list", choices=[k.value for k in KeyProjectList], help="on the provincial or city list")
    p.add_argument("--key-list-year", type=int, metavar="Y", help="the year of that list")
    p.add_argument("--status", choices=[s.value for s in ExpansionStatus], help="default planned")
    p.add_argument("--unit", metavar="U", help="responsible unit (责任单位)")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--source", metavar="TEXT", help="where the facts come from")


def _register_listings(group: Commands) -> None:
    stages = [s.value for s in ListingStage]
    p = group.add("list", with_services(_list_listings), "list pipeline firms, filtered (the default)")
    p.add_argument("--chain", dest="chain_id", metavar="C", help="of this chain")
    p.add_argument("--stage", choices=stages, help="at this stage")
    p.add_argument("--tier", choices=[t.value for t in ListingTier], help="on this pipeline list")
    p = group.add("show", with_services(_show_listing), "one pipeline firm")
    p.add_argument("company_id", metavar="COMPANY")
    p = group.add("create", with_services(_create_listing), "put a firm in the listing pipeline")
    p.add_argument("--company", dest="company_id", required=True, metavar="X", help="the firm")
    p.add_argument("--tier", required=True, choices=[t.value for t in ListingTier],
                   help="listing_reserve 上市后备, quotation_reserve 挂牌后备, reserve 储备 (tax>500万元)")  # fmt: skip
    p.add_argument("--chain", dest="chain_id", metavar="C", help="its chain")
    p.add_argument("--stage", choices=stages, help="default cultivating")
    p.add_argument("--tax", dest="tax_paid_cny_10k", type=float, metavar="N", help="tax paid a year, 万元")
    p.add_argument("--tax-year", type=int, metavar="Y", help="the year of that tax")
    p.add_argument("--list-year", type=int, metavar="Y", help="the year of the pipeline list it is on")
    p.add_argument("--market", metavar="M", help="target market: 深交所主板, 北交所, 港交所, 新三板 …")
    p.add_argument("--unit", metavar="U", help="responsible unit (责任单位)")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--source", metavar="TEXT", help="where the facts come from")
    p = group.add("update", with_services(_update_listing), "change fields of a pipeline firm (not its stage)")
    p.add_argument("company_id", metavar="COMPANY")
    _update_arguments(p, growth.LISTING_EDITABLE)
    p = group.add("move", with_services(_move_listing), "move a pipeline firm one stage (or withdraw, re-enter)")
    p.add_argument("company_id", metavar="COMPANY")
    p.add_argument("stage", choices=stages, metavar="STAGE", help=f"the new stage: {', '.join(stages)}")
    _move_arguments(p)


def _update_arguments(p: argparse.ArgumentParser, editable: frozenset[str]) -> None:
    p.add_argument("--version", type=int, required=True, metavar="V", help="the version you read (show)")
    p.add_argument("--set", dest="changes", action="append", required=True, type=_assignment, metavar="FIELD=VALUE",
                   help=f"repeatable; empty clears. Fields: {', '.join(sorted(editable))}")  # fmt: skip


def _move_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--version", type=int, required=True, metavar="V", help="the version you read (show)")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="date it was reached (default: today)")


# -- handlers ------------------------------------------------------------------------------------


def _given(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def _list_expansions(s: Services, args: argparse.Namespace) -> int:
    filters = _given(args, "chain_id", "company_id", "status", "key_list")
    found = growth.list_expansions(s.store, **filters).items
    names = company_names(s.store, [p.company_id for p in found])  # type: ignore[attr-defined]
    emit(args, [_json(public_expansion(p, names)) for p in found], _expansion_rows)  # type: ignore[arg-type]
    return 0


def _show_expansion(s: Services, args: argparse.Namespace) -> int:
    project = growth.get_expansion(s.store, args.expansion_id)
    emit(args, _json(public_expansion(project, company_names(s.store, [project.company_id]))), _expansion_lines)
    return 0


def _create_expansion(s: Services, args: argparse.Namespace) -> int:
    fields = _given(args, "company_id", "name", "expansion_id", "expansion_kind", "chain_id", "investment_cny_100m",
                    "added_capacity", "key_list", "key_list_year", "status", "unit", "note", "source")  # fmt: skip
    project = growth.create_expansion(s.store, **fields)
    data = _json(public_expansion(project, company_names(s.store, [project.company_id])))
    emit(args, data, lambda d: [*_expansion_lines(d), "", f"created {d['expansion_id']} (version 1)"])
    return 0


def _update_expansion(s: Services, args: argparse.Namespace) -> int:
    project = growth.edit_expansion(s.store, args.expansion_id, version=args.version, changes=dict(args.changes))
    data = _json(public_expansion(project, company_names(s.store, [project.company_id])))
    emit(args, data, lambda d: [*_expansion_lines(d), "", f"saved {d['expansion_id']} (version {d['version']})"])
    return 0


def _move_expansion(s: Services, args: argparse.Namespace) -> int:
    project = growth.move_expansion(s.store, args.expansion_id, version=args.version, to_status=args.status, on=args.on)
    data = _json(public_expansion(project))
    emit(args, data, lambda d: [f"{d['expansion_id']} is now {d['status']} (version {d['version']})"])
    return 0


def _growing(s: Services, args: argparse.Namespace) -> int:
    firms = chain_growth(s.store, s.cache, s.config, args.chain_id)
    emit(args, [_json(public_growing(f)) for f in firms], _growing_lines)
    return 0


def _list_listings(s: Services, args: argparse.Namespace) -> int:
    found = growth.list_listings(s.store, **_given(args, "chain_id", "stage", "tier")).items
    names = company_names(s.store, [e.company_id for e in found])  # type: ignore[attr-defined]
    emit(args, [_json(public_listing(e, names)) for e in found], _listing_rows)  # type: ignore[arg-type]
    return 0


def _show_listing(s: Services, args: argparse.Namespace) -> int:
    entry = growth.get_listing(s.store, args.company_id)
    emit(args, _json(public_listing(entry, company_names(s.store, [entry.company_id]))), _listing_lines)
    return 0


def _create_listing(s: Services, args: argparse.Namespace) -> int:
    fields = _given(args, "company_id", "tier", "chain_id", "stage", "tax_paid_cny_10k", "tax_year", "list_year",
                    "market", "unit", "note", "source")  # fmt: skip
    entry = growth.create_listing(s.store, **fields)
    data = _json(public_listing(entry, company_names(s.store, [entry.company_id])))
    emit(args, data, lambda d: [*_listing_lines(d), "", f"added {d['company_id']} to the pipeline (version 1)"])
    return 0


def _update_listing(s: Services, args: argparse.Namespace) -> int:
    entry = growth.edit_listing(s.store, args.company_id, version=args.version, changes=dict(args.changes))
    data = _json(public_listing(entry, company_names(s.store, [entry.company_id])))
    emit(args, data, lambda d: [*_listing_lines(d), "", f"saved {d['company_id']} (version {d['version']})"])
    return 0


def _move_listing(s: Services, args: argparse.Namespace) -> int:
    entry = growth.move_listing(s.store, args.company_id, version=args.version, to_stage=args.stage, on=args.on)
    data = _json(public_listing(entry))
    emit(args, data, lambda d: [f"{d['company_id']} is now at {d['stage']} (version {d['version']})"])
    return 0


# -- views ---------------------------------------------------------------------------------------


def _json(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = to_jsonable_python(dict(data))
    return out


def _amount(value: Any) -> str:
    return f"{value:,.2f}" if isinstance(value, (int, float)) else ""


def _expansion_rows(found: list[Mapping[str, Any]]) -> list[str]:
    if not found:
        return ["no expansion project matches"]
    rows = [
        [p["expansion_id"], p["version"], p["status_label"], p["company_name"] or p["company_id"], p["chain_id"] or "",
         p["name"], _amount(p["investment_cny_100m"]), p["key_list_label"] or ""]
        for p in found
    ]  # fmt: skip
    return table(["id", "v", "状态", "企业", "产业链", "项目", "投资(亿元)", "重点技改"], rows, "<><<<<>")


def _expansion_lines(d: Mapping[str, Any]) -> list[str]:
    moves = f"  → may move to {', '.join(d['allowed_moves'])}" if d["allowed_moves"] else ""
    dates = [f"{k} {d[k]}" for k in ("approved_on", "started_on", "produced_on") if d.get(k)]
    key_list = (d["key_list_label"] or "") + (f" {d['key_list_year']}" if d.get("key_list_year") else "")
    rows = [
        ["项目 project", f"{d['expansion_id']}  (version {d['version']})"],
        ["名称 name", f"{d['name']}  [{d['kind_label']}]"],
        ["状态 status", f"{d['status_label']} {d['status']}{moves}"],
        ["企业 company", f"{d['company_name'] or ''} ({d['company_id']})"],
        ["产业链 chain", d.get("chain_id") or ""],
        [
            "投资 investment",
            f"{_amount(d['investment_cny_100m'])} 亿元" if d["investment_cny_100m"] is not None else "",
        ],
        ["新增产能 capacity", d.get("added_capacity") or ""],
        ["重点技改 key list", key_list],
        ["日期 dates", "; ".join(dates)],
        ["责任单位 unit", d.get("unit") or ""],
        ["备注 note", d.get("note") or ""],
        ["来源 source", d.get("source") or ""],
    ]
    return [line.rstrip() for line in table(["", ""], [r for r in rows if r[1]])[1:]]


def _listing_rows(found: list[Mapping[str, Any]]) -> list[str]:
    if not found:
        return ["no pipeline firm matches"]
    rows = [
        [e["company_id"], e["version"], e["company_name"] or "", e["tier_label"], e["stage_label"], e["chain_id"] or "",
         _amount(e["tax_paid_cny_10k"]), e.get("market") or ""]
        for e in found
    ]  # fmt: skip
    return table(["company", "v", "企业", "名单", "阶段", "产业链", "纳税(万元)", "市场"], rows, "<><<<<>")


def _listing_lines(d: Mapping[str, Any]) -> list[str]:
    moves = f"  → may move to {', '.join(d['allowed_moves'])}" if d["allowed_moves"] else ""
    dates = [f"{k} {d[k]}" for k in ("tutoring_on", "filed_on", "listed_on") if d.get(k)]
    tax = f"{_amount(d['tax_paid_cny_10k'])} 万元" if d["tax_paid_cny_10k"] is not None else ""
    rows = [
        ["企业 company", f"{d['company_name'] or ''} ({d['company_id']})  (version {d['version']})"],
        ["名单 tier", f"{d['tier_label']} {d['tier']}" + (f" ({d['list_year']})" if d.get("list_year") else "")],
        ["阶段 stage", f"{d['stage_label']} {d['stage']}{moves}"],
        ["产业链 chain", d.get("chain_id") or ""],
        ["纳税 tax", tax + (f" ({d['tax_year']})" if d.get("tax_year") and tax else "")],
        ["市场 market", (d.get("market") or "") + (f" {d['listed_code']}" if d.get("listed_code") else "")],
        ["日期 dates", "; ".join(dates)],
        ["责任单位 unit", d.get("unit") or ""],
        ["备注 note", d.get("note") or ""],
        ["来源 source", d.get("source") or ""],
    ]
    return [line.rstrip() for line in table(["", ""], [r for r in rows if r[1]])[1:]]


def _growing_lines(firms: list[Mapping[str, Any]]) -> list[str]:
    if not firms:
        return ["no firm of a strong segment has an active expansion project or a pipeline entry"]
    rows = [
        [f["name"], "、".join(s["name"] for s in f["segments"]), len(f["expansions"]),
         _amount(f["investment_cny_100m"]), f["listing"]["tier_label"] + "·" + f["listing"]["stage_label"]
         if f["listing"] else ""]
        for f in firms
    ]  # fmt: skip
    return table(["强链企业", "环节", "扩产项目", "投资(亿元)", "上市后备"], rows, "<<>><")


def _assignment(text: str) -> tuple[str, Any]:
    field, sep, value = text.partition("=")
    field = field.strip()
    if not sep or not field:
        raise argparse.ArgumentTypeError(f"expected FIELD=VALUE, got {text!r}")
    return field, value.strip() or None
