"""The rows of a bundle's table as text, whatever file they came from (CSV, or a workbook's sheet).

:mod:`chain_graph.bundle.reader` opens CSV files and :mod:`chain_graph.bundle.xlsx` workbooks into
the same :class:`RawTable`: its header (cleaned by :func:`clean_header`, checked by
:func:`apply_header`) and its rows, streamed on demand, each cell at most :data:`MAX_CELL_CHARS`
characters and each line at most :data:`MAX_LINE_CHARS`.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, NamedTuple

from chain_graph.bundle.archive import Opener
from chain_graph.bundle.cells import fold_width
from chain_graph.bundle.tables import TableSpec
from chain_graph.errors import InvalidInput, Problem

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_LINE_CHARS",
    "BundleReadError",
    "LineTooLong",
    "Lines",
    "RawBundle",
    "RawRow",
    "RawTable",
    "apply_header",
    "clean_header",
    "line_too_long",
]

MAX_LINE_CHARS = 128 * 1024  # a line, or a record of several lines; a real row holds a few hundred
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


class BundleReadError(InvalidInput):
    """A table file that broke while its rows were read (bad quoting, corrupt zip data, a line too long)."""


class LineTooLong(Exception):
    """A line or record past :data:`MAX_LINE_CHARS` (its line number, when the raiser knows it)."""

    def __init__(self, line: int | None = None) -> None:
        super().__init__(line)
        self.line = line


class Lines:
    """The lines of a text stream for :func:`csv.reader`, none longer than ``limit``.

    Each line is read with ``readline(limit + 1)``, so a line without end is refused after
    ``limit`` characters; the characters of one record (its lines up to :meth:`record_done`)
    are capped the same way, for quoted cells that span lines.
    """

    def __init__(self, text: IO[str], limit: int = MAX_LINE_CHARS) -> None:
        self.text = text
        self.limit = limit
        self.record = 0

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.record += len(line)
        if self.record > self.limit:
            raise LineTooLong
        return line

    def record_done(self) -> None:
        self.record = 0


def line_too_long(file: str, row: int) -> BundleReadError:
    return BundleReadError(
        f"{file}: row {row} is longer than {MAX_LINE_CHARS:,} characters (a cell holds at most "
        f"{MAX_CELL_CHARS:,}); the file is not a bundle table, or a quote is not closed"
    )


class RawRow(NamedTuple):
    number: int  # the row number a spreadsheet shows: the header is row 1
    cells: dict[str, str]  # header name → cell text, as typed
    overflow: bool  # the row has non-empty cells beyond the header's columns


_new_row = tuple.__new__  # a RawRow from its fields without the NamedTuple's Python-level __new__


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
        number = 1
        try:
            with self.opener() as raw, io.TextIOWrapper(raw, encoding=self.encoding, newline="") as text:
                lines = Lines(text)
                reader = csv.reader(lines, strict=True)
                next(reader, None)
                lines.record_done()
                header = self.header
                for number, values in enumerate(reader, start=2):  # per row: a million times, kept lean
                    if lines.record > MAX_CELL_CHARS and max(map(len, values)) > MAX_CELL_CHARS:
                        _check_cells(self.file, number, header, values)  # a record this short has no long cell
                    lines.record = 0
                    if not values or not (values[0].strip() or "".join(values).strip()):
                        continue
                    if unnamed and not warned and any(i < len(values) and values[i].strip() for i in unnamed):
                        self.warnings.append("a column without a header name has values; they are ignored")
                        warned = True
                    overflow = len(values) > width and bool("".join(values[width:]).strip())
                    yield _new_row(RawRow, (number, dict(zip(header, values, strict=False)), overflow))
        except LineTooLong as e:
            raise line_too_long(self.file, number + 1) from e
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


def _check_cells(file: str, row: int, header: tuple[str, ...], values: list[str]) -> None:
    for i, value in enumerate(values):
        if len(value) > MAX_CELL_CHARS:
            column = header[i] if i < len(header) and header[i] else f"column {i + 1}"
            raise BundleReadError(
                f"{file}: row {row}, {column}: the cell holds {len(value):,} characters, "
                f"more than the {MAX_CELL_CHARS:,} a cell may hold"
            )


def clean_header(cell: str) -> str:
    """Header names without surrounding spaces or byte-order marks, lower-cased."""
    return fold_width(cell).replace("\ufeff", "").strip().lower()


def apply_header(table: RawTable, first: list[str] | None) -> None:
    """Set the table's header from its first row; note unknown, repeated and missing columns."""
    if first is None:
        table.warnings.append("the file is empty (no header row); nothing was read from it")
        table.encoding = None
        return
    table.header = tuple(clean_header(cell) for cell in first)
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
