"""A printed report as plain data: sections of paragraphs, tables and charts.

The content modules (:mod:`.monthly`, :mod:`.quarterly`) build a :class:`Document`; the
renderers (:mod:`chain_graph.export.docx`, :mod:`chain_graph.export.pdf`) lay it out, and
both draw every :class:`Chart` with :mod:`chain_graph.export.charts` — so the Word file and
the PDF say the same thing. Charts are data too (categories and series), which is what the
tests read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Block", "Chart", "Document", "Figure", "Para", "Section", "Series", "Table"]


@dataclass(frozen=True)
class Para:
    text: str
    note: bool = False  # small print: definitions, sources


@dataclass(frozen=True)
class Figure:
    """One headline figure: a label, its value as printed, and a line under it."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # columns aligned right
    empty: str = "（无）"  # printed instead of a table without rows


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    kind: Literal["bar", "line"] = "bar"
    axis: Literal["left", "right"] = "left"


@dataclass(frozen=True)
class Chart:
    """A bar (or bar and line) chart over ``categories``; ``horizontal`` for rankings."""

    title: str
    categories: list[str]
    series: list[Series]
    unit: str = ""  # the left axis
    right_unit: str = ""
    horizontal: bool = False
    goal: float | None = None  # a reference line (e.g. the annual target)
    goal_axis: Literal["left", "right"] = "left"
    goal_label: str = ""
    percent: bool = False  # the left axis holds shares (0..1) shown as percentages


Block = Para | Table | Chart | list[Figure]


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: str
    sections: list[Section] = field(default_factory=list)
    footer: str = ""
