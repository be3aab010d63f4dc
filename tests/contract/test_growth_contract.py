"""Expansion projects and the listing pipeline behave the same on every store: records round-trip,
moves follow their tables, versions guard writes, references hold, a bundle imports all or nothing,
and the growing firms and growth KPIs come out equal.

Every test runs once per store (``[embedded]``, ``[neo4j]``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chain_graph import growth
from chain_graph.analysis import AnalysisConfig
from chain_graph.bundle import import_bundle
from chain_graph.cache import RevisionCache
from chain_graph.errors import Conflict, IntegrityError, InvalidInput, NotFound
from chain_graph.models import Chain, ExpansionProject, Kind, ListingEntry
from chain_graph.plans import IllegalTransition
from chain_graph.services import kpi_reports
from chain_graph.services.growth import chain_growth
from chain_graph.store.base import Batch
from tests.factories import bundle_rows, small_world, write_bundle


def _load(store) -> None:  # type: ignore[no-untyped-def]
    store.apply(Batch(upserts=small_world()))


def test_records_round_trip_with_chinese_dates_and_enums(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    project = ExpansionProject(expansion_id="e1", company_id="anta", chain_id="tex", name="年产320万双运动鞋技改",
                               expansion_kind="upgrade", investment_cny_100m=3.2, added_capacity="年产320万双",
                               key_list="city", key_list_year=2019, status="in_production",
                               produced_on=dt.date(2019, 5, 1), source="illustrative: 示例")  # fmt: skip
    entry = ListingEntry(company_id="anta", tier="listing_reserve", list_year=2021, stage="listed",
                         listed_on=dt.date(2024, 3, 8), market="北交所", listed_code="BSE:873706")  # fmt: skip
    store.apply(Batch(upserts=[project, entry]))
    assert store.get(Kind.EXPANSION, "e1") == project
    assert store.get(Kind.LISTING, "anta") == entry
    assert store.list(Kind.EXPANSION, where={"chain_id": "tex", "status": "in_production"}).items == [project]
    assert store.list(Kind.LISTING, where={"tier": "reserve"}).total == 0


def test_references_must_exist_and_hold_deletes(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    with pytest.raises(IntegrityError, match="company_id 'nobody'"):
        store.apply(Batch(upserts=[ExpansionProject(expansion_id="e1", company_id="nobody", name="扩产")]))
    with pytest.raises(IntegrityError, match="chain_id 'nochain'"):
        store.apply(Batch(upserts=[ListingEntry(company_id="anta", chain_id="nochain", tier="listing_reserve")]))
    assert store.count(Kind.EXPANSION) == 0 and store.count(Kind.LISTING) == 0
    growth.create_listing(store, company_id="anta", tier="listing_reserve", chain_id="tex")
    with pytest.raises(Conflict, match="listing 'anta' still belongs to company"):
        store.delete(Kind.COMPANY, "anta")
    assert store.find(Kind.COMPANY, "anta") is not None


def test_moves_follow_the_table_and_versions_guard_writes(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    project = growth.create_expansion(store, expansion_id="e1", company_id="anta", chain_id="tex", name="扩产")
    with pytest.raises(IllegalTransition, match="from planned only to approved or cancelled"):
        growth.move_expansion(store, "e1", version=1, to_status="under_construction")
    for version, status in enumerate(["approved", "under_construction", "in_production"], start=1):
        project = growth.move_expansion(store, "e1", version=version, to_status=status, on=dt.date(2025, version, 1))
    assert (project.approved_on, project.started_on, project.produced_on) == tuple(
        dt.date(2025, m, 1) for m in (1, 2, 3)
    )
    with pytest.raises(IllegalTransition, match="in_production is the end"):
        growth.move_expansion(store, "e1", version=4, to_status="cancelled")
    with pytest.raises(Conflict, match="version 4, not 3"):
        growth.edit_expansion(store, "e1", version=3, changes={"investment_cny_100m": 9})
    assert store.get(Kind.EXPANSION, "e1") == project

    growth.create_listing(store, company_id="anta", tier="quotation_reserve")
    entry = growth.move_listing(store, "anta", version=1, to_stage="withdrawn")
    with pytest.raises(IllegalTransition, match="from withdrawn only to cultivating"):
        growth.move_listing(store, "anta", version=2, to_stage="filed")
    entry = growth.move_listing(store, "anta", version=2, to_stage="cultivating")
    assert entry.version == 3 and store.get(Kind.LISTING, "anta") == entry


def test_bundle_imports_growth_tables_all_or_nothing(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = bundle_rows()
    rows["chains"] = [{**rows["chains"][0], "direction": "文旅"}]
    rows["expansions"] = [
        {"expansion_id": "e1", "company_id": "anta", "chain_id": "tex", "name": "智能工厂", "expansion_kind": "技改",
         "investment_cny_100m": "1,250", "key_list": "省重点技改项目", "key_list_year": "2025", "status": "在建",
         "started_on": "2025/3/1", "source": "illustrative: 示例"},
    ]  # fmt: skip
    rows["listings"] = [
        {"company_id": "anta", "tier": "储备企业", "stage": "辅导备案", "tax_paid_cny_10k": "200", "tax_year": "2024"},
    ]
    report = import_bundle(store, write_bundle(tmp_path / "bad", rows))
    assert not report.applied
    assert [(p.file, p.field) for p in report.rejections] == [("listings.csv", "tax_paid_cny_10k")]
    assert store.count(Kind.COMPANY) == 0 and store.count(Kind.EXPANSION) == 0

    rows["listings"][0]["tax_paid_cny_10k"] = "820"
    report = import_bundle(store, write_bundle(tmp_path / "good", rows))
    assert report.applied, report.rejections
    project = store.get(Kind.EXPANSION, "e1")
    assert (project.status.value, project.expansion_kind.value, project.investment_cny_100m) == (
        "under_construction", "upgrade", 1250.0,
    )  # fmt: skip
    assert store.get(Kind.LISTING, "anta").stage.value == "tutoring"
    assert store.get(Kind.CHAIN, "tex").direction.value == "culture-tourism"
    again = import_bundle(store, write_bundle(tmp_path / "good", rows))
    assert again.file("expansions").unchanged == 1 and again.file("listings").unchanged == 1


def test_growing_firms_and_kpis_are_equal_on_every_store(store) -> None:  # type: ignore[no-untyped-def]
    _load(store)
    started = dt.date(2025, 4, 1)
    growth.create_expansion(store, expansion_id="e1", company_id="anta", chain_id="tex", name="扩产",
                            investment_cny_100m=12.5, status="under_construction", started_on=started)  # fmt: skip
    growth.create_expansion(store, expansion_id="e2", company_id="frep", name="炼化技改", investment_cny_100m=40,
                            status="cancelled")  # fmt: skip
    growth.create_listing(store, company_id="frep", tier="listing_reserve", stage="filed", filed_on=dt.date(2025, 6, 1))
    firms = chain_growth(store, RevisionCache(), AnalysisConfig(), "tex")
    assert [(f.company_id, [s["segment_id"] for s in f.segments], f.investment_cny_100m) for f in firms] == [
        ("anta", ["tex.shoe"], 12.5)
    ]
    assert chain_growth(store, RevisionCache(), AnalysisConfig(), "pc")[0].listing.stage.value == "filed"
    with pytest.raises(NotFound):
        chain_growth(store, RevisionCache(), AnalysisConfig(), "nope")
    kpis = kpi_reports.kpi_report(store, RevisionCache(), 2025).growth
    assert (kpis.expansions.projects, kpis.expansions.investment_cny_100m) == (1, 12.5)
    assert kpis.expansions.by_status["cancelled"].investment_cny_100m == 40
    assert (kpis.expansions.started.projects, kpis.listings.filed, kpis.listings.by_tier["listing_reserve"]) == (
        1,
        1,
        1,
    )


def test_unknown_enum_filter_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="status: 'done' is not an expansion status"):
        growth.list_expansions(store, status="done")
    assert Chain(chain_id="c", name="文旅", direction="").direction is None
