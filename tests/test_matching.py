"""Company-name matching: exact, alias, folded (traditional, legal forms), ambiguous, suggestions.

The names are real names as ranking lists print them; nothing is asserted about the firms.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chain_graph.bundle import REVIEW_SOURCE, import_bundle
from chain_graph.bundle.names import NameIndex, fold_name, review_company_id
from chain_graph.matching import Match, NameMatcher, Suggestion, core_name, name_key
from chain_graph.models import Company, Kind
from chain_graph.store import EmbeddedStore
from tests.factories import write_bundle


def companies() -> list[Company]:
    return [
        Company(company_id="sinopec", name="中国石油化工集团有限公司", short_name="中国石化"),
        Company(company_id="cnpc", name="中国石油天然气集团有限公司", short_name="中国石油"),
        Company(company_id="tsmc", name="台湾积体电路制造股份有限公司", aliases="台積電|TSMC"),
        Company(company_id="foxconn", name="鸿海精密工业股份有限公司"),
        Company(company_id="anta", name="安踏体育用品有限公司", short_name="安踏"),
        Company(company_id="hengan", name="恒安国际集团有限公司", short_name="恒安国际"),
    ]


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher(companies())


@pytest.mark.parametrize(
    ("name", "company_id", "kind"),
    [
        ("中国石化", "sinopec", "exact"),  # the short name
        ("中国石油化工集团有限公司", "sinopec", "exact"),
        ("  中国石油化工集团有限公司 ", "sinopec", "exact"),
        ("台積電", "tsmc", "alias"),  # a traditional alias, as written
        ("ｔｓｍｃ", "tsmc", "alias"),  # full-width, another case
        ("台积电", "tsmc", "folded"),  # the alias in simplified characters
        ("台灣積體電路製造股份有限公司", "tsmc", "folded"),
        ("鴻海精密工業股份有限公司", "foxconn", "folded"),  # a traditional full name
        ("中國石化", "sinopec", "folded"),
        ("中国石油化工集团", "sinopec", "folded"),  # without its legal form
        ("安踏体育用品有限公司（中国）", "anta", "folded"),
        ("中国石油天然气集团有限公司", "cnpc", "exact"),  # the near miss, named in full, is its own firm
    ],
)
def test_names_that_link(matcher: NameMatcher, name: str, company_id: str, kind: str) -> None:
    match = matcher.match(name)

    assert (match.company_id, match.kind) == (company_id, kind)
    assert match.linked and match.candidates[0].company_id == company_id


def test_an_english_name_does_not_link_to_a_chinese_one_without_an_alias(matcher: NameMatcher) -> None:
    assert matcher.match("ANTA Sports Products Limited").company_id is None

    with_alias = NameMatcher([Company(company_id="anta", name="安踏体育用品有限公司", aliases="ANTA Sports Products")])
    match = with_alias.match("ANTA Sports Products Limited")
    assert (match.company_id, match.kind) == ("anta", "folded")  # "Limited" is a legal form
    assert with_alias.match("ANTA Sports Products").kind == "alias"


def test_a_near_miss_is_at_most_a_suggestion() -> None:
    """中国石油天然气 and 中国石油化工 are two firms: one must never be linked to the other."""
    only_sinopec = NameMatcher([c for c in companies() if c.company_id != "cnpc"])

    for name in ("中国石油天然气集团有限公司", "中国石油天然气", "中國石油天然氣集團有限公司"):
        match = only_sinopec.match(name)
        assert match.company_id is None and match.kind == "none", name
        assert all(s.score < 100 for s in match.candidates)


def test_hengan_group_is_not_hengan_international(matcher: NameMatcher) -> None:
    match = matcher.match("恒安集团")

    assert (match.company_id, match.kind) == (None, "none")
    assert [s.company_id for s in match.candidates] == ["hengan"]  # suggested for review
    assert 75 <= match.candidates[0].score < 100


def test_suggestions_are_best_first_and_respect_the_threshold() -> None:
    strict = NameMatcher(companies(), threshold=95)
    assert strict.match("恒安集团").candidates == ()

    loose = NameMatcher(companies(), threshold=50)
    found = loose.match("中国石油天然气股份")  # folds to 中国石油天然气: cnpc, linked
    assert found.company_id == "cnpc"
    near = loose.suggest("中国石油")
    assert near[0] == Suggestion("cnpc", "中国石油天然气集团有限公司", near[0].score)
    assert [s.score for s in near] == sorted((s.score for s in near), reverse=True)


def test_two_firms_with_one_name_are_ambiguous_never_a_guess() -> None:
    firms = [*companies(), Company(company_id="tsmc-nj", name="台积电（南京）有限公司", aliases="台積電")]

    match = NameMatcher(firms).match("台積電")

    assert match == Match(
        None,
        "ambiguous",
        (
            Suggestion("tsmc", "台湾积体电路制造股份有限公司", 100.0),
            Suggestion("tsmc-nj", "台积电（南京）有限公司", 100.0),
        ),
    )


def test_a_province_written_out_is_set_aside_but_never_changed() -> None:
    jinhua = NameMatcher([Company(company_id="jhicc", name="福建省晋华集成电路有限公司")])
    assert jinhua.match("晋华集成电路有限公司").company_id == "jhicc"

    firms = [Company(company_id="js", name="江苏省示例纸业有限公司（示例）")]
    match = NameMatcher(firms).match("山东省示例纸业有限公司（示例）")
    assert match.company_id is None  # another province: another firm
    assert name_key("上海汽车集团股份有限公司") == ("", "上海汽车")  # a bare 上海 is part of the name


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("中国石油化工集团有限公司", "中国石油化工"),
        ("中国石油化工股份有限公司", "中国石油化工"),
        ("腾讯控股有限公司", "腾讯"),
        ("三星（中国）投资有限公司", "三星投资"),
        ("Hon Hai Precision Industry Co., Ltd.", "hon hai precision industry"),
        ("TCL科技集团股份有限公司", "tcl科技"),
        ("恒安集团", "恒安"),
        ("集团", "集团"),  # a legal form alone is not stripped to nothing
    ],
)
def test_core_name(name: str, core: str) -> None:
    assert core_name(name) == core


def test_the_old_names_module_still_works() -> None:
    assert fold_name("台灣積體電路製造股份有限公司") == "台湾积体电路制造股份有限公司"
    assert NameIndex().add_all(companies()).match("台積電") == ["tsmc"]
    assert review_company_id("Nobody Inc") == "rk-2efc9c15fa8d"  # ids made by earlier imports stay valid
    assert review_company_id("台積電") == review_company_id("台积电") == "rk-1b1bba59d2c5"


# -- in the import ------------------------------------------------------------------------------


def test_a_fuzzy_name_is_not_linked_but_listed_for_review(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    for company in companies():
        embedded_store.upsert(company)
    rankings = [
        {"list_id": "china-private-500", "year": "2024", "rank": "1", "company_name": "恒安集团"},
        {"list_id": "taiwan-100", "year": "2024", "rank": "2", "company_name": "鴻海精密工業股份有限公司"},
    ]

    report = import_bundle(embedded_store, write_bundle(tmp_path / "b", {"rankings": rankings}))

    assert report.applied, report.rejections
    assert embedded_store.find(Kind.RANKING, ("taiwan-100", 2024, "foxconn")) is not None
    assert embedded_store.find(Kind.RANKING, ("china-private-500", 2024, "hengan")) is None
    [item] = report.review
    assert (item.company_name, item.company_id, item.new) == ("恒安集团", review_company_id("恒安集团"), True)
    assert [s[0] for s in item.suggestions] == ["hengan"]
    assert embedded_store.get(Kind.COMPANY, item.company_id).source == REVIEW_SOURCE
    assert report.to_dict()["review"][0]["suggestions"][0]["company_id"] == "hengan"
    assert any("close names, not linked: 恒安国际集团有限公司 (hengan" in line for line in report.summary_lines())
