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
from pathlib import Path

from chain_graph.bundle.archive import Opener, choose_tables, folder_entries, zip_entries
from chain_graph.bundle.raw import (
    MAX_CELL_CHARS,
    MAX_LINE_CHARS,
    BundleReadError,
    Lines,
    LineTooLong,
    RawBundle,
    RawRow,
    RawTable,
    apply_header,
    line_too_long,
)
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
# The encodings a caller may name for a bundle's CSV files (codec names as codecs.lookup gives them).
ENCODINGS = ("utf-8", "gb18030", "gbk", "big5", "big5hkscs", "cp950", "iso8859-1", "cp1252")
_CHUNK = 1 << 20
_SAMPLE_CHARS = 1 << 20  # decoded text whose letters are checked for mojibake
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_LINE_END = re.compile(rb"\r\n|\r|\n")
_MAX_LINE_BYTES = 4 * MAX_LINE_CHARS  # a UTF-8 character takes at most 4 bytes
_RARE_SHARE = 0.2  # of the non-ASCII letters: GB18030 text of real Chinese names has ~1 %
XLSX_SUFFIXES = (".xlsx", ".xlsm")  # one workbook, one sheet per table (chain_graph.bundle.xlsx)


def check_encoding(encoding: str | None) -> str | None:
    """The codec name of an encoding a caller named for a bundle, or InvalidInput.

    >>> check_encoding("BIG5"), check_encoding("latin-1"), check_encoding(None)
    ('big5', 'iso8859-1', None)
    >>> check_encoding(chr(0))  # codecs.lookup raises ValueError here, not LookupError
    Traceback (most recent call last):
    ...
    chain_graph.errors.InvalidInput: encoding: ... is not an encoding a bundle is read in; ...
    """
    if encoding is None:
        return None
    try:
        name = codecs.lookup(encoding).name
    except (LookupError, ValueError):  # ValueError: a NUL in the name
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
    except LineTooLong as e:
        table.problems.append(Problem(reason=line_too_long(name, e.line or 1).message, file=name, row=e.line))
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
    """Refuses (:class:`LineTooLong`) a line of more than :data:`_MAX_LINE_BYTES` in a byte stream
    read in chunks, as soon as the line has passed it — before it is ever decoded or held."""

    def __init__(self) -> None:
        self.run = 0  # bytes of the line still open at the end of the last chunk
        self.ends = 0  # line ends seen

    def check(self, chunk: bytes) -> None:
        parts = _LINE_END.split(chunk)
        if self.run + len(parts[0]) > _MAX_LINE_BYTES or max(map(len, parts[1:]), default=0) > _MAX_LINE_BYTES:
            lengths = [self.run + len(parts[0]), *map(len, parts[1:])]
            raise LineTooLong(self.ends + 1 + next(i for i, n in enumerate(lengths) if n > _MAX_LINE_BYTES))
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


def _read_header(table: RawTable) -> None:
    with table.opener() as raw, io.TextIOWrapper(raw, encoding=table.encoding, newline="") as text:
        try:
            first = next(csv.reader(Lines(text), strict=True), None)
        except csv.Error as e:
            table.problems.append(Problem(reason=f"the header row is not valid CSV: {e}", file=table.file, row=1))
            return
        except LineTooLong:
            table.problems.append(Problem(reason=line_too_long(table.file, 1).message, file=table.file, row=1))
            return
    apply_header(table, first)
