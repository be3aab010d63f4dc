"""Writing workbooks: Chinese headers, a frozen header row, an autofilter, column widths that fit
the text (a CJK character counts double) and number formats (亿元 with two decimals, shares as
percentages, dates as ``yyyy-mm-dd``). Workbooks are written in openpyxl's streaming mode, so a
large bundle is never held whole.

**Formula injection.** Text that a spreadsheet could take for a formula (beginning with
``=``, ``+``, ``-``, ``@``, a tab or a line break, half- or full-width) is written as a text
cell with Excel's quote prefix — the ``'`` Excel itself stores when a user types ``'=1`` — so
it shows as typed and is never evaluated, not even after the cell is edited (OWASP, CSV
injection). The text itself is unchanged, so a bundle exported and imported again is equal.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "AMOUNT", "DATE", "INTEGER", "PERCENT", "SCORE", "TEXT", "TIME", "XLSX_MEDIA_TYPE",
    "Col", "Path_", "item", "new_workbook", "save", "sheet", "yes",
]  # fmt: skip

AMOUNT, INTEGER, PERCENT, SCORE = "#,##0.00", "0", "0.0%", "0.0"
DATE, TIME, TEXT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "@"


@dataclass(frozen=True)
class Col:
    """One column of a sheet: its header, how a row gives its value, its number format."""

    header: str
    get: Callable[[Any], Any]
    fmt: str | None = None


Path_ = str | os.PathLike[str] | None


XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


BEIJING = dt.timezone(dt.timedelta(hours=8))  # times are shown as planners read them


_WIDTH_SAMPLE = 1000  # rows looked at to size the columns


def new_workbook() -> Any:
    from openpyxl import Workbook  # heavy; only when a workbook is made

    return Workbook(write_only=True)


def sheet(
    wb: Any,
    title: str,
    columns: Sequence[Col],
    items: Iterable[Any],
    *,
    formats: Mapping[int, str] | None = None,
    text_ids: bool = False,
    print_setup: str | None = None,
) -> None:
    """One sheet: bold header, frozen, filtered, sized to its first rows.

    ``formats`` gives row-specific formats (row index → format of the value column, for
    key-value sheets); ``text_ids`` formats whole text columns as text (``@``), so an id a
    planner types later (000001) stays as typed.
    """
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    it = iter(items)
    head = [[col.get(item) for col in columns] for item in itertools.islice(it, _WIDTH_SAMPLE)]
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        widest = max([_width(col.header) + 2, *(_width(row[i - 1]) for row in head)])
        ws.column_dimensions[letter].width = min(max(widest + 2, 8), 60)
        if text_ids and col.fmt == TEXT:
            ws.column_dimensions[letter].number_format = TEXT
    ws.freeze_panes = "A2"
    if print_setup is not None:
        _print_setup(ws, print_setup)
    ws.append([_header_cell(ws, col.header) for col in columns])
    count = 0
    rows = itertools.chain(head, ([col.get(item) for col in columns] for item in it))
    for count, values in enumerate(rows, start=1):
        fmts = [formats.get(count - 1, col.fmt) if formats and i == 1 else col.fmt for i, col in enumerate(columns)]
        ws.append([_cell(ws, v, f) for v, f in zip(values, fmts, strict=True)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def _print_setup(ws: Any, title: str) -> None:
    """A4 landscape, one page wide, the header row on every page, ``title`` above, page numbers below."""
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = title
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _header_cell(ws: Any, text: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    cell = WriteOnlyCell(ws, text)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDEBF7")
    return cell


def _cell(ws: Any, value: Any, fmt: str | None) -> Any:
    """A value as a cell: text neutralised against formulas, times in Beijing time, numbers formatted."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not text.startswith(FORMULA_STARTS):
            return text
        cell = WriteOnlyCell(ws, text)
        cell.data_type = "s"  # text, never a formula …
        cell.quotePrefix = True  # … even after the cell is edited
        return cell
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(BEIJING).replace(tzinfo=None)
    if fmt is None or fmt == TEXT or isinstance(value, bool):
        return value
    cell = WriteOnlyCell(ws, value)
    cell.number_format = fmt
    return cell


def _width(value: Any) -> int:
    """Display width: a CJK (wide) character takes two columns."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[:200])


def yes(flag: bool) -> str:
    return "是" if flag else "否"


def save(wb: Any, path: Path_) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def item(i: int) -> Callable[[Sequence[Any]], Any]:
    return lambda row: row[i]
