"""The store's records as an importable workbook (the columns of the import format), one sheet per
table, written row by row from the records the services hand over (read a page at a time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from chain_graph.bundle.tables import TABLES, CellType, TableSpec
from chain_graph.export.xlsx_writer import DATE, TEXT, Col, Path_, new_workbook, save, sheet
from chain_graph.models import Record

__all__ = ["bundle_columns", "bundle_workbook"]


def bundle_workbook(tables: Mapping[str, Iterable[Record]], path: Path_ = None) -> bytes:
    """The records of each table (by the import format's table name, in its order) as an importable
    workbook; a table left out is written with its header only."""
    wb = new_workbook()
    names: dict[str, str] = {}  # company id → name: a ranking stored without the listed name gets it
    for spec in TABLES:
        sheet(wb, spec.name, bundle_columns(spec), _bundle_rows(tables.get(spec.name, ()), spec, names), text_ids=True)
    return save(wb, path)


def _bundle_rows(records: Iterable[Record], spec: TableSpec, names: dict[str, str]) -> Iterator[dict[str, Any]]:
    for record in records:
        row = record.to_row()
        if spec.name == "companies":
            names[row["company_id"]] = row["name"]
        elif spec.name == "rankings" and not row.get("company_name"):
            row["company_name"] = names.get(row["company_id"])
        yield row


def bundle_columns(spec: TableSpec) -> list[Col]:
    return [Col(c.name, _bundle_value(c.name, c.type), _BUNDLE_FORMATS.get(c.type)) for c in spec.columns]


_BUNDLE_FORMATS = {CellType.DATE: DATE, CellType.ID: TEXT, CellType.CODE: TEXT, CellType.REGION: TEXT}


def _bundle_value(name: str, kind: CellType) -> Callable[[Mapping[str, Any]], Any]:
    def value(row: Mapping[str, Any]) -> Any:
        v = row.get(name)
        if isinstance(v, list | tuple):
            return "|".join(v) or None
        if kind is CellType.DATE and isinstance(v, str):
            return dt.date.fromisoformat(v)
        return v

    return value
