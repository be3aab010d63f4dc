"""Open a bundle (a folder or a ``.zip`` of CSV files, or an ``.xlsx`` workbook) and stream its rows as text.

:func:`read_bundle` finds the table files, checks the input's size, works out each file's
encoding and reads its header; it does not validate values (that is the importer's job).
Rows are streamed from the file on demand (:meth:`RawTable.rows`), so a file of a million
supply ties never sits in memory as text.

Encodings: UTF-8, with or without a byte-order mark, is the format. Excel in China often
saves "CSV" as GB18030/GBK instead; a file that is not valid UTF-8 but decodes strictly as
GB18030 is read as such (and the report says so), never guessed into mojibake. A file that
decodes as neither is refused, by name.

Where the files sit in a folder or zip, and how a zip is checked for traps before anything
is unpacked, is :mod:`chain_graph.bundle.archive`'s business; workbooks are read by
:mod:`chain_graph.bundle.xlsx` into the same :class:`RawTable` rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from chain_graph.bundle.archive import Opener, choose_tables, folder_entries, zip_entries
from chain_graph.bundle.cells import fold_width
from chain_graph.bundle.tables import TABLES, TableSpec
from chain_graph.errors import InvalidInput, Problem

__all__ = ["DEFAULT_MAX_BYTES", "BundleReadError", "RawBundle", "RawRow", "RawTable", "read_bundle"]

DEFAULT_MAX_BYTES = 2 * 1024**3  # when the caller sets no limit
_CHUNK = 1 << 20
_ENCODINGS = ("utf-8", "gb18030")
XLSX_SUFFIXES = (".xlsx", ".xlsm")  # one workbook, one sheet per table (chain_graph.bundle.xlsx)


class BundleReadError(InvalidInput):
    """A table file that broke while its rows were read (bad quoting, corrupt zip data)."""


class RawRow(NamedTuple):
    number: int  # the row number a spreadsheet shows: the header is row 1
    cells: dict[str, str]  # header name → cell text, as typed
    overflow: bool  # the row has non-empty cells beyond the header's columns


@dataclass
class RawTable:
    """One table file of the bundle: where it is, how it is encoded, and its header."""

    spec: TableSpec
    file: str
    opener: Opener = field(repr=False)
    encoding: str | None = None
    header: tuple[str, ...] = ()
    unknown_columns: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)  # file-level: the rows are not read
    warnings: list[str] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not self.problems and self.encoding is not None

    def rows(self) -> Iterator[RawRow]:
        """The data rows, streamed; fully empty rows are skipped (but keep their number)."""
        width = len(self.header)
        unnamed = [i for i, name in enumerate(self.header) if not name]
        warned = False
        try:
            with self.opener() as raw, io.TextIOWrapper(raw, encoding=self.encoding, newline="") as text:
                reader = csv.reader(text, strict=True)
                next(reader, None)
                for number, values in enumerate(reader, start=2):
                    if not "".join(values).strip():
                        continue
                    if unnamed and not warned and any(i < len(values) and values[i].strip() for i in unnamed):
                        self.warnings.append("a column without a header name has values; they are ignored")
                        warned = True
                    overflow = len(values) > width and bool("".join(values[width:]).strip())
                    yield RawRow(number, dict(zip(self.header, values, strict=False)), overflow)
        except csv.Error as e:
            raise BundleReadError(f"{self.file}: not valid CSV near row {reader.line_num}: {e}") from e
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise BundleReadError(f"{self.file}: cannot be read: {e}") from e


@dataclass
class RawBundle:
    """The table files found in a bundle, in load order, and what else it held."""

    source: str
    tables: dict[str, RawTable]
    unknown_files: list[str] = field(default_factory=list)


def read_bundle(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> RawBundle:
    """Find and open the tables of the bundle at ``path``; raise InvalidInput if there are none.

    Every table file is read once here to settle its encoding, so a file that cannot be
    decoded is known (as a file-level problem of its :class:`RawTable`) before any row is.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    source = Path(path)
    if source.is_dir():
        files, openers = folder_entries(source, limit)
    elif source.suffix.lower() == ".xls":
        raise InvalidInput(
            f"{source.name} is an old binary Excel workbook (.xls), which is not read: "
            "open it in Excel and save it as 'Excel Workbook (*.xlsx)'",
            field="path",
        )
    elif source.suffix.lower() in XLSX_SUFFIXES and source.is_file():
        from chain_graph.bundle.xlsx import read_workbook  # openpyxl, only for workbooks

        return read_workbook(source, limit)
    elif source.is_file():
        files, openers = zip_entries(source, limit)
    else:
        raise InvalidInput(f"no bundle at {source}: no such folder or file", field="path")
    chosen, unknown = choose_tables(files)
    if not chosen:
        expected = ", ".join(t.filename for t in TABLES)
        raise InvalidInput(
            f"{source} holds no bundle table: expected one or more of {expected}, at the top or in one folder",
            field="path",
        )
    tables = {}
    for spec in TABLES:
        if spec.name in chosen:
            name = chosen[spec.name]
            tables[spec.name] = _open_table(spec, name, openers(name))
    return RawBundle(source=str(source), tables=tables, unknown_files=unknown)


# -- one table file -----------------------------------------------------------------------------


def _open_table(spec: TableSpec, name: str, opener: Opener) -> RawTable:
    table = RawTable(spec=spec, file=name, opener=opener)
    try:
        table.encoding = _detect_encoding(opener)
    except UnicodeError as e:
        table.problems.append(Problem(reason=str(e), file=name))
        return table
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise InvalidInput(f"the zip archive is corrupt: {name} cannot be unpacked ({e})") from e
    if table.encoding == "gb18030":
        table.warnings.append("not UTF-8: read as GB18030 (Chinese Excel's default); save as 'CSV UTF-8'")
    _read_header(table)
    return table


def _detect_encoding(opener: Opener) -> str:
    """``utf-8``, ``utf-8-sig`` (with a byte-order mark) or ``gb18030``: the first that decodes."""
    with opener() as raw:
        head = raw.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnicodeError("the file is UTF-16 text (Excel's 'Unicode Text'); save it as 'CSV UTF-8'")
    for encoding in _ENCODINGS:
        if _decodes(opener, encoding):
            if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
                return "utf-8-sig"
            return encoding
    raise UnicodeError("the file is neither UTF-8 nor GB18030 text; save it as 'CSV UTF-8'")


def _decodes(opener: Opener, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with opener() as raw:
        try:
            while chunk := raw.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _clean_header(cell: str) -> str:
    """Header names without surrounding spaces or byte-order marks, lower-cased."""
    return fold_width(cell).replace("\ufeff", "").strip().lower()


def _read_header(table: RawTable) -> None:
    with table.opener() as raw, io.TextIOWrapper(raw, encoding=table.encoding, newline="") as text:
        try:
            first = next(csv.reader(text, strict=True), None)
        except csv.Error as e:
            table.problems.append(Problem(reason=f"the header row is not valid CSV: {e}", file=table.file, row=1))
            return
    apply_header(table, first)


def apply_header(table: RawTable, first: list[str] | None) -> None:
    """Set the table's header from its first row; note unknown, repeated and missing columns."""
    if first is None:
        table.warnings.append("the file is empty (no header row); nothing was read from it")
        table.encoding = None
        return
    table.header = tuple(_clean_header(cell) for cell in first)
    known = set(table.spec.column_names)
    table.unknown_columns = tuple(n for n in table.header if n and n not in known)
    seen: set[str] = set()
    for name in table.header:
        if name and name in seen:
            table.problems.append(
                Problem(reason="the column appears twice in the header", field=name, file=table.file, row=1)
            )
        seen.add(name)
    for name in table.spec.required:
        if name not in table.header:
            table.problems.append(Problem(reason="missing required column", field=name, file=table.file, row=1))
