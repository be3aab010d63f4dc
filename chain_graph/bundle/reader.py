"""Open a bundle (a folder or a ``.zip`` of CSV files, or an ``.xlsx`` workbook) and stream its rows as text.

:func:`read_bundle` finds the table files, checks the input's size, works out each file's
encoding and reads its header; it does not validate values (that is the importer's job).
Rows are streamed from the file on demand (:meth:`RawTable.rows`), so a file of a million
supply ties never sits in memory as text.

Encodings: UTF-8, with or without a byte-order mark, is the format. Excel in China often
saves "CSV" as GB18030/GBK instead; a file that is not valid UTF-8 but decodes strictly as
GB18030 *into plausible Chinese text* is read as such (and the report says so). Big5 and
Latin-1 bytes often decode as GB18030 too, into private-use code points and rare characters
(``紡織`` in Big5 reads ``\ue1f1麓``): such a file is refused, by name, never guessed into
mojibake — save it as UTF-8, or name its encoding (``encoding="big5"``, one of
:data:`ENCODINGS`), which is then used strictly for every CSV file of the bundle.

Size: besides the whole bundle's limit, a line (and a record, whose quoted cells may span
lines) holds at most :data:`MAX_LINE_CHARS` characters and a cell :data:`MAX_CELL_CHARS`;
a longer one is refused after reading at most that much of it, so a small zip that unpacks
to one 190 MiB line costs no more memory than a normal file.

Where the files sit in a folder or zip, and how a zip is checked for traps before anything
is unpacked, is :mod:`chain_graph.bundle.archive`'s business; workbooks are read by
:mod:`chain_graph.bundle.xlsx` into the same :class:`RawTable` rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

from chain_graph.bundle.archive import Opener, choose_tables, folder_entries, zip_entries
from chain_graph.bundle.cells import fold_width
from chain_graph.bundle.tables import TABLES, TableSpec
from chain_graph.errors import InvalidInput, Problem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ENCODINGS",
    "MAX_CELL_CHARS",
    "MAX_LINE_CHARS",
    "BundleReadError",
    "RawBundle",
    "RawRow",
    "RawTable",
    "check_encoding",
    "read_bundle",
]

DEFAULT_MAX_BYTES = 2 * 1024**3  # when the caller sets no limit
MAX_LINE_CHARS = 128 * 1024  # a line, or a record of several lines; a real row holds a few hundred
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# The encodings a caller may name for a bundle's CSV files (codec names as codecs.lookup gives them).
ENCODINGS = ("utf-8", "gb18030", "gbk", "big5", "big5hkscs", "cp950", "iso8859-1", "cp1252")
_CHUNK = 1 << 20
_SAMPLE_CHARS = 1 << 20  # decoded text whose letters are checked for mojibake
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_LINE_END = re.compile(rb"\r\n|\r|\n")
_MAX_LINE_BYTES = 4 * MAX_LINE_CHARS  # a UTF-8 character takes at most 4 bytes
_RARE_SHARE = 0.2  # of the non-ASCII letters: GB18030 text of real Chinese names has ~1 %
XLSX_SUFFIXES = (".xlsx", ".xlsm")  # one workbook, one sheet per table (chain_graph.bundle.xlsx)


class BundleReadError(InvalidInput):
    """A table file that broke while its rows were read (bad quoting, corrupt zip data, a line too long)."""


class _TooLong(Exception):
    """A line or record past :data:`MAX_LINE_CHARS` (its line number, when the raiser knows it)."""

    def __init__(self, line: int | None = None) -> None:
        super().__init__(line)
        self.line = line


class _Lines:
    """The lines of a text stream for :func:`csv.reader`, none longer than ``limit``.

    Each line is read with ``readline(limit + 1)``, so a line without end is refused after
    ``limit`` characters; the characters of one record (its lines up to :meth:`record_done`)
    are capped the same way, for quoted cells that span lines.
    """

    def __init__(self, text: IO[str], limit: int = MAX_LINE_CHARS) -> None:
        self.text = text
        self.limit = limit
        self.record = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.record += len(line)
        if self.record > self.limit:
            raise _TooLong
        return line

    def record_done(self) -> None:
        self.record = 0


def _too_long(file: str, row: int) -> BundleReadError:
    return BundleReadError(
        f"{file}: row {row} is longer than {MAX_LINE_CHARS:,} characters (a cell holds at most "
        f"{MAX_CELL_CHARS:,}); the file is not a bundle table, or a quote is not closed"
    )


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
        number = 1
        try:
            with self.opener() as raw, io.TextIOWrapper(raw, encoding=self.encoding, newline="") as text:
                lines = _Lines(text)
                reader = csv.reader(lines, strict=True)
                next(reader, None)
                lines.record_done()
                for number, values in enumerate(reader, start=2):
                    lines.record_done()
                    _check_cells(self.file, number, self.header, values)
                    if not "".join(values).strip():
                        continue
                    if unnamed and not warned and any(i < len(values) and values[i].strip() for i in unnamed):
                        self.warnings.append("a column without a header name has values; they are ignored")
                        warned = True
                    overflow = len(values) > width and bool("".join(values[width:]).strip())
                    yield RawRow(number, dict(zip(self.header, values, strict=False)), overflow)
        except _TooLong as e:
            raise _too_long(self.file, number + 1) from e
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


def check_encoding(encoding: str | None) -> str | None:
    """The codec name of an encoding a caller named for a bundle, or InvalidInput.

    >>> check_encoding("BIG5"), check_encoding("latin-1"), check_encoding(None)
    ('big5', 'iso8859-1', None)
    """
    if encoding is None:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = ""
    if name not in ENCODINGS:
        raise InvalidInput(
            f"encoding: {encoding!r} is not an encoding a bundle is read in; use one of {', '.join(ENCODINGS)}",
            field="encoding",
        )
    return name


def read_bundle(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, encoding: str | None = None
) -> RawBundle:
    """Find and open the tables of the bundle at ``path``; raise InvalidInput if there are none.

    Every table file is read once here to settle its encoding, so a file that cannot be
    decoded is known (as a file-level problem of its :class:`RawTable`) before any row is.
    ``encoding`` (one of :data:`ENCODINGS`): read every CSV file strictly in it instead.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    encoding = check_encoding(encoding)
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

        if encoding is not None:
            raise InvalidInput(
                f"encoding: {source.name} is an Excel workbook, which has no text encoding to name; "
                "an encoding is for CSV files",
                field="encoding",
            )

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
            tables[spec.name] = _open_table(spec, name, openers(name), encoding)
    return RawBundle(source=str(source), tables=tables, unknown_files=unknown)


# -- one table file -----------------------------------------------------------------------------


def _open_table(spec: TableSpec, name: str, opener: Opener, encoding: str | None = None) -> RawTable:
    table = RawTable(spec=spec, file=name, opener=opener)
    try:
        table.encoding = _detect_encoding(opener) if encoding is None else _given_encoding(opener, encoding)
    except UnicodeError as e:
        table.problems.append(Problem(reason=str(e), file=name, field="encoding"))
        return table
    except _TooLong as e:
        table.problems.append(Problem(reason=_too_long(name, e.line or 1).message, file=name, row=e.line))
        return table
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise InvalidInput(f"the zip archive is corrupt: {name} cannot be unpacked ({e})") from e
    if table.encoding == "gb18030" and encoding is None:
        table.warnings.append("not UTF-8: read as GB18030 (Chinese Excel's default); save as 'CSV UTF-8'")
    _read_header(table)
    return table


_SAVE_AS = (
    "save it as 'CSV UTF-8', or name its encoding (chain-graph import --encoding big5; POST /imports?encoding=big5)"
)


def _detect_encoding(opener: Opener) -> str:
    """``utf-8``, ``utf-8-sig`` (with a byte-order mark) or ``gb18030`` that reads as Chinese."""
    with opener() as raw:
        head = raw.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnicodeError("the file is UTF-16 text (Excel's 'Unicode Text'); save it as 'CSV UTF-8'")
    if _decode(opener, "utf-8") is not None:
        return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    sample = _decode(opener, "gb18030")
    if sample is None:
        raise UnicodeError(f"the file is neither UTF-8 nor GB18030 text; {_SAVE_AS}")
    odd = _implausible(sample)
    if odd:
        raise UnicodeError(
            f"the file is not UTF-8, and read as GB18030 it gives text no one wrote ({odd}): "
            f"it is probably Big5 or Latin-1; {_SAVE_AS}"
        )
    return "gb18030"


def _given_encoding(opener: Opener, encoding: str) -> str:
    """The encoding the caller named, when the file decodes strictly in it."""
    if _decode(opener, encoding) is None:
        raise UnicodeError(f"the file is not valid {encoding} text (the encoding named for the bundle)")
    if encoding == "utf-8":
        with opener() as raw:
            return "utf-8-sig" if raw.read(3) == codecs.BOM_UTF8 else encoding
    return encoding


def _decode(opener: Opener, encoding: str) -> str | None:
    """The file's first :data:`_SAMPLE_CHARS` characters if all of it decodes strictly, else None.

    Private-use characters anywhere are kept in the sample (mojibake's surest sign).
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    sample: list[str] = []
    size = 0
    lines = _LineBytes()
    with opener() as raw:
        try:
            while chunk := raw.read(_CHUNK):
                lines.check(chunk)
                text = decoder.decode(chunk)
                if size < _SAMPLE_CHARS:
                    sample.append(text[: _SAMPLE_CHARS - size])
                    size += len(sample[-1])
                elif found := _PRIVATE_USE.search(text):
                    sample.append(found.group())
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return "".join(sample)


class _LineBytes:
    """Refuses (:class:`_TooLong`) a line of more than :data:`_MAX_LINE_BYTES` in a byte stream
    read in chunks, as soon as the line has passed it — before it is ever decoded or held."""

    def __init__(self) -> None:
        self.run = 0  # bytes of the line still open at the end of the last chunk
        self.ends = 0  # line ends seen

    def check(self, chunk: bytes) -> None:
        parts = _LINE_END.split(chunk)
        if self.run + len(parts[0]) > _MAX_LINE_BYTES or max(map(len, parts[1:]), default=0) > _MAX_LINE_BYTES:
            lengths = [self.run + len(parts[0]), *map(len, parts[1:])]
            raise _TooLong(self.ends + 1 + next(i for i, n in enumerate(lengths) if n > _MAX_LINE_BYTES))
        self.run = len(parts[-1]) + (self.run if len(parts) == 1 else 0)
        self.ends += len(parts) - 1


def _implausible(text: str) -> str | None:
    """Why GB18030-decoded ``text`` is mojibake, or None when it reads as Chinese.

    Signs: private-use code points (Big5 lead bytes land there: ``紡織`` in Big5 reads
    ``\\ue1f1麓``), or many letters outside GB 2312's 6,763 common characters (Big5 and
    Latin-1 byte pairs decode to rare ones). Real names hold a rare character now and then,
    about 1 % of the letters.

    >>> _implausible("纺织鞋服,晋江市,安踏") is None
    True
    >>> _implausible("Zürich".encode("latin-1").decode("gb18030"))
    "1 of 1 letters are rare: 'Z黵ich'"
    """
    private = _PRIVATE_USE.search(text)
    if private:
        return f"private-use character U+{ord(private.group()):04X}: {_around(text, private.start())!r}"
    letters = {c: n for c, n in Counter(text).items() if ord(c) > 0x7F and unicodedata.category(c).startswith("L")}
    rare = [c for c in letters if not _common(c)]
    total, odd = sum(letters.values()), sum(letters[c] for c in rare)
    if odd > _RARE_SHARE * total:
        first = min(text.find(c) for c in rare)
        return f"{odd} of {total} letters are rare: {_around(text, first)!r}"
    return None


def _common(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _around(text: str, at: int) -> str:
    """A few characters either side of ``at``, on one line."""
    return " ".join(text[max(0, at - 8) : at + 8].split())


def _clean_header(cell: str) -> str:
    """Header names without surrounding spaces or byte-order marks, lower-cased."""
    return fold_width(cell).replace("\ufeff", "").strip().lower()


def _read_header(table: RawTable) -> None:
    with table.opener() as raw, io.TextIOWrapper(raw, encoding=table.encoding, newline="") as text:
        try:
            first = next(csv.reader(_Lines(text), strict=True), None)
        except csv.Error as e:
            table.problems.append(Problem(reason=f"the header row is not valid CSV: {e}", file=table.file, row=1))
            return
        except _TooLong:
            table.problems.append(Problem(reason=_too_long(table.file, 1).message, file=table.file, row=1))
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
