"""Where a company is: its ``region`` cell, or else its ``address``, or else its country.

A companies row may give an ``address`` instead of (or as well as) a ``region``. The
address is placed in its county by :class:`chain_graph.regions.AddressPlacer` and is not
stored itself:

- no region: the address's county becomes the region; an address that names only a city
  or a province is placed there (the file's warnings list those rows); an ambiguous or
  unresolved address rejects the row, on the ``address`` column, with the reason;
- a region as well: the two must agree (one lies within the other) and the finer one is
  kept; if they disagree the row is rejected; an address that cannot be placed is only a
  warning, since the region already says where the company is;
- a foreign ``country`` (not CN, HK, MO, TW): the address is not parsed; without a region,
  the country itself becomes the region (ISO 3166).
"""

from __future__ import annotations

from typing import Any

from chain_graph.bundle.resolve import RegionResolver
from chain_graph.errors import Problem
from chain_graph.models import RegionLevel
from chain_graph.regions import AddressPlacer, country_region

__all__ = ["CompanyPlaces"]

_CHINA = frozenset({"CN", "HK", "MO", "TW"})
_SHOWN_ROWS = 20
_VALUE_CHARS = 80


class CompanyPlaces:
    """Fill in a companies row's region from its address (see the module's docs)."""

    def __init__(self, regions: RegionResolver, addresses: AddressPlacer | None = None) -> None:
        self._regions = regions
        self._addresses = addresses
        self._coarse: list[int] = []  # rows placed at a city or province only
        self._unplaced: list[int] = []  # rows whose address was not placed, their region deciding

    def complete(self, data: dict[str, Any], problems: list[Problem], row: int) -> None:
        """Move the row's ``address`` into its ``region``, or add the problem that prevents it."""
        address = data.pop("address", "").strip()
        if not address or any(p.field == "region" for p in problems):
            return
        region = data.get("region")
        country = str(data.get("country") or "CN").upper()
        if country not in _CHINA:
            if region is None:
                data["region"] = self._country(country)
            return
        placement = self._placer()(address)
        if placement.code is None:
            if region is None:
                problems.append(Problem(reason=placement.reason or "", field="address", value=_short(address)))
            else:
                self._unplaced.append(row)
            return
        if region is None:
            data["region"] = self._regions.adopt(placement.code)
            if placement.level in (RegionLevel.CITY, RegionLevel.PROVINCE):
                self._coarse.append(row)
        elif region in self._regions.path(placement.code):
            data["region"] = self._regions.adopt(placement.code)  # the address is finer, or the same
        elif placement.code not in self._regions.path(region):
            where, given = placement.code, region
            reason = (
                f"the address lies in {self._regions.name(where)} ({where}), "
                f"not in the region given, {self._regions.name(given)} ({given})"
            )
            problems.append(Problem(reason=reason, field="address", value=_short(address)))

    def warnings(self) -> list[str]:
        """What the file's report should say about the addresses read."""
        notes = []
        if self._coarse:
            notes.append(
                f"{len(self._coarse)} address(es) name no county or district and were placed at their city "
                f"or province (rows {_rows(self._coarse)}); add the district for county-level views"
            )
        if self._unplaced:
            notes.append(
                f"{len(self._unplaced)} address(es) could not be placed; their region column was used "
                f"(rows {_rows(self._unplaced)})"
            )
        retired = sorted(self._regions.retired)
        if retired:
            shown = ", ".join(f"{code} {self._regions.name(code)}" for code in retired[:_SHOWN_ROWS])
            notes.append(f"retired GB/T 2260 codes, stored as they were (see each region's source): {shown}")
        return notes

    def _placer(self) -> AddressPlacer:
        if self._addresses is None:
            self._addresses = AddressPlacer(self._regions.reference.table)
        return self._addresses

    def _country(self, code: str) -> str | None:
        try:
            country_region(code)
        except LookupError:
            return None  # the model reports a malformed code; an unknown one stays without a region
        return self._regions.adopt(code)


def _rows(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    return shown + (f" and {len(rows) - _SHOWN_ROWS} more" if len(rows) > _SHOWN_ROWS else "")


def _short(text: str) -> str:
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 3] + "..."
