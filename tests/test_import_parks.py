"""Parks and plots in an import bundle: validated row by row, references checked, atomic, idempotent."""

from __future__ import annotations

from pathlib import Path

from chain_graph.bundle import import_bundle
from chain_graph.models import Kind, Park, PlotCondition
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import bundle_rows, write_bundle

PARKS = [
    {"park_id": "park-jj", "name": "晋江示例纺织园（示例）", "region": "晋江市", "chain_ids": "tex",
     "segment_ids": "tex.fiber|tex.weave", "available_land_mu": "1,200.5", "factory_space_m2": "8000",
     "description": "示例园区", "source": "illustrative: test", "as_of": "2026/11/1"},
]  # fmt: skip
PLOTS = [{"plot_id": "jj-1", "park_id": "park-jj", "area_mu": "40", "condition": "低效"}]


def _import(store: EmbeddedStore, tmp_path: Path, parks: list[dict[str, str]], plots: list[dict[str, str]]):  # type: ignore[no-untyped-def]
    folder = write_bundle(tmp_path / "bundle", {**bundle_rows(), "parks": parks, "park_plots": plots})
    return import_bundle(store, folder)


def test_parks_and_plots_import_whole_and_twice_changes_nothing(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = _import(embedded_store, tmp_path, PARKS, PLOTS)
    assert report.applied and report.file("parks").created == 1 and report.file("park_plots").created == 1
    park = embedded_store.get(Kind.PARK, "park-jj")
    assert isinstance(park, Park) and park.region == "350582" and park.segment_ids == ("tex.fiber", "tex.weave")
    assert park.available_land_mu == 1200.5 and park.name.endswith("（示例）")
    assert embedded_store.get(Kind.PARK_PLOT, "jj-1").condition is PlotCondition.LOW_EFFICIENCY  # type: ignore[attr-defined]
    again = _import(embedded_store, tmp_path, PARKS, PLOTS)
    assert again.file("parks").unchanged == 1 and again.totals()["created"] == 0


def test_a_bad_park_row_rejects_the_whole_bundle_naming_file_row_and_column(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    bad = [{**PARKS[0], "segment_ids": "tex.fiber|tex.nope"}, {**PARKS[0], "park_id": "p2", "available_land_mu": "-3"}]
    plots = [{**PLOTS[0], "park_id": "park-xx"}, {**PLOTS[0], "plot_id": "jj-2", "condition": "flooded"}]
    report = _import(embedded_store, tmp_path, bad, plots)
    assert not report.applied and embedded_store.count(Kind.PARK) == 0 and embedded_store.count(Kind.COMPANY) == 0
    found = {(p.file, p.row, p.field): p.reason for p in report.rejections}
    assert "names no segment" in found[("parks.csv", 2, "segment_ids")]
    assert "greater than or equal to 0" in found[("parks.csv", 3, "available_land_mu")]
    assert "names no park" in found[("park_plots.csv", 2, "park_id")]
    assert "must be one of available, low_efficiency, idle" in found[("park_plots.csv", 3, "condition")]
