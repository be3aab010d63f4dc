"""The import template: a 说明 sheet describing every column, then one sheet per table with its
header and one example row (names marked （示例）).

Examples
--------
>>> data = template_workbook()
>>> data[:2]
b'PK'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chain_graph.bundle.tables import ENUM_SYNONYMS, ENUM_VALUES, TABLES, CellType, Column
from chain_graph.bundle.xlsx import INSTRUCTIONS_SHEET
from chain_graph.export.excel_bundle import bundle_columns
from chain_graph.export.xlsx_writer import Col, Path_, item, new_workbook, save, sheet
from chain_graph.labels import group, zh
from chain_graph.models import RANKING_LISTS

__all__ = ["EXAMPLES", "GENERAL_NOTES", "column_note", "template_workbook"]


def template_workbook(path: Path_ = None) -> bytes:
    """The import template: a 说明 sheet, then one sheet per table with its header and one example row."""
    wb = new_workbook()
    notes = [("（全部）", "", "", "", "", note) for note in GENERAL_NOTES] + [
        (spec.name, spec.label, c.name, "*" if c.required else "", *column_note(spec.name, c))
        for spec in TABLES
        for c in spec.columns
    ]
    headers = ("工作表", "表名", "列名", "必填(*)", "格式 / 可填的值", "说明")
    sheet(wb, INSTRUCTIONS_SHEET, [Col(h, item(i)) for i, h in enumerate(headers)], notes)
    for spec in TABLES:
        sheet(wb, spec.name, bundle_columns(spec), [EXAMPLES[spec.name]], text_ids=True)
    return save(wb, path)


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
    "amount_cny_100m": "年供应金额（亿元）", "list_id": "榜单编号（见下拉选项）", "year": "榜单年份", "rank": "名次",
    "company_name": "榜单上的企业名称；company_id 为空时按名称匹配（全称、简称、别名，简体繁体均可）",
    "revenue_usd_m": "榜单营收（百万美元）",
    "direction": "招商方向：制造 / 文旅 / 商贸（专场活动按方向选产业链）", "expansion_id": "项目编号",
    "expansion_kind": "项目类别：增资扩产或技术改造", "investment_cny_100m": "项目总投资（亿元）",
    "added_capacity": "新增产能（文字）",
    "key_list": "列入的重点技改项目名单", "key_list_year": "列入名单的年份", "status": "项目状态",
    "approved_on": "立项备案日期", "started_on": "开工日期", "produced_on": "投产日期",
    "unit": zh("plan_field", "unit"),
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


# the labels group of each enum column whose allowed values the 说明 sheet spells out
_ENUM_LABELS = {
    "stage": "stage", "direction": "chain_direction", "expansion_kind": "expansion_kind",
    "key_list": "key_project_list", "expansion_status": "expansion_status", "listing_tier": "listing_tier",
    "listing_stage": "listing_stage", "event_kind": "event_kind",
}  # fmt: skip
# roles as a planner types them (the importer's synonyms), shorter than their display labels
_ROLE_WORDS = {"leading": "龙头/链主", "core": "核心", "supporting": "配套"}


def _enum_words(enum: str) -> dict[str, str]:
    if enum == "role":
        return _ROLE_WORDS
    name = _ENUM_LABELS.get(enum)
    return {v: label.zh for v, label in group(name).items()} if name else {}


def column_note(table: str, column: Column) -> tuple[str, str]:
    """``(format or allowed values, what the column means)`` for the 说明 sheet."""
    if column.type is CellType.ENUM:
        enum = column.enum or column.name
        values = ENUM_VALUES[enum]
        if enum == "list_id":
            fmt = " / ".join(f"{v}（{RANKING_LISTS[v].name}）" for v in values)  # type: ignore[index]
        else:
            words = _enum_words(enum)
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
