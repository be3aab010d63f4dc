"""The offline HTML maps: self-contained, no URL at all, escaped data, stage layout, aggregation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chain_graph.analysis import AnalysisConfig
from chain_graph.bundle import import_bundle
from chain_graph.cache import RevisionCache
from chain_graph.errors import ChainGraphError
from chain_graph.export import page as offline_page
from chain_graph.export.html import chain_map_html
from chain_graph.export.overview import city_overview_html
from chain_graph.export.page import FONT_STACK
from chain_graph.models import Company, CompanySegment, Segment
from chain_graph.services import exports, gap_reports
from chain_graph.store import Batch, EmbeddedStore
from tests.factories import SEED_CHAINS, small_world

ROOT = Path(__file__).resolve().parents[2]
CONFIG = AnalysisConfig()
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
# No "http://" or "https://" substring at all (comments and licence text included), and nothing
# that could make a browser fetch: a remote or protocol-relative src/href, CSS url()/@import of
# anything but data:, a <link>, <img>, <iframe>, <object>, <embed>, <base>, or <script src>.
# URLs in provenance texts stay readable: the JSON spells them "http:\/\/", which is "http://"
# once parsed, but never a URL to the HTML parser, CSS or a scanner.
URL = re.compile(r"https?://", re.IGNORECASE)
REMOTE_ATTR = re.compile(r"""\b(?:src|href|action|srcset|poster)\s*=\s*(?!["']?(?:data:|#))""", re.IGNORECASE)
CSS_URL = re.compile(r"""(?<![\w$])url\(\s*(?!["']?data:)|@import""", re.IGNORECASE)
FETCHING_TAGS = re.compile(r"<(?:link|iframe|object|embed|base|img)\b|<script\b[^>]*\bsrc", re.IGNORECASE)


def map_data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.DOTALL)
    assert match, "the page carries its data"
    return json.loads(match.group(1))


def assert_offline(page: str) -> None:
    """No http(s):// anywhere, no markup that fetches, and a CSP that forbids every request."""
    assert URL.search(page) is None, URL.search(page)
    markup = re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", page, flags=re.DOTALL)  # JS runs under the CSP
    assert REMOTE_ATTR.search(markup) is None, REMOTE_ATTR.search(markup)
    assert CSS_URL.search(page) is None, CSS_URL.search(page)
    assert FETCHING_TAGS.search(markup) is None, FETCHING_TAGS.search(markup)
    assert "sourceMappingURL" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("seed") / "db")
    report = import_bundle(store, ROOT / "seed_data")
    assert report.applied
    yield store
    store.close()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "db")
    store.apply(Batch(upserts=small_world()))
    yield store
    store.close()


def chain_page(store: EmbeddedStore, chain_id: str, **kwargs: Any) -> tuple[str, nx.MultiDiGraph]:
    cache = RevisionCache()
    G = exports.chain_map(store, cache, CONFIG, chain_id)
    gaps = gap_reports.gaps(store, cache, CONFIG, chain_id, kwargs.pop("county", None))
    cands = gap_reports.candidates(store, cache, CONFIG, chain_id) if kwargs.pop("candidates", True) else []
    return chain_map_html(G, gaps, cands, **kwargs), G


def test_seed_chains_are_self_contained_and_offline(seed_store: EmbeddedStore, tmp_path: Path) -> None:
    for chain in ("textile-apparel-footwear", "petrochemical", "tea"):
        _, body = exports.chain_html(seed_store, RevisionCache(), CONFIG, chain)
        page = body.decode("utf-8")
        assert_offline(page)
        assert "@version 9.1.9" in page, "vis-network is inlined (with its licence header)"
        assert page.count("<script") == 3  # data, vis-network, the page's script
        data = map_data(page)
        assert data["options"]["physics"]["enabled"] is False
        assert data["stats"]["nodes"] == len(data["nodes"]) - 3 - sum(
            n["id"].startswith("h:side") for n in data["nodes"]
        )


def test_vis_network_is_neutralised_but_whole() -> None:
    js = offline_page.vis_network_js()
    source = (ROOT / "chain_graph/assets/vis-network/vis-network.min.js").read_text(encoding="utf-8")
    assert URL.search(js) is None and "sourceMappingURL" not in js
    assert js.replace(r":\/\/", "://") == re.sub(r"^//# sourceMappingURL=.*$", "", source, flags=re.MULTILINE)


def test_header_legend_palette_and_fonts(seed_store: EmbeddedStore) -> None:
    page, _ = chain_page(seed_store, "textile-apparel-footwear")
    for text in (
        "纺织鞋服产业链图谱",
        "完整度",
        "缺链",
        "弱链",
        "强链",
        "龙头企业",
        "候选企业",
        "导出日期",
        "相邻产业链环节",
    ):
        assert text in page
    assert "（示例）的企业为示例数据" in page
    for color in ("#d9534f", "#f0ad4e", "#5cb85c"):
        assert color in page
    assert FONT_STACK in page, "the CJK font stack in the page's CSS"
    data = map_data(page)
    assert {n["font"]["face"] for n in data["nodes"]} == {FONT_STACK}, "and in every vis node's font"


def test_layout_runs_upstream_to_downstream(seed_store: EmbeddedStore) -> None:
    page, G = chain_page(seed_store, "textile-apparel-footwear")
    data = map_data(page)
    xs: dict[str, set[float]] = {"upstream": set(), "midstream": set(), "downstream": set()}
    for node in data["nodes"]:
        if node["kind"] == "segment":
            xs[G.nodes["segment:" + node["id"][4:]]["stage"]].add(node["x"])
    assert max(xs["upstream"]) < min(xs["midstream"]) and max(xs["midstream"]) < min(xs["downstream"])
    firms = [n for n in data["nodes"] if n["kind"] in ("local", "candidate")]
    assert firms and all(isinstance(n["x"], int | float) and isinstance(n["y"], int | float) for n in firms)
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"]), "no two nodes on one spot"


def test_leading_firms_candidates_and_provenance(seed_store: EmbeddedStore) -> None:
    data = map_data(chain_page(seed_store, "textile-apparel-footwear")[0])
    anta = next(n for n in data["nodes"] if n["id"] == "co:anta")
    assert anta["label"].startswith("★ ") and anta["borderWidth"] == 3
    assert any("来源" in p and "2022-05-26" in p for p in anta["tip"]["prov"])
    assert any("https://www.ansa.it/" in p for p in anta["tip"]["prov"]), "source URLs survive as text"
    cands = [n for n in data["nodes"] if n["kind"] == "candidate"]
    assert cands and all(n["shapeProperties"]["borderDashes"] for n in cands)
    assert all(any(line.startswith("得分 ") for line in n["tip"]["lines"]) for n in cands)
    ties = data["ties"]
    assert ties and all(t["tip"]["prov"][0].startswith("供货关系来源") for t in ties)
    assert any(t["dashes"] for t in ties if t["candidate"])


def test_names_from_imports_cannot_inject_html(world: EmbeddedStore) -> None:
    world.apply(
        Batch(
            upserts=[
                Company(company_id="evil", name=XSS, region="350582", source="</script><b>x</b>"),
                CompanySegment(company_id="evil", segment_id="tex.weave", role="core"),
            ]
        )
    )
    page, _ = chain_page(world, "tex", title="</title><script>alert(1)</script>")
    assert "<script>window" not in page and "<img" not in page and "</script><b>" not in page
    assert "<script>alert" not in page and "&lt;&#47;title&gt;&lt;script&gt;" in page
    assert page.count("<script") == 3 and page.count("</script>") == 3
    evil = next(n for n in map_data(page)["nodes"] if n["id"] == "co:evil")
    assert evil["fullname"] == XSS and evil["tip"]["head"] == XSS, "the name itself is kept, as data"


def test_crowded_segments_aggregate_and_carry_their_firms(world: EmbeddedStore) -> None:
    firms = [Company(company_id=f"f{i}", name=f"晋江第{i}纺织有限公司", region="350582") for i in range(45)]
    roles = [CompanySegment(company_id=f"f{i}", segment_id="tex.weave", role="leading" if i < 2 else "core")
             for i in range(45)]  # fmt: skip
    world.apply(Batch(upserts=[*firms, *roles]))
    data = map_data(chain_page(world, "tex")[0])
    agg = next(n for n in data["nodes"] if n["id"] == "agg:tex.weave")
    assert agg["label"].startswith("本地 45 家 · 龙头 2")
    assert len(data["hidden"]["tex.weave"]) == 45 and not any(n["id"] == "co:f0" for n in data["nodes"])
    assert data["stats"]["aggregated"] == 1
    full = map_data(chain_page(world, "tex", segment_limit=None, max_nodes=10_000)[0])
    assert full["stats"]["aggregated"] == 0 and full["stats"]["firms"] == 45 + 2  # and 安踏, the candidate
    squeezed = map_data(chain_page(world, "tex", segment_limit=None, max_nodes=20)[0])
    assert squeezed["stats"]["aggregated"] == 1 and squeezed["stats"]["nodes"] <= 20 < full["stats"]["nodes"]


def test_county_view_and_title(seed_store: EmbeddedStore) -> None:
    page, _ = chain_page(seed_store, "textile-apparel-footwear", county="350582")
    assert "晋江市" in page and "全市" in page
    data = map_data(page)
    local = [n for n in data["nodes"] if n.get("kind") == "local"]
    assert local, "the county view draws 晋江市's own firms"
    # a local firm's first tooltip line is "role · county · segment": every one is in 晋江市
    assert {n["tip"]["lines"][0].split(" · ")[1] for n in local} == {"晋江市"}


def test_city_overview(seed_store: EmbeddedStore, tmp_path: Path) -> None:
    chains, links = exports.overview_data(seed_store, RevisionCache(), CONFIG)
    assert len(chains) == SEED_CHAINS and all(0 <= c["completeness"] <= 1 for c in chains)
    readme = (Path(__file__).resolve().parents[2] / "seed_data" / "README.md").read_text(encoding="utf-8")
    cross = int(re.search(r"cross-chain: (\d+)", readme)[1])  # type: ignore[index]
    assert sum(t["count"] for t in links) == cross, f"the {cross} cross-chain FEEDS links of the seed data"
    page = exports.overview_html(seed_store, RevisionCache(), CONFIG).decode("utf-8")
    assert_offline(page)
    data = map_data(page)
    assert {n["id"] for n in data["nodes"]} == {f"chain:{c['chain_id']}" for c in chains}
    assert len(data["edges"]) == len(links)
    assert "纺织鞋服" in page and "完整度" in page and FONT_STACK in page
    small = city_overview_html([{"chain_id": "a", "name": XSS, "completeness": 0.5}], [])
    assert "<script>window" not in small and map_data(small)["nodes"][0]["tip"]["head"] == XSS


def test_missing_vis_network_fails_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHAIN_GRAPH_VIS_JS", str(tmp_path / "nope.js"))
    offline_page.vis_network_js.cache_clear()
    try:
        with pytest.raises(ChainGraphError, match="vis-network is missing"):
            city_overview_html([], [])
    finally:
        monkeypatch.delenv("CHAIN_GRAPH_VIS_JS")
        offline_page.vis_network_js.cache_clear()


def test_segments_of_an_empty_chain(world: EmbeddedStore) -> None:
    world.apply(Batch(upserts=[Segment(segment_id="pc.x", chain_id="pc", name="空环节", stage="downstream")]))
    page, _ = chain_page(world, "pc")
    assert_offline(page)
    assert map_data(page)["stats"]["segments"] == 2


# -- the router (registered by api/routes/__init__.py; mounted here on its own) ---------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    from api.main import create_app
    from chain_graph.config import StoreKind, get_settings
    from chain_graph.keys import create_key

    settings = get_settings(store=StoreKind.EMBEDDED, data_dir=tmp_path / "db", home_region="350500")
    store = EmbeddedStore(settings.data_dir)
    store.apply(Batch(upserts=small_world()))
    headers = {"X-API-Key": create_key(store, role="viewer", name="查看")[1]}
    app: FastAPI = create_app(settings, store=store)
    with TestClient(app) as c:
        yield c, headers
    store.close()


def test_routes_answer_files(client: tuple[TestClient, dict[str, str]]) -> None:
    c, headers = client
    r = c.get("/chains/tex/export.html?candidates=true&county=350582", headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert (
        "attachment" in r.headers["content-disposition"] and "chain-tex-350582.html" in r.headers["content-disposition"]
    )
    assert_offline(r.text)
    assert any(n["kind"] == "candidate" for n in map_data(r.text)["nodes"])
    r = c.get("/export/overview.html", headers=headers)
    assert r.status_code == 200 and "石油化工" in r.text
    r = c.get("/chains/tex/export.graphml", headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/graphml+xml")
    assert "安踏体育用品有限公司" in r.content.decode("utf-8")
    assert c.get("/chains/nope/export.html", headers=headers).status_code == 404
    assert c.get("/chains/tex/export.html").status_code == 401
