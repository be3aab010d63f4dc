"""Parks (园区) and land as the API and the CLI serve them: lists, one park's view, matches for a plan.

A park's view holds its plots (low-efficiency and idle ones flagged for clearance) and the plans
sited in it, grouped as planned (before a formal contract), signed and started (started or in
production). Parks and plots are few per city (tens to hundreds): they are read whole; plans are
read by their ``park_id``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from chain_graph.analysis.parks import land_of, match_parks
from chain_graph.errors import NotFound
from chain_graph.labels import zh
from chain_graph.models import Appraisal, Kind, Park, ParkPlot, PlanStatus, Region, TargetPlan
from chain_graph.plans import get_plan, list_plans
from chain_graph.provenance import is_illustrative
from chain_graph.store import Store

__all__ = ["PLAN_GROUPS", "get_park", "list_parks", "park_figures", "park_matches", "park_view", "public_park"]

# how a park's view groups the plans sited in it
PLAN_GROUPS = {
    "planned": ("在谈项目", (PlanStatus.IDENTIFIED, PlanStatus.CONTACTED, PlanStatus.VISITED,
                             PlanStatus.NEGOTIATING, PlanStatus.SIGNED_FRAMEWORK)),
    "signed": ("已签约项目", (PlanStatus.SIGNED_CONTRACT,)),
    "started": ("已开工项目", (PlanStatus.STARTED, PlanStatus.IN_PRODUCTION)),
}  # fmt: skip


def get_park(store: Store, park_id: str) -> Park:
    found = store.find(Kind.PARK, park_id)
    if not isinstance(found, Park):
        raise NotFound(f"no park with id {park_id!r}", field="park_id")
    return found


def _plots_by_park(store: Store) -> dict[str, list[ParkPlot]]:
    plots: dict[str, list[ParkPlot]] = defaultdict(list)
    for plot in store.list(Kind.PARK_PLOT).items:
        if isinstance(plot, ParkPlot):
            plots[plot.park_id].append(plot)
    return plots


def _region_names(store: Store, ids: Iterable[str]) -> dict[str, str]:
    found = store.lookup_many(Kind.REGION, [(i,) for i in set(ids)])
    return {k[0]: r.name for k, r in found.items() if isinstance(r, Region)}


def public_park(park: Park, plots: list[ParkPlot], region_name: str | None = None) -> dict[str, Any]:
    """The park's fields, its county's name, its land by plot condition, and whether it is illustrative."""
    land = land_of(plots)
    return {
        **park.model_dump(mode="json"),
        "region_name": region_name,
        "illustrative": is_illustrative(park.name, source=park.source),
        "land": {**asdict(land), "clearance_mu": land.clearance_mu},
    }


def list_parks(store: Store, *, region: str | None = None) -> list[dict[str, Any]]:
    """Every park (of one county, with ``region``), by id."""
    where = {"region": region} if region else None
    parks = [p for p in store.list(Kind.PARK, where=where).items if isinstance(p, Park)]
    plots = _plots_by_park(store)
    names = _region_names(store, (p.region for p in parks))
    return [public_park(p, plots.get(p.park_id, []), names.get(p.region)) for p in parks]


def park_view(store: Store, park_id: str) -> dict[str, Any]:
    """One park: its fields, plots (with condition labels), and its plans grouped as planned, signed, started."""
    park = get_park(store, park_id)
    plots = [p for p in store.list(Kind.PARK_PLOT, where={"park_id": park_id}).items if isinstance(p, ParkPlot)]
    plans = [p for p in store.list(Kind.TARGET_PLAN, where={"park_id": park_id}).items if isinstance(p, TargetPlan)]
    groups = {
        key: {"label": label, "plans": [_plan_row(p) for p in plans if p.status in statuses]}
        for key, (label, statuses) in PLAN_GROUPS.items()
    }
    return {
        **public_park(park, plots, _region_names(store, [park.region]).get(park.region)),
        "plots": [{**p.model_dump(mode="json"), "condition_label": zh("plot_condition", p.condition)} for p in plots],
        "plans": groups,
    }


def _plan_row(plan: TargetPlan) -> dict[str, Any]:
    return {
        "plan_id": plan.plan_id,
        "company_id": plan.company_id,
        "chain_id": plan.chain_id,
        "segment_ids": list(plan.segment_ids),
        "status": plan.status.value,
        "unit": plan.unit,
        "expected_investment_cny_100m": plan.expected_investment_cny_100m,
    }


def park_matches(
    store: Store,
    plan_id: str,
    *,
    land_mu: float | None = None,
    floor_space_m2: float | None = None,
    limit: int = 10,
) -> dict[str, Any]:
    """Parks for the plan's segments and land need, best first, with reasons. The need is given, or
    read from the plan's appraisal (``land_mu``, ``floor_space_m2``)."""
    plan = get_plan(store, plan_id)
    appraisal = store.find(Kind.APPRAISAL, plan_id)
    if isinstance(appraisal, Appraisal):
        land_mu = appraisal.land_mu if land_mu is None else land_mu
        floor_space_m2 = appraisal.floor_space_m2 if floor_space_m2 is None else floor_space_m2
    parks = [p for p in store.list(Kind.PARK).items if isinstance(p, Park)]
    matches = match_parks(
        parks,
        _plots_by_park(store),
        chain_id=plan.chain_id,
        segment_ids=plan.segment_ids,
        land_mu=land_mu,
        floor_space_m2=floor_space_m2,
        limit=limit,
    )
    names = _region_names(store, (m.region for m in matches))
    return {
        "plan_id": plan_id,
        "land_mu": land_mu,
        "floor_space_m2": floor_space_m2,
        "matches": [{**asdict(m), "region_name": names.get(m.region)} for m in matches],
    }


def park_figures(store: Store) -> list[dict[str, Any]]:
    """Figures for reports, one row per park: land on offer, land flagged for clearance, and how many
    plans are planned, signed and started there with their expected investment (亿元)."""
    rows = []
    plans = [p for p in list_plans(store).items if isinstance(p, TargetPlan) and p.park_id]
    for park in list_parks(store):
        mine = [p for p in plans if p.park_id == park["park_id"]]
        row: dict[str, Any] = {
            "park_id": park["park_id"],
            "name": park["name"],
            "region_name": park["region_name"],
            "available_land_mu": park["available_land_mu"],
            "factory_space_m2": park["factory_space_m2"],
            "clearance_mu": park["land"]["clearance_mu"],
        }
        for key, (_, statuses) in PLAN_GROUPS.items():
            group = [p for p in mine if p.status in statuses]
            row[key] = len(group)
            row[f"{key}_investment_cny_100m"] = sum(p.expected_investment_cny_100m or 0 for p in group)
        rows.append(row)
    return rows
