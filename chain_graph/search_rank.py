"""The company search ranking: one rule for both stores and the search service.

A hit is ranked by how the typed text meets one of the names a company is found by (full name,
short name, aliases, USCC, id), case-folded: 0 when it is one of them, 1 when one of them starts
with it, 2 when it is only contained. Several spellings of the text (simplified, traditional)
rank a company by the best of them; ties go by company id. The stores rank their bounded hits
with it (the embedded store reads the names off the folded text it keeps per company,
:func:`company_text`); the service ranks the union of its spellings' hits with it again.

>>> from types import SimpleNamespace as Firm
>>> anta = Firm(company_id="anta", name="安踏体育用品有限公司", short_name="安踏", uscc=None, aliases=["ANTA"])
>>> anta_kids = Firm(company_id="anta-kids", name="安踏儿童", short_name=None, uscc=None, aliases=[])
>>> fila = Firm(company_id="fila", name="斐乐", short_name=None, uscc=None, aliases=["安踏旗下斐乐"])
>>> [c.company_id for c in rank_company_hits([fila, anta_kids, anta], "安踏", limit=10)]
['anta', 'anta-kids', 'fila']
>>> company_rank(anta, ["anta"]), text_rank(company_text(anta), "anta")
(0, 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "SEPARATOR", "company_names", "company_rank", "company_text", "hit_rank", "rank_company_hits", "text_rank",
]  # fmt: skip

# Between the parts of a company's text: a control character nobody types, so a search text cannot
# match across two names; not NUL (SQLite's text functions and FTS5 stop reading at a NUL).
SEPARATOR = "\u001f"


def company_names(company: Any) -> list[str]:
    """The names a company is found by, case-folded, blanks left out."""
    names = [company.name, company.short_name or "", *company.aliases, company.uscc or "", company.company_id]
    return [n.casefold() for n in names if n]


def company_text(company: Any) -> str:
    """Everything a company can be found by, case-folded, joined by :data:`SEPARATOR` (the embedded store keeps it)."""
    parts = [company.company_id, company.name, company.short_name or "", company.uscc or "", *company.aliases]
    return SEPARATOR.join(parts).casefold()


def hit_rank(names: Iterable[str], needles: str | Sequence[str]) -> int:
    """0 if a needle is one of the (folded) names, 1 if a name starts with one, else 2.

    >>> hit_rank(["安踏", "anta"], ["安"]), hit_rank(["安踏"], ["踏", "安踏"]), hit_rank(["安踏"], "踏")
    (1, 0, 2)
    """
    wanted = [needles] if isinstance(needles, str) else list(needles)
    names = list(names)
    best = 2
    for needle in wanted:
        if needle in names:
            return 0
        if any(n.startswith(needle) for n in names):
            best = 1
    return best


def company_rank(company: Any, needles: str | Sequence[str]) -> int:
    """:func:`hit_rank` over a company's :func:`company_names`."""
    return hit_rank(company_names(company), needles)


def text_rank(text: str, needles: str | Sequence[str]) -> int:
    """:func:`hit_rank` read off a company's :func:`company_text` (the same names, folded)."""
    return hit_rank(text.split(SEPARATOR), needles)


def rank_company_hits(hits: Iterable[Any], needles: str | Sequence[str], limit: int) -> list[Any]:
    """The hits best first (:func:`company_rank`, then company id), at most ``limit`` of them."""
    return sorted(hits, key=lambda c: (company_rank(c, needles), c.company_id))[:limit]
