"""Reading bundles: encodings, CSV quirks, zips and their traps, cell conventions, name folding."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from chain_graph.bundle import TABLES, import_bundle, read_bundle
from chain_graph.bundle.cells import CellError, read_bool, read_date, read_id, read_integer, read_number
from chain_graph.bundle.names import NameIndex, fold_name
from chain_graph.errors import InvalidInput
from chain_graph.models import Company, Kind
from chain_graph.store import EmbeddedStore
from tests.factories import bundle_rows, write_bundle, write_table, zip_bundle

CHINESE_NAME = "福建省晋江市安踏体育用品有限公司（鞋服·运动）"


def company_rows(name: str = CHINESE_NAME) -> list[dict[str, str]]:
    return [{"company_id": "anta", "name": name, "short_name": "安踏", "aliases": "安踏体育|ANTA"}]


# -- encodings ----------------------------------------------------------------------------------


def test_gb18030_file_round_trips_chinese_text(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    write_table(folder / "companies.csv", company_rows(), encoding="gbk")
    assert CHINESE_NAME.encode("gbk") in (folder / "companies.csv").read_bytes()

    report = import_bundle(embedded_store, folder)

    assert report.applied
    company = embedded_store.get(Kind.COMPANY, "anta")
    assert (company.name, company.short_name, company.aliases) == (CHINESE_NAME, "安踏", ("安踏体育", "ANTA"))
    assert report.file("companies").encoding == "gb18030"
    assert any("GB18030" in w for w in report.file("companies").warnings)


def test_utf8_with_bom_is_read(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    write_table(folder / "companies.csv", company_rows(), encoding="utf-8-sig")
    assert (folder / "companies.csv").read_bytes().startswith(b"\xef\xbb\xbfcompany_id")

    report = import_bundle(embedded_store, folder)

    assert report.applied and report.file("companies").unknown_columns == []
    assert report.file("companies").encoding == "utf-8-sig"
    assert embedded_store.get(Kind.COMPANY, "anta").name == CHINESE_NAME


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"company_id,name\r\nc1,\x80\x81\xff\r\n", "neither UTF-8 nor GB18030"),
        ("company_id,name\r\nc1,甲\r\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_undecodable_file_is_refused_by_name(
    embedded_store: EmbeddedStore, tmp_path: Path, data: bytes, reason: str
) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "companies.csv").write_bytes(data)
    write_table(folder / "chains.csv", [{"chain_id": "tex", "name": "纺织"}])

    report = import_bundle(embedded_store, folder)

    assert not report.applied
    [problem] = report.rejections
    assert problem.file == "companies.csv" and problem.row is None
    assert reason in problem.reason
    assert sum(embedded_store.stats().values()) == 0


# -- CSV quirks ---------------------------------------------------------------------------------


def test_crlf_blank_rows_padded_header_and_row_numbers(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    text = (
        "\ufeff Chain_ID , name ,note, description\r\n"
        "tex,纺织鞋服,,\r\n"
        ",,,\r\n"  # an empty row: skipped, not rejected, but it keeps its row number
        '"pc",石油化工,,"上游\r\n下游"\r\n'  # a quoted line break: one spreadsheet row
        "bad id,坏,,\r\n"
        "\r\n\r\n"
    )
    (folder / "chains.csv").write_bytes(text.encode("utf-8"))

    report = import_bundle(embedded_store, folder)

    chains = report.file("chains")
    assert chains.rows_read == 3 and chains.rejected == 1
    assert [(p.row, p.field) for p in report.rejections] == [(5, "chain_id")]
    assert chains.unknown_columns == ["note"]


def test_cells_beyond_the_header_are_rejected(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "chains.csv").write_text("chain_id,name\ntex,纺织,extra\npc,石化,,\n", encoding="utf-8")

    report = import_bundle(embedded_store, folder)

    assert [(p.row, p.reason) for p in report.rejections] == [(2, "the row has more cells than the header has columns")]


def test_empty_file_is_warned_and_a_repeated_column_refused(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "chains.csv").write_bytes(b"")
    (folder / "segments.csv").write_text("segment_id,chain_id,name,stage,name\n", encoding="utf-8")

    report = import_bundle(embedded_store, folder)

    assert report.file("chains").warnings == ["the file is empty (no header row); nothing was read from it"]
    assert [(p.file, p.row, p.field, p.reason) for p in report.rejections] == [
        ("segments.csv", 1, "name", "the column appears twice in the header")
    ]


def test_read_bundle_streams_rows_in_load_order(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b")

    bundle = read_bundle(folder)

    assert list(bundle.tables) == [t.name for t in TABLES if t.name in bundle_rows()]
    rows = list(bundle.tables["companies"].rows())
    assert [r.number for r in rows] == [2, 3, 4]
    assert rows[0].cells["name"] == "安踏体育用品有限公司"


# -- folders and zips ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "泉州 bundle/"])
def test_zip_at_top_or_in_one_folder(embedded_store: EmbeddedStore, tmp_path: Path, prefix: str) -> None:
    archive = zip_bundle(
        write_bundle(tmp_path / "b"),
        tmp_path / "bundle.zip",
        prefix=prefix,
        extra={"__MACOSX/._companies.csv": b"\x00\x05", f"{prefix}.DS_Store": b"\x00", "notes.txt": b"hi"},
    )

    report = import_bundle(embedded_store, archive)

    assert report.applied, report.rejections
    assert embedded_store.stats()["company"] == 3
    assert report.file("companies").file == f"{prefix}companies.csv"
    assert report.unknown_files == ["notes.txt"]


def test_folder_with_tables_in_one_sub_folder(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    write_bundle(tmp_path / "outer" / "data")

    assert import_bundle(embedded_store, tmp_path / "outer").applied


def _corrupt_member(path: Path) -> None:
    data = bytearray(path.read_bytes())
    start = data.index(b"companies.csv") + len(b"companies.csv")
    for i in range(start + 5, start + 40):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a readable zip archive"),
        (lambda p: p.write_text("company_id,name\n", encoding="utf-8"), "not a readable zip archive"),
        (lambda p: p.write_bytes(zip_bytes(p)[:200]), "not a readable zip archive"),
        (_corrupt_member, "corrupt"),
    ],
    ids=["garbage", "csv-named-zip", "truncated", "bad-member-data"],
)
def test_broken_zip_is_invalid_input(tmp_path: Path, make: object, message: str) -> None:
    archive = zip_bundle(write_bundle(tmp_path / "b"), tmp_path / "bundle.zip")
    make(archive)  # type: ignore[operator]

    with pytest.raises(InvalidInput, match=message):
        read_bundle(archive)


def zip_bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("chains.csv", "chain_id,name\n" + ("x" * 99 + "\n") * 50_000)  # lines of a normal length
    assert archive.stat().st_size < 50_000

    with pytest.raises(InvalidInput, match="would unpack to 5,000,014 bytes, more than the limit of 1,000,000"):
        read_bundle(archive, max_bytes=1_000_000)
    assert read_bundle(archive, max_bytes=10_000_000).tables["chains"].readable


def test_oversize_zip_and_folder_are_refused(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b")
    archive = zip_bundle(folder, tmp_path / "bundle.zip")

    with pytest.raises(InvalidInput, match="more than the limit of 100"):
        read_bundle(archive, max_bytes=100)
    with pytest.raises(InvalidInput, match=r"tables hold .* bytes, more than the limit of 100"):
        read_bundle(folder, max_bytes=100)


@pytest.mark.parametrize("name", ["../chains.csv", "/etc/chains.csv", "a/../../chains.csv", "C:/chains.csv"])
def test_zip_with_path_tricks_is_refused(tmp_path: Path, name: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(zipfile.ZipInfo(name), "chain_id,name\ntex,纺织\n")

    with pytest.raises(InvalidInput, match="unsafe path"):
        read_bundle(archive)


def test_zip_with_a_symlink_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "link.zip"
    info = zipfile.ZipInfo("chains.csv")
    info.external_attr = 0o120777 << 16
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(info, "/etc/passwd")

    with pytest.raises(InvalidInput, match="symbolic link"):
        read_bundle(archive)


def test_missing_path_and_empty_bundle_are_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such folder or file"):
        read_bundle(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "people.csv").write_text("name\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"holds no bundle table: expected one or more of regions\.csv"):
        read_bundle(tmp_path / "empty")


def test_regions_shipped_in_the_bundle_resolve_company_regions(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    tables = bundle_rows()
    tables["companies"][0]["region"] = " 晋江市 "

    report = import_bundle(embedded_store, write_bundle(tmp_path / "b", tables))

    assert report.applied
    assert embedded_store.get(Kind.COMPANY, "anta").region == "350582"


# -- cells and names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("FALSE", False), ("1", True), ("0", False), ("Yes", True), ("no", False),
     ("Y", True), ("n", False), ("是", True), ("否", False), (" ｙｅｓ ", True)],
)  # fmt: skip
def test_booleans_as_excel_users_write_them(text: str, value: bool) -> None:
    assert read_bool(text) is value


@pytest.mark.parametrize(
    ("text", "value"),
    [(" 12 ", 12.0), ("1,234.5", 1234.5), ("1,234,567", 1234567.0), ("-0.5", -0.5), ("１２．５", 12.5),
     ("1e3", 1000.0)],
)  # fmt: skip
def test_numbers_with_spaces_and_thousands_separators(text: str, value: float) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize("text", ["12,34", "1.234,5", "12 345", "nan", "inf", "¥12", "12%"])
def test_numbers_that_are_not(text: str) -> None:
    with pytest.raises(CellError, match="not a number"):
        read_number(text)


def test_integers() -> None:
    assert read_integer("1,200") == 1200
    assert read_integer("1200.0") == 1200
    with pytest.raises(CellError, match="whole number"):
        read_integer("12.5")


@pytest.mark.parametrize("text", ["2024-09-12", "2024/9/12", "2024.9.12", " 2024-9-12 ", "２０２４／９／１２"])
def test_dates_are_normalised_to_iso(text: str) -> None:
    assert read_date(text) == "2024-09-12"


@pytest.mark.parametrize("text", ["12/09/2024", "2024-09", "2024/09-12", "20240912", "九月"])
def test_other_dates_are_refused(text: str) -> None:
    with pytest.raises(CellError, match="not a date"):
        read_date(text)


def test_ids_are_width_folded_and_checked() -> None:
    assert read_id(" ｔｅｘ．ｆｉｂｅｒ ") == "tex.fiber"
    with pytest.raises(CellError, match="not a valid id"):
        read_id("纺织")


def test_name_folding() -> None:
    assert fold_name("台灣積體電路製造股份有限公司") == fold_name("台湾积体电路制造股份有限公司")
    assert fold_name("ＴＳＭＣ  Ltd") == fold_name("tsmc ltd")
    assert fold_name("安踏") != fold_name("安踏体育")
    index = NameIndex().add_all([Company(company_id="tsmc", name="台湾积体电路制造股份有限公司", aliases="台積電")])
    assert index.match("台积电") == ["tsmc"]
    assert index.match("台塑") == []
