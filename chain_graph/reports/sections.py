"""The sections both reports share: signed investment, start rates, unit ranking, overdue plans,
list coverage, event results and the notes that define every figure."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Literal

from chain_graph.analysis import UnitRank
from chain_graph.labels import zh
from chain_graph.reports.document import Chart, Figure, Para, Section, Series, Table
from chain_graph.reports.figures import monthly_signed, overdue_at, overdue_by_unit, period_signed
from chain_graph.reports.inputs import ReportInputs

__all__ = [
    "OVERDUE_ROWS",
    "amount",
    "coverage_section",
    "events_section",
    "notes_section",
    "overdue_section",
    "pct",
    "ranking_section",
    "signed_section",
    "start_rate_section",
]

OVERDUE_ROWS = 30  # plans listed by name; the rest are counted
NO_EVENTS = "本期未记录招商活动。/ No promotion events recorded in this period."


def amount(value: float | None) -> str:
    """亿元 as the CLI prints them: ``1,234.50``."""
    return "—" if value is None else f"{value:,.2f}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def signed_section(inputs: ReportInputs, heading: str) -> Section:
    """The year's signed investment against its target, the period's share, and a chart by month."""
    si, period = inputs.kpis.signed_investment, inputs.period
    here, signings = period_signed(inputs.plans, period)
    figures = [
        Figure(f"{period.label}签约投资", f"{amount(here)} 亿元", f"{signings} 个专案签约"),
        Figure(f"{si.year}年签约投资", f"{amount(si.amount_cny_100m)} 亿元",
               f"{si.plans} 个专案" + (f"，{si.unknown_amount} 个金额未填" if si.unknown_amount else "")),
        Figure("年度目标", f"{amount(si.target_cny_100m)} 亿元" if si.target_cny_100m else "未设定",
               f"完成率 {pct(si.ratio)}" if si.ratio is not None else "目标见 CHAIN_GRAPH_SIGNED_TARGETS"),
    ]  # fmt: skip
    through = int(period.months[-1][5:])
    by_month = monthly_signed(inputs.plans, period.year, through)
    total = list(accumulate(by_month))
    target = si.target_cny_100m
    # a target far above the year's signings would flatten the bars: then the running total and
    # the target are read on their own (right) axis
    apart = target is not None and target > 3 * max([*total, 1e-9])
    side: Literal["left", "right"] = "right" if apart else "left"
    chart = Chart(
        title=f"{period.year}年各月签约投资（亿元）",
        categories=[f"{m}月" for m in range(1, through + 1)],
        series=[
            Series("当月签约" + ("（左轴）" if apart else ""), list(by_month)),
            Series("累计签约" + ("（右轴）" if apart else ""), list[float | None](total), kind="line", axis=side),
        ],
        unit="亿元",
        right_unit="亿元" if apart else "",
        goal=target,
        goal_label=(f"年度目标 {amount(target)}" + ("（右轴）" if apart else "")) if target else "",
        goal_axis=side,
    )
    return Section(heading, [figures, chart])


def start_rate_section(inputs: ReportInputs, heading: str, *, chart: bool) -> Section:
    rates = inputs.kpis.start_rates
    met = {True: "达标", False: "未达标"}
    table = Table(
        ["合同年度", "正式合同数", "已开工数", "开工率", "目标", "是否达标"],
        [[str(r.year), str(r.contracted), str(r.started), pct(r.rate), pct(r.goal), met.get(r.met, "—")]  # type: ignore[arg-type]
         for r in rates],
        numeric=frozenset({1, 2, 3, 4}),
    )  # fmt: skip
    blocks: list = [table]
    shown = [r for r in rates if r.rate is not None or r.goal is not None]
    if chart and shown:
        blocks.append(
            Chart(
                title="开工率与目标（按正式合同签订年度）",
                categories=[f"{r.year}年" for r in shown],
                series=[Series("开工率", [r.rate for r in shown]), Series("目标", [r.goal for r in shown])],
                percent=True,
            )
        )
    return Section(heading, blocks)


def ranking_section(inputs: ReportInputs, heading: str, ranking: Sequence[UnitRank], what: str) -> Section:
    """逐月亮晒: the units in rank order, with their overdue plans, and who did nothing in ``what``."""
    late = overdue_by_unit(inputs.plans, inputs.as_of)
    table = Table(
        ["排名", "责任单位", "签约投资(亿元)", "签约数", "开工数", "推进专案数", "逾期专案数"],
        [[str(u.rank), u.unit, amount(u.signed_investment_cny_100m), str(u.signings), str(u.starts), str(u.moved),
          str(late.get(u.unit, 0))] for u in ranking],
        numeric=frozenset({0, 2, 3, 4, 5, 6}),
        empty="尚无专案。/ No plans yet.",
    )  # fmt: skip
    blocks: list = [table]
    idle = [u.unit for u in ranking if not (u.signings or u.starts or u.moved)]
    if idle:
        blocks.append(Para(f"{what}无签约、开工或推进的单位：{'、'.join(idle)}。"))
    shown = list(ranking)[:15]
    if any(u.signed_investment_cny_100m for u in shown):
        units = [u.unit for u in shown]
        signed = [Series("签约投资(亿元)", [u.signed_investment_cny_100m for u in shown])]
        blocks.append(Chart(f"{what}各责任单位签约投资", units, signed, unit="亿元", horizontal=True))
    elif any(u.starts or u.moved for u in shown):
        units = [u.unit for u in shown]
        starts = Series("开工数", [float(u.starts) for u in shown])
        counts = [starts, Series("推进专案数", [float(u.moved) for u in shown])]
        blocks.append(Chart(f"{what}各责任单位开工与推进", units, counts, unit="个", horizontal=True))
    return Section(heading, blocks)


def overdue_section(inputs: ReportInputs, heading: str) -> Section:
    late = overdue_at(inputs.plans, inputs.as_of)
    rows = [
        [p.plan_id, inputs.company_names.get(p.company_id, p.company_id), p.unit,
         zh("plan_status", p.status), p.due_date.isoformat() if p.due_date else "",
         str((inputs.as_of - p.due_date).days) if p.due_date else "", p.next_action or ""]
        for p in late[:OVERDUE_ROWS]
    ]  # fmt: skip
    blocks: list = [
        Para(f"截至 {inputs.as_of.isoformat()}，下一步行动已过期限的在办专案共 {len(late)} 个。"),
        Table(
            ["专案", "目标企业", "责任单位", "状态", "期限", "逾期天数", "下一步"],
            rows,
            numeric=frozenset({5}),
            empty="无逾期专案。/ No overdue plans.",
        ),
    ]
    if len(late) > OVERDUE_ROWS:
        blocks.append(Para(f"另有 {len(late) - OVERDUE_ROWS} 个逾期专案未列出，见专案台账（plans.xlsx）。", note=True))
    return Section(heading, blocks)


def coverage_section(inputs: ReportInputs, heading: str) -> Section:
    coverage = inputs.kpis.list_coverage
    rows = [[c.name, str(c.members), str(c.targeted), str(c.in_talks), str(c.signed)] for c in coverage]
    table = Table(["榜单", "上榜企业", "已建专案", "洽谈中", "已签约"], rows, numeric=frozenset({1, 2, 3, 4}))
    return Section(heading, [table])


def events_section(inputs: ReportInputs, heading: str) -> Section:
    """What the promotion events of the period achieved, or one line saying there were none."""
    results = inputs.event_results
    if not results or not results.get("events"):
        return Section(heading, [Para(NO_EVENTS)])
    figures = [
        Figure("活动场次", str(results["events"]), f"邀请 {results['invited']} 家，到会 {results['attended']} 家"),
        Figure("活动签约", f"{results['signed']} 个", f"签约投资 {amount(results['signed_amount_cny_100m'])} 亿元"),
        Figure("签约专案开工", str(results["started"]), f"开工率 {pct(results['start_rate'])}"),
    ]
    rows = [
        [r["held_on"], r["name"], r["host_unit"], str(r["invited"]), str(r["attended"]), str(r["signed"]),
         amount(r["signed_amount_cny_100m"])]
        for r in results.get("reports", [])
    ]  # fmt: skip
    table = Table(["日期", "活动", "主办单位", "邀请", "到会", "签约", "签约投资(亿元)"], rows,
                  numeric=frozenset({3, 4, 5, 6}))  # fmt: skip
    return Section(heading, [figures, table])


def notes_section() -> Section:
    notes = [
        "签约投资：专案现为框架签约及以后状态（不含已放弃），签约日期在所述期间内的预计投资额之和（亿元）；"
        "年度数为考核指标口径（与 chain-graph kpis 相同），按生成时各专案状态计算。",
        "开工率：正式合同签订于该年度的专案中已开工的比例；已放弃专案仍计入分母。",
        "逐月亮晒排名：按签约投资、开工数、签约数、推进专案数依次降序，再按单位名称。",
        "逾期专案：下一步行动期限早于统计日、尚未投产且未放弃的专案（按当前状态）。",
        "含“（示例）”的企业与以 demo- 开头的专案为演示数据，不是真实招商项目。",
    ]
    return Section("说明", [Para(n, note=True) for n in notes])
