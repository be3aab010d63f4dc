"""Bundles as one .xlsx workbook: the same rows, checks and report as CSV, read from Excel cells."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from chain_graph.bundle import ImportReport, import_bundle, read_bundle
from chain_graph.bundle.tables import TABLE_BY_NAME, CellType
from chain_graph.bundle.xlsx import cell_text
from chain_graph.errors import InvalidInput
from chain_graph.models import Kind
from chain_graph.store import EmbeddedStore
from tests.factories import BundleRows, bundle_rows, write_bundle


def typed(table: str, column: str, text: str) -> Any:
    """The value Excel would hold for a cell a planner typed: numbers and dates as such."""
    spec = TABLE_BY_NAME[table]
    kind = next((c.type for c in spec.columns if c.name == column), CellType.TEXT)
    plain = text.replace(",", "")
    if kind in (CellType.NUMBER, CellType.INTEGER, CellType.ID) and re.fullmatch(r"\d+(\.\d+)?", plain):
        return float(plain)  # Excel keeps every number as a double: 2024 comes back as 2024.0
    if kind is CellType.DATE and re.fullmatch(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}", text):
        return dt.datetime(*map(int, re.split("[-/]", text)))  # type: ignore[misc]
    return text or None


def write_workbook(path: Path, tables: BundleRows | None = None, *, names: dict[str, str] | None = None) -> Path:
    """One sheet per table (named ``names.get(table, table)``), cells typed as Excel holds them."""
    wb = Workbook()
    wb.remove(wb.active)
    for table, rows in (bundle_rows() if tables is None else tables).items():
        ws = wb.create_sheet((names or {}).get(table, table))
        columns = list(dict.fromkeys(c for row in rows for c in row))
        ws.append(columns)
        for row in rows:
            ws.append([typed(table, c, row.get(c, "")) for c in columns])
    wb.save(path)
    return path


def run(store: EmbeddedStore, path: Path, **kwargs: Any) -> ImportReport:
    return import_bundle(store, path, **kwargs)


def everything(store: EmbeddedStore) -> dict[Kind, set[Any]]:
    return {kind: set(store.list(kind).items) for kind in Kind}


# -- a good workbook ----------------------------------------------------------------------------


def test_a_workbook_imports_like_the_same_csv_bundle(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "a") as from_csv, EmbeddedStore(tmp_path / "b") as from_xlsx:
        csv_report = import_bundle(from_csv, write_bundle(tmp_path / "csv"))
        xlsx_report = run(from_xlsx, write_workbook(tmp_path / "bundle.xlsx"))

        assert xlsx_report.applied, xlsx_report.rejections
        assert xlsx_report.totals() == csv_report.totals()
        assert everything(from_xlsx) == everything(from_csv)
        assert {f.encoding for f in xlsx_report.files} == {"xlsx"}


def test_cells_are_read_as_excel_holds_them(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    run(embedded_store, write_workbook(tmp_path / "bundle.xlsx"))

    fiber = embedded_store.get(Kind.COMPANY, "x-fiber")
    assert fiber.employees == 12000 and fiber.revenue_cny_100m == 1234.5
    assert fiber.as_of == dt.date(2024, 9, 1)  # a date cell
    assert embedded_store.get(Kind.REGION, "350582").name == "晋江市"  # the id 350582.0 read as "350582"
    assert embedded_store.get(Kind.RANKING, ("taiwan-100", 2024, "tsmc")).rank == 1  # 2024.0, 1.0


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2024.0, "2024"),
        (350582, "350582"),
        (1e-05, "0.00001"),
        (1.5e20, "150000000000000000000"),
        (0.1 + 0.2, "0.3"),  # Excel's 15 significant digits
        (623.6, "623.6"),
        (True, "true"),
        (False, "false"),
        (dt.datetime(2024, 9, 12), "2024-09-12"),
        (dt.date(2024, 9, 12), "2024-09-12"),
        (None, ""),
        ("  安踏 ", "  安踏 "),
    ],
)
def test_cell_text(value: Any, text: str) -> None:
    assert cell_text(value) == text


def test_booleans_and_chinese_sheet_names(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx", names={t.name: t.label for t in TABLE_BY_NAME.values()})
    wb = load_workbook(path)
    ws = wb["企业"]
    local_site = [c.value for c in ws[1]].index("local_site") + 1
    ws.cell(row=3, column=local_site, value=True)  # x-fiber's, as an Excel boolean
    wb.save(path)

    report = run(embedded_store, path)

    assert report.applied, report.rejections
    assert report.file("companies").file == "企业"
    assert embedded_store.get(Kind.COMPANY, "x-fiber").local_site is True


def test_instructions_sheet_is_skipped_and_others_are_reported(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx")
    wb = load_workbook(path)
    wb.create_sheet("说明")["A1"] = "read me"
    wb.create_sheet("Sheet1")["A1"] = "notes"
    wb.save(path)

    report = run(embedded_store, path)

    assert report.applied and report.unknown_files == ["Sheet1"]


def test_a_saved_dimension_that_is_wrong_does_not_hide_rows(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bundle.xlsx", {"chains": [{"chain_id": f"c{i}", "name": f"链{i}"} for i in range(5)]}
    )
    _rewrite(path, lambda name, data: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data))

    assert run(embedded_store, path).file("chains").created == 5


# -- rejections, where Excel shows them ---------------------------------------------------------


def test_a_bad_cell_is_rejected_at_its_excel_row(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    tables["companies"][1]["revenue_cny_100m"] = "12abc"
    path = write_workbook(tmp_path / "bundle.xlsx", tables)
    wb = load_workbook(path)
    wb["companies"].insert_rows(3)  # an empty row: skipped, but the rows below keep Excel's numbers
    wb.save(path)

    report = run(embedded_store, path)

    assert not report.applied
    first = report.rejections[0]  # (the rows that name x-fiber follow)
    assert (first.file, first.row, first.field, first.reason) == ("companies", 4, "revenue_cny_100m", "not a number")
    assert report.file("companies").rejected == 1
    assert sum(embedded_store.stats().values()) == 0  # all or nothing


def test_a_formula_without_a_saved_value_is_rejected_by_cell(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx")
    wb = load_workbook(path)
    wb["companies"]["I2"] = "=100*6"  # revenue_cny_100m, written by a program: no value saved
    wb["companies"]["J3"] = "=NA()"
    wb["companies"]["Z3"] = "=1+1"  # a column that is not imported: ignored
    wb.save(path)

    report = run(embedded_store, path)

    assert not report.accepted
    problems = [(p.file, p.row, p.field, p.value) for p in report.rejections]
    assert problems == [("companies", 2, "revenue_cny_100m", "I2"), ("companies", 3, "employees", "J3")]
    assert report.rejections[0].reason == "cell I2: formula without a saved value; open and save the file in Excel"


def test_saved_formula_values_are_read_and_excel_errors_rejected(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx")

    def cache(name: str, data: bytes) -> bytes:  # what Excel saves: the formula and its value
        if not name.endswith("sheet5.xml"):  # companies
            return data
        data = re.sub(rb'<c r="I2"[^>]*>.*?</c>', b'<c r="I2"><f>600+23.6</f><v>623.6</v></c>', data)
        return re.sub(rb'<c r="J3"[^>]*>.*?</c>', b'<c r="J3" t="e"><f>NA()</f><v>#N/A</v></c>', data)

    _rewrite(path, cache)

    report = run(embedded_store, path)

    assert [(p.row, p.field, p.reason) for p in report.rejections] == [
        (3, "employees", "cell J3: the Excel error #N/A is not a value; correct the cell")
    ]


def test_a_duplicate_key_names_both_rows(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    tables["chains"].append({"chain_id": "tex", "name": "重复"})

    report = run(embedded_store, write_workbook(tmp_path / "bundle.xlsx", tables))

    assert [(p.file, p.row, p.reason) for p in report.rejections] == [("chains", 3, "duplicates row 2")]


def test_a_second_import_changes_nothing(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx")
    run(embedded_store, path)
    before = everything(embedded_store)

    again = run(embedded_store, path)

    assert again.applied and again.totals()["unchanged"] == again.totals()["rows_read"]
    assert everything(embedded_store) == before


# -- files that are not a workbook we read ------------------------------------------------------


def test_old_xls_is_refused_with_a_way_out(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "bundle.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))

    with pytest.raises(InvalidInput, match=r"bundle\.xls is an old binary Excel workbook.*\.xlsx"):
        run(embedded_store, path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"company_id,name\n", r"broken\.xlsx is not a valid \.xlsx workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), r"broken\.xlsx is an old \.xls workbook or a password"),
    ],
)
def test_a_file_that_is_no_workbook_is_named(
    embedded_store: EmbeddedStore, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)

    with pytest.raises(InvalidInput, match=message):
        run(embedded_store, path)


def test_a_zip_without_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")

    with pytest.raises(InvalidInput, match=r"empty\.xlsx is not a readable Excel workbook"):
        read_bundle(path)


def test_a_corrupt_sheet_is_refused_by_name(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx")
    _rewrite(path, lambda name, data: data[:200] if name.endswith("sheet1.xml") else data)

    with pytest.raises(InvalidInput, match=r"bundle\.xlsx is not a readable Excel workbook"):
        read_bundle(path)


def test_a_workbook_without_bundle_sheets_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    Workbook().save(path)

    with pytest.raises(InvalidInput, match=r"other\.xlsx holds no bundle sheet: name the sheets regions \(行政区划\)"):
        read_bundle(path)


def test_two_sheets_for_one_table_are_refused(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx", names={"chains": "产业链"})
    wb = load_workbook(path)
    wb.create_sheet("chains").append(["chain_id", "name"])
    wb.save(path)

    with pytest.raises(InvalidInput, match="two sheets for table chains: '产业链' and 'chains'"):
        read_bundle(path)


def test_size_limits_hold_for_the_workbook_and_what_it_unpacks_to(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bundle.xlsx")
    with pytest.raises(InvalidInput, match=r"bundle\.xlsx has [\d,]+ bytes, more than the limit of 1,000"):
        read_bundle(path, max_bytes=1000)

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("xl/media/padding.bin", bytes(50 * 1024 * 1024))  # 50 MB of zeros: ~50 KB packed
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(InvalidInput, match=r"bomb\.xlsx would unpack to [\d,]+ bytes, more than the limit"):
        read_bundle(bomb, max_bytes=1024 * 1024)


def test_missing_required_column_is_a_rejection_not_a_crash(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    for row in tables["segments"]:
        del row["stage"]

    report = run(embedded_store, write_workbook(tmp_path / "bundle.xlsx", tables))

    assert [(p.file, p.row, p.field) for p in report.rejections] == [("segments", 1, "stage")]


# -- helpers ------------------------------------------------------------------------------------


def _rewrite(path: Path, change: Any) -> None:
    """Rewrite every entry of the workbook through ``change(name, bytes)``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item.filename, change(item.filename, src.read(item)))
    path.write_bytes(buffer.getvalue())
