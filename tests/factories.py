"""Test data, made in one place: small hand-built worlds of records."""

from __future__ import annotations

from chain_graph.models import (
    Chain,
    Company,
    CompanySegment,
    PlanEvent,
    Ranking,
    Record,
    Region,
    Segment,
    SegmentLink,
    Supply,
    TargetPlan,
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
        Company(
            company_id="anta",
            name="安踏体育用品有限公司",
            short_name="安踏",
            aliases="ANTA|安踏体育",
            region="350582",
            revenue_cny_100m=100.5,
            source="test",
            as_of="2024-09-12",
        ),
        Company(company_id="frep", name="福建联合石油化工有限公司", short_name="联合石化", region="350505"),
        Company(
            company_id="x-fiber",
            name="浙江示例化纤有限公司（示例）",
            short_name="示例化纤",
            region="330000",
            country="CN",
            overseas_chinese=True,
            uscc="91310115MA1K3BTP2B",
        ),
        CompanySegment(company_id="anta", segment_id="tex.shoe", role="leading", share=0.9),
        CompanySegment(company_id="frep", segment_id="pc.pta", role="leading"),
        CompanySegment(company_id="x-fiber", segment_id="tex.fiber", role="core", share=0.7),
        Supply(supplier_id="x-fiber", customer_id="anta", product="涤纶长丝", amount_cny_100m=2.5),
        Supply(supplier_id="frep", customer_id="x-fiber", product="PTA"),
        Ranking(
            list_id="china-500", year=2024, rank=120, company_id="x-fiber", company_name="浙江示例化纤有限公司（示例）"
        ),
        Ranking(list_id="china-private-500", year=2023, rank=88, company_id="x-fiber"),
        Ranking(list_id="china-private-500", year=2024, rank=80, company_id="x-fiber"),
    ]


# -- bundle files (tests of chain_graph.bundle) -------------------------------------------------
# A small bundle as planners would fill it in: CSV tables keyed by table name, each a list of
# rows (column → cell text). Tests change a cell or a row, write it, and import it.

import csv as _csv  # noqa: E402
import zipfile as _zipfile  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

BundleRows = dict[str, list[dict[str, str]]]


def bundle_rows() -> BundleRows:
    """Regions, one chain, its segments, firms, ties and rankings: every table once."""
    return {
        "regions": [
            {"region_id": "350000", "name": "福建省", "parent_id": "", "level": "province"},
            {"region_id": "350500", "name": "泉州市", "parent_id": "350000", "level": "city"},
            {"region_id": "350582", "name": "晋江市", "parent_id": "350500", "level": "county"},
            {"region_id": "330000", "name": "浙江省", "parent_id": "", "level": "province"},
        ],
        "chains": [{"chain_id": "tex", "name": "纺织鞋服", "description": "一滴油到一件衣"}],
        "segments": [
            {"segment_id": "tex.fiber", "chain_id": "tex", "name": "化纤", "stage": "upstream", "parent_id": ""},
            {"segment_id": "tex.weave", "chain_id": "tex", "name": "织造", "stage": "midstream", "parent_id": ""},
            {"segment_id": "tex.shoe", "chain_id": "tex", "name": "运动鞋服", "stage": "downstream",
             "parent_id": ""},
        ],
        "segment_links": [
            {"from_segment_id": "tex.fiber", "to_segment_id": "tex.weave", "weight": "0.8"},
            {"from_segment_id": "tex.weave", "to_segment_id": "tex.shoe", "weight": ""},
        ],
        "companies": [
            {"company_id": "anta", "name": "安踏体育用品有限公司", "short_name": "安踏", "aliases": "ANTA|安踏体育",
             "uscc": "", "region": "350582", "local_site": "", "country": "CN", "revenue_cny_100m": "623.6",
             "employees": "", "overseas_chinese": "是", "source": "annual report", "as_of": "2024-09-12"},
            {"company_id": "x-fiber", "name": "浙江示例化纤有限公司", "short_name": "示例化纤", "aliases": "",
             "uscc": "91310115MA1K3BTP2B", "region": "浙江省", "local_site": "no", "country": "CN",
             "revenue_cny_100m": "1,234.5", "employees": "12,000", "overseas_chinese": "", "source": "",
             "as_of": "2024/9/1"},
            {"company_id": "tsmc", "name": "台湾积体电路制造股份有限公司", "short_name": "", "aliases": "台積電|TSMC",
             "uscc": "", "region": "", "local_site": "", "country": "TW", "revenue_cny_100m": "",
             "employees": "", "overseas_chinese": "", "source": "", "as_of": ""},
        ],
        "company_segments": [
            {"company_id": "anta", "segment_id": "tex.shoe", "role": "leading", "share": "0.9"},
            {"company_id": "x-fiber", "segment_id": "tex.fiber", "role": "core", "share": ""},
        ],
        "supplies": [
            {"supplier_id": "x-fiber", "customer_id": "anta", "product": "涤纶长丝", "amount_cny_100m": "2.5"},
        ],
        "rankings": [
            {"list_id": "china-private-500", "year": "2024", "rank": "80", "company_name": "浙江示例化纤有限公司",
             "company_id": "x-fiber", "revenue_usd_m": "", "country": ""},
            {"list_id": "taiwan-100", "year": "2024", "rank": "1", "company_name": "台積電", "company_id": "",
             "revenue_usd_m": "90,000", "country": "TW"},
        ],
        "events": [
            {"event_id": "ev-yrd", "name": "长三角方向专场招商推介会", "event_kind": "推介", "held_on": "2026-09-09",
             "host_unit": "泉州市商务局", "focus": "长三角", "chain_ids": "tex", "description": "", "source": "",
             "as_of": ""},
        ],
    }  # fmt: skip


def write_table(
    path: _Path, rows: list[dict[str, str]], *, encoding: str = "utf-8", header: list[str] | None = None
) -> _Path:
    """One CSV file, with ``\\r\\n`` line ends as Excel writes them."""
    columns = header or list(dict.fromkeys(c for row in rows for c in row))
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = _csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_bundle(folder: _Path, tables: BundleRows | None = None, *, encoding: str = "utf-8") -> _Path:
    """A bundle folder with one ``<table>.csv`` per entry of ``tables`` (default: :func:`bundle_rows`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (bundle_rows() if tables is None else tables).items():
        write_table(folder / f"{name}.csv", rows, encoding=encoding)
    return folder


def zip_bundle(folder: _Path, archive: _Path, *, prefix: str = "", extra: dict[str, bytes] | None = None) -> _Path:
    """Zip a bundle folder's files under ``prefix`` (e.g. ``"bundle/"``), plus ``extra`` entries."""
    with _zipfile.ZipFile(archive, "w", _zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, prefix + path.name)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return archive


NOW = "2026-11-20T08:30:00+08:00"


def plan(plan_id: str = "p1", **changes: object) -> TargetPlan:
    """A targeting plan on the small world: 示例化纤 for the missing 化纤 segment."""
    data: dict[str, object] = {
        "plan_id": plan_id,
        "company_id": "x-fiber",
        "chain_id": "tex",
        "segment_ids": ("tex.fiber",),
        "gap_type": "missing",
        "unit": "晋江市",
        "rationale": "补链：化纤环节本地空白，示例化纤已供货安踏",
        "linked_company_ids": ("anta",),
        "expected_investment_cny_100m": 12.5,
        "created_at": NOW,
        "updated_at": NOW,
    }
    data.update(changes)
    return TargetPlan.model_validate(data)


def plan_event(plan_id: str = "p1", seq: int = 1, **changes: object) -> PlanEvent:
    data: dict[str, object] = {
        "plan_id": plan_id,
        "seq": seq,
        "at": NOW,
        "actor": "张三",
        "action": "create",
        "to_status": "identified",
        "note": "首次录入",
        "changes": '{"status": [null, "identified"]}',
    }
    data.update(changes)
    return PlanEvent.model_validate(data)


def _seed_chain_count() -> int:
    import csv as _csv
    from pathlib import Path as _P

    with open(_P(__file__).resolve().parents[1] / "seed_data" / "chains.csv", encoding="utf-8", newline="") as fh:
        return sum(1 for _ in _csv.DictReader(fh))


# the number of chains in seed_data (its README's counts say the same): tests read it, not a constant
SEED_CHAINS = _seed_chain_count()


# -- parks, plots, appraisals (issue 13 items 3 and 4) --------------------------------------------


def park(park_id: str = "park-jj", **changes: object) -> Record:
    """A park in 晋江市 positioned for 化纤 (tex.fiber) of the small world; 100 亩, 5000 ㎡."""
    from chain_graph.models import Park

    data: dict[str, object] = {
        "park_id": park_id, "name": "晋江示例纺织园（示例）", "region": "350582", "chain_ids": ("tex",),
        "segment_ids": ("tex.fiber",), "available_land_mu": 100, "factory_space_m2": 5000,
        "source": "illustrative: test",
    }  # fmt: skip
    data.update(changes)
    return Park.model_validate(data)


def park_plot(plot_id: str = "plot-1", **changes: object) -> Record:
    from chain_graph.models import ParkPlot

    data: dict[str, object] = {"plot_id": plot_id, "park_id": "park-jj", "name": "示例地块", "area_mu": 30,
                               "condition": "idle"}  # fmt: skip
    data.update(changes)
    return ParkPlot.model_validate(data)


def appraisal(plan_id: str = "p1", **changes: object) -> Record:
    """An appraisal as stored (verdict 推荐 unless changed), written straight to a store by tests."""
    from chain_graph.models import Appraisal

    data: dict[str, object] = {"plan_id": plan_id, "land_mu": 50, "score": 90, "verdict": "recommend",
                               "reasons": ("综合得分 90",), "appraised_at": NOW, "actor": "张三"}  # fmt: skip
    data.update(changes)
    return Appraisal.model_validate(data)


def relations_world() -> list[Record]:
    """The small world plus organisations, memberships and shareholdings (paths to the city, leads).

    示例染整 (x-dye, 浙江) is the target: it supplies 示例化纤 (which supplies 安踏 and buys from 联合石化)
    and 示例贸易 (HK, which supplies 安踏); its parent 示例集团 (HK) holds 60 % of it and is a member of
    示例菲律宾泉州同乡会, whose member 示例鞋业 is local. Shortest paths: 安踏 in 2 hops (through
    示例贸易: its id sorts before 示例化纤's), 联合石化 in 2, 示例鞋业 in 3.
    """
    from chain_graph.models import Membership, Organisation, Shareholding

    return [
        *small_world(),
        Company(company_id="x-dye", name="浙江示例染整有限公司（示例）", region="330000", country="CN"),
        Company(company_id="x-group", name="香港示例集团（示例）", country="HK", revenue_cny_100m=80.0),
        Company(company_id="x-agent", name="香港示例贸易有限公司（示例）", country="HK"),
        Company(company_id="qz-shoe", name="晋江示例鞋业有限公司（示例）", region="350582"),
        CompanySegment(company_id="x-dye", segment_id="tex.dye", role="core", share=0.8),
        CompanySegment(company_id="qz-shoe", segment_id="tex.shoe", role="supporting"),
        Supply(supplier_id="x-dye", customer_id="x-fiber", product="染料", source="illustrative: test"),
        Supply(supplier_id="x-dye", customer_id="x-agent", product="色纱", amount_cny_100m=0.4),
        Supply(supplier_id="x-agent", customer_id="anta", product="色纱", amount_cny_100m=0.3,
               source="illustrative: test", as_of="2025-06-30"),
        Organisation(organisation_id="ph-qz", name="示例菲律宾泉州同乡会（示例）", kind="hometown_association",
                     city="马尼拉", country="PH", overseas_chinese=True, source="illustrative: test"),
        Organisation(organisation_id="sh-qz", name="示例上海泉州商会（示例）", kind="chamber", city="上海",
                     country="CN"),
        Membership(company_id="x-group", organisation_id="ph-qz", role="副会长单位", since="2019-05-01",
                   source="illustrative: test", as_of="2025-01-01"),
        Membership(company_id="qz-shoe", organisation_id="ph-qz", role="会员"),
        Membership(company_id="anta", organisation_id="sh-qz", role="会员"),
        Shareholding(holder_id="x-group", company_id="x-dye", share_pct=60, source="illustrative: test",
                     as_of="2024-12-31"),
    ]  # fmt: skip
