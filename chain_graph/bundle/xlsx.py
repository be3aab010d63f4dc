"""Read a bundle from one Excel workbook (``.xlsx``): one sheet per table, header in row 1.

A sheet is a table when its name is the table's (``companies``) or the Chinese label planners
know it by (``企业``, see :data:`~chain_graph.bundle.tables.TABLES`); a sheet named ``说明``
(the template's instructions) is skipped, any other is reported as not imported. Each sheet
becomes a :class:`~chain_graph.bundle.raw.RawTable` whose rows are cell *texts*, so the
importer reads, validates and reports them exactly as it does CSV rows; row numbers are the
ones Excel shows.

The workbook is read with openpyxl in read-only mode (streamed, never whole in memory), by
the values Excel saved (``data_only``). Cells become text the way a planner typed them:
``2024.0`` → ``"2024"``, ``1e-05`` → ``"0.00001"`` (never an exponent), a date → ``2024-09-12``,
a boolean → ``true``/``false``, an empty cell → missing.

Refused before any row is read: an old ``.xls``, a file that is no zip container (a corrupt
or password-protected workbook), one over the size limit or that would unpack beyond it, and
one whose XML declares a DOCTYPE or entities (Excel never writes one; entity expansion — the
"billion laughs" — turns a 5 KB file into gigabytes) or holds a text longer than Excel's
:data:`~chain_graph.bundle.raw.MAX_CELL_CHARS` per cell. Both are found in one streaming
pass over the package's XML with constant memory, before openpyxl parses any of it.
A formula cell without a saved value (a workbook written by a program and never opened in
Excel) and an Excel error value (``#N/A``) are rejections naming the sheet, row, column and cell.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET
from xml.parsers import expat

from chain_graph.bundle.archive import zip_entries
from chain_graph.bundle.raw import (
    MAX_CELL_CHARS,
    BundleReadError,
    RawBundle,
    RawRow,
    RawTable,
    apply_header,
    clean_header,
)
from chain_graph.bundle.tables import TABLES, TableSpec
from chain_graph.errors import InvalidInput, Problem

__all__ = ["ENCODING", "INSTRUCTIONS_SHEET", "cell_text", "read_workbook", "table_for_sheet"]

ENCODING = "xlsx"  # what the report shows where a CSV file shows its text encoding
INSTRUCTIONS_SHEET = "说明"
MAX_CELL_PROBLEMS = 1000  # per sheet; the report keeps 1000 in all anyway
_OLE2 = b"\xd0\xcf\x11\xe0"  # .xls, and password-protected .xlsx, are OLE2 compound files

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_C, _F, _V, _ROW, _SHEET_DATA = (f"{_MAIN}{t}" for t in ("c", "f", "v", "row", "sheetData"))
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, ET.ParseError)


def read_workbook(source: Path, limit: int) -> RawBundle:
    """The tables of the workbook at ``source``; raise InvalidInput when it holds none."""
    _check_container(source, limit)
    try:
        with zipfile.ZipFile(source) as zf:
            _check_xml(source.name, zf)
            parts = _sheet_parts(zf)
            chosen, unknown = _choose_sheets(list(parts))
            if not chosen:
                expected = ", ".join(f"{t.name} ({t.label})" for t in TABLES)
                raise InvalidInput(f"{source.name} holds no bundle sheet: name the sheets {expected}", field="path")
            with _workbook(source) as wb:
                tables: dict[str, RawTable] = {
                    spec.name: _open_sheet(spec, source, wb, zf, chosen[spec.name], parts[chosen[spec.name]])
                    for spec in TABLES
                    if spec.name in chosen
                }
    except _READ_ERRORS as e:
        raise InvalidInput(f"{source.name} is not a readable Excel workbook ({e}); save it again as .xlsx") from e
    return RawBundle(source=str(source), tables=tables, unknown_files=unknown)


def table_for_sheet(title: str) -> TableSpec | None:
    """The table a sheet holds, by its name (``companies``) or Chinese label (``企业``)."""
    name = title.strip()
    return next((t for t in TABLES if name.casefold() == t.name or name == t.label), None)


def cell_text(value: Any) -> str:
    """A cell's value as the text a planner typed (``""`` for an empty cell).

    >>> cell_text(2024.0), cell_text(1e-05), cell_text(0.1 + 0.2), cell_text(True)
    ('2024', '0.00001', '0.3', 'true')
    >>> cell_text(dt.datetime(2024, 9, 12)), cell_text(None)
    ('2024-09-12', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    """Excel's 15 significant digits, without an exponent."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    shown = float(f"{value:.15g}")
    if shown.is_integer():
        return str(int(shown))
    return format(Decimal(repr(shown)), "f")


# -- the container ------------------------------------------------------------------------------


def _check_container(source: Path, limit: int) -> None:
    """A zip under the size limits, without path tricks (the checks of a zipped CSV bundle)."""
    if not zipfile.is_zipfile(source):
        with open(source, "rb") as f:
            head = f.read(4)
        if head == _OLE2:
            raise InvalidInput(
                f"{source.name} is an old .xls workbook or a password-protected one: "
                "save it in Excel as 'Excel Workbook (*.xlsx)' without a password",
                field="path",
            )
        raise InvalidInput(f"{source.name} is not a valid .xlsx workbook (not a zip container)", field="path")
    try:
        zip_entries(source, limit)  # size, unpacked size (zip bombs), entry count, paths, encryption
    except InvalidInput as e:
        raise InvalidInput(e.message.replace("zip archive", "Excel workbook"), field="path") from e


class _RefusedXml(Exception):
    """Raised from inside the expat handlers of :func:`_check_xml`."""


def _check_xml(name: str, zf: zipfile.ZipFile) -> None:
    """Refuse a DOCTYPE or entity declaration in any XML part, and an over-long text in any."""
    for info in zf.infolist():
        if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with zf.open(info) as part:
                _scan_part(part)
        except _RefusedXml as e:
            raise InvalidInput(f"{name}: {info.filename} {e}; save the workbook again in Excel", field="file") from e
        except expat.ExpatError as e:
            raise InvalidInput(
                f"{name} is not a readable Excel workbook: {info.filename} is not well-formed XML ({e}); "
                "save it again as .xlsx",
                field="file",
            ) from e


def _scan_part(part: IO[bytes]) -> None:
    parser = expat.ParserCreate()
    run = 0

    def doctype(*_: Any) -> None:
        raise _RefusedXml("declares a DOCTYPE, which Excel never writes (entity expansion is refused)")

    def entity(*_: Any) -> None:
        raise _RefusedXml("declares an entity, which Excel never writes (entity expansion is refused)")

    def text(data: str) -> None:
        nonlocal run
        run += len(data)
        if run > MAX_CELL_CHARS:
            raise _RefusedXml(f"holds a text longer than the {MAX_CELL_CHARS:,} characters a cell may hold")

    def boundary(*_: Any) -> None:
        nonlocal run
        run = 0

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.CharacterDataHandler = text
    parser.StartElementHandler = parser.EndElementHandler = boundary
    parser.buffer_text = True
    while chunk := part.read(1 << 16):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → its part in the package, in workbook order (chart sheets left out)."""
    package = ET.fromstring(zf.read("_rels/.rels"))
    office = next((r.get("Target", "") for r in package if r.get("Type", "").endswith("/officeDocument")), None)
    if not office:
        raise KeyError("the package names no workbook part")
    book = office.lstrip("/")
    folder = posixpath.dirname(book)
    rels = ET.fromstring(zf.read(posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels")))
    targets = {
        r.get("Id"): _part_path(folder, r.get("Target", "")) for r in rels if r.get("Type", "").endswith("/worksheet")
    }
    sheets = ET.fromstring(zf.read(book)).iter(f"{_MAIN}sheet")
    return {s.get("name", ""): targets[s.get(_REL_ID)] for s in sheets if s.get(_REL_ID) in targets}


def _part_path(folder: str, target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _choose_sheets(titles: list[str]) -> tuple[dict[str, str], list[str]]:
    chosen: dict[str, str] = {}
    unknown: list[str] = []
    for title in titles:
        spec = table_for_sheet(title)
        if spec is None:
            if title.strip() != INSTRUCTIONS_SHEET:
                unknown.append(title)
        elif spec.name in chosen:
            raise InvalidInput(f"two sheets for table {spec.name}: {chosen[spec.name]!r} and {title!r}", field="path")
        else:
            chosen[spec.name] = title
    return chosen, unknown


@contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    from openpyxl import load_workbook  # heavy; only for workbooks

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        wb = load_workbook(path, read_only=True, data_only=True)
    try:
        yield wb
    finally:
        wb.close()


# -- one sheet ----------------------------------------------------------------------------------


@dataclass
class SheetTable(RawTable):
    """A table read from a worksheet; its rows are streamed from the workbook on demand."""

    path: Path = Path()
    sheet: str = ""

    def rows(self) -> Iterator[RawRow]:
        width = len(self.header)
        unnamed = [i for i, name in enumerate(self.header) if not name]
        try:
            with _workbook(self.path) as wb:
                for number, texts in _sheet_rows(wb[self.sheet], start=2):
                    if unnamed and any(i < len(texts) and texts[i].strip() for i in unnamed):
                        _warn_once(self, "a column without a header name has values; they are ignored")
                    overflow = len(texts) > width and bool("".join(texts[width:]).strip())
                    yield RawRow(number, dict(zip(self.header, texts, strict=False)), overflow)
        except _READ_ERRORS as e:
            raise BundleReadError(f"{self.file}: cannot be read: {e}") from e


def _warn_once(table: RawTable, warning: str) -> None:
    if warning not in table.warnings:
        table.warnings.append(warning)


def _sheet_rows(ws: Any, *, start: int) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cell texts)`` of the non-empty rows from row ``start`` on."""
    ws.reset_dimensions()  # the saved dimension may be wrong; read every row there is
    for number, values in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
        if number < start:
            continue
        texts = [cell_text(v) for v in values]
        if "".join(texts).strip():
            yield number, texts


def _open_sheet(spec: TableSpec, path: Path, wb: Any, zf: zipfile.ZipFile, title: str, part: str) -> SheetTable:

    def opener() -> IO[bytes]:  # the workbook file; its rows are read through openpyxl
        return path.open("rb")

    table = SheetTable(spec=spec, file=title, opener=opener, encoding=ENCODING, path=path, sheet=title)
    ws = wb[title]
    ws.reset_dimensions()
    first = next(ws.iter_rows(min_row=1, max_row=1, min_col=1, values_only=True), None)
    header = [cell_text(v) for v in first] if first else []
    apply_header(table, header if any(h.strip() for h in header) else None)
    columns = {i: name for i, name in enumerate((clean_header(h) for h in header), start=1)}
    known = {i: name for i, name in columns.items() if name in spec.column_names}
    if table.encoding is not None and known:
        table.problems.extend(_cell_problems(zf, part, known, title))
    return table


def _cell_problems(zf: zipfile.ZipFile, part: str, columns: dict[int, str], file: str) -> list[Problem]:
    """Formulas without a saved value and Excel errors in the table's columns, below the header.

    A streaming pass over the sheet's XML: openpyxl's ``data_only`` reading shows both as an
    empty cell or a plain string, which would import as a missing value or a name.
    """
    from openpyxl.utils.cell import column_index_from_string

    problems: list[Problem] = []
    data: ET.Element | None = None
    row = col = 0
    with zf.open(part) as src:
        for event, el in ET.iterparse(src, events=("start", "end")):
            if event == "start":
                if el.tag == _SHEET_DATA:
                    data = el
                elif el.tag == _ROW:
                    row, col = int(el.get("r") or row + 1), 0
                continue
            if el.tag == _C:
                ref = el.get("r") or ""
                col = column_index_from_string(ref.rstrip("0123456789")) if ref else col + 1
                reason = _cell_problem(el, ref) if row > 1 and col in columns else None
                if reason:
                    problems.append(Problem(reason=reason, field=columns[col], file=file, row=row, value=ref or None))
                    if len(problems) >= MAX_CELL_PROBLEMS:
                        break
            elif el.tag == _ROW and data is not None:
                data.remove(el)  # keep memory flat on long sheets
    return problems


def _cell_problem(cell: ET.Element, ref: str) -> str | None:
    kind, value = cell.get("t", "n"), cell.find(_V)
    where = f"cell {ref}: " if ref else ""
    if kind == "e":
        return f"{where}the Excel error {value.text if value is not None else ''} is not a value; correct the cell"
    saved = value is not None and (bool(value.text) or kind == "str")
    if cell.find(_F) is not None and not saved:
        return f"{where}formula without a saved value; open and save the file in Excel"
    return None
