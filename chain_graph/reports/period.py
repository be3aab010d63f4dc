"""The period a printed report covers: one month (逐月亮晒) or one quarter (季度通报).

>>> p = Period.of("quarterly", 2026, quarter=1)
>>> p.start, p.end, p.label, p.months
(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), '2026年第一季度', ['2026-01', '2026-02', '2026-03'])
>>> Period.of("monthly", 2026, month=13)
Traceback (most recent call last):
...
chain_graph.errors.InvalidInput: month must be 1 to 12, got 13
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from chain_graph.errors import InvalidInput

__all__ = ["MAX_YEAR", "MIN_YEAR", "Period", "ReportKind"]

MIN_YEAR, MAX_YEAR = 1990, 2100  # the KPI routes' bounds
QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


class ReportKind(StrEnum):
    MONTHLY = "monthly"  # 逐月亮晒
    QUARTERLY = "quarterly"  # 季度通报


@dataclass(frozen=True)
class Period:
    """A calendar month or quarter: its first and last day and how a title names it."""

    kind: ReportKind
    year: int
    number: int  # the month (1-12) or the quarter (1-4)

    @classmethod
    def of(cls, kind: str, year: int, *, month: int | None = None, quarter: int | None = None) -> Period:
        """The period, or InvalidInput naming the field that is missing or out of range."""
        try:
            report = ReportKind(kind)
        except ValueError:
            raise InvalidInput(f"report must be monthly or quarterly, got {kind!r}", field="report") from None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise InvalidInput(f"year must be {MIN_YEAR} to {MAX_YEAR}, got {year}", field="year")
        if report is ReportKind.MONTHLY:
            if quarter is not None:
                raise InvalidInput("a monthly report takes a month, not a quarter", field="quarter")
            return cls(report, year, _number(month, "month", 12))
        if month is not None:
            raise InvalidInput("a quarterly report takes a quarter, not a month", field="month")
        return cls(report, year, _number(quarter, "quarter", 4))

    @property
    def months(self) -> list[str]:
        """The months covered, as ``YYYY-MM``."""
        first = self.number if self.kind is ReportKind.MONTHLY else 3 * self.number - 2
        last = self.number if self.kind is ReportKind.MONTHLY else 3 * self.number
        return [f"{self.year}-{m:02d}" for m in range(first, last + 1)]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, int(self.months[0][5:]), 1)

    @property
    def end(self) -> dt.date:
        month = int(self.months[-1][5:])
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        if self.kind is ReportKind.MONTHLY:
            return f"{self.year}年{self.number}月"
        return f"{self.year}年第{QUARTER_NAMES[self.number]}季度"

    @property
    def slug(self) -> str:
        """ASCII, for file names: ``2026-03`` or ``2026-Q1``."""
        return self.months[0] if self.kind is ReportKind.MONTHLY else f"{self.year}-Q{self.number}"

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _number(value: int | None, field: str, top: int) -> int:
    if value is None:
        raise InvalidInput(f"a {field} is required (1 to {top})", field=field)
    if not 1 <= value <= top:
        raise InvalidInput(f"{field} must be 1 to {top}, got {value}", field=field)
    return value
