"""One exception family for chain-graph.

Every error the library raises on purpose is a :class:`ChainGraphError`. The API maps the
subclasses to HTTP codes in one place (404, 409, 422, 503); the CLI prints the message and
exits non-zero. Store backends translate their own errors into these at the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "ChainGraphError",
    "Conflict",
    "IntegrityError",
    "InvalidInput",
    "NotFound",
    "Problem",
    "StoreUnavailable",
]


@dataclass(frozen=True)
class Problem:
    """One reason an input was refused: where (field, and for files: file and row) and why."""

    reason: str
    field: str | None = None
    file: str | None = None
    row: int | None = None
    value: Any = None

    def as_dict(self) -> dict[str, Any]:
        data = {"file": self.file, "row": self.row, "field": self.field, "reason": self.reason}
        if self.value is not None:
            data["value"] = self.value
        return {k: v for k, v in data.items() if v is not None}


class ChainGraphError(Exception):
    """Base of every error chain-graph raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ChainGraphError):
    """An id that names nothing in the store."""

    code = "not_found"


class Conflict(ChainGraphError):
    """The write clashes with what is stored (stale version, dependents still present)."""

    code = "conflict"


class InvalidInput(ChainGraphError):
    """Input that breaks a rule: wrong type, bad id, bad credit code, bad file."""

    code = "invalid_input"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.problems: list[Problem] = list(problems or [])


class IntegrityError(InvalidInput):
    """A write that would leave a relationship pointing at nothing."""

    code = "integrity"


class StoreUnavailable(ChainGraphError):
    """The store cannot be reached or opened; nothing was written."""

    code = "store_unavailable"
