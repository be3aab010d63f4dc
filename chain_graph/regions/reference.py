"""Resolve a region a planner wrote — a code or a name — against GB/T 2260 and ISO 3166.

:class:`ReferenceRegions` answers two questions: which region does this cell mean
(:meth:`~ReferenceRegions.resolve`), and which region records must exist for that code to
be stored (:meth:`~ReferenceRegions.records`: the region and its ancestors up to the
province and the country). It knows nothing of a store: the importer asks it only about
the values the bundle and the store do not already know.

Examples
--------
>>> ref = ReferenceRegions()
>>> ref.resolve("350582"), ref.resolve("广东省"), ref.resolve("泉州"), ref.resolve("US")
('350582', '440000', '350500', 'US')
>>> [r.region_id for r in ref.records("350582")]
['350582', '350500', '350000', 'CN']
>>> ref.resolve("朝阳区")
Traceback (most recent call last):
...
chain_graph.errors.InvalidInput: ambiguous region name: 朝阳区 is 北京市朝阳区 (110105), 长春市朝阳区 (220104); ...
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chain_graph.errors import InvalidInput
from chain_graph.models import Region
from chain_graph.regions.countries import country_code, country_region
from chain_graph.regions.gbt2260 import COUNTRY, Division, DivisionTable, division_table

__all__ = ["ReferenceRegions"]

_CODE = re.compile(r"\d{6}")


class ReferenceRegions:
    """GB/T 2260 divisions (1980 to today) and ISO 3166-1 countries; the table loads on first use."""

    def __init__(self, table: Callable[[], DivisionTable] = division_table) -> None:
        self._load = table

    @property
    def table(self) -> DivisionTable:
        return self._load()

    def resolve(self, text: str) -> str:
        """The region id ``text`` means: a GB/T 2260 code or name, or a country's code or name.

        Raises :class:`InvalidInput` (field ``region``) saying why not: an unknown code, a
        name several divisions share, a retired name, or a name of nothing known.
        """
        text = text.strip()
        if _CODE.fullmatch(text):
            if self.table.get(text) is None:
                raise InvalidInput(
                    f"{text} is not a GB/T 2260 code of a province, city or county "
                    f"(1980–{self.table.year}); check the digits",
                    field="region",
                )
            return text
        divisions = self.table.named(text)
        if len(divisions) == 1:
            return divisions[0].code
        if divisions:
            shown = ", ".join(f"{self._full_name(d)} ({d.code})" for d in divisions)
            raise InvalidInput(f"ambiguous region name: {text} is {shown}; give the code", field="region")
        country = country_code(text)
        if country is not None:
            return country
        former = self.table.formerly_named(text)
        if former:
            shown = ", ".join(f"{d.code}, in use until {d.last_year}" for d in former)
            raise InvalidInput(f"{text} is a former division ({shown}); give today's region", field="region")
        raise InvalidInput(
            "names no known region: give a GB/T 2260 code or name (e.g. 350582 or 晋江市), "
            "an ISO 3166 country code or name (e.g. US), or a region of the bundle or the store",
            field="region",
        )

    def records(self, region_id: str) -> list[Region]:
        """The region of ``region_id`` and its ancestors, the country last (empty if unknown)."""
        if not _CODE.fullmatch(region_id):
            try:
                return [country_region(region_id)]
            except LookupError:
                return []
        lineage = self.table.lineage(region_id)
        if not lineage:
            return []
        return [*(self.table.region(d) for d in lineage), country_region(COUNTRY)]

    def division(self, region_id: str) -> Division | None:
        return self.table.get(region_id)

    def _full_name(self, division: Division) -> str:
        names = [d.name for d in reversed(self.table.lineage(division.code))]
        return "".join(names[-2:]) if division.parent else division.name
