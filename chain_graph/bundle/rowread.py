"""One row of a bundle's table file read into a record, or the problems that refuse it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from chain_graph.bundle.cells import CellError
from chain_graph.bundle.raw import RawRow
from chain_graph.errors import Problem
from chain_graph.models import Kind, Record, problems_of

__all__ = ["PENDING_ID", "is_pending", "read_row"]

PENDING_ID = "rk-pending"  # stands in for a ranking's company_id until its name is matched
_VALUE_CHARS = 80


def is_pending(record: Record) -> bool:
    """A ranking whose company is named only by name, until the name is matched."""
    return record.KIND is Kind.RANKING and record.company_id == PENDING_ID  # type: ignore[attr-defined]


def read_row(
    model: type[Record],
    readers: list[tuple[str, Callable[[str], Any], bool]],
    row: RawRow,
    complete: Callable[[dict[str, Any], list[Problem], int], None] | None = None,
    fast: Callable[[dict[str, Any]], Record | None] | None = None,
) -> tuple[Record | None, list[Problem]]:
    """Read each cell, let ``complete`` derive fields from others, then validate the row by its model
    (or ``fast``, which builds the same record from values it knows valid, and leaves the rest to the model)."""
    problems: list[Problem] = []
    if row.overflow:
        problems.append(Problem(reason="the row has more cells than the header has columns"))
    data: dict[str, Any] = {}
    for name, read, required in readers:
        text = row.cells.get(name)
        if text is None or not text.strip():
            if required:
                problems.append(Problem(reason="required value is empty", field=name))
            continue
        try:
            data[name] = read(text)
        except CellError as e:
            problems.append(Problem(reason=str(e), field=name, value=_short(text)))
    if model.KIND is Kind.RANKING and "company_id" not in data:
        data["company_id"] = PENDING_ID
    if complete is not None:
        complete(data, problems, row.number)
    if fast is not None and not problems:
        record = fast(data)
        if record is not None:
            return record, problems
    try:
        return model.model_validate(data), problems
    except ValidationError as e:
        reported = {p.field for p in problems}
        return None, problems + [p for p in problems_of(e) if p.field not in reported]


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 3] + "..."
