"""Match the company names of ranking lists to the companies we know.

Lists name companies as their publishers write them: in full (中国石油化工集团有限公司), by a
short name (中国石化), in traditional characters (台積電), in English, with or without the
legal form. :class:`NameMatcher` tries, in order, and stops at the first step that finds
anyone:

1. **exact** / **alias**: the name as written (after Unicode NFKC, case and space folding)
   is a company's full or short name (``exact``) or one of its aliases (``alias``);
2. **folded**: equal after :func:`fold_name` (traditional → simplified Chinese, OpenCC
   ``t2s``), or after :func:`core_name` as well: the legal form (股份有限公司, 集团, 控股,
   Co., Ltd., Holdings …), a bracketed ``(中国)`` and punctuation removed. A leading
   province (福建省…) is set aside, and two names match only if at most one of them has
   one or both have the same: 山东华泰 never folds into 江苏华泰;
3. otherwise **none**, with fuzzy *suggestions* (rapidfuzz ``WRatio`` on the core names,
   at or above a threshold) for a person to review. A suggestion is never a match.

A step that finds two or more companies answers **ambiguous** with all of them, never a
guess. Near misses stay apart: 中国石油天然气集团有限公司 and 中国石油化工集团有限公司 are two
firms, and so are 恒安集团 and 恒安国际.

Examples
--------
>>> from chain_graph.models import Company
>>> matcher = NameMatcher([Company(company_id="tsmc", name="台湾积体电路制造股份有限公司", aliases="台積電|TSMC")])
>>> matcher.match("台積電").kind, matcher.match("tsmc").company_id
('alias', 'tsmc')
>>> matcher.match("台灣積體電路製造股份有限公司").kind
'folded'
>>> core_name("鴻海精密工業股份有限公司"), core_name("ANTA Sports Products Co., Ltd.")
('鸿海精密工业', 'anta sports products')
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple

__all__ = [
    "DEFAULT_THRESHOLD",
    "Match",
    "MatchKind",
    "NameMatcher",
    "Suggestion",
    "core_name",
    "fold_name",
    "name_key",
    "plain_name",
]

MatchKind = Literal["exact", "alias", "folded", "ambiguous", "none"]
# The lowest rapidfuzz WRatio (0..100) shown as a suggestion: 中国石化 ~ 中国石油化工 scores 80.
DEFAULT_THRESHOLD = 75.0
MAX_SUGGESTIONS = 5
_PREFILTER, _PREFILTER_CUTOFF = 200, 30.0  # names rescored by WRatio: the closest by plain ratio
_MIN_CORE = 2  # a legal form is not stripped when fewer characters would be left
_MIN_REST = 4  # nor a province prefix (上海汽车 stays 上海汽车)

# Legal forms, folded (simplified, lower case), longest first; stripped from the end, repeatedly.
_CJK_FORMS = (
    "股份有限公司", "有限责任公司", "有限公司", "股份公司", "总公司", "分公司", "公司",
    "集团", "控股", "股份",
)  # fmt: skip
_LATIN_FORMS = frozenset(
    {"co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "plc", "holding",
     "holdings", "group", "ag", "se", "sa", "nv", "bv", "gmbh", "kk", "spa"}
)  # fmt: skip
_DROPPED_IN_BRACKETS = frozenset({"中国", "中国区", "集团", "控股", "股份", "china", "group", "holdings"})
_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
    "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip
_PROVINCE = re.compile(
    "^(" + "|".join(sorted(_PROVINCES, key=len, reverse=True)) + ")"
    r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)"
)
_BRACKETS = re.compile(r"[(\[【〔]([^()\[\]【】〔〕]*)[)\]】〕]")
_LATIN_TOKEN = re.compile(r"[a-z0-9]+")
_PUNCT = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc  # a compiled dictionary; loaded on first use

    return opencc.OpenCC("t2s")


def plain_name(name: str) -> str:
    """The name as written, without width, case and spacing differences.

    >>> plain_name("  ＡＮＴＡ   Sports ")
    'anta sports'
    """
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def fold_name(name: str) -> str:
    """:func:`plain_name` in simplified Chinese: two spellings of one name are equal.

    >>> fold_name("台灣積體電路製造股份有限公司") == fold_name("台湾积体电路制造股份有限公司")
    True
    """
    text = unicodedata.normalize("NFKC", name)
    text = _t2s().convert(text)
    return " ".join(text.casefold().split())


def _strip_brackets(text: str) -> str:
    def keep(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        return " " if inner in _DROPPED_IN_BRACKETS else f" {inner} "

    return _BRACKETS.sub(keep, text)


def _strip_forms(text: str) -> str:
    """Legal forms off the end, Chinese and Latin, until none is left (keeping a core)."""
    while True:
        before = text
        for form in _CJK_FORMS:
            if text.endswith(form) and len(text) - len(form) >= _MIN_CORE:
                text = text[: -len(form)].rstrip()
                break
        tokens = text.split(" ")
        if len(tokens) > 1 and _PUNCT.sub("", tokens[-1]) in _LATIN_FORMS:
            text = " ".join(tokens[:-1]).rstrip()
        if text == before:
            return text


def _tidy(text: str) -> str:
    """Punctuation out; spaces kept only between two Latin words or numbers."""
    parts = [p for p in _PUNCT.split(text) if p]
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def name_key(name: str) -> tuple[str, str]:
    """``(province, core)``: a province written out at the start (福建省…, or ``""``) and the core.

    Only a province written with its 省 / 市 / 自治区 is set aside: a bare 上海 or 浙江 is
    usually part of the firm's name (上海汽车, 浙江吉利).

    >>> name_key("福建省晋华集成电路有限公司")
    ('福建', '晋华集成电路')
    >>> name_key("上海汽车集团股份有限公司")
    ('', '上海汽车')
    """
    text = _strip_forms(_tidy(_strip_brackets(fold_name(name))))
    found = _PROVINCE.match(text)
    if found and len(text) - found.end() >= _MIN_REST:
        return found.group(1), text[found.end() :]
    return "", text


def core_name(name: str) -> str:
    """The folded name without legal form, bracketed ``(中国)`` or punctuation."""
    province, core = name_key(name)
    return province + core


class Suggestion(NamedTuple):
    """A company a name may mean: its id, its full name, a score (100: the same name)."""

    company_id: str
    name: str
    score: float


@dataclass(frozen=True)
class Match:
    """What a name matched: one company (``company_id``), several, or none."""

    company_id: str | None
    kind: MatchKind
    candidates: tuple[Suggestion, ...] = ()

    @property
    def linked(self) -> bool:
        return self.company_id is not None


@dataclass
class _Index:
    plain: dict[str, set[tuple[str, bool]]] = field(default_factory=lambda: defaultdict(set))  # name → (id, alias?)
    folded: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    cores: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))  # core → (province, id)
    choices: list[str] = field(default_factory=list)  # for fuzzy suggestions: core names …
    choice_ids: list[str] = field(default_factory=list)  # … and whose they are


class NameMatcher:
    """Companies indexed by every name they bear (full name, short name, aliases).

    ``threshold`` is the lowest fuzzy score (0..100) shown as a suggestion.
    """

    def __init__(self, companies: Iterable[Any] = (), *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.names: dict[str, str] = {}  # company id → full name
        self._index = _Index()
        for company in companies:
            self.add(company)

    def add(self, company: Any) -> None:
        """Index a :class:`~chain_graph.models.Company` (or anything with its name fields)."""
        index, cid = self._index, company.company_id
        self.names[cid] = company.name
        own = [n for n in (company.name, company.short_name) if n]
        for name, alias in [(n, False) for n in own] + [(a, True) for a in company.aliases if a]:
            index.plain[plain_name(name)].add((cid, alias))
            index.folded[fold_name(name)].add(cid)
            province, core = name_key(name)
            if core:
                index.cores[core].add((province, cid))
                index.choices.append(province + core)
                index.choice_ids.append(cid)

    def match(self, name: str) -> Match:
        """The company ``name`` names, by the first step that finds any (see the module)."""
        index = self._index
        hits = index.plain.get(plain_name(name), set())
        if hits:
            ids = {cid for cid, _ in hits}
            if len(ids) == 1:
                (cid,) = ids
                kind: MatchKind = "exact" if any(not alias for _, alias in hits) else "alias"
                return Match(cid, kind, (self._sure(cid),))
            return self._ambiguous(ids)
        ids = set(index.folded.get(fold_name(name), set()))
        if not ids:
            province, core = name_key(name)
            ids = {cid for p, cid in index.cores.get(core, ()) if not province or not p or p == province}
        if len(ids) == 1:
            (cid,) = ids
            return Match(cid, "folded", (self._sure(cid),))
        if ids:
            return self._ambiguous(ids)
        return Match(None, "none", tuple(self.suggest(name)))

    def suggest(self, name: str, *, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
        """Companies whose names come close to ``name``, best first: for review, never linked."""
        from rapidfuzz import fuzz, process  # C-accelerated; loaded only when a name is unmatched

        query = core_name(name)
        if len(query) < _MIN_CORE or not self._index.choices:
            return []
        best: dict[str, float] = {}
        # WRatio is slow (~1 µs a name): take the names closest by plain ratio first, then score those.
        near = process.extract(
            query, self._index.choices, scorer=fuzz.ratio, processor=None, score_cutoff=_PREFILTER_CUTOFF,
            limit=_PREFILTER,
        )  # fmt: skip
        scored = ((fuzz.WRatio(query, choice, processor=None), i) for choice, _, i in near)
        for score, i in (item for item in scored if item[0] >= self.threshold):
            cid = self._index.choice_ids[i]
            best[cid] = max(best.get(cid, 0.0), round(float(score), 1))
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [Suggestion(cid, self.names[cid], score) for cid, score in ranked]

    def _sure(self, company_id: str) -> Suggestion:
        return Suggestion(company_id, self.names[company_id], 100.0)

    def _ambiguous(self, ids: Iterable[str]) -> Match:
        return Match(None, "ambiguous", tuple(self._sure(cid) for cid in sorted(ids)))
