"""The parts synthetic names, places and codes are made of (see :mod:`chain_graph.generate`).

Plain data and small pure functions: which chains and segment nouns exist, where a company
can sit (the home region's counties, other provinces, abroad), how a unique Chinese company
name is spelt from an index, and the check digit of an organisation code.

>>> core_name(0, 100), core_name(1, 100)
('恒恒', '福泰')
>>> org_check_digit("60003734")
'1'
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate

from chain_graph import labels
from chain_graph.models import RankingListId

__all__ = [
    "AS_OF",
    "PLACES",
    "REGIONS",
    "ROLES",
    "STAGE_NAMES",
    "STAGE_NOUNS",
    "SUFFIXES",
    "Place",
    "chain_name",
    "core_name",
    "in_ranking_pool",
    "org_check_digit",
    "pick_place",
]

AS_OF = "2024-06-30"
STAGE_NAMES = {stage: labels.zh("stage", stage) for stage in ("upstream", "midstream", "downstream")}
SEGMENT_NOUNS = {
    "upstream": """原料 基础材料 化工助剂 纤维 树脂 金属材料 电子元件 芯片 矿产 能源供应 零部件 模具
                   专用设备 检测仪器 包装材料""",
    "midstream": "加工 制造 组装 精深加工 研发设计 工艺 配套件 模组 系统集成 印染 成型 涂装",
    "downstream": """品牌运营 销售渠道 电子商务 物流 终端应用 售后服务 出口贸易 回收利用 会展 检测认证
                     工业互联网 金融服务""",
}
# chain name : the industry word its companies' names carry
CHAINS = """纺织鞋服:纺织 石油化工:石化 机械装备:机械 建材家居:建材 食品饮料:食品 纸业印刷:纸业
            工艺制品:工艺 电子信息:电子 新材料:材料 新能源:能源 医药健康:医药 数字经济:数字"""
CORE_CHARS = "恒兴达盛华安鑫源泰隆丰宏信诚利嘉祥瑞通福和荣永昌德宝鸿佳振成锦晋腾飞凯越联创海天明新金亚远航正中汇益"
SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "科技有限公司", "实业有限公司", "发展有限公司")
ROLES = ("core", "supporting", "supporting")  # leading is drawn apart, by size

# code, name, name prefix in company names, weight (how many firms sit there)
HOME_COUNTIES = """
350502 鲤城区 鲤城 7    350503 丰泽区 丰泽 8    350504 洛江区 洛江 5    350505 泉港区 泉港 9
350521 惠安县 惠安 8    350524 安溪县 安溪 7    350525 永春县 永春 4    350526 德化县 德化 5
350581 石狮市 石狮 10   350582 晋江市 晋江 25   350583 南安市 南安 12
"""
OTHER_REGIONS = """
110000 北京市 北京 10   310000 上海市 上海 12   320000 江苏省 江苏 14   330000 浙江省 浙江 14
370000 山东省 山东 8    440000 广东省 广东 16   350100 福州市 福州 6    350200 厦门市 厦门 6
710000 台湾省 台湾 4    810000 香港特别行政区 香港 3
"""
FOREIGN = "US 美国 4   JP 日本 3   DE 德国 2   KR 韩国 2   SG 新加坡 1"
NOT_MAINLAND = ("710000", "810000")  # no USCC, no "CN" in the country column


def _words(text: str) -> list[str]:
    return text.split()


def _quads(text: str) -> list[tuple[str, str, str, int]]:
    words = _words(text)
    return [(a, b, c, int(d)) for a, b, c, d in zip(*[iter(words)] * 4, strict=True)]


def _region_rows() -> list[tuple[str, str, str, str]]:
    rows = [("CN", "中国", "", "country"), ("350000", "福建省", "CN", "province")]
    rows.append(("350500", "泉州市", "350000", "city"))
    for code, name, *_ in _quads(HOME_COUNTIES):
        rows.append((code, name, "350500", "district" if name.endswith("区") else "county"))
    for code, name, *_ in _quads(OTHER_REGIONS):
        in_fujian = code.startswith("35")
        rows.append((code, name, "350000" if in_fujian else "CN", "city" if in_fujian else "province"))
    return rows


REGIONS = _region_rows()  # region_id, name, parent_id, level
STAGE_NOUNS = {stage: _words(nouns) for stage, nouns in SEGMENT_NOUNS.items()}
_CHAIN_WORDS = [tuple(pair.split(":")) for pair in _words(CHAINS)]


@dataclass(frozen=True)
class Place:
    """Where a company can sit: its region (blank abroad), name prefix and country."""

    region_id: str
    prefix: str
    country: str
    local: bool

    @property
    def mainland(self) -> bool:
        return self.country == "CN"

    @property
    def exchange(self) -> str | None:
        return "HK" if self.region_id == "810000" else None


def _places() -> tuple[list[Place], list[float], list[float]]:
    places, local_w, other_w = [], [], []
    for code, _, prefix, weight in _quads(HOME_COUNTIES):
        places.append(Place(code, prefix, "CN", local=True))
        local_w.append(weight)
        other_w.append(0)
    for code, _, prefix, weight in _quads(OTHER_REGIONS):
        places.append(Place(code, prefix, "" if code in NOT_MAINLAND else "CN", local=False))
        local_w.append(0)
        other_w.append(weight)
    for country, prefix, weight in zip(*[iter(_words(FOREIGN))] * 3, strict=True):
        places.append(Place("", prefix, country, local=False))
        local_w.append(0)
        other_w.append(int(weight))
    return places, list(accumulate(local_w)), list(accumulate(other_w))


PLACES, _CUM_LOCAL, _CUM_OTHER = _places()


def pick_place(rng: random.Random, local: bool) -> int:
    """Index into PLACES: a home county for a local firm, somewhere else otherwise."""
    cum = _CUM_LOCAL if local else _CUM_OTHER
    return bisect(cum, rng.random() * cum[-1])


def in_ranking_pool(list_id: RankingListId, place: Place) -> bool:
    """Who a list draws from: Taiwan firms for taiwan-100, outside firms for the Fortune
    Global 500, mainland firms (local ones too) for the Chinese lists."""
    if list_id is RankingListId.TAIWAN_100:
        return place.region_id == "710000"
    if list_id is RankingListId.FORTUNE_GLOBAL_500:
        return not place.local
    return place.mainland


def chain_name(c: int) -> tuple[str, str]:
    """Name of the c-th chain (numbered after the first dozen) and its industry word."""
    chains = _CHAIN_WORDS
    name, word = chains[c % len(chains)]
    return (name if c < len(chains) else f"{name}（{c // len(chains) + 1}）"), word


def core_name(i: int, n: int) -> str:
    """Two or more characters, different for each index below n, in a scrambled order."""
    base, width = len(CORE_CHARS), 2
    while base**width < n:
        width += 1
    j, chars = (i * 7_919) % base**width, []
    for _ in range(width):
        j, d = divmod(j, base)
        chars.append(CORE_CHARS[d])
    return "".join(chars)


def org_check_digit(digits: str) -> str:
    """Check digit of an eight-digit organisation code (GB 11714), its ninth character."""
    c = 11 - sum(int(d) * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))
