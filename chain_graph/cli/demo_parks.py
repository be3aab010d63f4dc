"""Illustrative parks, plots and appraisals for ``chain-graph demo`` (issue 13, item 6).

The parks are fictitious （示例） parks — their names, areas and plots are sample data, not facts
about any real Quanzhou park — positioned for segments the demo plans fill, so a park's view shows
planned, signed and started projects and a plan's park matches read sensibly. The appraisals give
the demo every verdict: 推荐, 有条件推荐 (inputs missing) and 不建议 (energy use vetoes it), and
every demo plan that reaches a formal contract is appraised first, as the plan gate asks.
"""

from __future__ import annotations

from typing import Any

from chain_graph.models import Park, ParkPlot, Record
from chain_graph.store.base import Batch, Store

__all__ = ["DEMO_APPRAISALS", "DEMO_PARKS", "DEMO_PLOTS", "DEMO_SITES", "add_demo_parks"]

SOURCE = "illustrative: 示例园区（演示数据，非真实园区；面积与地块均为虚构）"

DEMO_PARKS: tuple[Park, ...] = (
    Park(park_id="demo-park-jj-ic", name="晋江示例芯片产业园（示例）", region="350582",
         chain_ids=["semiconductor-optoelectronics"],
         segment_ids=["sc.foundry", "sc.equipment", "sc.packaging-test", "sc.silicon-wafer"],
         available_land_mu=260, factory_space_m2=60000, description="示例：集成电路制造与装备", source=SOURCE),
    Park(park_id="demo-park-qg-pc", name="泉港示例石化园（示例）", region="350505", chain_ids=["petrochemical"],
         segment_ids=["pc.pta", "pc.catalyst", "pc.new-materials", "pc.caprolactam"],
         available_land_mu=80, factory_space_m2=0, description="示例：石化下游与新材料", source=SOURCE),
    Park(park_id="demo-park-na-me", name="南安示例装备园（示例）", region="350583",
         chain_ids=["machinery-equipment", "building-materials-home"],
         segment_ids=["me.hydraulics", "me.cnc", "bm.smart-home"],
         available_land_mu=150, factory_space_m2=30000, description="示例：装备制造与智能家居", source=SOURCE),
    Park(park_id="demo-park-ha-fb", name="惠安示例食品园（示例）", region="350521", chain_ids=["food-beverage"],
         segment_ids=["fb.dairy", "fb.prepared-food"], available_land_mu=40, factory_space_m2=12000,
         description="示例：乳制品与预制菜", source=SOURCE),
)  # fmt: skip

DEMO_PLOTS: tuple[ParkPlot, ...] = (
    ParkPlot(plot_id="demo-plot-jj-1", park_id="demo-park-jj-ic", name="示例地块 A", area_mu=180, source=SOURCE),
    ParkPlot(plot_id="demo-plot-jj-2", park_id="demo-park-jj-ic", name="示例地块 B", area_mu=45,
             condition="low_efficiency", note="示例：容积率低，拟收储", source=SOURCE),
    ParkPlot(plot_id="demo-plot-qg-1", park_id="demo-park-qg-pc", name="示例地块 C", area_mu=80, source=SOURCE),
    ParkPlot(plot_id="demo-plot-qg-2", park_id="demo-park-qg-pc", name="示例地块 D", area_mu=120, condition="idle",
             note="示例：批而未供两年", source=SOURCE),
    ParkPlot(plot_id="demo-plot-na-1", park_id="demo-park-na-me", name="示例地块 E", area_mu=150, source=SOURCE),
)  # fmt: skip

# the park each demo plan is to be sited in
DEMO_SITES: dict[str, str] = {
    "demo-01": "demo-park-jj-ic",
    "demo-10": "demo-park-jj-ic",
    "demo-03": "demo-park-qg-pc",
    "demo-07": "demo-park-qg-pc",
    "demo-04": "demo-park-na-me",
    "demo-05": "demo-park-na-me",
    "demo-12": "demo-park-na-me",
    "demo-06": "demo-park-ha-fb",
    "demo-11": "demo-park-ha-fb",
}

_GOOD: dict[str, Any] = {"technology_route": 4, "product_competitiveness": 4, "market_prospects": 4, "jobs": 300}
# the demo plans' appraisal inputs (all sample figures)
DEMO_APPRAISALS: dict[str, dict[str, Any]] = {
    "demo-01": {**_GOOD, "technology_route": 5, "land_mu": 200, "floor_space_m2": 20000, "annual_tax_cny_10k": 9000,
                "annual_output_cny_100m": 60, "energy_tce": 30000, "jobs": 800},
    "demo-03": {"technology_route": 3, "market_prospects": 4, "land_mu": 150},  # inputs missing: 有条件推荐 at best
    "demo-04": {**_GOOD, "land_mu": 40, "annual_tax_cny_10k": 700, "annual_output_cny_100m": 3,
                "energy_tce": 20000},  # energy use vetoes it: 不建议
    "demo-06": {**_GOOD, "land_mu": 60, "annual_tax_cny_10k": 1500, "annual_output_cny_100m": 12, "energy_tce": 6000},
    "demo-07": {**_GOOD, "land_mu": 70, "annual_tax_cny_10k": 2200, "annual_output_cny_100m": 20, "energy_tce": 15000},
    "demo-08": {**_GOOD, "land_mu": 20, "annual_tax_cny_10k": 500, "annual_output_cny_100m": 3, "energy_tce": 900},
    "demo-10": {**_GOOD, "land_mu": 0, "floor_space_m2": 15000, "annual_output_cny_100m": 8, "energy_tce": 2000},
    "demo-11": {**_GOOD, "land_mu": 30, "annual_tax_cny_10k": 600, "annual_output_cny_100m": 4, "energy_tce": 1500},
}  # fmt: skip


def add_demo_parks(store: Store) -> None:
    """Write the sample parks and plots (unchanged ones are left as they are)."""
    records: list[Record] = [*DEMO_PARKS, *DEMO_PLOTS]
    store.apply(Batch(upserts=records))
