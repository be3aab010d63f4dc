"""Model validation: a good and a bad example for each rule."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import pytest

from chain_graph.errors import InvalidInput
from chain_graph.models import (
    Company,
    CompanySegment,
    Kind,
    Ranking,
    Region,
    Segment,
    SegmentLink,
    Supply,
    normalize_uscc,
    parse_record,
)
from chain_graph.models.kinds import ID_PATTERN

# Real codes published in public registries, as collected in python-stdnum's own tests
# (tests/test_cn_uscc.doctest); the last is Beijing's example from the standard's docs.
REAL_USCC = [
    "91152201078382010M",
    "91310115MA1K3BTP2B",
    "91310116052958608G",
    "913101203509708598",
    "91110000600037341L",
]


@pytest.mark.parametrize("code", REAL_USCC)
def test_real_uscc_passes(code: str) -> None:
    assert Company(company_id="c1", name="甲", uscc=code).uscc == code


@pytest.mark.parametrize("code", REAL_USCC)
def test_corrupted_uscc_check_digit_fails(code: str) -> None:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    wrong = alphabet[(alphabet.index(code[-1]) + 1) % len(alphabet)]
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.COMPANY, {"company_id": "c1", "name": "甲", "uscc": code[:-1] + wrong})
    assert err.value.field == "uscc"
    assert "GB 32100-2015" in err.value.message


def test_uscc_transposed_digits_fail() -> None:
    code = REAL_USCC[0]
    swapped = code[:2] + code[3] + code[2] + code[4:]
    with pytest.raises(ValueError, match="check"):
        normalize_uscc(swapped)


def test_uscc_wrong_length_and_letters() -> None:
    with pytest.raises(ValueError, match="18 characters"):
        normalize_uscc("9135058")
    with pytest.raises(ValueError):
        normalize_uscc("9111000060003IOZSV")  # I, O, Z, S, V are not used


def test_uscc_is_normalized() -> None:
    assert Company(company_id="c1", name="甲", uscc=" 91 310115ma1k3btp2b ").uscc == "91310115MA1K3BTP2B"


@pytest.mark.parametrize("good", ["tex", "tex.fiber", "A_1:b-2", "x" * 64])
def test_id_pattern_accepts(good: str) -> None:
    assert parse_record(Kind.CHAIN, {"chain_id": good, "name": "链"}).key == (good,)


@pytest.mark.parametrize("bad", ["", "has space", "中文", "a/b", "x" * 65, "semi;colon"])
def test_id_pattern_refuses(bad: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.CHAIN, {"chain_id": bad, "name": "链"})
    assert err.value.field == "chain_id"


def test_ids_are_ascii_so_the_stores_order_them_as_python_does() -> None:
    """SQL and Cypher break ties by ordering ids (``ORDER BY company_id``), and the reference code by
    ``sorted()``: they agree because ids are ASCII (SQLite's BINARY collation and Neo4j's string order
    differ from Python's code-point order only beyond it). A wider id pattern must come with a new rule."""
    allowed = [chr(c) for c in range(0x110000) if re.fullmatch(ID_PATTERN, chr(c))]
    assert allowed and all(ch.isascii() for ch in allowed)
    for bad in ("é", "Ａ", "ß", "٣"):  # non-ASCII letters and digits are refused, not just CJK
        with pytest.raises(InvalidInput):
            parse_record(Kind.CHAIN, {"chain_id": f"a{bad}", "name": "链"})
    ids = [a + b for a in allowed for b in allowed[::7]]
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE TABLE t (id TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in reversed(ids)])
        assert [r[0] for r in db.execute("SELECT id FROM t ORDER BY id")] == sorted(ids)


def test_stage_enum() -> None:
    seg = {"segment_id": "s", "chain_id": "c", "name": "化纤"}
    assert parse_record(Kind.SEGMENT, {**seg, "stage": "midstream"}).stage == "midstream"
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.SEGMENT, {**seg, "stage": "sideways"})
    assert err.value.field == "stage"


def test_role_enum() -> None:
    row = {"company_id": "a", "segment_id": "s"}
    assert CompanySegment(**row, role="leading").role == "leading"
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.COMPANY_SEGMENT, {**row, "role": "boss"})
    assert err.value.field == "role"


@pytest.mark.parametrize(("value", "ok"), [(0, True), (12.5, True), (-1, False), ("nan", False), ("inf", False)])
def test_amounts_are_non_negative_and_finite(value: object, ok: bool) -> None:
    data = {"company_id": "c", "name": "甲", "revenue_cny_100m": value}
    if ok:
        assert parse_record(Kind.COMPANY, data).revenue_cny_100m == float(value)  # type: ignore[arg-type]
    else:
        with pytest.raises(InvalidInput) as err:
            parse_record(Kind.COMPANY, data)
        assert err.value.field == "revenue_cny_100m"


def test_share_between_zero_and_one() -> None:
    assert CompanySegment(company_id="a", segment_id="s", role="core", share=0.4).share == 0.4
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.COMPANY_SEGMENT, {"company_id": "a", "segment_id": "s", "role": "core", "share": 1.5})
    assert err.value.field == "share"


def test_name_length_bounded() -> None:
    assert Company(company_id="c", name="泉" * 200).name == "泉" * 200
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.COMPANY, {"company_id": "c", "name": "泉" * 201})
    assert err.value.field == "name"
    with pytest.raises(InvalidInput):
        parse_record(Kind.COMPANY, {"company_id": "c", "name": "   "})


def test_dates() -> None:
    company = Company(company_id="c", name="甲", as_of="2024-09-12")
    assert company.as_of == dt.date(2024, 9, 12)
    for bad in ("2024-13-01", "yesterday", "1800-01-01"):
        with pytest.raises(InvalidInput) as err:
            parse_record(Kind.COMPANY, {"company_id": "c", "name": "甲", "as_of": bad})
        assert err.value.field == "as_of"


def test_country_code() -> None:
    assert Company(company_id="c", name="甲", country="tw").country == "TW"
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.COMPANY, {"company_id": "c", "name": "甲", "country": "China"})
    assert err.value.field == "country"


def test_aliases_split_and_deduplicated() -> None:
    company = Company(company_id="c", name="台湾积体电路制造股份有限公司", aliases="台積電| 台积电 |台積電")
    assert company.aliases == ("台積電", "台积电")


def test_ranking_rules() -> None:
    assert Ranking(list_id="china-500", year=2024, rank=28, company_id="c").rank == 28
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.RANKING, {"list_id": "taiwan-100", "year": 2024, "rank": 101, "company_id": "c"})
    assert err.value.field == "rank"
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.RANKING, {"list_id": "forbes", "year": 2024, "rank": 1, "company_id": "c"})
    assert err.value.field == "list_id"
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.RANKING, {"list_id": "china-500", "year": 1900, "rank": 1, "company_id": "c"})
    assert err.value.field == "year"


def test_no_self_loops() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.SUPPLY, {"supplier_id": "a", "customer_id": "a"})
    assert err.value.field == "customer_id"
    with pytest.raises(InvalidInput):
        parse_record(Kind.SEGMENT_LINK, {"from_segment_id": "s", "to_segment_id": "s"})
    with pytest.raises(InvalidInput):
        parse_record(Kind.REGION, {"region_id": "350500", "name": "泉州市", "parent_id": "350500"})
    assert Supply(supplier_id="a", customer_id="b").key == ("a", "b")


def test_feeds_weight() -> None:
    assert SegmentLink(from_segment_id="a", to_segment_id="b").weight == 1.0
    assert SegmentLink(from_segment_id="a", to_segment_id="b", weight="").weight == 1.0
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.SEGMENT_LINK, {"from_segment_id": "a", "to_segment_id": "b", "weight": 0})
    assert err.value.field == "weight"


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_record(Kind.REGION, {"region_id": "350500", "name": "泉州市", "mayor": "x"})
    assert err.value.field == "mayor"


def test_chinese_text_round_trips_through_json() -> None:
    seg = Segment(
        segment_id="tex.dye",
        chain_id="tex",
        name="印染（含数码印花）",
        stage="midstream",
        description="“一滴油到一件衣”",
    )
    text = seg.model_dump_json()
    assert "印染（含数码印花）" in text  # real characters, not \\u escapes
    assert Segment.model_validate_json(text) == seg
    region = Region(region_id="350582", name="晋江市", parent_id="350500", level="county")
    assert Region.model_validate_json(region.model_dump_json()) == region
