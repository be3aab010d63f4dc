"""Bundle import: every rejection reason, atomicity, idempotency, counts, name matching."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chain_graph.bundle import REVIEW_SOURCE, ImportReport, import_bundle
from chain_graph.bundle.names import review_company_id
from chain_graph.errors import IntegrityError, Problem
from chain_graph.models import Company, Kind, Ranking
from chain_graph.store import EmbeddedStore
from tests.factories import BundleRows, bundle_rows, write_bundle

_folders = itertools.count()


def run_import(store: EmbeddedStore, tmp_path: Path, tables: BundleRows, **kwargs: Any) -> ImportReport:
    folder = write_bundle(tmp_path / f"bundle{next(_folders)}", tables)
    return import_bundle(store, folder, **kwargs)


def snapshot(store: EmbeddedStore) -> tuple[dict[str, int], dict[Kind, list[Any]]]:
    """Everything a store holds, to compare before and after."""
    return store.stats(), {kind: list(store.list(kind).items) for kind in Kind}


def with_cell(table: str, index: int, column: str, value: str) -> BundleRows:
    tables = bundle_rows()
    tables[table][index][column] = value
    return tables


def rejections(report: ImportReport) -> list[tuple[str | None, int | None, str | None]]:
    return [(p.file, p.row, p.field) for p in report.rejections]


# -- a good bundle ------------------------------------------------------------------------------


def test_good_bundle_is_written_whole(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = run_import(embedded_store, tmp_path, bundle_rows())

    assert report.accepted and report.applied and not report.rejections
    assert report.file("companies").created == 3
    assert report.totals()["created"] == report.totals()["rows_read"] == 19  # with the events row
    stats = embedded_store.stats()
    assert (stats["company"], stats["supply"], stats["ranking"], stats["region"]) == (3, 1, 2, 4)


def test_cells_are_read_as_planners_write_them(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    run_import(embedded_store, tmp_path, bundle_rows())

    fiber = embedded_store.get(Kind.COMPANY, "x-fiber")
    assert fiber.revenue_cny_100m == 1234.5  # "1,234.5"
    assert fiber.employees == 12000  # "12,000"
    assert fiber.as_of == dt.date(2024, 9, 1)  # "2024/9/1"
    assert fiber.region == "330000"  # "浙江省", a region name, stored as its code
    assert embedded_store.get(Kind.COMPANY, "anta").overseas_chinese is True  # "是"
    assert embedded_store.get(Kind.SEGMENT_LINK, ("tex.weave", "tex.shoe")).weight == 1.0  # empty = default


def test_full_width_is_folded_in_ids_numbers_dates_but_not_names(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    row = tables["companies"][2]
    row.update(
        company_id="ｔｓｍｃ２",
        name="ＴＳＭＣ（台积电）",
        revenue_cny_100m="１２３，４５６.５",
        as_of="２０２４．９．１２",
    )

    report = run_import(embedded_store, tmp_path, tables)

    assert report.applied, report.rejections
    company = embedded_store.get(Kind.COMPANY, "tsmc2")
    assert company.name == "ＴＳＭＣ（台积电）"
    assert company.revenue_cny_100m == 123456.5
    assert company.as_of == dt.date(2024, 9, 12)


# -- every rejection reason ---------------------------------------------------------------------

CELL_CASES = [
    # table, row index, column, value, reason (part of it)
    ("companies", 2, "company_id", "台积电", "not a valid id"),
    ("companies", 2, "name", "  ", "required value is empty"),
    ("segments", 0, "stage", "sideways", "must be one of upstream, midstream, downstream"),
    ("company_segments", 1, "role", "boss", "must be one of leading, core, supporting"),
    ("rankings", 0, "list_id", "top-10", "must be one of fortune-global-500"),
    ("companies", 2, "revenue_cny_100m", "12abc", "not a number"),
    ("companies", 2, "revenue_cny_100m", "1,23.4", "not a number"),
    ("companies", 2, "employees", "12.5", "not a whole number"),
    ("supplies", 0, "amount_cny_100m", "-3", "greater than or equal to 0"),
    ("company_segments", 0, "share", "1.5", "less than or equal to 1"),
    ("companies", 2, "as_of", "12/09/2024", "not a date"),
    ("companies", 2, "as_of", "2024-02-30", "not a real date"),
    ("companies", 2, "local_site", "maybe", "not a yes/no value"),
    ("companies", 2, "uscc", "91310115MA1K3BTP2C", "GB 32100-2015"),
    ("companies", 2, "uscc", "9131011", "18 characters"),
    ("companies", 2, "country", "Taiwan", "pattern"),
    ("supplies", 0, "customer_id", "nobody", "names no company in the bundle or the store"),
    ("segments", 0, "chain_id", "nochain", "names no chain in the bundle or the store"),
    ("regions", 1, "parent_id", "999999", "names no region in the bundle or the store"),
    ("rankings", 1, "rank", "150", "beyond the 100 places of taiwan-100"),
    ("companies", 2, "region", "火星市", "names no known region"),
]


@pytest.mark.parametrize(("table", "index", "column", "value", "reason"), CELL_CASES)
def test_bad_cell_is_rejected_where_it_is(
    embedded_store: EmbeddedStore, tmp_path: Path, table: str, index: int, column: str, value: str, reason: str
) -> None:
    report = run_import(embedded_store, tmp_path, with_cell(table, index, column, value))

    assert not report.accepted and not report.applied
    problem = report.rejections[0]
    assert (problem.file, problem.row, problem.field) == (f"{table}.csv", index + 2, column)
    assert reason in problem.reason
    assert report.file(table).rejected == 1
    assert sum(embedded_store.stats().values()) == 0


def _duplicate_company(t: BundleRows) -> None:
    t["companies"].append(dict(t["companies"][0], name="又一个安踏"))


def _duplicate_rank(t: BundleRows) -> None:
    t["rankings"].append(dict(t["rankings"][0], company_id="anta", company_name="安踏"))


def _same_company_twice_by_name(t: BundleRows) -> None:
    t["rankings"].append(dict(t["rankings"][1], rank="2", company_name="台湾积体电路制造股份有限公司"))


def _missing_required_column(t: BundleRows) -> None:
    for row in t["segments"]:
        del row["stage"]


def _ambiguous_region(t: BundleRows) -> None:
    t["regions"] += [{"region_id": "350102", "name": "鼓楼区"}, {"region_id": "320106", "name": "鼓楼区"}]
    t["companies"][2]["region"] = "鼓楼区"


def _ambiguous_ranking_name(t: BundleRows) -> None:
    t["companies"].append(dict(t["companies"][2], company_id="tsmc-nj", name="台积电（南京）有限公司"))


ROW_CASES = [
    (_duplicate_company, ("companies.csv", 5, "company_id"), "duplicates row 2"),
    (_duplicate_rank, ("rankings.csv", 4, "rank"), "duplicates row 2: same list, year and rank"),
    (_same_company_twice_by_name, ("rankings.csv", 4, "company_name"), "duplicates row 3"),
    (_missing_required_column, ("segments.csv", 1, "stage"), "missing required column"),
    (_ambiguous_region, ("companies.csv", 4, "region"), "ambiguous region name: it names regions 320106, 350102"),
    (_ambiguous_ranking_name, ("rankings.csv", 3, "company_name"), "ambiguous: matches tsmc ("),
]


@pytest.mark.parametrize(("change", "where", "reason"), ROW_CASES, ids=[c[0].__name__ for c in ROW_CASES])
def test_bad_row_is_rejected(
    embedded_store: EmbeddedStore,
    tmp_path: Path,
    change: Callable[[BundleRows], None],
    where: tuple[str, int, str],
    reason: str,
) -> None:
    tables = bundle_rows()
    change(tables)

    report = run_import(embedded_store, tmp_path, tables)

    assert not report.applied
    assert rejections(report) == [where]
    assert reason in report.rejections[0].reason
    assert sum(embedded_store.stats().values()) == 0


def test_every_rejection_is_listed_and_the_list_is_capped(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    bad_amounts = [{"supplier_id": "anta", "customer_id": "tsmc", "amount_cny_100m": "x"}] * 600
    ghosts = [{"supplier_id": "anta", "customer_id": f"ghost{i}"} for i in range(600)]
    tables["supplies"] = bad_amounts + ghosts

    report = run_import(embedded_store, tmp_path, tables)

    assert report.file("supplies").rejected == 1200
    assert len(report.rejections) == 1000
    assert report.rejection_count == 1200
    assert {p.reason for p in report.rejections[:600]} == {"not a number"}
    assert report.rejections[-1] == Problem(
        reason="names no company in the bundle or the store",
        field="customer_id",
        file="supplies.csv",
        row=1001,
        value="ghost399",
    )
    assert "and 200 more rejections" in "\n".join(report.summary_lines())


# -- all or nothing, and idempotent -------------------------------------------------------------


def test_one_bad_row_in_the_last_file_leaves_the_store_as_it_was(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    run_import(embedded_store, tmp_path, bundle_rows())
    before = snapshot(embedded_store)
    tables = bundle_rows()
    tables["companies"][0]["name"] = "安踏集团"  # would update
    tables["chains"].append({"chain_id": "pc", "name": "石油化工"})  # would create
    tables["rankings"][1]["rank"] = "101"  # the one bad row, in the last file

    report = run_import(embedded_store, tmp_path, tables)

    assert not report.accepted and not report.applied
    assert rejections(report) == [("rankings.csv", 3, "rank")]
    assert snapshot(embedded_store) == before
    assert "refused" in report.summary_lines()[0]


def test_a_batch_the_store_refuses_is_reported_not_raised(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    class RefusingStore(EmbeddedStore):
        def apply(self, batch: Any, *, dry_run: bool = False) -> Any:
            raise IntegrityError("x names nothing", problems=[Problem(reason="x names nothing", field="x")])

    store = RefusingStore(tmp_path / "refusing")
    try:
        report = run_import(store, tmp_path, bundle_rows())
    finally:
        store.close()

    assert not report.accepted and not report.applied
    assert report.rejections[0].reason == "refused by the store: x names nothing"


def test_second_import_changes_nothing_and_says_so(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    tables["rankings"].append(
        {"list_id": "fortune-global-500", "year": "2024", "rank": "7", "company_name": "Nobody Inc"}
    )
    first = run_import(embedded_store, tmp_path, tables)
    after_first = snapshot(embedded_store)

    second = run_import(embedded_store, tmp_path, tables)

    assert first.applied and second.applied
    totals = second.totals()
    assert (totals["created"], totals["updated"], totals["unchanged"]) == (0, 0, totals["rows_read"])
    assert all(f.unchanged == f.rows_read for f in second.files)
    assert snapshot(embedded_store) == after_first
    assert "0 created, 0 updated, 20 unchanged" in second.summary_lines()[0]
    assert [r.new for r in first.review] == [True] and [r.new for r in second.review] == [False]


def test_counts_after_changing_one_row_and_adding_one(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    run_import(embedded_store, tmp_path, bundle_rows())
    tables = bundle_rows()
    tables["companies"][0]["revenue_cny_100m"] = "700"
    tables["supplies"].append({"supplier_id": "anta", "customer_id": "tsmc", "product": "鞋"})

    report = run_import(embedded_store, tmp_path, tables)

    companies, supplies = report.file("companies"), report.file("supplies")
    assert (companies.created, companies.updated, companies.unchanged) == (0, 1, 2)
    assert (supplies.created, supplies.updated, supplies.unchanged) == (1, 0, 1)
    assert report.file("chains").unchanged == 1
    assert embedded_store.get(Kind.COMPANY, "anta").revenue_cny_100m == 700


def test_dry_run_reports_and_writes_nothing(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = run_import(embedded_store, tmp_path, bundle_rows(), dry_run=True)

    assert report.accepted and report.dry_run and not report.applied
    assert report.file("companies").created == 3
    assert sum(embedded_store.stats().values()) == 0
    assert "dry run" in report.summary_lines()[0]


def test_references_to_the_store_are_looked_up_in_bulk(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    run_import(embedded_store, tmp_path, bundle_rows())
    calls: list[str] = []

    class CountingStore:
        def __getattr__(self, name: str) -> Any:
            calls.append(name)
            return getattr(embedded_store, name)

    tables: BundleRows = {
        "supplies": [
            {"supplier_id": a, "customer_id": b} for a, b in itertools.permutations(["anta", "x-fiber", "tsmc"], 2)
        ]
    }
    report = run_import(CountingStore(), tmp_path, tables)  # type: ignore[arg-type]

    assert report.file("supplies").created == 5  # x-fiber → anta was there already
    assert calls.count("lookup_many") == 1
    assert calls.count("find") == calls.count("get") == 0


# -- the report ---------------------------------------------------------------------------------


def test_unknown_columns_and_files_are_warned_not_dropped(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    tables["companies"][0]["备注"] = "重点企业"
    folder = write_bundle(tmp_path / "bundle", tables)
    (folder / "people.csv").write_text("name\n张三\n", encoding="utf-8")
    (folder / "readme.txt").write_text("hello", encoding="utf-8")

    report = import_bundle(embedded_store, folder)

    assert report.applied
    assert report.file("companies").unknown_columns == ["备注"]
    assert report.unknown_files == ["people.csv", "readme.txt"]
    text = "\n".join(report.summary_lines())
    assert "unknown columns, not imported: 备注" in text
    assert "people.csv, readme.txt" in text


def test_report_is_json_and_names_every_rejection(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = run_import(embedded_store, tmp_path, with_cell("supplies", 0, "customer_id", "nobody"))

    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["applied"] is False and data["rejection_count"] == 1
    assert data["rejections"] == [
        {
            "file": "supplies.csv",
            "row": 2,
            "field": "customer_id",
            "reason": "names no company in the bundle or the store",
            "value": "nobody",
        }
    ]
    assert {f["table"]: f["encoding"] for f in data["files"]}["supplies"] == "utf-8"
    assert any("supplies [供应关系]" in line for line in report.summary_lines())
    assert data["elapsed_seconds"] >= 0


# -- ranking names ------------------------------------------------------------------------------


def test_ranking_name_matches_a_traditional_alias(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = run_import(embedded_store, tmp_path, bundle_rows())  # rankings row 3 names 台積電

    assert report.review == []
    assert embedded_store.find(Kind.RANKING, ("taiwan-100", 2024, "tsmc")) is not None


@pytest.mark.parametrize("name", ["台灣積體電路製造股份有限公司", "ｔｓｍｃ", " tsmc "])
def test_ranking_name_matches_a_stored_company(embedded_store: EmbeddedStore, tmp_path: Path, name: str) -> None:
    embedded_store.upsert(
        Company(company_id="tsmc", name="台湾积体电路制造股份有限公司", aliases="台積電|TSMC", country="TW")
    )
    tables: BundleRows = {"rankings": [{"list_id": "taiwan-100", "year": "2023", "rank": "1", "company_name": name}]}

    report = run_import(embedded_store, tmp_path, tables)

    assert report.applied and report.review == []
    assert embedded_store.get(Kind.RANKING, ("taiwan-100", 2023, "tsmc")).rank == 1


def test_unmatched_ranking_name_creates_a_company_for_review(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = copy.deepcopy(bundle_rows())
    tables["rankings"].append(
        {"list_id": "fortune-global-500", "year": "2024", "rank": "7", "company_name": "Nobody Inc", "country": "US"}
    )

    report = run_import(embedded_store, tmp_path, tables)

    company_id = review_company_id("Nobody Inc")
    assert company_id.startswith("rk-") and len(company_id) == 15
    company = embedded_store.get(Kind.COMPANY, company_id)
    assert (company.name, company.country, company.source) == ("Nobody Inc", "US", REVIEW_SOURCE)
    ranking = embedded_store.get(Kind.RANKING, ("fortune-global-500", 2024, company_id))
    assert isinstance(ranking, Ranking) and ranking.company_name == "Nobody Inc"
    assert [(r.row, r.company_name, r.company_id, r.new) for r in report.review] == [
        (4, "Nobody Inc", company_id, True)
    ]
    assert report.file("companies").created == 3  # the review company is counted in the review
    assert any("review: rankings.csv row 4" in line for line in report.summary_lines())
