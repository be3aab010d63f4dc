"""Match company names the way a planner reads them.

Ranking lists name companies, not ids, and they name them as the publisher wrote them:
traditional characters in a Taiwan list (台積電), full-width letters, another case. Two
names are the same company name when they are equal after :func:`fold_name`: Unicode NFKC
(full-width → half-width), traditional → simplified Chinese (OpenCC ``t2s``), case folding,
and runs of spaces collapsed. The OpenCC converter is loaded on first use.

The importer matches with :class:`chain_graph.matching.NameMatcher`, which also strips legal
forms and suggests near misses; :func:`fold_name` lives there and is re-exported here.

Examples
--------
>>> fold_name("台灣積體電路製造股份有限公司") == fold_name("台湾积体电路制造股份有限公司")
True
>>> fold_name("  ＡＮＴＡ  Sports ")
'anta sports'
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from chain_graph.matching import fold_name

__all__ = ["NameIndex", "fold_name", "review_company_id"]


def review_company_id(name: str) -> str:
    """The id of the company an unmatched ranking name creates: stable across imports.

    >>> review_company_id("Example Corp") == review_company_id("EXAMPLE  corp")
    True
    """
    digest = hashlib.sha1(fold_name(name).encode("utf-8")).hexdigest()
    return f"rk-{digest[:12]}"


class NameIndex:
    """Folded company names (full name, short name, aliases) → the companies that bear them."""

    def __init__(self) -> None:
        self._ids: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, str] = {}  # company id → its full name, for messages

    def add(self, company: Any) -> None:
        """Index a :class:`~chain_graph.models.Company` under each of its names."""
        self.names[company.company_id] = company.name
        for name in (company.name, company.short_name, *company.aliases):
            if name:
                self._ids[fold_name(name)].add(company.company_id)

    def add_all(self, companies: Iterable[Any]) -> NameIndex:
        for company in companies:
            self.add(company)
        return self

    def match(self, name: str) -> list[str]:
        """Ids of the companies that bear this name, sorted."""
        return sorted(self._ids.get(fold_name(name), ()))
