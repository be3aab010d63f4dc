"""The two printed reports: 逐月亮晒 (monthly ranking of the responsible units) and 季度通报
(quarterly briefing), each built as a :class:`~chain_graph.reports.document.Document` from
:class:`~chain_graph.reports.inputs.ReportInputs` — pure, so a test can read every figure.
"""

from __future__ import annotations

from chain_graph.reports.document import Chart, Document, Figure, Para, Section, Series, Table
from chain_graph.reports.figures import completeness_changes, period_signed, unit_ranking_between
from chain_graph.reports.inputs import ReportInputs
from chain_graph.reports.period import ReportKind
from chain_graph.reports.sections import (
    amount,
    coverage_section,
    events_section,
    notes_section,
    overdue_section,
    pct,
    ranking_section,
    signed_section,
    start_rate_section,
)

__all__ = ["build_report", "monthly_report", "quarterly_report"]

TITLE = "招商一张图"


def build_report(inputs: ReportInputs) -> Document:
    """The report of the inputs' period: monthly or quarterly."""
    if inputs.period.kind is ReportKind.MONTHLY:
        return monthly_report(inputs)
    return quarterly_report(inputs)


def _footer(inputs: ReportInputs) -> str:
    return f"生成于 {inputs.today.isoformat()} · chain-graph"


def monthly_report(inputs: ReportInputs) -> Document:
    """逐月亮晒: the month's ranking of responsible units (the KPI's ``unit_ranking`` of that month),
    the year's signed investment against its target, start rates and the overdue plans."""
    period = inputs.period
    doc = Document(f"{TITLE} · 逐月亮晒", f"{period.label} 各责任单位招商工作进展", footer=_footer(inputs))
    doc.sections += [
        ranking_section(inputs, "一、本月各责任单位排名", inputs.kpis.unit_ranking, "本月"),
        signed_section(inputs, "二、签约投资与年度目标"),
        start_rate_section(inputs, "三、开工率（按正式合同签订年度）", chart=False),
        overdue_section(inputs, "四、逾期专案"),
        events_section(inputs, "五、招商活动成效"),
        notes_section(),
    ]
    return doc


def quarterly_report(inputs: ReportInputs) -> Document:
    """季度通报: signed investment against the target, start rates per signing year, the quarter's
    unit ranking, chain completeness change, overdue plans, event results, list coverage."""
    period = inputs.period
    doc = Document(f"{TITLE} · 季度通报", f"{period.label} 招商引资工作通报", footer=_footer(inputs))
    ranking = unit_ranking_between(inputs.plans, period, events=inputs.events)
    doc.sections += [
        _summary(inputs, len(ranking)),
        signed_section(inputs, "二、签约投资完成情况"),
        start_rate_section(inputs, "三、开工率（按正式合同签订年度）", chart=True),
        ranking_section(inputs, "四、本季各责任单位排名", ranking, "本季"),
        _completeness_section(inputs, "五、产业链完整度变化"),
        overdue_section(inputs, "六、逾期专案"),
        events_section(inputs, "七、招商活动成效"),
        coverage_section(inputs, "八、重点榜单企业对接情况"),
        notes_section(),
    ]
    return doc


def _summary(inputs: ReportInputs, units: int) -> Section:
    si, period = inputs.kpis.signed_investment, inputs.period
    here, signings = period_signed(inputs.plans, period)
    starts = sum(period.contains(p.started_on) for p in inputs.plans)
    current = next((r for r in inputs.kpis.start_rates if r.year == si.year), None)
    text = (
        f"{period.label}，全市 {units} 个责任单位的招商专案中，新签约 {signings} 个、签约投资 {here:,.2f} 亿元，"
        f"新开工 {starts} 个。{si.year}年签约投资 {si.amount_cny_100m:,.2f} 亿元"
        + (f"，完成年度目标 {si.target_cny_100m:,.2f} 亿元的 {pct(si.ratio)}" if si.target_cny_100m else "")
        + "。"
    )
    if current is not None and current.rate is not None:
        text += (
            f"{current.year}年正式合同 {current.contracted} 个，已开工 {current.started} 个，"
            f"开工率 {pct(current.rate)}。"
        )
    target = si.target_cny_100m
    figures = [
        Figure("本季签约", f"{signings} 个", f"{here:,.2f} 亿元"),
        Figure("本季开工", f"{starts} 个", ""),
        Figure("年度完成率", pct(si.ratio), f"目标 {amount(target)} 亿元" if target else "目标未设定"),
    ]
    return Section("一、总体情况", [Para(text), figures])


def _completeness_section(inputs: ReportInputs, heading: str) -> Section:
    rows = completeness_changes(inputs.snapshots, inputs.chain_names, inputs.period)
    if not rows:
        return Section(heading, [Para("尚无产业链完整度快照（chain-graph snapshot CHAIN 记录当日完整度）。")])
    table = Table(
        ["产业链", "期初完整度", "期初日期", "期末完整度", "期末日期", "变化(百分点)", "缺链/弱链/强链(期末)"],
        [[r.name, pct(r.before.completeness) if r.before else "—", r.before.on.isoformat() if r.before else "—",
          pct(r.after.completeness) if r.after else "—", r.after.on.isoformat() if r.after else "—",
          f"{r.change * 100:+.1f}" if r.change is not None else "—",
          f"{r.after.missing}/{r.after.weak}/{r.after.strong}" if r.after else "—"] for r in rows],
        numeric=frozenset({1, 3, 5}),
    )  # fmt: skip
    chart = Chart(
        title="产业链完整度：期初与期末",
        categories=[r.name for r in rows],
        series=[
            Series("期初", [r.before.completeness if r.before else None for r in rows]),
            Series("期末", [r.after.completeness if r.after else None for r in rows]),
        ],
        percent=True,
        horizontal=True,
    )
    note = Para("期初为本季开始前最后一次快照，期末为季末及以前最后一次快照；无期初快照的产业链不计变化。", note=True)
    return Section(heading, [table, chart, note])
