"""Which records are illustrative (示例), and how a company name is shown so that the mark never drops.

A company is illustrative when its name carries the （示例） mark (every fictitious sample firm in
``seed_data`` does) or when its ``source`` says ``illustrative`` (the record is sample data, not a
verified fact). The rule lives here so that the CLI, the API and the page agree on it.

>>> is_illustrative("上海华纶晶圆有限公司（示例）")
True
>>> is_illustrative("台湾积体电路制造股份有限公司", source="public: D1 https://github.com/...")
False
>>> is_illustrative("中芯国际集成电路制造有限公司", source="illustrative: real firm named as a sample candidate")
True
>>> display_name("上海华纶晶圆有限公司（示例）", short_name="上海华纶晶圆")
'上海华纶晶圆（示例）'
>>> display_name("台湾积体电路制造股份有限公司", short_name="台积电")
'台积电'
"""

from __future__ import annotations

__all__ = ["ILLUSTRATIVE_MARK", "display_name", "is_illustrative"]

ILLUSTRATIVE_MARK = "（示例）"
_MARKS = (ILLUSTRATIVE_MARK, "(示例)")


def is_illustrative(name: str | None, *, source: str | None = None) -> bool:
    """True when the name carries the （示例） mark or the source says the record is illustrative."""
    if name and name.strip().endswith(_MARKS):
        return True
    return bool(source) and str(source).strip().lower().startswith("illustrative")


def display_name(name: str, *, short_name: str | None = None, source: str | None = None) -> str:
    """The short name when there is one, with the （示例） mark kept on illustrative records."""
    shown = (short_name or "").strip() or name
    if is_illustrative(name, source=source) and not shown.endswith(_MARKS):
        shown += ILLUSTRATIVE_MARK
    return shown
