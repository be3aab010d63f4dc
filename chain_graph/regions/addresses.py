"""Place a Chinese address in its county with cnloc's address parser, or say why it cannot.

``cnloc`` reads an address left to right (province, city, county; full names, and short
names of provinces and cities) and leaves out what it cannot place for certain. On top of
it, :class:`AddressPlacer` tells the two kinds of failure apart, so a planner knows what to
fix: an address that names a county several divisions share without saying which
(``鼓楼区…``, ``江苏鼓楼区…``) is **ambiguous**, with the candidates listed; one that names
no division at all (``中关村大街1号``) is **unresolved**. An address that names a city or a
province but no county is placed there (coarser, not guessed). Streets named after places
are not places: a short name followed by 路, 街, 道, 大… (``中山路``, ``北京大道``) places
nothing, and county short names (``晋江`` for 晋江市) are not read at all (``西湖大道`` is a
street, not 西湖区).

Importing ``cnloc`` takes a few seconds (it builds its matcher), so it happens on the first
address only; each distinct address is parsed once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from chain_graph.models import RegionLevel
from chain_graph.regions.gbt2260 import DivisionTable

__all__ = ["AddressPlacer", "Placement"]

_LOCK = threading.Lock()
_STREET = frozenset("路街道巷弄桥大")  # after a short name: a street (中山路, 北京大道), not the place


@dataclass(frozen=True)
class Placement:
    """Where an address lies: the finest division it names for certain, or why none."""

    code: str | None
    level: RegionLevel | None = None
    reason: str | None = None  # when code is None: "ambiguous: …" or "unresolved: …"


class AddressPlacer:
    """Parse addresses against a :class:`DivisionTable` (the same table cnloc matches with)."""

    def __init__(self, table: DivisionTable) -> None:
        self._table = table
        self._seen: dict[str, Placement] = {}
        self._parser: Any = None
        self._year = table.year
        self._full_county: Any = None

    def __call__(self, address: str) -> Placement:
        text = address.strip()
        placement = self._seen.get(text)
        if placement is None:
            placement = self._seen[text] = self._place(text)
        return placement

    def _place(self, text: str) -> Placement:
        parser = self._cnloc()
        found = parser.parse_single(text, year=self._year)
        county = self._table.get(found["county_adcode"] or "")
        if county is not None:
            return Placement(county.code, county.level)
        matches = parser.get_best_matches(text, self._year)
        placed = [c for c in (found["city_adcode"], found["province_adcode"]) if c and self._named(c, text, matches)]
        shared = self._unplaced_counties(matches, placed)
        if shared:
            names = "、".join(sorted({d.name for d in shared}))
            listed = ", ".join(f"{self._full_name(d)} ({d.code})" for d in shared)
            return Placement(None, reason=f"ambiguous: {names} could be {listed}; write the city before the county")
        for code in placed:
            division = self._table.get(code)
            if division is not None and division.current:
                return Placement(division.code, division.level)
        return Placement(
            None,
            reason="unresolved: names no province, city or county of GB/T 2260; "
            "give the region, or write the address from the province or city down",
        )

    def _unplaced_counties(self, matches: list[dict[str, Any]], placed: list[str]) -> list[Any]:
        """Counties named in full that the parser could not place, within what it did place (if anything)."""
        named = [
            division
            for match in matches
            for code in sorted(match["adcode"].get(self._full_county, ()))
            if (division := self._table.get(code)) is not None
        ]
        if not placed:
            return named
        return [d for d in named if any(p in {x.code for x in self._table.lineage(d.code)} for p in placed)]

    def _named(self, code: str, text: str, matches: list[dict[str, Any]]) -> bool:
        """Whether the address names division ``code`` as a place, not only inside a street's name."""
        full = self._full_county[0]
        for match in matches:
            hits = [kind for (kind, _), codes in match["adcode"].items() if code in codes]
            if full in hits or (hits and text[match["end"] + 1 : match["end"] + 2] not in _STREET):
                return True
        return False

    def _full_name(self, division: Any) -> str:
        parent = self._table.get(division.parent or "")
        return f"{parent.name}{division.name}" if parent else division.name

    def _cnloc(self) -> Any:
        if self._parser is None:
            with _LOCK:
                import cnloc  # slow: builds its tables on import

                self._year = min(self._table.year, cnloc.DEFAULT_YEAR)
                cnloc.getlocation("", year=self._year)  # builds the matcher of that year
                self._full_county = (cnloc.FULL_NAME, "county")
                self._parser = cnloc.address_parser
        return self._parser
