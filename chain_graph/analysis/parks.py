"""Match a project's segment and land need to the parks that fit (pure: records in, ranking out).

A park fits a project when it is positioned for the project's segment (or at least its chain) and
has the land (亩) or standard factory space (㎡) the project needs; land that clearing its
low-efficiency and idle plots would free counts as a second-best fit. Every match says why.

>>> from chain_graph.models import Park
>>> p = Park(park_id="p1", name="示例园（示例）", region="350582", chain_ids=["sc"], segment_ids=["sc.foundry"],
...          available_land_mu=300)
>>> m = match_parks([p], {}, chain_id="sc", segment_ids=["sc.foundry"], land_mu=200, floor_space_m2=None)
>>> m[0].park_id, m[0].score, m[0].fits
('p1', 80.0, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from chain_graph.models import Park, ParkPlot, PlotCondition

__all__ = ["ParkLand", "ParkMatch", "land_of", "match_parks"]


@dataclass(frozen=True)
class ParkLand:
    """A park's plots summed up: area on offer, and low-efficiency / idle area flagged for clearance."""

    plots: int = 0
    available_mu: float = 0.0
    low_efficiency_mu: float = 0.0
    idle_mu: float = 0.0

    @property
    def clearance_mu(self) -> float:
        return self.low_efficiency_mu + self.idle_mu


def land_of(plots: Iterable[ParkPlot]) -> ParkLand:
    """Sum a park's plots by condition.

    Parameters
    ----------
    plots : iterable of ParkPlot
        One park's plots, any condition.

    Returns
    -------
    ParkLand
        The number of plots and the area (亩) available, low-efficiency and idle.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.models import ParkPlot
    >>> land = land_of([ParkPlot(plot_id="a", park_id="p1", area_mu=120),
    ...                 ParkPlot(plot_id="b", park_id="p1", area_mu=40, condition="idle"),
    ...                 ParkPlot(plot_id="c", park_id="p1", area_mu=25.5, condition="low_efficiency")])
    >>> land.plots, land.available_mu, land.clearance_mu
    (3, 120.0, 65.5)
    """
    area = {c: 0.0 for c in PlotCondition}
    n = 0
    for plot in plots:
        area[plot.condition] += plot.area_mu
        n += 1
    return ParkLand(n, area[PlotCondition.AVAILABLE], area[PlotCondition.LOW_EFFICIENCY], area[PlotCondition.IDLE])


@dataclass(frozen=True)
class ParkMatch:
    park_id: str
    name: str
    region: str
    score: float
    fits: bool  # positioned for the chain and the land or space need is met (now, not after clearance)
    reasons: list[str] = field(default_factory=list)


def _positioning(park: Park, chain_id: str, segment_ids: Sequence[str]) -> tuple[float, str | None]:
    hit = [s for s in segment_ids if s in park.segment_ids]
    if hit:
        return 50.0, f"园区定位含本项目环节：{'、'.join(hit)}"
    if chain_id in park.chain_ids:
        return 25.0, f"园区定位含本产业链 {chain_id}（未列本环节）"
    return 0.0, None


def _land(park: Park, land: ParkLand, need: float | None) -> tuple[float, bool, str]:
    if need is None or need <= 0:
        return 0.0, True, "未提出新增用地需求"
    offer = park.available_land_mu
    if offer is not None and offer >= need:
        return 30.0, True, f"可供土地 {offer:g} 亩 ≥ 需求 {need:g} 亩"
    freed = (offer or 0.0) + land.clearance_mu
    if land.clearance_mu and freed >= need:
        return (
            15.0,
            False,
            f"可供土地 {offer or 0:g} 亩不足，清理低效/闲置用地 {land.clearance_mu:g} 亩后可满足 {need:g} 亩",
        )
    shown = "未填" if offer is None else f"{offer:g} 亩"
    return 0.0, False, f"可供土地 {shown}，不足需求 {need:g} 亩"


def _space(park: Park, need: float | None) -> tuple[float, bool, str | None]:
    if need is None or need <= 0:
        return 0.0, True, None
    offer = park.factory_space_m2
    if offer is not None and offer >= need:
        return 20.0, True, f"标准厂房 {offer:g} ㎡ ≥ 需求 {need:g} ㎡"
    shown = "未填" if offer is None else f"{offer:g} ㎡"
    return 0.0, False, f"标准厂房 {shown}，不足需求 {need:g} ㎡"


def match_parks(
    parks: Iterable[Park],
    plots: Mapping[str, Sequence[ParkPlot]],
    *,
    chain_id: str,
    segment_ids: Sequence[str],
    land_mu: float | None,
    floor_space_m2: float | None,
    limit: int = 10,
) -> list[ParkMatch]:
    """Parks positioned for the project's chain, best first (fitting now, then score, id), with their reasons.

    Score: 50 when the park is positioned for one of the segments (25 for the chain only), 30
    when its land on offer meets ``land_mu`` (15 when clearing its low-efficiency and idle plots
    would), 20 when its standard factory space meets ``floor_space_m2``.

    Parameters
    ----------
    parks : iterable of Park
        The parks to weigh; those positioned for neither the segments nor the chain are left out.
    plots : mapping of str to sequence of ParkPlot
        Park id → its plots (a park missing here has none).
    chain_id : str
        The project's chain.
    segment_ids : sequence of str
        The project's segments.
    land_mu : float or None
        The land the project needs (亩); None or 0: no need.
    floor_space_m2 : float or None
        The standard factory space it needs (㎡); None or 0: no need.
    limit : int, optional
        At most this many matches (10).

    Returns
    -------
    list of ParkMatch
        The parks that fit now first, then by score (descending) and park id; each with its
        reasons in Chinese.

    Raises
    ------
    Nothing.

    Examples
    --------
    >>> from chain_graph.models import Park, ParkPlot
    >>> parks = [Park(park_id="p1", name="甲园（示例）", region="350582", chain_ids=["sc"], available_land_mu=50),
    ...          Park(park_id="p2", name="乙园（示例）", region="350583", chain_ids=["sc"],
    ...               segment_ids=["sc.foundry"], available_land_mu=80),
    ...          Park(park_id="p3", name="丙园（示例）", region="350521", chain_ids=["tex"], available_land_mu=900)]
    >>> plots = {"p2": [ParkPlot(plot_id="x", park_id="p2", area_mu=40, condition="idle")]}
    >>> found = match_parks(parks, plots, chain_id="sc", segment_ids=["sc.foundry"], land_mu=100, floor_space_m2=None)
    >>> [(m.park_id, m.score, m.fits) for m in found]
    [('p2', 65.0, False), ('p1', 25.0, False)]
    >>> found[0].reasons[1]
    '可供土地 80 亩不足，清理低效/闲置用地 40 亩后可满足 100 亩'
    """
    found = []
    for park in parks:
        pos, why = _positioning(park, chain_id, segment_ids)
        if why is None:
            continue
        land_score, land_ok, land_why = _land(park, land_of(plots.get(park.park_id, ())), land_mu)
        space_score, space_ok, space_why = _space(park, floor_space_m2)
        reasons = [why, land_why] + ([space_why] if space_why else [])
        found.append(
            ParkMatch(
                park.park_id, park.name, park.region, pos + land_score + space_score, land_ok and space_ok, reasons
            )
        )
    found.sort(key=lambda m: (not m.fits, -m.score, m.park_id))
    return found[:limit]
