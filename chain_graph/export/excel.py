"""Excel workbooks for planners: gap reports, candidates, plans, KPIs, the import template, a bundle.

Every function returns the workbook as ``bytes``, or writes it to ``path`` when one is given
(and returns the bytes all the same). Sheets have Chinese headers, a frozen header row, an
autofilter, column widths that fit the text (a CJK character counts double) and number
formats (亿元 with two decimals, shares as percentages, dates as ``yyyy-mm-dd``).
Workbooks are written in openpyxl's streaming mode, so a large bundle is never held whole.

**Formula injection.** Text that a spreadsheet could take for a formula (beginning with
``=``, ``+``, ``-``, ``@``, a tab or a line break, half- or full-width) is written as a text
cell with Excel's quote prefix — the ``'`` Excel itself stores when a user types ``'=1`` — so
it shows as typed and is never evaluated, not even after the cell is edited (OWASP, CSV
injection). The text itself is unchanged, so a bundle exported and imported again is equal.

Examples
--------
>>> data = template_workbook()
>>> data[:2]
b'PK'
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chain_graph.analysis import Candidate, ChainGaps, Kpis
from chain_graph.analysis.scoring import PART_NAMES
from chain_graph.bundle.tables import ENUM_SYNONYMS, ENUM_VALUES, TABLES, CellType, Column, TableSpec
from chain_graph.bundle.xlsx import INSTRUCTIONS_SHEET
from chain_graph.focus import FOCUS_LABELS
from chain_graph.models import RANKING_LISTS, PlanEvent, Record, TargetPlan

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

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AMOUNT, INTEGER, PERCENT, SCORE = "#,##0.00", "0", "0.0%", "0.0"
DATE, TIME, TEXT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "@"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
BEIJING = dt.timezone(dt.timedelta(hours=8))  # times are shown as planners read them
_WIDTH_SAMPLE = 1000  # rows looked at to size the columns
_PAGE = 10_000  # records read from the store at a time


@dataclass(frozen=True)
class Col:
    """One column of a sheet: its header, how a row gives its value, its number format."""

    header: str
    get: Callable[[Any], Any]
    fmt: str | None = None


Path_ = str | os.PathLike[str] | None


# -- words --------------------------------------------------------------------------------------

STAGES = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
STATUSES = {"missing": "缺链", "weak": "弱链", "strong": "强链"}
DIRECTIONS = {"upstream": "向上游延伸", "downstream": "向下游延伸"}
GAP_TYPES = {"missing": "补链", "weak": "强链", "extension": "延链"}
PROJECT_KINDS = {
    "new_plant": "新建工厂", "regional_hq": "区域总部", "rnd_centre": "研发中心", "joint_venture": "合资合作",
    "expansion": "增资扩产",
}  # fmt: skip
PLAN_STATUSES = {
    "identified": "已识别", "contacted": "已接触", "visited": "已拜访", "negotiating": "洽谈中",
    "signed_framework": "已签框架协议", "signed_contract": "已签正式合同", "started": "已开工",
    "in_production": "已投产", "dropped": "已放弃",
}  # fmt: skip
EXPANSION_STATUSES = {
    "planned": "谋划中", "approved": "已立项备案", "under_construction": "在建", "in_production": "已投产",
    "cancelled": "已取消",
}  # fmt: skip
EXPANSION_KINDS = {"capacity": "增资扩产", "upgrade": "技术改造"}
KEY_LISTS = {"provincial": "省重点技改项目", "city": "市重点技改项目"}
LISTING_TIERS = {"listing_reserve": "上市后备企业", "quotation_reserve": "挂牌后备企业", "reserve": "储备企业"}
LISTING_STAGES = {
    "cultivating": "培育", "tutoring": "辅导备案", "filed": "申报", "listed": "上市/挂牌", "withdrawn": "退出",
}  # fmt: skip
CHAIN_DIRECTIONS = {"manufacturing": "制造", "culture-tourism": "文旅", "commerce-trade": "商贸"}
EVENT_KINDS = {"promotion": "推介", "signing": "签约", "groundbreaking": "集中开工"}
INVITATION_STATUSES = {
    "invited": "已邀请", "confirmed": "已确认", "attended": "已到会", "signed_at_event": "现场签约",
    "declined": "已婉拒",
}  # fmt: skip
ACTIONS = {"create": "新建", "edit": "修改", "move": "推进", "drop": "放弃", "reopen": "重新启动"}
PART_LABELS = {
    "list_tier": "榜单层级", "list_rank": "榜单名次", "revenue": "营收规模", "supply_ties": "与本地企业供应关系",
    "segment_share": "环节业务占比", "overseas_chinese": "侨资", "relation_path": "关系路径",
    "plan_exists": "已有专案(扣分)",
}  # fmt: skip

# -- the analysis -------------------------------------------------------------------------------


def gaps_workbook(gaps: ChainGaps, path: Path_ = None) -> bytes:
    """The gap report of one chain: overview, segments, extensions, supply dependency, fragile links, counties."""
    wb = _new()
    c = gaps.counts
    overview = [
        ("产业链", gaps.chain_name), ("产业链编号", gaps.chain_id), ("本地区域", gaps.home_region),
        ("环节数", c.segments), ("缺链环节", c.missing), ("弱链环节", c.weak), ("强链环节", c.strong),
        ("完整度", gaps.completeness),
    ]  # fmt: skip
    _sheet(wb, "概览", [Col("项目", lambda r: r[0]), Col("值", lambda r: r[1])], overview, formats={7: PERCENT})
    _sheet(wb, "环节", _SEGMENT_COLUMNS, gaps.segments)
    if gaps.county is not None:
        _sheet(wb, f"{gaps.county.name}环节"[:31], _SEGMENT_COLUMNS, gaps.county.segments)
    _sheet(wb, "延链", [
        Col("环节编号", lambda e: e.segment_id), Col("环节", lambda e: e.name), Col("所属产业链", lambda e: e.chain_id),
        Col("阶段(上游/中游/下游)", lambda e: STAGES.get(e.stage, e.stage)),
        Col("方向", lambda e: DIRECTIONS.get(e.direction, e.direction)), Col("跨链", lambda e: _yes(e.cross_chain)),
        Col("相邻强链环节", lambda e: e.strong_segment_name), Col("关联权重", lambda e: e.weight, "0.00"),
    ], gaps.extensions)  # fmt: skip
    ties = [(g, t) for g in gaps.supply_dependency for t in g.suppliers]
    _sheet(wb, "供应依赖", [
        Col("本地环节", lambda r: r[0].segment_name), Col("环节状态", lambda r: STATUSES.get(r[0].status)),
        Col("外地供应商", lambda r: r[1].supplier_name), Col("供应商编号", lambda r: r[1].supplier_id),
        Col("本地客户", lambda r: r[1].customer_name), Col("产品", lambda r: r[1].product),
        Col("金额(亿元)", lambda r: r[1].amount_cny_100m, AMOUNT), Col("来源", lambda r: r[1].source),
        Col("截至", lambda r: r[1].as_of),
    ], ties)  # fmt: skip
    _sheet(wb, "薄弱链接", [
        Col("环节编号", lambda f: f.segment_id), Col("环节", lambda f: f.name),
        Col("阶段(上游/中游/下游)", lambda f: STAGES.get(f.stage)),
        Col("状态(缺链/弱链/强链)", lambda f: STATUSES.get(f.status)),
        Col("承载企业", lambda f: "、".join(h.name for h in f.holders)),
        Col("依赖环节数", lambda f: f.dependent_count, INTEGER),
        Col("依赖环节", lambda f: "、".join(d.name for d in f.dependents)),
    ], gaps.fragile)  # fmt: skip
    _sheet(wb, "区县", [
        Col("区县编号", lambda s: s.county_id), Col("区县", lambda s: s.name),
        Col("环节数", lambda s: s.counts.segments),
        Col("缺链", lambda s: s.counts.missing), Col("弱链", lambda s: s.counts.weak),
        Col("强链", lambda s: s.counts.strong), Col("完整度", lambda s: s.completeness, PERCENT),
    ], gaps.by_county)  # fmt: skip
    return _save(wb, path)


_SEGMENT_COLUMNS = [
    Col("环节编号", lambda s: s.segment_id), Col("环节", lambda s: s.name),
    Col("阶段(上游/中游/下游)", lambda s: STAGES.get(s.stage, s.stage)),
    Col("状态(缺链/弱链/强链)", lambda s: STATUSES.get(s.status, s.status)),
    Col("本地企业数", lambda s: s.local_count, INTEGER), Col("龙头企业数", lambda s: s.leading_count, INTEGER),
    Col("本地营收(亿元)", lambda s: s.local_revenue, AMOUNT), Col("权重", lambda s: s.weight, "0.00"),
    Col("本地企业", lambda s: "、".join(f.name for f in s.local_firms)),
    Col("判定依据", lambda s: "；".join(s.reasons)),
]  # fmt: skip


def candidates_workbook(candidates: Sequence[Candidate], path: Path_ = None) -> bytes:
    """Candidates for the gaps, best first, with the parts of each score."""
    wb = _new()
    numbered = list(enumerate(candidates, start=1))
    columns = [
        Col("序号", lambda r: r[0], INTEGER), Col("企业编号", lambda r: r[1].company_id),
        Col("企业名称", lambda r: r[1].name), Col("简称", lambda r: r[1].short_name),
        Col("示例数据", lambda r: "是（示例，非真实企业资料）" if r[1].illustrative else "否"),
        Col("国家/地区", lambda r: r[1].country), Col("所在地区", lambda r: r[1].region_name or r[1].region),
        Col("环节编号", lambda r: r[1].segment_id), Col("环节", lambda r: r[1].segment_name),
        Col("环节状态(缺链/弱链/强链)", lambda r: STATUSES.get(r[1].status, r[1].status)),
        Col("得分", lambda r: r[1].score, SCORE),
        *(Col(f"{PART_LABELS[p]}(分)", _part(p), SCORE) for p in PART_NAMES),
        Col("上榜", lambda r: "；".join(f"{e.name} {e.year} 第{e.rank}名" for e in r[1].lists)),
        Col("与本地企业的供应关系", lambda r: "；".join(_tie(t) for t in r[1].ties)),
        Col("专案", lambda r: _plan_info(r[1])),
    ]  # fmt: skip
    _sheet(wb, "候选企业", columns, numbered)
    return _save(wb, path)


def _part(name: str) -> Callable[[Any], Any]:
    return lambda r: r[1].parts[name].contribution if name in r[1].parts else None


def _tie(tie: Any) -> str:
    verb = "供货给" if tie.direction == "supplies_to" else "采购自"
    return f"{verb}{tie.name}" + (f"（{tie.product}）" if tie.product else "")


def _plan_info(cand: Candidate) -> str | None:
    plan = cand.plan
    return f"{plan.plan_id} {PLAN_STATUSES.get(plan.status, plan.status)} {plan.unit}" if plan else None


def plans_workbook(
    plans: Iterable[TargetPlan],
    events: Iterable[PlanEvent] | None = None,
    path: Path_ = None,
    *,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """The targeting plans (and, given ``events``, their history); ``names``: company id → name."""
    wb = _new()
    names = names or {}
    _sheet(wb, "专案", [
        Col("专案编号", lambda p: p.plan_id), Col("企业编号", lambda p: p.company_id),
        Col("企业名称", lambda p: names.get(p.company_id)), Col("产业链", lambda p: p.chain_id),
        Col("环节", lambda p: "、".join(p.segment_ids)),
        Col("类型(补链/强链/延链)", lambda p: GAP_TYPES.get(p.gap_type)),
        Col("项目类型", lambda p: PROJECT_KINDS.get(p.project_kind)),
        Col("状态", lambda p: PLAN_STATUSES.get(p.status)),
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
        _sheet(wb, "变更记录", [
            Col("专案编号", lambda e: e.plan_id), Col("序号", lambda e: e.seq, INTEGER),
            Col("时间(北京时间)", lambda e: e.at, TIME), Col("操作人", lambda e: e.actor),
            Col("操作", lambda e: ACTIONS.get(e.action, e.action)),
            Col("原状态", lambda e: PLAN_STATUSES.get(e.from_status) if e.from_status else None),
            Col("新状态", lambda e: PLAN_STATUSES.get(e.to_status) if e.to_status else None),
            Col("备注", lambda e: e.note), Col("变更内容", lambda e: None if e.changes == "{}" else e.changes),
        ], sorted(events, key=lambda e: (e.plan_id, e.seq)))  # fmt: skip
    return _save(wb, path)


def kpis_workbook(kpis: Kpis, path: Path_ = None) -> bytes:
    """The KPIs of a year: signed investment, start rates, the unit ranking, list coverage."""
    wb = _new()
    _sheet(wb, "签约投资", [
        Col("年度", lambda s: s.year, INTEGER), Col("签约投资(亿元)", lambda s: s.amount_cny_100m, AMOUNT),
        Col("年度目标(亿元)", lambda s: s.target_cny_100m, AMOUNT), Col("完成率", lambda s: s.ratio, PERCENT),
        Col("签约专案数", lambda s: s.plans, INTEGER), Col("金额未填专案数", lambda s: s.unknown_amount, INTEGER),
        Col("专案编号", lambda s: "、".join(s.plan_ids)),
    ], [kpis.signed_investment])  # fmt: skip
    _sheet(wb, "开工率", [
        Col("合同年度", lambda s: s.year, INTEGER), Col("正式合同数", lambda s: s.contracted, INTEGER),
        Col("已开工数", lambda s: s.started, INTEGER), Col("开工率", lambda s: s.rate, PERCENT),
        Col("目标", lambda s: s.goal, PERCENT), Col("是否达标", lambda s: None if s.met is None else _yes(s.met)),
        Col("未开工专案", lambda s: "、".join(s.not_started)),
    ], kpis.start_rates)  # fmt: skip
    _sheet(wb, "逐月亮晒", [
        Col("月份", lambda u: kpis.month), Col("排名", lambda u: u.rank, INTEGER), Col("责任单位", lambda u: u.unit),
        Col("签约投资(亿元)", lambda u: u.signed_investment_cny_100m, AMOUNT),
        Col("开工数", lambda u: u.starts, INTEGER), Col("签约数", lambda u: u.signings, INTEGER),
        Col("推进专案数", lambda u: u.moved, INTEGER),
    ], kpis.unit_ranking)  # fmt: skip
    _sheet(wb, "榜单覆盖", [
        Col("榜单", lambda c: c.name), Col("榜单编号", lambda c: c.list_id),
        Col("上榜企业数", lambda c: c.members, INTEGER), Col("已对接", lambda c: c.targeted, INTEGER),
        Col("洽谈中", lambda c: c.in_talks, INTEGER), Col("已签约", lambda c: c.signed, INTEGER),
    ], kpis.list_coverage)  # fmt: skip
    return _save(wb, path)


# -- bundles ------------------------------------------------------------------------------------


def targets_workbook(targets: Any, event: Any, path: Path_ = None) -> bytes:
    """An event's target list (:class:`~chain_graph.analysis.events.TargetList`), set up to print:
    A4 landscape, one page wide, the header row repeated on every page, the event in the page
    header and page numbers in the footer."""
    wb = _new()
    _sheet(wb, "目标企业", [
        Col("序号", lambda t: t.rank, INTEGER), Col("企业", lambda t: t.name), Col("企业编号", lambda t: t.company_id),
        Col("示例数据", lambda t: _yes(t.illustrative)), Col("总部所在地", lambda t: t.region_name or t.region),
        Col("国家/地区", lambda t: t.country), Col("侨资/泉商", lambda t: _yes(t.overseas_chinese)),
        Col("得分", lambda t: t.score, SCORE),
        Col("可补环节", lambda t: "；".join(f"{g.segment_name}（{STATUSES.get(g.status, g.status)}）" for g in t.gaps)),
        Col("所属产业链", lambda t: "、".join(dict.fromkeys(g.chain_id for g in t.gaps))),
        Col("榜单", lambda t: "；".join(f"{e.name} {e.year} 第{e.rank}位" for e in t.lists)),
        Col("符合方向", lambda t: "、".join(FOCUS_LABELS.get(m, m) for m in t.focus_match)),
        Col("人工添加", lambda t: _yes(t.added_by_hand)),
        Col("邀请状态", lambda t: INVITATION_STATUSES.get(t.invitation or "", "未邀请")),
    ], targets.data, print_setup=f"{event.name}（{event.held_on}，{event.host_unit}）目标企业清单")  # fmt: skip
    return _save(wb, path)


def template_workbook(path: Path_ = None) -> bytes:
    """The import template: a 说明 sheet, then one sheet per table with its header and one example row."""
    wb = _new()
    notes = [("（全部）", "", "", "", "", note) for note in GENERAL_NOTES] + [
        (spec.name, spec.label, c.name, "*" if c.required else "", *column_note(spec.name, c))
        for spec in TABLES
        for c in spec.columns
    ]
    headers = ("工作表", "表名", "列名", "必填(*)", "格式 / 可填的值", "说明")
    _sheet(wb, INSTRUCTIONS_SHEET, [Col(h, _item(i)) for i, h in enumerate(headers)], notes)
    for spec in TABLES:
        _sheet(wb, spec.name, _bundle_columns(spec), [EXAMPLES[spec.name]], text_ids=True)
    return _save(wb, path)


def bundle_workbook(store: Any, path: Path_ = None) -> bytes:
    """The store's chains, firms, ties and rankings as an importable workbook (the columns of §6)."""
    wb = _new()
    names: dict[str, str] = {}  # company id → name: a ranking stored without the listed name gets it
    for spec in TABLES:
        _sheet(wb, spec.name, _bundle_columns(spec), _bundle_rows(store, spec, names), text_ids=True)
    return _save(wb, path)


def _bundle_rows(store: Any, spec: TableSpec, names: dict[str, str]) -> Iterator[dict[str, Any]]:
    for record in _all(store, spec):
        row = record.to_row()
        if spec.name == "companies":
            names[row["company_id"]] = row["name"]
        elif spec.name == "rankings" and not row.get("company_name"):
            row["company_name"] = names.get(row["company_id"])
        yield row


def _all(store: Any, spec: TableSpec) -> Iterable[Record]:
    for offset in itertools.count(0, _PAGE):
        page = store.list(spec.kind, offset=offset, limit=_PAGE).items
        yield from page
        if len(page) < _PAGE:
            return


def _item(i: int) -> Callable[[Sequence[Any]], Any]:
    return lambda row: row[i]


def _bundle_columns(spec: TableSpec) -> list[Col]:
    return [Col(c.name, _bundle_value(c.name, c.type), _BUNDLE_FORMATS.get(c.type)) for c in spec.columns]


_BUNDLE_FORMATS = {CellType.DATE: DATE, CellType.ID: TEXT, CellType.CODE: TEXT, CellType.REGION: TEXT}


def _bundle_value(name: str, kind: CellType) -> Callable[[Mapping[str, Any]], Any]:
    def value(row: Mapping[str, Any]) -> Any:
        v = row.get(name)
        if isinstance(v, list | tuple):
            return "|".join(v) or None
        if kind is CellType.DATE and isinstance(v, str):
            return dt.date.fromisoformat(v)
        return v

    return value


# -- writing ------------------------------------------------------------------------------------


def _new() -> Any:
    from openpyxl import Workbook  # heavy; only when a workbook is made

    return Workbook(write_only=True)


def _sheet(
    wb: Any,
    title: str,
    columns: Sequence[Col],
    items: Iterable[Any],
    *,
    formats: Mapping[int, str] | None = None,
    text_ids: bool = False,
    print_setup: str | None = None,
) -> None:
    """One sheet: bold header, frozen, filtered, sized to its first rows.

    ``formats`` gives row-specific formats (row index → format of the value column, for
    key-value sheets); ``text_ids`` formats whole text columns as text (``@``), so an id a
    planner types later (000001) stays as typed.
    """
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    it = iter(items)
    head = [[col.get(item) for col in columns] for item in itertools.islice(it, _WIDTH_SAMPLE)]
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        widest = max([_width(col.header) + 2, *(_width(row[i - 1]) for row in head)])
        ws.column_dimensions[letter].width = min(max(widest + 2, 8), 60)
        if text_ids and col.fmt == TEXT:
            ws.column_dimensions[letter].number_format = TEXT
    ws.freeze_panes = "A2"
    if print_setup is not None:
        _print_setup(ws, print_setup)
    ws.append([_header_cell(ws, col.header) for col in columns])
    count = 0
    rows = itertools.chain(head, ([col.get(item) for col in columns] for item in it))
    for count, values in enumerate(rows, start=1):
        fmts = [formats.get(count - 1, col.fmt) if formats and i == 1 else col.fmt for i, col in enumerate(columns)]
        ws.append([_cell(ws, v, f) for v, f in zip(values, fmts, strict=True)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def _print_setup(ws: Any, title: str) -> None:
    """A4 landscape, one page wide, the header row on every page, ``title`` above, page numbers below."""
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = title
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _header_cell(ws: Any, text: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    cell = WriteOnlyCell(ws, text)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDEBF7")
    return cell


def _cell(ws: Any, value: Any, fmt: str | None) -> Any:
    """A value as a cell: text neutralised against formulas, times in Beijing time, numbers formatted."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not text.startswith(FORMULA_STARTS):
            return text
        cell = WriteOnlyCell(ws, text)
        cell.data_type = "s"  # text, never a formula …
        cell.quotePrefix = True  # … even after the cell is edited
        return cell
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(BEIJING).replace(tzinfo=None)
    if fmt is None or fmt == TEXT or isinstance(value, bool):
        return value
    cell = WriteOnlyCell(ws, value)
    cell.number_format = fmt
    return cell


def _width(value: Any) -> int:
    """Display width: a CJK (wide) character takes two columns."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[:200])


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _save(wb: Any, path: Path_) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


# -- the template's words -----------------------------------------------------------------------

GENERAL_NOTES = (
    "每个工作表是一张表：工作表名用英文表名（如 companies）或中文表名（如 企业）；不需要的表可以删掉。",
    "第 1 行是列名，请勿修改；第 2 行是示例（名称带“（示例）”，各表示例互相引用，仅示意格式），导入前请删除或改写。",
    "带 * 的列必填；其余可空。日期写成 2024-09-12；是/否 列填 是 或 否。",
    "编号（*_id）由您自定，1–64 位字母、数字或 _ . : - ；同一表内不可重复，其他表用它来引用。",
    "请保存为 .xlsx（不是 .xls）；公式须在 Excel 中保存过（导入读取的是计算结果）。",
)

_TYPE_NOTES = {
    CellType.ID: "编号：1–64 位字母、数字或 _ . : -",
    CellType.TEXT: "文字",
    CellType.CODE: "代码",
    CellType.NUMBER: "数字，可带千分位（如 1,234.5）",
    CellType.INTEGER: "整数",
    CellType.DATE: "日期，如 2024-09-12（或 2024/9/12）",
    CellType.BOOL: "是 / 否（或 true / false、1 / 0）",
    CellType.REGION: "行政区划代码（如 350582）或区划名称（如 晋江市）",
}

_COLUMN_NOTES = {
    "region_id": "行政区划代码（GB/T 2260，如 350582）；国家用两位字母代码（如 CN）",
    "name": "名称", "parent_id": "上级的编号（可空；须在本表或库中）", "level": "区划级别",
    "source": "数据来源（如 企业年报、工商登记）", "as_of": "数据截至日期", "chain_id": "产业链编号",
    "description": "说明", "segment_id": "环节编号", "stage": "环节所处阶段",
    "from_segment_id": "上游环节编号", "to_segment_id": "下游环节编号（上游环节的产出是它的投入）",
    "weight": "关联强度，0 到 1 之间，空则为 1", "company_id": "企业编号", "short_name": "简称",
    "aliases": "别名，多个用竖线 | 分隔（如 ANTA|安踏体育）；榜单按全称、简称和别名匹配",
    "uscc": "统一社会信用代码（18 位，校验位须正确）",
    "region": "所在地：本地企业填区县，外地企业填省或市", "local_site": "在本地是否有工厂或分支机构",
    "country": "国家或地区代码（两位字母，如 CN、TW、US）", "revenue_cny_100m": "营业收入（亿元）",
    "employees": "员工人数", "listed_code": "股票代码（如 600000.SH）", "overseas_chinese": "是否侨资企业 / 在外乡商",
    "role": "企业在该环节的地位", "share": "该环节业务占企业全部业务的比例，0 到 1",
    "supplier_id": "供应商的企业编号", "customer_id": "客户的企业编号", "product": "供应的产品",
    "amount_cny_100m": "年供应金额（亿元）", "list_id": "榜单", "year": "榜单年份", "rank": "名次",
    "company_name": "榜单上的企业名称；company_id 为空时按名称匹配（全称、简称、别名，简体繁体均可）",
    "revenue_usd_m": "榜单营收（百万美元）",
    "direction": "招商方向：制造 / 文旅 / 商贸（专场活动按方向选产业链）", "expansion_id": "项目编号",
    "expansion_kind": "项目类型", "investment_cny_100m": "项目总投资（亿元）", "added_capacity": "新增产能（文字）",
    "key_list": "列入的重点技改项目名单", "key_list_year": "列入名单的年份", "status": "项目状态",
    "approved_on": "立项备案日期", "started_on": "开工日期", "produced_on": "投产日期", "unit": "责任单位",
    "note": "备注", "tier": "后备名单类别（储备企业须年纳税超过 500 万元）", "list_year": "列入名单的年份",
    "tax_paid_cny_10k": "年纳税额（万元）", "tax_year": "纳税年度", "market": "拟上市/挂牌市场",
    "tutoring_on": "辅导备案日期", "filed_on": "申报日期", "listed_on": "上市/挂牌日期",
    "event_id": "活动编号", "held_on": "活动日期", "host_unit": "主办单位",
    "focus": "招商方向，多个用竖线 | 分隔：粤港澳大湾区、长三角、东南亚、侨港澳台、500强、文旅、商贸，"
             "或 region:区划代码、list:榜单编号；同类任一即可，不同类须同时满足",
    "chain_ids": "针对的产业链编号，多个用竖线 | 分隔；空则为全部产业链",
}  # fmt: skip
_TABLE_NOTES = {
    ("regions", "name"): "区划名称", ("chains", "name"): "产业链名称", ("segments", "name"): "环节名称",
    ("companies", "name"): "企业全称", ("rankings", "company_id"): "企业编号（可空：按 company_name 匹配）",
    ("segments", "chain_id"): "所属产业链编号", ("events", "name"): "活动名称",
    ("events", "description"): "说明",
}  # fmt: skip
_ENUM_WORDS = {
    "stage": STAGES, "role": {"leading": "龙头/链主", "core": "核心", "supporting": "配套"},
    "direction": CHAIN_DIRECTIONS, "expansion_kind": EXPANSION_KINDS, "key_list": KEY_LISTS,
    "expansion_status": EXPANSION_STATUSES, "listing_tier": LISTING_TIERS, "listing_stage": LISTING_STAGES,
    "event_kind": EVENT_KINDS,
}  # fmt: skip


def column_note(table: str, column: Column) -> tuple[str, str]:
    """``(format or allowed values, what the column means)`` for the 说明 sheet."""
    if column.type is CellType.ENUM:
        enum = column.enum or column.name
        values = ENUM_VALUES[enum]
        if enum == "list_id":
            fmt = " / ".join(f"{v}（{RANKING_LISTS[v].name}）" for v in values)  # type: ignore[index]
        else:
            words = _ENUM_WORDS.get(enum, {})
            fmt = " / ".join(f"{v}（{words[v]}）" if v in words else v for v in values)
            if ENUM_SYNONYMS.get(enum):
                fmt += "；也可填 " + "、".join(ENUM_SYNONYMS[enum])
    else:
        fmt = _TYPE_NOTES[column.type]
    return fmt, _TABLE_NOTES.get((table, column.name), _COLUMN_NOTES.get(column.name, ""))


_EXAMPLE_DAY = dt.date(2024, 12, 31)
EXAMPLES: dict[str, dict[str, Any]] = {
    "regions": {"region_id": "350582", "name": "晋江市", "parent_id": None, "level": "county",
                "source": "GB/T 2260", "as_of": _EXAMPLE_DAY},
    "chains": {"chain_id": "demo-textile", "name": "纺织鞋服（示例）", "description": "示例：从化纤到鞋服"},
    "segments": {"segment_id": "demo-textile.fiber", "chain_id": "demo-textile", "name": "化纤（示例）",
                 "stage": "上游", "parent_id": None, "description": "涤纶、锦纶等合成纤维"},
    "segment_links": {"from_segment_id": "demo-textile.fiber", "to_segment_id": "demo-textile.weave", "weight": 0.8},
    "companies": {"company_id": "demo-co-1", "name": "泉州示例化纤有限公司（示例）", "short_name": "示例化纤",
                  "aliases": ["示例化纤（示例）"], "region": "350582", "local_site": True, "country": "CN",
                  "revenue_cny_100m": 12.5, "employees": 800, "overseas_chinese": False, "source": "企业年报",
                  "as_of": _EXAMPLE_DAY},
    "company_segments": {"company_id": "demo-co-1", "segment_id": "demo-textile.fiber", "role": "核心", "share": 0.6},
    "supplies": {"supplier_id": "demo-co-1", "customer_id": "demo-co-2", "product": "涤纶长丝（示例）",
                 "amount_cny_100m": 1.2, "source": "企业访谈", "as_of": _EXAMPLE_DAY},
    "rankings": {"list_id": "china-private-500", "year": 2024, "rank": 321,
                 "company_name": "泉州示例化纤有限公司（示例）", "company_id": None, "country": "CN"},
    "expansions": {"expansion_id": "demo-exp-1", "company_id": "demo-co-1", "chain_id": "demo-textile",
                   "name": "年产5万吨差别化纤维扩产项目（示例）", "expansion_kind": "增资扩产",
                   "investment_cny_100m": 3.5, "added_capacity": "年产5万吨", "key_list": "省重点技改项目",
                   "key_list_year": 2024, "status": "在建", "started_on": _EXAMPLE_DAY, "unit": "晋江市"},
    "listings": {"company_id": "demo-co-1", "chain_id": "demo-textile", "tier": "上市后备企业", "list_year": 2024,
                 "stage": "辅导备案", "tax_paid_cny_10k": 820, "tax_year": 2023, "market": "深交所主板",
                 "tutoring_on": _EXAMPLE_DAY, "unit": "晋江市"},
    "parks": {"park_id": "demo-park-1", "name": "晋江示例产业园（示例）", "region": "350582",
              "chain_ids": ["demo-textile"], "segment_ids": ["demo-textile.fiber"], "available_land_mu": 120,
              "factory_space_m2": 20000, "source": "illustrative: 示例", "as_of": _EXAMPLE_DAY},
    "park_plots": {"plot_id": "demo-plot-1", "park_id": "demo-park-1", "name": "示例地块", "area_mu": 35,
                   "condition": "闲置", "note": "示例：批而未供"},
    "events": {"event_id": "demo-event-1", "name": "粤港澳大湾区专场招商推介会（示例）", "event_kind": "推介",
               "held_on": _EXAMPLE_DAY, "host_unit": "泉州市商务局", "focus": "粤港澳大湾区|500强",
               "chain_ids": "demo-textile", "description": "示例活动"},
    "organisations": {"organisation_id": "org.ph-qz", "name": "菲律宾泉州同乡会（示例）",
                      "kind": "hometown_association", "city": "马尼拉", "country": "PH", "overseas_chinese": True,
                      "source": "illustrative"},
    "memberships": {"company_id": "demo-co-1", "organisation_id": "org.ph-qz", "role": "会员单位",
                    "since": "2020-01-01", "source": "illustrative"},
    "shareholdings": {"holder_id": "demo-co-1", "company_id": "demo-co-2", "share_pct": 51,
                      "source": "illustrative"},
}  # fmt: skip
