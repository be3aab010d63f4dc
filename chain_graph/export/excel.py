"""Excel workbooks for planners: gap reports, candidates, plans, KPIs, an event's targets — and,
from their own modules, the import template and a bundle of the store.

Every function returns the workbook as ``bytes``, or writes it to ``path`` when one is given
(and returns the bytes all the same); how sheets are written (formats, widths, formula
injection) is :mod:`~chain_graph.export.xlsx_writer`. Value words (stages, statuses, plan
states, score parts) come from :mod:`chain_graph.labels`; the column headers are this module's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from chain_graph.analysis import Candidate, ChainGaps, Kpis
from chain_graph.analysis.scoring import PART_NAMES
from chain_graph.export.excel_bundle import bundle_workbook
from chain_graph.export.excel_template import template_workbook
from chain_graph.export.xlsx_writer import (
    AMOUNT,
    DATE,
    INTEGER,
    PERCENT,
    SCORE,
    TIME,
    XLSX_MEDIA_TYPE,
    Col,
    Path_,
    new_workbook,
    save,
    sheet,
    yes,
)
from chain_graph.focus import FOCUS_LABELS
from chain_graph.labels import zh
from chain_graph.models import PlanEvent, TargetPlan

__all__ = [
    "XLSX_MEDIA_TYPE",
    "bundle_workbook",
    "candidates_workbook",
    "gaps_workbook",
    "kpis_workbook",
    "plans_workbook",
    "template_workbook",
    "targets_workbook",
]


def gaps_workbook(gaps: ChainGaps, path: Path_ = None) -> bytes:
    """The gap report of one chain: overview, segments, extensions, supply dependency, fragile links, counties."""
    wb = new_workbook()
    c = gaps.counts
    overview = [
        ("产业链", gaps.chain_name), ("产业链编号", gaps.chain_id), ("本地区域", gaps.home_region),
        ("环节数", c.segments), ("缺链环节", c.missing), ("弱链环节", c.weak), ("强链环节", c.strong),
        ("完整度", gaps.completeness),
    ]  # fmt: skip
    sheet(wb, "概览", [Col("项目", lambda r: r[0]), Col("值", lambda r: r[1])], overview, formats={7: PERCENT})
    sheet(wb, "环节", _SEGMENT_COLUMNS, gaps.segments)
    if gaps.county is not None:
        sheet(wb, f"{gaps.county.name}环节"[:31], _SEGMENT_COLUMNS, gaps.county.segments)
    sheet(wb, "延链", [
        Col("环节编号", lambda e: e.segment_id), Col("环节", lambda e: e.name), Col("所属产业链", lambda e: e.chain_id),
        Col("阶段(上游/中游/下游)", lambda e: zh("stage", e.stage)),
        Col("方向", lambda e: zh("extension_direction", e.direction)), Col("跨链", lambda e: yes(e.cross_chain)),
        Col("相邻强链环节", lambda e: e.strong_segment_name), Col("关联权重", lambda e: e.weight, "0.00"),
    ], gaps.extensions)  # fmt: skip
    ties = [(g, t) for g in gaps.supply_dependency for t in g.suppliers]
    sheet(wb, "供应依赖", [
        Col("本地环节", lambda r: r[0].segment_name), Col("环节状态", lambda r: zh("gap_status", r[0].status)),
        Col("外地供应商", lambda r: r[1].supplier_name), Col("供应商编号", lambda r: r[1].supplier_id),
        Col("本地客户", lambda r: r[1].customer_name), Col("产品", lambda r: r[1].product),
        Col("金额(亿元)", lambda r: r[1].amount_cny_100m, AMOUNT), Col("来源", lambda r: r[1].source),
        Col("截至", lambda r: r[1].as_of),
    ], ties)  # fmt: skip
    sheet(wb, "薄弱链接", [
        Col("环节编号", lambda f: f.segment_id), Col("环节", lambda f: f.name),
        Col("阶段(上游/中游/下游)", lambda f: zh("stage", f.stage)),
        Col("状态(缺链/弱链/强链)", lambda f: zh("gap_status", f.status)),
        Col("承载企业", lambda f: "、".join(h.name for h in f.holders)),
        Col("依赖环节数", lambda f: f.dependent_count, INTEGER),
        Col("依赖环节", lambda f: "、".join(d.name for d in f.dependents)),
    ], gaps.fragile)  # fmt: skip
    sheet(wb, "区县", [
        Col("区县编号", lambda s: s.county_id), Col("区县", lambda s: s.name),
        Col("环节数", lambda s: s.counts.segments),
        Col("缺链", lambda s: s.counts.missing), Col("弱链", lambda s: s.counts.weak),
        Col("强链", lambda s: s.counts.strong), Col("完整度", lambda s: s.completeness, PERCENT),
    ], gaps.by_county)  # fmt: skip
    return save(wb, path)


_SEGMENT_COLUMNS = [
    Col("环节编号", lambda s: s.segment_id), Col("环节", lambda s: s.name),
    Col("阶段(上游/中游/下游)", lambda s: zh("stage", s.stage)),
    Col("状态(缺链/弱链/强链)", lambda s: zh("gap_status", s.status)),
    Col("本地企业数", lambda s: s.local_count, INTEGER), Col("龙头企业数", lambda s: s.leading_count, INTEGER),
    Col("本地营收(亿元)", lambda s: s.local_revenue, AMOUNT), Col("权重", lambda s: s.weight, "0.00"),
    Col("本地企业", lambda s: "、".join(f.name for f in s.local_firms)),
    Col("判定依据", lambda s: "；".join(s.reasons)),
]  # fmt: skip


def candidates_workbook(candidates: Sequence[Candidate], path: Path_ = None) -> bytes:
    """Candidates for the gaps, best first, with the parts of each score."""
    wb = new_workbook()
    numbered = list(enumerate(candidates, start=1))
    columns = [
        Col("序号", lambda r: r[0], INTEGER), Col("企业编号", lambda r: r[1].company_id),
        Col("企业名称", lambda r: r[1].name), Col("简称", lambda r: r[1].short_name),
        Col("示例数据", lambda r: "是（示例，非真实企业资料）" if r[1].illustrative else "否"),
        Col("国家/地区", lambda r: r[1].country), Col("所在地区", lambda r: r[1].region_name or r[1].region),
        Col("环节编号", lambda r: r[1].segment_id), Col("环节", lambda r: r[1].segment_name),
        Col("环节状态(缺链/弱链/强链)", lambda r: zh("gap_status", r[1].status)),
        Col("得分", lambda r: r[1].score, SCORE),
        *(Col(_part_header(p), _part(p), SCORE) for p in PART_NAMES),
        Col("上榜", lambda r: "；".join(f"{e.name} {e.year} 第{e.rank}名" for e in r[1].lists)),
        Col("与本地企业的供应关系", lambda r: "；".join(_tie(t) for t in r[1].ties)),
        Col("专案", lambda r: _plan_info(r[1])),
    ]  # fmt: skip
    sheet(wb, "候选企业", columns, numbered)
    return save(wb, path)


def _part_header(name: str) -> str:
    """A score part's column: its label, and whether it adds or deducts."""
    return zh("score_part", name) + ("(扣分)" if name == "plan_exists" else "") + "(分)"


def _part(name: str) -> Callable[[Any], Any]:
    return lambda r: r[1].parts[name].contribution if name in r[1].parts else None


def _tie(tie: Any) -> str:
    verb = "供货给" if tie.direction == "supplies_to" else "采购自"
    return f"{verb}{tie.name}" + (f"（{tie.product}）" if tie.product else "")


def _plan_info(cand: Candidate) -> str | None:
    plan = cand.plan
    return f"{plan.plan_id} {zh('plan_status', plan.status)} {plan.unit}" if plan else None


def plans_workbook(
    plans: Iterable[TargetPlan],
    events: Iterable[PlanEvent] | None = None,
    path: Path_ = None,
    *,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """The targeting plans (and, given ``events``, their history); ``names``: company id → name."""
    wb = new_workbook()
    names = names or {}
    sheet(wb, "专案", [
        Col("专案编号", lambda p: p.plan_id), Col("企业编号", lambda p: p.company_id),
        Col("企业名称", lambda p: names.get(p.company_id)), Col("产业链", lambda p: p.chain_id),
        Col("环节", lambda p: "、".join(p.segment_ids)),
        Col("类型(补链/强链/延链)", lambda p: zh("gap_type", p.gap_type)),
        Col("项目类型", lambda p: zh("project_kind", p.project_kind)),
        Col("状态", lambda p: zh("plan_status", p.status)),
        Col("责任单位", lambda p: p.unit), Col("负责人", lambda p: p.lead),
        Col("预计投资(亿元)", lambda p: p.expected_investment_cny_100m, AMOUNT),
        Col("下一步", lambda p: p.next_action), Col("截止日期", lambda p: p.due_date, DATE),
        Col("签约日期", lambda p: p.signed_on, DATE), Col("正式合同日期", lambda p: p.contract_on, DATE),
        Col("开工日期", lambda p: p.started_on, DATE), Col("投产日期", lambda p: p.produced_on, DATE),
        Col("关联本地企业", lambda p: "、".join(names.get(c, c) for c in p.linked_company_ids)),
        Col("理由", lambda p: p.rationale), Col("版本", lambda p: p.version, INTEGER),
        Col("创建时间(北京时间)", lambda p: p.created_at, TIME),
        Col("更新时间(北京时间)", lambda p: p.updated_at, TIME),
    ], sorted(plans, key=lambda p: p.plan_id))  # fmt: skip
    if events is not None:
        sheet(wb, "变更记录", [
            Col("专案编号", lambda e: e.plan_id), Col("序号", lambda e: e.seq, INTEGER),
            Col("时间(北京时间)", lambda e: e.at, TIME), Col("操作人", lambda e: e.actor),
            Col("操作", lambda e: zh("plan_action", e.action)),
            Col("原状态", lambda e: zh("plan_status", e.from_status) if e.from_status else None),
            Col("新状态", lambda e: zh("plan_status", e.to_status) if e.to_status else None),
            Col("备注", lambda e: e.note), Col("变更内容", lambda e: None if e.changes == "{}" else e.changes),
        ], sorted(events, key=lambda e: (e.plan_id, e.seq)))  # fmt: skip
    return save(wb, path)


def kpis_workbook(kpis: Kpis, path: Path_ = None) -> bytes:
    """The KPIs of a year: signed investment, start rates, the unit ranking, list coverage."""
    wb = new_workbook()
    sheet(wb, "签约投资", [
        Col("年度", lambda s: s.year, INTEGER), Col("签约投资(亿元)", lambda s: s.amount_cny_100m, AMOUNT),
        Col("年度目标(亿元)", lambda s: s.target_cny_100m, AMOUNT), Col("完成率", lambda s: s.ratio, PERCENT),
        Col("签约专案数", lambda s: s.plans, INTEGER), Col("金额未填专案数", lambda s: s.unknown_amount, INTEGER),
        Col("专案编号", lambda s: "、".join(s.plan_ids)),
    ], [kpis.signed_investment])  # fmt: skip
    sheet(wb, "开工率", [
        Col("合同年度", lambda s: s.year, INTEGER), Col("正式合同数", lambda s: s.contracted, INTEGER),
        Col("已开工数", lambda s: s.started, INTEGER), Col("开工率", lambda s: s.rate, PERCENT),
        Col("目标", lambda s: s.goal, PERCENT), Col("是否达标", lambda s: None if s.met is None else yes(s.met)),
        Col("未开工专案", lambda s: "、".join(s.not_started)),
    ], kpis.start_rates)  # fmt: skip
    sheet(wb, "逐月亮晒", [
        Col("月份", lambda u: kpis.month), Col("排名", lambda u: u.rank, INTEGER), Col("责任单位", lambda u: u.unit),
        Col("签约投资(亿元)", lambda u: u.signed_investment_cny_100m, AMOUNT),
        Col("开工数", lambda u: u.starts, INTEGER), Col("签约数", lambda u: u.signings, INTEGER),
        Col("推进专案数", lambda u: u.moved, INTEGER),
    ], kpis.unit_ranking)  # fmt: skip
    sheet(wb, "榜单覆盖", [
        Col("榜单", lambda c: c.name), Col("榜单编号", lambda c: c.list_id),
        Col("上榜企业数", lambda c: c.members, INTEGER), Col("已对接", lambda c: c.targeted, INTEGER),
        Col("洽谈中", lambda c: c.in_talks, INTEGER), Col("已签约", lambda c: c.signed, INTEGER),
    ], kpis.list_coverage)  # fmt: skip
    return save(wb, path)


def targets_workbook(targets: Any, event: Any, path: Path_ = None) -> bytes:
    """An event's target list (:class:`~chain_graph.analysis.events.TargetList`), set up to print:
    A4 landscape, one page wide, the header row repeated on every page, the event in the page
    header and page numbers in the footer."""
    wb = new_workbook()
    sheet(wb, "目标企业", [
        Col("序号", lambda t: t.rank, INTEGER), Col("企业", lambda t: t.name), Col("企业编号", lambda t: t.company_id),
        Col("示例数据", lambda t: yes(t.illustrative)), Col("总部所在地", lambda t: t.region_name or t.region),
        Col("国家/地区", lambda t: t.country), Col("侨资/泉商", lambda t: yes(t.overseas_chinese)),
        Col("得分", lambda t: t.score, SCORE),
        Col("可补环节", lambda t: "；".join(f"{g.segment_name}（{zh('gap_status', g.status)}）" for g in t.gaps)),
        Col("所属产业链", lambda t: "、".join(dict.fromkeys(g.chain_id for g in t.gaps))),
        Col("榜单", lambda t: "；".join(f"{e.name} {e.year} 第{e.rank}位" for e in t.lists)),
        Col("符合方向", lambda t: "、".join(FOCUS_LABELS.get(m, m) for m in t.focus_match)),
        Col("人工添加", lambda t: yes(t.added_by_hand)),
        Col("邀请状态", lambda t: zh("invitation_status", t.invitation) if t.invitation else "未邀请"),
    ], targets.data, print_setup=f"{event.name}（{event.held_on}，{event.host_unit}）目标企业清单")  # fmt: skip
    return save(wb, path)
