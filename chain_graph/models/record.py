"""The record base: immutable, strict about unknown fields, keyed, and the stored-row fast path."""

from __future__ import annotations

import datetime as dt
import operator
import types
import typing
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict

from chain_graph.models.fields import AsOf, OptSource
from chain_graph.models.kinds import Kind

_CONVERTERS: dict[type, list[tuple[str, Callable[[Any], Any]]]] = {}
_JSON_FIELDS: dict[type, tuple[str, ...] | None] = {}
_KEY_GETTERS: dict[type, Callable[[dict[str, Any]], tuple[Any, ...]]] = {}


def _key_getter(fields: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The key's values from a record's ``__dict__`` (an import computes a million keys)."""
    if len(fields) == 1:
        (name,) = fields
        return lambda values: (values[name],)
    return operator.itemgetter(*fields)


def _core_type(annotation: Any) -> Any:
    """``dt.date`` for ``Annotated[dt.date | None, ...]`` and the like."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _converters_of(model: type[BaseModel]) -> list[tuple[str, Callable[[Any], Any]]]:
    converters: list[tuple[str, Callable[[Any], Any]]] = []
    for name, info in model.model_fields.items():
        core = _core_type(info.annotation)
        if core is dt.datetime:
            converters.append((name, dt.datetime.fromisoformat))
        elif core is dt.date:
            converters.append((name, dt.date.fromisoformat))
        elif isinstance(core, type) and issubclass(core, StrEnum):
            converters.append((name, core))
        elif typing.get_origin(core) is tuple:
            converters.append((name, tuple))
    return converters


def _is_plain(core: Any) -> bool:
    """A type whose values orjson writes exactly as pydantic does: text, numbers, booleans, dates
    (not date-times: pydantic writes UTC as ``Z``), string enums and tuples of those."""
    if core in (str, int, float, bool, dt.date):
        return True
    if isinstance(core, type) and issubclass(core, StrEnum):
        return True
    if typing.get_origin(core) is tuple:
        args = typing.get_args(core)
        return len(args) == 2 and args[1] is Ellipsis and _is_plain(_core_type(args[0]))
    return False


def _json_fields(model: type[BaseModel]) -> tuple[str, ...] | None:
    fields = model.model_fields
    if all(_is_plain(_core_type(info.annotation)) for info in fields.values()):
        return tuple(fields)
    return None


def dump_json(record: BaseModel) -> str:
    """``record.model_dump_json()``, the same text, ~10× faster for records of plain fields (all the
    graph kinds): orjson over the field values (``tests/test_record_fast_path.py`` holds them equal).

    >>> from chain_graph.models import Supply
    >>> dump_json(Supply(supplier_id="a", customer_id="b", amount_cny_100m=1))
    '{"source":null,"as_of":null,"supplier_id":"a","customer_id":"b","product":null,"amount_cny_100m":1.0}'
    """
    cls = type(record)
    fields = _JSON_FIELDS.get(cls, ())
    if fields == ():
        fields = _JSON_FIELDS[cls] = _json_fields(cls)
    if fields is None:
        return record.model_dump_json()
    values = record.__dict__
    try:
        return orjson.dumps({name: values[name] for name in fields}).decode()
    except (orjson.JSONEncodeError, KeyError):  # an int past 64 bits, a field not set: pydantic's way
        return record.model_dump_json()


M = TypeVar("M", bound=BaseModel)


def construct_unchecked(cls: type[M], values: dict[str, Any]) -> M:
    """An instance from values that are already valid and complete (every field given): what
    ``model_construct`` does, minus its per-field default handling. For hot paths only."""
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


class Record(BaseModel):
    """Base of every stored record: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, use_enum_values=False)

    KIND: ClassVar[Kind]
    KEY: ClassVar[tuple[str, ...]]

    @property
    def key(self) -> tuple[Any, ...]:
        """The record's identity within its kind (computed once: records are immutable)."""
        values = self.__dict__
        cached = values.get("_key_")
        if cached is None:
            get = _KEY_GETTERS.get(type(self))
            if get is None:
                get = _KEY_GETTERS[type(self)] = _key_getter(self.KEY)
            cached = values["_key_"] = get(values)
        return cached

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_key_", None)  # the key may have changed
        return copy

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> Self:
        """Rebuild a record from its own JSON dump without validating it again: a fast path.

        Only for data this library wrote after validation (the embedded store's rows, read back
        by the thousand per request): it converts dates, times, enums and tuples back and skips
        the checks, which cost several times the read. A row written before a field existed
        gets the field's default (through ``model_construct``). It does *not* check anything:
        input from outside goes through :func:`~chain_graph.models.parse_record`.
        ``tests/test_record_fast_path.py`` holds it equal to validation for every kind.

        >>> from chain_graph.models import Segment
        >>> Segment.from_stored({"segment_id": "tex.fiber", "chain_id": "tex", "name": "化纤",
        ...     "stage": "upstream", "parent_id": None, "description": None, "source": None, "as_of": None}).stage
        <Stage.UPSTREAM: 'upstream'>
        """
        converters = _CONVERTERS.get(cls)
        if converters is None:
            converters = _CONVERTERS[cls] = _converters_of(cls)
        values = dict(data)
        for name, convert in converters:
            value = values.get(name)
            if value is not None:
                values[name] = convert(value)
        if values.keys() != cls.model_fields.keys():  # written by an older version: fill defaults
            return cls.model_construct(**values)  # type: ignore[return-value]
        return construct_unchecked(cls, values)

    def to_row(self) -> dict[str, Any]:
        """Plain JSON-ready dict (enums as values, dates ISO, aliases a list)."""
        return self.model_dump(mode="json")


class _Provenance(BaseModel):
    source: OptSource = None
    as_of: AsOf = None
