"""Valid rows of the big tables as records without a pydantic validation per row.

A city's bundle is mostly supply ties, memberships and companies: a million rows whose cells are
read already (:mod:`~chain_graph.bundle.cells`) and almost always valid. :func:`fast_record` checks
such a row's values with the same rules the model applies (ids, names without control characters
and within their lengths, amounts within their bounds, dates within their years, the USCC's check
digit, no tie of a company to itself) and, when every value passes, builds the record the model
would build, with the same values of the same types. Whenever a value is anything else (a field it
has no rule for, a name to be trimmed, a code to be normalised, a bad value) it returns ``None``
and the importer lets the model validate the row: every refusal, and every problem reported for
it, still comes from the model. ``tests/test_fast_rows.py`` holds the two equal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from chain_graph.bundle.cells import reader_for
from chain_graph.bundle.tables import CellType, TableSpec
from chain_graph.models import Company, CompanySegment, Kind, Record, Role, Supply
from chain_graph.models.kinds import ID_PATTERN

__all__ = ["Columns", "fast_lane", "fast_reader", "fast_record"]

_NO = object()  # "let the model decide"
_Check = Callable[[Any], Any]
Columns = list[tuple[str, Callable[[str], Any], bool]]  # a table's columns: name, cell reader, required

_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")  # as models.fields
_USCC = re.compile(r"[0-9]{8}[0-9ABCDEFGHJKLMNPQRTUWXY]{10}")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_AS_OF_YEARS = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))


class _Ids:
    """An id as the model's ``Id`` takes it: already trimmed, 1–64 of ``A-Za-z0-9_.:-`` (ids repeat: each
    is matched once)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, value: Any) -> Any:
        if value in self.seen:
            return value
        if type(value) is str and _ID.fullmatch(value):
            self.seen.add(value)
            return value
        return _NO


def _text(max_chars: int) -> _Check:
    """A name, code or source: nothing to trim (Python's whitespace is a superset of what pydantic
    trims), at most ``max_chars``, no control character."""

    def check(value: Any) -> Any:
        if (
            type(value) is not str
            or not value
            or value[0].isspace()
            or value[-1].isspace()
            or len(value) > max_chars
            or _CONTROL.search(value)
        ):
            return _NO
        return value

    return check


def _number(kind: Any, low: float, high: float) -> _Check:
    def check(value: Any) -> Any:
        if type(value) is kind and low <= value <= high:  # NaN compares false: refused
            return value
        return _NO

    return check


def _bool(value: Any) -> Any:
    return value if type(value) is bool else _NO


class _Dates:
    """An ISO date (what the cell reader gives) within ``years``, as a ``datetime.date``."""

    def __init__(self, years: tuple[dt.date, dt.date]) -> None:
        self.low, self.high = years
        self.seen: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        found = self.seen.get(value)
        if found is None:
            found = _NO
            if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
                try:
                    day = dt.date.fromisoformat(value)
                except ValueError:
                    day = None
                if day is not None and self.low <= day <= self.high:
                    found = day
            self.seen[value] = found
        return found


def _enum(enum: type[StrEnum]) -> _Check:
    members = {member.value: member for member in enum}

    def check(value: Any) -> Any:
        return members.get(value, _NO) if type(value) is str else _NO

    return check


def _uscc(value: Any) -> Any:
    """A code that ``normalize_uscc`` keeps as it is: 18 characters of the GB 32100 alphabet, eight
    digits first, the check digit right."""
    if type(value) is not str or not _USCC.fullmatch(value):
        return _NO
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(value, _USCC_WEIGHTS, strict=False))
    return value if value[-1] == _USCC_ALPHABET[(31 - total) % 31] else _NO


def _country(value: Any) -> Any:
    return value if type(value) is str and len(value) == 2 and value.isascii() and value.isupper() else _NO


_ALIAS = _text(200)


def _aliases(value: Any) -> Any:
    """``a|b|a`` → ``("a", "b")``, as the model's ``Aliases`` splits, checks and deduplicates."""
    if type(value) is not str:
        return _NO
    parts = [a.strip() for a in value.split("|")]
    parts = [a for a in parts if a]
    if len(parts) > 50 or any(_ALIAS(a) is _NO for a in parts):
        return _NO
    return tuple(dict.fromkeys(parts))


class _Fast:
    """The rules of one model's fields; :meth:`build` is :func:`fast_record` for it."""

    def __init__(
        self, model: type[Record], checks: dict[str, _Check], after: Callable[[dict[str, Any]], bool] | None = None
    ) -> None:
        assert set(checks) <= set(model.model_fields), f"{model.__name__}: a rule for no field"
        self.model = model
        self.checks = checks
        self.after = after
        self.defaults = {name: info.default for name, info in model.model_fields.items()}
        self.required = frozenset(name for name, info in model.model_fields.items() if info.is_required())
        self._sets: dict[frozenset[str], set[str]] = {}  # see _given

    def reader(
        self, columns: list[tuple[str, Callable[[str], Any], bool]]
    ) -> Callable[[dict[str, str]], Record | None]:
        """Cells straight to the record: each distinct text of a column read and checked once (ids,
        dates, sources repeat in every file), every other row left to the model (None)."""
        if any(name not in self.checks for name, _, _ in columns) or not self.required.issubset(
            name for name, _, _ in columns
        ):
            return lambda cells: None
        # per column: its cache of text → checked value, how to fill it, and whether a blank sends the row
        # to the model (a required column, or a field the model requires)
        fused = [(name, *_cached(read, self.checks[name]), required or name in self.required)
                 for name, read, required in columns]  # fmt: skip
        names = frozenset(name for name, _, _ in columns)
        defaults, new, after, given = self.defaults, self._new, self.after, self._given

        def read_cells(cells: dict[str, str]) -> Record | None:
            values = defaults.copy()
            blank: list[str] | None = None
            for name, seen, fill, must in fused:
                text = cells.get(name)
                value = seen.get(text, seen)
                if value is seen:
                    value = fill(text)
                if value is _NO:
                    return None
                if value is _BLANK:
                    if must:
                        return None
                    if blank is None:
                        blank = []
                    blank.append(name)
                    continue
                values[name] = value
            if after is not None and not after(values):
                return None
            return new(values, given(names if blank is None else names.difference(blank)))

        return read_cells

    def build(self, data: dict[str, Any]) -> Record | None:
        values = self.defaults.copy()
        checks = self.checks
        for name, value in data.items():
            check = checks.get(name)
            if check is None:
                return None
            value = check(value)
            if value is _NO:
                return None
            values[name] = value
        if not self.required.issubset(data) or (self.after is not None and not self.after(values)):
            return None
        return self._new(values, self._given(frozenset(data)))

    def _given(self, names: frozenset[str]) -> set[str]:
        """The one set of field names shared by every record built with these fields given: a set of
        six names costs ~470 bytes, a city's million ties each had their own. Sharing is safe as
        records are frozen (pydantic refuses to set a field, and ``model_copy`` copies the set
        before it adds the updated names); nothing in chain-graph changes a record's fields set."""
        shared = self._sets.get(names)
        if shared is None:
            shared = self._sets[names] = set(names)
        return shared

    def _new(self, values: dict[str, Any], given: set[str]) -> Record:
        record = self.model.__new__(self.model)
        object.__setattr__(record, "__dict__", values)
        object.__setattr__(record, "__pydantic_fields_set__", given)
        object.__setattr__(record, "__pydantic_extra__", None)
        object.__setattr__(record, "__pydantic_private__", None)
        return record


_BLANK = object()  # an empty cell: a missing value
_CACHE = 1 << 17  # distinct texts remembered per column


def _cached(read: Callable[[str], Any], check: _Check) -> tuple[dict[str | None, Any], Callable[[str | None], Any]]:
    """A column's cache of cell text → the checked value, :data:`_BLANK` or :data:`_NO` (a missing cell
    is blank), and the function that works out a text not in it and remembers it."""
    seen: dict[str | None, Any] = {None: _BLANK}

    def fill(text: str | None) -> Any:
        if text is None or not text.strip():
            value = _BLANK
        else:
            try:
                value = check(read(text))
            except ValueError:  # CellError, and whatever else the model would refuse
                value = _NO
        if len(seen) < _CACHE:
            seen[text] = value
        return value

    return seen, fill


def _rules() -> dict[Kind, _Fast]:
    ident = _Ids()
    provenance: dict[str, _Check] = {"source": _text(500), "as_of": _Dates(_AS_OF_YEARS)}
    name = _text(200)
    return {
        Kind.SUPPLY: _Fast(
            Supply,
            {"supplier_id": ident, "customer_id": ident, "product": name,
             "amount_cny_100m": _number(float, 0, 1e9), **provenance},
            lambda v: v["supplier_id"] != v["customer_id"],
        ),
        Kind.COMPANY_SEGMENT: _Fast(
            CompanySegment,
            {"company_id": ident, "segment_id": ident, "role": _enum(Role), "share": _number(float, 0, 1),
             **provenance},
        ),
        Kind.COMPANY: _Fast(
            Company,
            {"company_id": ident, "name": name, "short_name": name, "aliases": _aliases, "uscc": _uscc,
             "region": ident, "local_site": _bool, "country": _country,
             "revenue_cny_100m": _number(float, 0, 1e9), "employees": _number(int, 0, 10_000_000),
             "listed_code": _text(64), "overseas_chinese": _bool, **provenance},
        ),
    }  # fmt: skip


def fast_record(kind: Kind) -> Callable[[dict[str, Any]], Record | None] | None:
    """The fast builder of a kind's rows from their read values (see the module's doc), or None where
    the model validates every row (the small tables). Fresh per call: it remembers the ids and dates it saw."""
    rules = _rules().get(kind)
    return rules.build if rules is not None else None


def fast_reader(kind: Kind, columns: Columns) -> Callable[[dict[str, str]], Record | None] | None:
    """The fast lane from a row's cells (name → text) for a table whose ``columns`` (name, cell reader,
    required) are read by pure readers: the record, or None to read and validate the row as usual."""
    rules = _rules().get(kind)
    return rules.reader(columns) if rules is not None else None


def fast_lane(spec: TableSpec, header: tuple[str, ...]) -> Callable[[dict[str, str]], Record | None] | None:
    """:func:`fast_reader` for a table file with this header, when each of its cells is read on its own
    (a region cell is resolved by the importer against the known regions: no fast lane)."""
    columns = [c for c in spec.columns if c.name in header]
    if any(c.type is CellType.REGION for c in columns):
        return None
    return fast_reader(spec.kind, [(c.name, reader_for(c), c.required) for c in columns])
