"""Display labels, Chinese and English: the one source for the CLI, exports, Excel, reports and the page.

Each group maps a stored value (an enum's value, a score part's name) to its words. The page
reads the same table from ``GET /labels``; a test checks that the page, the CLI and the Excel
exports show these words and no copies of their own.

Examples
--------
>>> zh("plan_status", "contacted")
'已接洽'
>>> en("gap_status", "missing")
'missing link'
>>> zh("plan_status", "no-such-status")
'no-such-status'
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

__all__ = ["LABELS", "Label", "as_json", "en", "group", "zh"]


class Label(tuple[str, str]):
    """A value's Chinese and English words."""

    __slots__ = ()

    def __new__(cls, zh: str, en: str) -> Label:
        return super().__new__(cls, (zh, en))

    @property
    def zh(self) -> str:
        return self[0]

    @property
    def en(self) -> str:
        return self[1]


def _g(**values: tuple[str, str]) -> Mapping[str, Label]:
    return MappingProxyType({k: Label(*v) for k, v in values.items()})


_LABELS: dict[str, Mapping[str, Label]] = {
    "stage": _g(upstream=("上游", "upstream"), midstream=("中游", "midstream"), downstream=("下游", "downstream")),
    "gap_status": _g(missing=("缺链", "missing link"), weak=("弱链", "weak link"), strong=("强链", "strong link")),
    "gap_type": _g(missing=("补链", "fill a missing link"), weak=("强链", "strengthen"), extension=("延链", "extend")),
    "extension_direction": _g(
        upstream=("向上游延伸", "extend upstream"), downstream=("向下游延伸", "extend downstream"),
    ),
    "role": _g(
        leading=("龙头企业", "leading firm"), core=("核心企业", "core firm"),
        supporting=("配套企业", "supporting firm"),
    ),
    "user_role": _g(viewer=("查看", "viewer"), planner=("招商专员", "planner"), admin=("管理员", "administrator")),
    "plan_status": _g(
        identified=("已识别", "identified"),
        contacted=("已接洽", "contacted"),
        visited=("已拜访", "visited"),
        negotiating=("洽谈中", "negotiating"),
        signed_framework=("已签框架协议", "framework agreement signed"),
        signed_contract=("已签正式合同", "contract signed"),
        started=("已开工", "construction started"),
        in_production=("已投产", "in production"),
        dropped=("已放弃", "dropped"),
    ),
    "plan_action": _g(
        create=("新建", "created"), edit=("修改", "edited"), move=("推进", "moved"), drop=("放弃", "dropped"),
        reopen=("重新启动", "reopened"), appraise=("综合研判", "appraised"),
    ),
    "project_kind": _g(
        new_plant=("新建工厂", "new plant"), regional_hq=("区域总部", "regional headquarters"),
        rnd_centre=("研发中心", "R&D centre"), joint_venture=("合资合作", "joint venture"),
        expansion=("增资扩产", "expansion"),
    ),
    "score_part": _g(
        list_tier=("榜单档次", "list tier"), list_rank=("榜单排名", "list rank"), revenue=("营收规模", "revenue"),
        supply_ties=("供货关系", "supply ties"), segment_share=("业务占比", "segment share"),
        overseas_chinese=("侨资/泉商", "overseas Chinese"), relation_path=("关系路径", "relation path"),
        plan_exists=("已有专案", "plan exists"),
    ),
    "ranking_list": _g(
        **{
            "fortune-global-500": ("世界500强", "Fortune Global 500"),
            "china-500": ("中国500强", "China 500"),
            "china-private-500": ("民营500强", "China Private 500"),
            "china-service-500": ("服务业500强", "China Service 500"),
            "new-economy-500": ("新经济500强", "New Economy 500"),
            "taiwan-100": ("台湾100强", "Taiwan top 100"),
        }
    ),
    "chain_direction": _g(
        manufacturing=("制造", "manufacturing"), **{"culture-tourism": ("文旅", "culture and tourism"),
                                                 "commerce-trade": ("商贸", "commerce and trade")},
    ),
    "event_kind": _g(
        promotion=("推介", "promotion"), signing=("签约", "signing"), groundbreaking=("集中开工", "groundbreaking"),
    ),
    "invitation_status": _g(
        invited=("已邀请", "invited"), confirmed=("已确认", "confirmed"), attended=("已到会", "attended"),
        signed_at_event=("现场签约", "signed at the event"), declined=("已婉拒", "declined"),
    ),
    "invitation_move": _g(
        confirmed=("确认参会", "confirm"), attended=("登记到会", "record attendance"), declined=("婉拒", "decline"),
        invited=("重新邀请", "invite again"), signed_at_event=("现场签约", "sign at the event"),
    ),
    "expansion_kind": _g(capacity=("增资扩产", "capacity expansion"), upgrade=("技术改造", "technical upgrade")),
    "expansion_status": _g(
        planned=("谋划中", "planned"), approved=("已立项备案", "approved"),
        under_construction=("在建", "under construction"), in_production=("已投产", "in production"),
        cancelled=("已取消", "cancelled"),
    ),
    "expansion_move": _g(
        approved=("立项备案", "approve"), under_construction=("开工", "start construction"),
        in_production=("投产", "start production"), cancelled=("取消", "cancel"), planned=("重新谋划", "plan again"),
    ),
    "listing_move": _g(
        tutoring=("辅导备案", "file for tutoring"), filed=("申报", "file"), listed=("上市/挂牌", "list"),
        withdrawn=("退出", "withdraw"), cultivating=("重新培育", "cultivate again"),
    ),
    "key_project_list": _g(
        provincial=("省重点技改项目", "provincial key project"), city=("市重点技改项目", "city key project"),
    ),
    "listing_tier": _g(
        listing_reserve=("上市后备企业", "listing reserve"), quotation_reserve=("挂牌后备企业", "quotation reserve"),
        reserve=("储备企业", "reserve"),
    ),
    "listing_stage": _g(
        cultivating=("培育", "cultivating"), tutoring=("辅导备案", "tutoring"), filed=("申报", "filed"),
        listed=("上市/挂牌", "listed"), withdrawn=("退出", "withdrawn"),
    ),
    "verdict": _g(
        recommend=("推荐", "recommended"), conditional=("有条件推荐", "recommended with conditions"),
        not_recommended=("不建议", "not recommended"),
    ),
    "plot_condition": _g(
        available=("可供地", "available"), low_efficiency=("低效用地（待清理）", "low-efficiency land (to clear)"),
        idle=("闲置用地（待清理）", "idle land (to clear)"),
    ),
    # the fields of a targeting plan, as its form, its card and its sheet name them
    "plan_field": _g(
        unit=("责任单位", "responsible unit"), project_kind=("项目类型", "project kind"),
        expected_investment_cny_100m=("预计投资（亿元）", "expected investment (100M CNY)"), lead=("负责人", "lead"),
        next_action=("下一步行动", "next action"), due_date=("截止日期", "due date"),
    ),
    # the columns of KPI tables (GET /kpis field names): the KPI tab, the Excel KPI workbook, printed reports
    "kpi": _g(
        year=("年度", "year"), month=("月份", "month"), amount_cny_100m=("签约金额（亿元）", "signed (100M CNY)"),
        target_cny_100m=("年度目标（亿元）", "annual target (100M CNY)"), plans=("专案数", "plans"),
        unknown_amount=("金额未填", "amount not given"), ratio=("完成率", "share of target"),
        contracted=("正式合同数", "formal contracts"), started=("已开工数", "started"), rate=("开工率", "start rate"),
        goal=("目标", "goal"), met=("是否达标", "goal met"), rank=("排名", "rank"),
        unit=("责任单位", "responsible unit"),
        moved=("推进专案数", "plans moved"), signings=("签约数", "signings"),
        signed_investment_cny_100m=("签约投资（亿元）", "signed investment (100M CNY)"), starts=("开工数", "starts"),
        overdue=("逾期专案数", "overdue plans"), name=("榜单", "list"), members=("上榜企业数", "members"),
        targeted=("已建专案", "targeted"), in_talks=("洽谈中", "in talks"), signed=("已签约", "signed"),
    ),
    "relation": _g(
        supplies=("供货", "supplies"), holds_shares=("持股", "holds shares"), member_of=("会员", "member of"),
    ),
    "tie_direction": _g(supplier=("供应商", "supplier"), customer=("客户", "customer")),
}  # fmt: skip

LABELS: Mapping[str, Mapping[str, Label]] = MappingProxyType(_LABELS)


def group(name: str) -> Mapping[str, Label]:
    """One group of labels; an unknown group name is a programming error (KeyError)."""
    return LABELS[name]


def zh(group_name: str, value: str | Enum) -> str:
    """The Chinese words for a value; a value with no label is shown as it is."""
    key = value.value if isinstance(value, Enum) else value
    label = LABELS[group_name].get(key)
    return label.zh if label else str(key)


def en(group_name: str, value: str | Enum) -> str:
    """The English words for a value; a value with no label is shown as it is."""
    key = value.value if isinstance(value, Enum) else value
    label = LABELS[group_name].get(key)
    return label.en if label else str(key)


def as_json() -> dict[str, dict[str, dict[str, str]]]:
    """The whole table as JSON for the page: ``{group: {value: {"zh": …, "en": …}}}``."""
    return {g: {v: {"zh": lab.zh, "en": lab.en} for v, lab in values.items()} for g, values in LABELS.items()}
