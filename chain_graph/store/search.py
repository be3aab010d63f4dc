"""Company search shared by the stores: what text a company is found by, and hit order."""

from __future__ import annotations

from typing import Any

__all__ = ["SEPARATOR", "company_text", "rank_company_hits"]

# Between the parts of a company's text: a control character nobody types, and not NUL (SQLite's
# text functions and FTS5 stop reading at a NUL).
SEPARATOR = "\u001f"


def company_text(company: Any) -> str:
    """Everything a company can be found by, case-folded, the parts joined by :data:`SEPARATOR`."""
    parts = [company.company_id, company.name, company.short_name or "", company.uscc or "", *company.aliases]
    return SEPARATOR.join(parts).casefold()


def _hit_rank(company: Any, needle: str) -> int:
    """Exact names first, then prefixes, then anything containing the text."""
    names = [company.name, company.short_name or "", *company.aliases, company.uscc or "", company.company_id]
    folded = [n.casefold() for n in names if n]
    if needle in folded:
        return 0
    if any(n.startswith(needle) for n in folded):
        return 1
    return 2


def text_rank(text: str, needle: str) -> int:
    """:func:`_hit_rank` read off a company's :func:`company_text` (the same names, folded)."""
    parts = text.split(SEPARATOR)
    if needle in parts:
        return 0
    if any(p.startswith(needle) for p in parts):
        return 1
    return 2


def rank_company_hits(hits: list[Any], needle: str, limit: int) -> list[Any]:
    """Order matches (exact, prefix, contains; then by id) and keep ``limit``."""
    hits.sort(key=lambda c: (_hit_rank(c, needle), c.company_id))
    return hits[:limit]
