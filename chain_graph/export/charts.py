"""Charts of printed reports as PNG images (matplotlib, Agg, no global pyplot state).

A :class:`~chain_graph.reports.document.Chart` is data; :func:`chart_png` draws it in the
report's CJK font: grouped bars (horizontal for rankings) on the left axis, lines with
markers (dots on a horizontal chart) on either axis, an optional reference line (the annual
target), and the values written on the bars and points.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from chain_graph.reports.document import Chart, Series

__all__ = ["chart_png"]

COLOURS = ("#2f6db5", "#e08a2c", "#3a9a5b", "#c0392b", "#7f5ab5")
WIDTH_IN, HEIGHT_IN, DPI = 7.0, 3.4, 200


def chart_png(chart: Chart, font: Path) -> bytes:
    """The chart as a PNG (7 × 3.4 in at 200 dpi; taller for long rankings)."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    height = max(HEIGHT_IN, 0.32 * len(chart.categories) + 1.4) if chart.horizontal else HEIGHT_IN
    with matplotlib.rc_context({"font.family": family, "axes.unicode_minus": False, "font.size": 9}):
        fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
        ax = fig.add_subplot()
        right = (ax.twiny() if chart.horizontal else ax.twinx()) if _uses_right(chart) else None
        _bars(ax, chart)
        for j, s in enumerate(s for s in chart.series if s.kind == "line"):
            _line(right if s.axis == "right" and right is not None else ax, chart, s, COLOURS[(j + 3) % len(COLOURS)])
        _frame(ax, right, chart)
        ax.set_title(chart.title, fontsize=11)
        out = io.BytesIO()
        fig.savefig(out, format="png")
    return out.getvalue()


def _uses_right(chart: Chart) -> bool:
    return any(s.axis == "right" for s in chart.series) or (chart.goal is not None and chart.goal_axis == "right")


def _fmt(chart: Chart, value: float) -> str:
    if chart.percent:
        return f"{value:.0%}"
    return f"{value:,.0f}" if chart.unit == "个" else f"{value:,.1f}"


def _bars(ax: Any, chart: Chart) -> None:
    bars = [s for s in chart.series if s.kind == "bar"]
    width = 0.8 / max(len(bars), 1)
    for i, s in enumerate(bars):
        offsets = [p - 0.4 + width * (i + 0.5) for p in range(len(chart.categories))]
        values = [v if v is not None else 0.0 for v in s.values]
        draw = ax.barh if chart.horizontal else ax.bar
        drawn = draw(offsets, values, width * 0.9, label=s.name, color=COLOURS[i % len(COLOURS)])
        labels = ["无" if v is None else "" if v == 0 and not chart.percent else _fmt(chart, v) for v in s.values]
        ax.bar_label(drawn, labels=labels, padding=2, fontsize=7)


def _line(axis: Any, chart: Chart, s: Series, colour: str) -> None:
    points = [(p, v) for p, v in enumerate(s.values) if v is not None]
    xs, ys = [p for p, _ in points], [v for _, v in points]
    if chart.horizontal:
        axis.plot(ys, xs, "D", color=colour, label=s.name, markersize=5)
        for x, y in points:
            axis.annotate(_fmt(chart, y) if chart.percent else f"{y:g}", (y, x), textcoords="offset points",
                          xytext=(6, -3), fontsize=7, color=colour)  # fmt: skip
    else:
        axis.plot(xs, ys, "-o", color=colour, label=s.name, markersize=4)
        for x, y in points:
            if y == 0 and not chart.percent:
                continue
            axis.annotate(_fmt(chart, y), (x, y), textcoords="offset points", xytext=(0, 5), ha="center",
                          fontsize=7, color=colour)  # fmt: skip


def _frame(ax: Any, right: Any, chart: Chart) -> None:
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    positions = list(range(len(chart.categories)))
    if chart.goal is not None:
        axis = right if chart.goal_axis == "right" and right is not None else ax
        line = axis.axvline if chart.horizontal else axis.axhline
        line(chart.goal, color="#c0392b", linestyle="--", linewidth=1, label=chart.goal_label or "目标")
    if chart.horizontal:
        ax.set_yticks(positions, chart.categories)
        ax.invert_yaxis()
    else:
        ax.set_xticks(positions, chart.categories)
    for axis, unit in ((ax, chart.unit), (right, chart.right_unit)):
        if axis is None:
            continue
        if chart.percent:
            (axis.xaxis if chart.horizontal else axis.yaxis).set_major_formatter(PercentFormatter(1.0))
        elif unit:
            (axis.set_xlabel if chart.horizontal else axis.set_ylabel)(unit)
        if unit == "个":
            (axis.xaxis if chart.horizontal else axis.yaxis).set_major_locator(MaxNLocator(integer=True))
        axis.margins(**({"x": 0.15} if chart.horizontal else {"y": 0.18}))
        if chart.horizontal:
            axis.set_xlim(left=0)
        else:
            axis.set_ylim(bottom=0)
    ax.grid(axis="x" if chart.horizontal else "y", alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    if right is not None:
        more = right.get_legend_handles_labels()
        handles, labels = handles + more[0], labels + more[1]
    ax.legend(handles, labels, loc="upper left", fontsize=8, framealpha=0.8)
