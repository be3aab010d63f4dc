"""Read one spreadsheet cell the way a planner meant it.

Planners fill bundles in Excel: they type ``1,234.5``, ``2024/9/12``, ``是``, and with a
Chinese input method switched on, full-width ``２０２４`` or ``，``. Each reader here takes
the cell's text (never empty: empty cells are missing values and never get here) and
returns the value the model expects, or raises :class:`CellError` with a reason a planner
can act on. Full-width characters are folded to half-width in ids, codes, numbers and dates
only; names are kept exactly as typed.

Examples
--------
>>> read_number(" １,２３４.５ ")
1234.5
>>> read_date("2024/9/12")
'2024-09-12'
>>> read_bool("是"), read_bool("N")
(True, False)
>>> read_date("12.9.2024")
Traceback (most recent call last):
...
chain_graph.bundle.cells.CellError: not a date: write it as 2024-09-12 (or 2024/9/12, 2024.9.12)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from chain_graph.bundle.tables import ENUM_SYNONYMS, ENUM_VALUES, CellType, Column
from chain_graph.models import ID_PATTERN

__all__ = [
    "CellError",
    "fold_width",
    "read_bool",
    "read_date",
    "read_id",
    "read_integer",
    "read_number",
    "reader_for",
]


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the planner."""


# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space, to their half-width forms.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_ID = re.compile(ID_PATTERN)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_TRUE = frozenset({"true", "1", "yes", "y", "是"})
_FALSE = frozenset({"false", "0", "no", "n", "否"})


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width: ``fold_width("ＡＢ１２，") == "AB12,"``."""
    return text if text.isascii() else text.translate(_HALF_WIDTH)


def read_text(text: str) -> str:
    """Names and free text: kept as typed (the model trims surrounding spaces)."""
    return text


def read_code(text: str) -> str:
    """Codes (USCC, listed code, country): width-folded and trimmed; the model checks them."""
    return fold_width(text).strip()


def read_id(text: str) -> str:
    """An id: 1–64 letters, digits, ``_ . : -`` after width folding."""
    value = fold_width(text).strip()
    if not _ID.match(value):
        raise CellError("not a valid id: use 1–64 letters, digits, _ . : -")
    return value


def read_number(text: str) -> float:
    """A decimal; ``1,234.5`` with thousands separators is accepted."""
    value = _number_text(text)
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("not a number")
    return number


def read_integer(text: str) -> int:
    """A whole number; ``1,200`` and ``1200.0`` are accepted, ``12.5`` is not."""
    value = _number_text(text)
    if _WHOLE_NUMBER.fullmatch(value):
        return int(value)
    number = float(value)
    if not number.is_integer():
        raise CellError("not a whole number")
    return int(number)


def _number_text(text: str) -> str:
    value = fold_width(text).strip()
    if _GROUPED_NUMBER.fullmatch(value):
        value = value.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(value):
        raise CellError("not a number")
    return value


def read_date(text: str) -> str:
    """A date as ISO ``YYYY-MM-DD``, from ``2024-09-12``, ``2024/9/12`` or ``2024.9.12``."""
    match = _DATE.fullmatch(fold_width(text).strip())
    if not match:
        raise CellError("not a date: write it as 2024-09-12 (or 2024/9/12, 2024.9.12)")
    year, _, month, day = match.groups()
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError as e:
        raise CellError(f"not a real date ({e})") from e


def read_bool(text: str) -> bool:
    """Yes or no, in the ways Excel users write it (true/false, 1/0, yes/no, y/n, 是/否)."""
    value = fold_width(text).strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError("not a yes/no value: use true/false, 1/0, yes/no, y/n or 是/否")


def _enum_reader(column: str) -> Callable[[str], str]:
    values = ENUM_VALUES[column]
    synonyms = ENUM_SYNONYMS.get(column, {})

    def read_enum(text: str) -> str:
        value = fold_width(text).strip().lower()
        value = str(synonyms.get(value, value))
        if value not in values:
            raise CellError(f"must be one of {', '.join(values)}")
        return value

    return read_enum


_READERS: dict[CellType, Callable[[str], Any]] = {
    CellType.TEXT: read_text,
    CellType.ID: read_id,
    CellType.CODE: read_code,
    CellType.NUMBER: read_number,
    CellType.INTEGER: read_integer,
    CellType.DATE: read_date,
    CellType.BOOL: read_bool,
    CellType.REGION: read_text,  # resolved by the importer against the known regions
}


def reader_for(column: Column) -> Callable[[str], Any]:
    """The function that reads a non-empty cell of this column."""
    if column.type is CellType.ENUM:
        return _enum_reader(column.enum or column.name)
    return _READERS[column.type]
