"""The record base: immutable, strict about unknown fields, keyed, and the stored-row fast path."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self, TypeVar

from pydantic import BaseModel, ConfigDict

from chain_graph.models.fields import AsOf, OptSource
from chain_graph.models.kinds import Kind

_CONVERTERS: dict[type, list[tuple[str, Callable[[Any], Any]]]] = {}


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
        cached = self.__dict__.get("_key_")
        if cached is None:
            cached = self.__dict__["_key_"] = tuple(getattr(self, f) for f in self.KEY)
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
