"""Test data, made in one place: small hand-built worlds of records."""

from __future__ import annotations

from chain_graph.models import (
    Chain,
    Company,
    CompanySegment,
    Ranking,
    Record,
    Region,
    Segment,
    SegmentLink,
    Supply,
)


def regions() -> list[Record]:
    return [
        Region(region_id="CN", name="中国", level="country"),
        Region(region_id="350000", name="福建省", parent_id="CN", level="province"),
        Region(region_id="350500", name="泉州市", parent_id="350000", level="city"),
        Region(region_id="350582", name="晋江市", parent_id="350500", level="county"),
        Region(region_id="350505", name="泉港区", parent_id="350500", level="district"),
        Region(region_id="330000", name="浙江省", parent_id="CN", level="province"),
    ]


def small_world() -> list[Record]:
    """Two chains (石化 → 纺织) joined by FEEDS, local and external firms, ties, ranks."""
    return [
        *regions(),
        Chain(chain_id="pc", name="石油化工", source="test", as_of="2026-11-01"),
        Chain(chain_id="tex", name="纺织鞋服", description="“一滴油到一件衣”"),
        Segment(segment_id="pc.pta", chain_id="pc", name="PTA", stage="upstream"),
        Segment(segment_id="tex.fiber", chain_id="tex", name="化纤", stage="upstream"),
        Segment(segment_id="tex.weave", chain_id="tex", name="织造", stage="midstream"),
        Segment(segment_id="tex.dye", chain_id="tex", name="印染", stage="midstream", parent_id="tex.weave"),
        Segment(segment_id="tex.shoe", chain_id="tex", name="运动鞋服", stage="downstream"),
        SegmentLink(from_segment_id="pc.pta", to_segment_id="tex.fiber", weight=0.8),
        SegmentLink(from_segment_id="tex.fiber", to_segment_id="tex.weave"),
        SegmentLink(from_segment_id="tex.weave", to_segment_id="tex.shoe", weight=0.6),
        Company(company_id="anta", name="安踏体育用品有限公司", short_name="安踏", aliases="ANTA|安踏体育",
                region="350582", revenue_cny_100m=100.5, source="test", as_of="2024-09-12"),
        Company(company_id="frep", name="福建联合石油化工有限公司", short_name="联合石化", region="350505"),
        Company(company_id="x-fiber", name="浙江示例化纤有限公司（示例）", short_name="示例化纤",
                region="330000", country="CN", overseas_chinese=True, uscc="91310115MA1K3BTP2B"),
        CompanySegment(company_id="anta", segment_id="tex.shoe", role="leading", share=0.9),
        CompanySegment(company_id="frep", segment_id="pc.pta", role="leading"),
        CompanySegment(company_id="x-fiber", segment_id="tex.fiber", role="core", share=0.7),
        Supply(supplier_id="x-fiber", customer_id="anta", product="涤纶长丝", amount_cny_100m=2.5),
        Supply(supplier_id="frep", customer_id="x-fiber", product="PTA"),
        Ranking(list_id="china-500", year=2024, rank=120, company_id="x-fiber",
                company_name="浙江示例化纤有限公司（示例）"),
        Ranking(list_id="china-private-500", year=2023, rank=88, company_id="x-fiber"),
        Ranking(list_id="china-private-500", year=2024, rank=80, company_id="x-fiber"),
    ]
