"""Terminal output for the CLI: columns aligned by display width, so Chinese lines up.

A Chinese character takes two columns of a terminal, a Latin letter one; ``str.ljust``
counts characters, which misaligns every table with Chinese in it.

>>> display_width("晋江市 350582")
13
>>> print("\\n".join(table(["id", "name"], [["tex", "纺织鞋服"], ["petrochem", "石化"]])))
id         name
tex        纺织鞋服
petrochem  石化
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["chain_lines", "display_width", "fmt_number", "pad", "table"]


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) characters count two."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """The text padded with spaces to ``width`` columns, left (``<``) or right (``>``) aligned."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if align == ">" else text + gap


def fmt_number(value: Any) -> str:
    """Thousands separated integers, two decimals for amounts, blank for nothing."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], align: str = "") -> list[str]:
    """Lines of a plain table; ``align`` holds one ``<`` or ``>`` per column (default ``<``)."""
    cells = [[fmt_number(v) for v in row] for row in rows]
    widths = [max([display_width(h), *(display_width(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    aligns = align.ljust(len(headers), "<")
    return [
        "  ".join(pad(v, w, a) for v, w, a in zip(row, widths, aligns, strict=True)).rstrip()
        for row in [list(headers), *cells]
    ]


def chain_lines(detail: Mapping[str, Any]) -> list[str]:
    """One chain for a terminal: stages, segments (nested ones indented), local firms."""
    lines = [
        f"{detail['name']}  ({detail['chain_id']})",
        f"{detail['segments']} segments; local firms of {detail['home_region']} listed under each, ★ = leading",
    ]
    segments = [seg for stage in detail["stages"] for seg in stage["segments"]]
    seg_width = max([display_width(_segment_label(s)) for s in segments] or [0])
    firm_width = max([display_width(f["name"]) for s in segments for f in s["local_firms"]] or [0])
    for stage in detail["stages"]:
        lines += ["", f"{stage['label']} {stage['stage']}"]
        if not stage["segments"]:
            lines.append("  (no segment)")
        for seg in stage["segments"]:
            lines.append("  " + pad(_segment_label(seg), seg_width) + "  " + _segment_counts(seg))
            indent = "      " + "  " * seg["depth"]
            for firm in seg["local_firms"]:
                mark = "★ " if firm["leading"] else "  "
                place = firm["county_name"] or ("local site" if firm["local_site"] else "")
                revenue = firm["revenue_cny_100m"]
                amount = f"{revenue:,.2f} 亿元" if revenue is not None else ""
                line = f"{indent}{mark}{pad(firm['name'], firm_width)}  {pad(place, 10)}  {pad(amount, 14, '>')}"
                lines.append(line.rstrip())
            more = seg["local_count"] - len(seg["local_firms"])
            if more > 0:
                lines.append(f"{indent}  … {more:,} more")
    return lines


def _segment_label(seg: Mapping[str, Any]) -> str:
    return "  " * seg["depth"] + f"{seg['name']} {seg['segment_id']}"


def _segment_counts(seg: Mapping[str, Any]) -> str:
    if not seg["local_count"]:
        return f"no local firm (of {seg['companies']:,})"
    leading = f", ★ {seg['local_leading']}" if seg["local_leading"] else ""
    return f"{seg['local_count']:,} local of {seg['companies']:,}{leading}"
