"""Interactive chain maps as ONE self-contained HTML file, for planners who open them anywhere.

The files are meant for a government intranet without internet: everything they need — the
vis-network library (the library's own copy, ``chain_graph/assets/vis-network``), the page's script and
style, the data — is inlined, and a Content-Security-Policy forbids every network request.
No ``http://`` or ``https://`` string appears anywhere in the output: URLs inside the
vis-network build and inside provenance texts are written as ``:\\/\\/`` (the same string
for JavaScript and JSON), and the ``sourceMappingURL`` comment is dropped.

- :func:`chain_map_html`: one chain, upstream → midstream → downstream columns, each segment a
  card (status colour) with its local firms (★ and a bold border for leading firms) and, when
  given, its candidates (dashed, score in the tooltip). Positions are computed here; physics
  is off, so a 2,000-node map is interactive at once. Segments with more than
  :data:`SEGMENT_FIRM_LIMIT` firms, or the largest ones when the map would exceed
  ``max_nodes``, show one aggregate node that expands on double-click.
- :func:`city_overview_html`: every chain as one node (size: local firms; colour: completeness)
  and the cross-chain FEEDS ties as weighted arrows (:func:`chain_graph.services.exports.overview_data` gathers them).

pyvis builds the node, edge and option records; the page is our own Jinja template (pyvis's
templates fetch Bootstrap and vis from a CDN). Text from imports is never parsed as HTML:
the data travels as JSON (``<``, ``>``, ``&`` escaped) and the page builds tooltips with
``textContent``.

>>> "https://" in _script_json({"source": "public: https://example.org/a"}).unescape()
False
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from chain_graph.analysis import Candidate, ChainGaps, SegmentState
from chain_graph.assets import VIS_NETWORK_JS
from chain_graph.errors import ChainGraphError
from chain_graph.layout import order_columns
from chain_graph.models import Segment, SegmentLink
from chain_graph.store.base import EdgeType, node_id

__all__ = [
    "FONT_STACK",
    "SEGMENT_FIRM_LIMIT",
    "STATUS_COLORS",
    "chain_map_html",
    "completeness_color",
    "cross_chain_links",
    "city_overview_html",
    "vis_network_js",
]

FONT_STACK = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif'
# background, border, text: the palette of the live page (api/static/map.js)
STATUS_COLORS = {
    "missing": ("#d9534f", "#b52b27", "#ffffff"),
    "weak": ("#f0ad4e", "#c77c0e", "#3a2600"),
    "strong": ("#5cb85c", "#3d8b3d", "#ffffff"),
}
STATUS_LABELS = {"missing": "缺链", "weak": "弱链", "strong": "强链"}
STAGES = ("upstream", "midstream", "downstream")
STAGE_LABELS = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
ROLE_LABELS = {"leading": "龙头企业", "core": "核心企业", "supporting": "配套企业"}
PART_LABELS = {
    "list_tier": "榜单档次", "list_rank": "榜单排名", "revenue": "营收规模", "supply_ties": "供货关系",
    "segment_share": "业务占比", "overseas_chinese": "侨资/泉商", "relation_path": "关系路径",
    "plan_exists": "已有专案",
}  # fmt: skip
SEGMENT_FIRM_LIMIT = 40
COMPLETENESS_STOPS = ((0.5, "#d9534f"), (0.75, "#f0ad4e"), (1.0, "#5cb85c"))
FIRM_W, FIRM_H, FIRM_COLS = 150, 42, 4
HEADER_H, BLOCK_GAP = 70, 30
COL_W = FIRM_COLS * FIRM_W + 90
SAMPLE_MARK = "示例"


# -- assets -----------------------------------------------------------------------------------


def _vis_path() -> Path:
    """The vendored vis-network build: the library's own asset (``chain_graph/assets``)."""
    override = os.environ.get("CHAIN_GRAPH_VIS_JS")
    return Path(override) if override else VIS_NETWORK_JS


@functools.cache
def vis_network_js() -> str:
    """vis-network's standalone build, neutralised for inlining: no source map, no URL strings."""
    path = _vis_path()
    if not path.is_file():
        raise ChainGraphError(
            f"cannot export HTML: vis-network is missing at {path}; run scripts/vendor-vis-network.sh "
            "(or point CHAIN_GRAPH_VIS_JS at vis-network.min.js)"
        )
    text = path.read_text(encoding="utf-8")
    return _neutralise_js(re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE))


def _neutralise_js(text: str) -> str:
    """Script text safe to inline: no "</script" to end the element early, no spelled-out URL.

    ``:\\/\\/`` is ``://`` to JavaScript inside strings and comments, where the vendored build
    has its URLs (licence header, core-js metadata, one error message); the browser test runs
    the result, so a build where that stopped holding would fail it.
    """
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("://", r":\/\/")


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("chain_graph.export") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("chain_graph.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _finalize(value: Any) -> Any:
    """Escape text for HTML, with "/" as an entity so no URL is spelled out in the page."""
    from markupsafe import Markup, escape

    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).replace("/", "&#47;"))


def _script_json(data: Any) -> Any:
    """JSON for a ``<script type="application/json">``: nothing that HTML or a URL scan could see."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    for raw, safe in (("&", r"\u0026"), ("<", r"\u003c"), (">", r"\u003e"), ("/", r"\/")):
        text = text.replace(raw, safe)
    return Markup(text.replace("\u2028", r"\u2028").replace("\u2029", r"\u2029"))


def _render(template: str, *, title: str, data: Mapping[str, Any], script: str, **context: Any) -> str:
    from markupsafe import Markup

    return str(
        _env()
        .get_template(template)
        .render(
            title=title,
            font=FONT_STACK,
            css=Markup(re.sub(r"</(style)", r"<\\/\1", _asset("export.css"), flags=re.IGNORECASE)),
            vis_js=Markup(vis_network_js()),
            page_js=Markup(_neutralise_js(_asset("common.js") + "\n" + _asset(script))),
            data_json=_script_json(data),
            **context,
        )
    )


# -- text helpers -----------------------------------------------------------------------------


def _short_name(name: str, limit: int = 9) -> str:
    """A label-sized company name: legal form dropped, the （示例） mark of a sample firm kept."""
    sample = SAMPLE_MARK in name
    base = re.sub(r"[（(]示例[）)]", "", name)
    base = re.sub(r"(集团)?(股份)?有限(责任)?公司$", "", base)
    base = re.sub(r"^(福建省?|泉州市?)", "", base) or name
    base = base if len(base) <= limit else base[: limit - 1] + "…"
    return base + ("（示例）" if sample else "")


def _illustrative_mark(cand: Candidate) -> str:
    """（示例） for a candidate whose record is illustrative though its name does not say so."""
    return "（示例）" if cand.illustrative and SAMPLE_MARK not in cand.name else ""


def _zh(text: str) -> str:
    """ "中文 / English" → "中文" (the analysis explains itself in both)."""
    return text.split(" / ", 1)[0]


def _provenance(label: str, data: Mapping[str, Any]) -> str:
    return f"{label}来源：{data.get('source') or '未注明'}（截至 {data.get('as_of') or '未注明'}）"


def _html_label(text: str) -> str:
    """Text for a vis ``multi: "html"`` label, whose only entities are &lt; and &amp;."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _has_samples(names: Iterable[str]) -> bool:
    return any(SAMPLE_MARK in n for n in names)


# -- the chain map ----------------------------------------------------------------------------


@dataclass
class _Firm:
    company_id: str
    segment_id: str
    local: bool
    node: dict[str, Any]


@dataclass
class _Block:
    """One segment card: the segment node, then its firms in a grid below it."""

    state: SegmentState
    col: int
    firms: list[_Firm] = field(default_factory=list)
    candidates: int = 0
    aggregated: bool = False
    top: float = 0.0

    def height(self, expanded: bool) -> float:
        rows = -(-len(self.firms) // FIRM_COLS) if expanded else 1
        return HEADER_H + max(rows, 1) * FIRM_H + BLOCK_GAP


def chain_map_html(
    G: nx.MultiDiGraph,
    gaps: ChainGaps,
    candidates: Iterable[Candidate] = (),
    *,
    title: str | None = None,
    max_nodes: int = 2000,
    segment_limit: int | None = SEGMENT_FIRM_LIMIT,
    exported_on: dt.date | None = None,
) -> str:
    """The chain map of ``gaps`` (its county view when it has one) as one self-contained HTML page.

    ``G`` is the chain subgraph the gaps were computed from (provenance, names, FEEDS, ties);
    ``candidates`` those of :func:`rank_candidates` to draw dashed in their gap segments. A segment
    with more than ``segment_limit`` firms (None: no limit) starts as one aggregate node, and so do
    the largest segments while the map has more than ``max_nodes`` nodes.
    """
    data = _chain_map_data(G, gaps, list(candidates), max_nodes, segment_limit)
    scope = gaps.county.name if gaps.county else "全市"
    view = gaps.county or gaps
    heading = title or f"{gaps.chain_name}产业链图谱"
    return _render(
        "chain_map.html.j2",
        title=heading,
        data=data,
        script="chain_map.js",
        scope=scope,
        completeness=f"{view.completeness * 100:.0f}%",
        city_completeness=f"{gaps.completeness * 100:.0f}%" if gaps.county else None,
        counts=view.counts,
        candidates=data["stats"]["candidates"],
        exported_on=(exported_on or dt.date.today()).isoformat(),
        samples=data["stats"]["samples"],
        status_colors=STATUS_COLORS,
        aggregated=data["stats"]["aggregated"],
    )


def _chain_map_data(
    G: nx.MultiDiGraph, gaps: ChainGaps, candidates: list[Candidate], max_nodes: int, segment_limit: int | None
) -> dict[str, Any]:
    states = (gaps.county or gaps).segments
    county_names = {d["region_id"]: d.get("name") for _, d in G.nodes(data=True) if d.get("kind") == "region"}
    feeds = [
        (G.nodes[u]["segment_id"], G.nodes[v]["segment_id"], u, v) for u, v, k in G.edges(keys=True) if k == "FEEDS"
    ]
    blocks = _blocks(G, states, candidates, county_names)
    _order_columns(blocks, [(a, b) for a, b, *_ in feeds])
    _aggregate(blocks, max_nodes, segment_limit, extra=len(_neighbours(blocks, feeds)))
    nodes, hidden = _place(blocks)
    neighbours = _neighbour_nodes(G, blocks, feeds)
    nodes += neighbours + _heading_nodes(blocks, neighbours)
    shown = {n["id"] for n in nodes}
    known = shown | {n["id"] for ns in hidden.values() for n in ns}
    feeds_edges = [_feeds_edge(G, u, v, blocks) for _, _, u, v in feeds if _sid(u) in known and _sid(v) in known]
    candidate_ids = {f"co:{c.company_id}" for c in candidates}
    ties = [_style_edge(t) for t in _tie_edges(G, known, candidate_ids)]
    for n in [*nodes, *(n for ns in hidden.values() for n in ns)]:
        _style_node(n)
    visible_ties = [t for t in ties if t["from"] in shown and t["to"] in shown]
    records = _vis_records(nodes, [_style_edge(e) for e in feeds_edges] + visible_ties, _chain_options(len(nodes)))
    firm_names = [f.node["fullname"] for b in blocks.values() for f in b.firms]
    return {
        **records,
        "font": FONT_STACK,
        "hidden": hidden,
        "ties": ties,
        "blocks": [_block_json(b) for b in sorted(blocks.values(), key=lambda b: (b.col, b.top))],
        "layout": {"colW": COL_W, "headerH": HEADER_H, "gap": BLOCK_GAP},
        "colors": STATUS_COLORS,
        "stats": {
            "nodes": sum(n["kind"] not in ("heading", "subheading") for n in nodes),
            "segments": len(blocks),
            "firms": len(firm_names),
            "candidates": sum(b.candidates for b in blocks.values()),
            "aggregated": sum(b.aggregated for b in blocks.values()),
            "samples": _has_samples(firm_names),
        },
    }


def _sid(node: str) -> str:
    """vis id of a segment node of G (``segment:x`` → ``seg:x``)."""
    return "seg:" + node.split(":", 1)[1]


def _blocks(
    G: nx.MultiDiGraph, states: list[SegmentState], candidates: list[Candidate], county_names: Mapping[str, Any]
) -> dict[str, _Block]:
    """One block per segment, each company in one block only (local presence first, best role/score)."""
    blocks = {s.segment_id: _Block(s, STAGES.index(s.stage.value)) for s in states}
    placed: dict[str, str] = {}
    elsewhere: dict[str, list[str]] = defaultdict(list)
    for state in states:
        for firm in state.local_firms:
            if firm.company_id in placed:
                elsewhere[firm.company_id].append(state.name)
                continue
            placed[firm.company_id] = state.segment_id
            node = _local_node(G, firm, state, county_names)
            blocks[state.segment_id].firms.append(_Firm(firm.company_id, state.segment_id, True, node))
    for cand in sorted(candidates, key=lambda c: (-c.score, c.company_id, c.segment_id)):
        block = blocks.get(cand.segment_id)
        if block is None:
            continue
        block.candidates += 1
        if cand.company_id in placed:
            elsewhere[cand.company_id].append(f"{cand.segment_name}（候选，{cand.score:.0f} 分）")
            continue
        placed[cand.company_id] = cand.segment_id
        block.firms.append(_Firm(cand.company_id, cand.segment_id, False, _candidate_node(G, cand)))
    for block in blocks.values():
        for shown in block.firms:
            if elsewhere.get(shown.company_id):
                shown.node["tip"]["lines"].append("同时在：" + "、".join(elsewhere[shown.company_id]))
    return blocks


def _local_node(G: nx.MultiDiGraph, firm: Any, state: SegmentState, county_names: Mapping[str, Any]) -> dict[str, Any]:
    company = G.nodes.get(node_id("company", firm.company_id), {})
    edge = G.get_edge_data(node_id("company", firm.company_id), node_id("segment", state.segment_id), "IN_SEGMENT")
    where = county_names.get(firm.county) or ("本地设厂" if firm.basis == "local_site" else "本地")
    lines = [f"{ROLE_LABELS[firm.role.value]} · {where} · {state.name}"]
    if firm.revenue_cny_100m is not None:
        lines.append(f"营收 {firm.revenue_cny_100m:g} 亿元")
    if firm.basis == "plan":
        lines.append(f"已开工/投产专案 {firm.plan_id} 落地企业")
    prov = [_provenance("企业", company)] + ([_provenance("环节归属", edge)] if edge else [])
    label = ("★ " if firm.leading else "") + _short_name(firm.name)
    return {
        "id": f"co:{firm.company_id}",
        "label": label,
        "fullname": firm.name,
        "kind": "local",
        "leading": firm.leading,
        "tip": {"head": firm.name, "lines": lines, "prov": prov},
    }


def _candidate_node(G: nx.MultiDiGraph, cand: Candidate) -> dict[str, Any]:
    company = G.nodes.get(node_id("company", cand.company_id), {})
    edge = G.get_edge_data(node_id("company", cand.company_id), node_id("segment", cand.segment_id), "IN_SEGMENT")
    where = cand.region_name or cand.country or "外地"
    lines = [
        f"候选企业 · {STATUS_LABELS[cand.status.value]}「{cand.segment_name}」· {where}",
        f"得分 {cand.score:.1f} / 100",
    ]
    lines += [
        f"  {PART_LABELS.get(k, k)} {'−' if k == 'plan_exists' else '+'}{p.contribution:.1f}：{_zh(p.explanation)}"
        for k, p in cand.parts.items()
        if p.contribution
    ]
    if cand.plan is not None:
        lines.append(f"已有专案：{cand.plan.plan_id}")
    prov = [_provenance("企业", company)] + ([_provenance("环节归属", edge)] if edge else [])
    return {
        "id": f"co:{cand.company_id}",
        "label": f"{_short_name(cand.name)}{_illustrative_mark(cand)}\n{cand.score:.0f} 分",
        "fullname": cand.name,
        "kind": "candidate",
        "leading": False,
        "score": round(cand.score, 1),
        "tip": {"head": cand.name, "lines": lines, "prov": prov},
    }


def _order_columns(blocks: dict[str, _Block], feeds: list[tuple[str, str]]) -> None:
    """Rank each block in its stage column by the map's one layout rule (:mod:`chain_graph.layout`)."""
    stage_of = {s: STAGES[b.col] for s, b in blocks.items()}
    for col in order_columns(stage_of, feeds):
        for i, s in enumerate(col):
            blocks[s].top = float(i)  # rank for now; _place turns it into a y


def _aggregate(blocks: dict[str, _Block], max_nodes: int, limit: int | None, *, extra: int) -> None:
    """Aggregate crowded segments, then the largest ones until the map fits in ``max_nodes``."""
    for block in blocks.values():
        block.aggregated = limit is not None and len(block.firms) > limit

    def total() -> int:
        return extra + sum(1 + (1 if b.aggregated else len(b.firms)) for b in blocks.values())

    for block in sorted(blocks.values(), key=lambda b: (-len(b.firms), b.state.segment_id)):
        if total() <= max_nodes or len(block.firms) <= 1:
            break
        block.aggregated = True


def _place(blocks: dict[str, _Block]) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Give every node its position; firms of aggregated blocks go to ``hidden``."""
    nodes: list[dict[str, Any]] = []
    hidden: dict[str, list[dict[str, Any]]] = {}
    for c in range(3):
        y = 0.0
        for block in sorted((b for b in blocks.values() if b.col == c), key=lambda b: b.top):
            block.top = y
            nodes.append(_segment_node(block))
            firm_nodes = [_firm_position(f, block, i) for i, f in enumerate(block.firms)]
            if block.aggregated:
                nodes.append(_aggregate_node(block))
                hidden[block.state.segment_id] = firm_nodes
            else:
                nodes += firm_nodes
            y += block.height(not block.aggregated)
    return nodes, hidden


def _firm_position(firm: _Firm, block: _Block, i: int) -> dict[str, Any]:
    x = block.col * COL_W + (i % FIRM_COLS - (FIRM_COLS - 1) / 2) * FIRM_W
    y = block.top + HEADER_H + (i // FIRM_COLS) * FIRM_H + FIRM_H / 2
    return {**firm.node, "x": round(x), "y": round(y), "blk": block.state.segment_id}


def _segment_node(block: _Block) -> dict[str, Any]:
    s = block.state
    counts = f"{STATUS_LABELS[s.status.value]} · 本地 {s.local_count} 家 · 龙头 {s.leading_count}"
    if block.candidates:
        counts += f" · 候选 {block.candidates}"
    lines = [f"{STAGE_LABELS[s.stage.value]} · {STATUS_LABELS[s.status.value]}", *map(_zh, s.reasons)]
    if s.local_revenue is not None:
        lines.append(f"本地营收 {s.local_revenue:g} 亿元")
    if block.aggregated:
        lines.append("双击展开 / 收起企业")
    return {
        "id": f"seg:{s.segment_id}",
        "label": f"<b>{_html_label(s.name)}</b>\n{counts}",
        "kind": "segment",
        "status": s.status.value,
        "x": block.col * COL_W,
        "y": round(block.top + HEADER_H / 2 - 8),
        "blk": s.segment_id,
        "tip": {"head": s.name, "lines": lines, "prov": []},
    }


def _aggregate_node(block: _Block) -> dict[str, Any]:
    s = block.state
    text = f"本地 {s.local_count} 家 · 龙头 {s.leading_count}"
    if block.candidates:
        text += f" · 候选 {block.candidates} 家"
    return {
        "id": f"agg:{s.segment_id}",
        "label": f"{text}\n（双击展开）",
        "kind": "aggregate",
        "status": s.status.value,
        "x": block.col * COL_W,
        "y": round(block.top + HEADER_H + FIRM_H / 2),
        "blk": s.segment_id,
        "tip": {"head": f"{s.name}：{len(block.firms)} 家企业", "lines": ["双击展开 / 收起"], "prov": []},
    }


def _neighbours(blocks: Mapping[str, _Block], feeds: list[Any]) -> set[str]:
    return {x for a, b, *_ in feeds for x in (a, b) if x not in blocks and (a in blocks or b in blocks)}


def _neighbour_nodes(G: nx.MultiDiGraph, blocks: Mapping[str, _Block], feeds: list[Any]) -> list[dict[str, Any]]:
    """Segments of other chains: left when they feed this chain, right when fed by it."""
    header_y = {s: b.top + HEADER_H / 2 for s, b in blocks.items()}
    sides: dict[int, list[tuple[float, str]]] = {-1: [], 1: []}
    for seg in sorted(_neighbours(blocks, feeds)):
        out = [header_y[b] for a, b, *_ in feeds if a == seg and b in blocks]
        inc = [header_y[a] for a, b, *_ in feeds if b == seg and a in blocks]
        ys = out or inc
        sides[-1 if out else 1].append((sum(ys) / len(ys), seg))
    nodes = []
    for side, items in sides.items():
        x = -COL_W / 2 - 170 if side < 0 else 2 * COL_W + COL_W / 2 + 170
        last = -1e9
        for y, seg in sorted(items):
            y = max(y, last + 80)
            last = y
            data = G.nodes[node_id("segment", seg)]
            chain = G.nodes.get(node_id("chain", data["chain_id"]), {}).get("name", data["chain_id"])
            nodes.append(
                {
                    "id": f"seg:{seg}",
                    "label": f"{data['name']}\n〔{chain}〕",
                    "kind": "neighbour",
                    "x": round(x),
                    "y": round(y),
                    "tip": {
                        "head": f"{data['name']}（{chain}）",
                        "lines": ["相邻产业链环节"],
                        "prov": [_provenance("环节", data)],
                    },
                }
            )
    return nodes


def _heading_nodes(blocks: Mapping[str, _Block], neighbours: list[dict[str, Any]]) -> list[dict[str, Any]]:
    count = {c: sum(b.col == c for b in blocks.values()) for c in range(3)}
    nodes = [
        {"id": f"h:{stage}", "label": f"<b>{STAGE_LABELS[stage]}（{count[c]} 个环节）</b>", "kind": "heading",
         "x": c * COL_W, "y": -80}
        for c, stage in enumerate(STAGES)
    ]  # fmt: skip
    xs = {n["x"] for n in neighbours}
    for x in sorted(xs):
        text = "相邻产业链 → 本链" if x < 0 else "本链 → 相邻产业链"
        nodes.append({"id": f"h:side{x}", "label": text, "kind": "subheading", "x": x, "y": -80})
    return nodes


def _feeds_edge(G: nx.MultiDiGraph, u: str, v: str, blocks: Mapping[str, _Block]) -> dict[str, Any]:
    data = G.get_edge_data(u, v, EdgeType.FEEDS) or {}
    a, b = G.nodes[u], G.nodes[v]
    weight = float(data.get("weight") or 1.0)
    inner = a["segment_id"] in blocks and b["segment_id"] in blocks
    same = inner and blocks[a["segment_id"]].col == blocks[b["segment_id"]].col
    return {
        "id": f"feeds:{a['segment_id']}>{b['segment_id']}",
        "from": _sid(u),
        "to": _sid(v),
        "kind": "feeds",
        "inner": inner,
        "same": same,
        "weight": weight,
        "tip": {"head": f"供给关系：{a['name']} → {b['name']}", "lines": [f"权重 {weight:g}"],
                "prov": [_provenance("关系", data)]},
    }  # fmt: skip


def _tie_edges(G: nx.MultiDiGraph, shown: set[str], candidate_ids: set[str]) -> list[dict[str, Any]]:
    """SUPPLIES ties between firms on the map (drawn when both ends are shown)."""
    ties = []
    for u, v, key, data in G.edges(keys=True, data=True):
        a, b = "co:" + u.split(":", 1)[1], "co:" + v.split(":", 1)[1]
        if key != EdgeType.SUPPLIES or a not in shown or b not in shown:
            continue
        amount = f" · {data['amount_cny_100m']:g} 亿元" if data.get("amount_cny_100m") is not None else ""
        ties.append(
            {
                "id": f"tie:{a}>{b}",
                "from": a,
                "to": b,
                "kind": "tie",
                "candidate": a in candidate_ids or b in candidate_ids,
                "tip": {
                    "head": f"供货：{G.nodes[u].get('name')} → {G.nodes[v].get('name')}",
                    "lines": [f"产品：{data.get('product') or '—'}{amount}"],
                    "prov": [_provenance("供货关系", data)],
                },
            }
        )
    return ties


def _block_json(block: _Block) -> dict[str, Any]:
    return {
        "seg": block.state.segment_id,
        "col": block.col,
        "x": block.col * COL_W,
        "top": block.top,
        "status": block.state.status.value,
        "aggregated": block.aggregated,
        "h": block.height(not block.aggregated),
        "hx": block.height(True),
        "w": FIRM_COLS * FIRM_W + 24,
    }


# -- pyvis: the records vis-network reads -----------------------------------------------------


def _vis_records(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: dict[str, Any]) -> dict[str, Any]:
    """Nodes, edges and options as pyvis builds them (directed: arrows on, no O(n²) duplicate check)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="local")
    for node in nodes:
        attrs = {k: v for k, v in node.items() if k not in ("id", "label", "shape")}
        net.add_node(node["id"], label=node.get("label") or " ", shape=node.get("shape", "box"), **attrs)
    known = set(net.node_ids)
    for edge in edges:
        if edge["from"] in known and edge["to"] in known:
            net.add_edge(edge["from"], edge["to"], **{k: v for k, v in edge.items() if k not in ("from", "to")})
    net.options = options
    out_nodes, out_edges, _heading, _height, _width, options_json = net.get_network_data()
    return {"nodes": out_nodes, "edges": out_edges, "options": json.loads(options_json)}


# -- styles -----------------------------------------------------------------------------------

_OTHER = ("#eef1f5", "#b8c2cf", "#7a8696")
_INK = "#1f3b66"


def _font(size: int, color: str, **extra: Any) -> dict[str, Any]:
    return {"face": FONT_STACK, "size": size, "color": color, **extra}


def _box(bg: str, border: str) -> dict[str, Any]:
    return {"background": bg, "border": border, "highlight": {"background": bg, "border": _INK},
            "hover": {"background": bg, "border": _INK}}  # fmt: skip


def _style_node(n: dict[str, Any]) -> None:
    """vis-network look of a node, by its ``kind``."""
    kind, card = n["kind"], FIRM_COLS * FIRM_W - 8
    n.setdefault("shape", "box")
    if kind == "segment":
        bg, border, text = STATUS_COLORS[n["status"]]
        bold = _font(20, text)
        n.update(
            color=_box(bg, border),
            font=_font(14, text, multi="html", bold=bold),
            margin=9,
            borderWidth=1,
            widthConstraint={"minimum": card, "maximum": card},
            shapeProperties={"borderRadius": 6},
        )
    elif kind == "local":
        n.update(
            color=_box("#ffffff", _INK if n["leading"] else "#8795a8"),
            font=_font(12, "#1f2d3d"),
            margin=6,
            borderWidth=3 if n["leading"] else 1,
            widthConstraint={"minimum": FIRM_W - 14, "maximum": FIRM_W - 14},
            shapeProperties={"borderRadius": 4},
        )
    elif kind == "candidate":
        n.update(
            color=_box("#eef4fb", "#3f6fa8"),
            font=_font(12, "#1d3f6e"),
            margin=5,
            borderWidth=1.5,
            widthConstraint={"minimum": FIRM_W - 14, "maximum": FIRM_W - 14},
            shapeProperties={"borderRadius": 4, "borderDashes": [5, 3]},
        )
    elif kind == "aggregate":
        n.update(
            color=_box("#ffffff", STATUS_COLORS[n["status"]][1]),
            font=_font(15, "#1f2d3d"),
            margin=8,
            borderWidth=2,
            widthConstraint={"minimum": card - 40, "maximum": card - 40},
            shapeProperties={"borderRadius": 6, "borderDashes": [6, 4]},
        )
    elif kind == "neighbour":
        n.update(
            color=_box(_OTHER[0], _OTHER[1]),
            font=_font(12, _OTHER[2]),
            margin=7,
            borderWidth=1,
            widthConstraint={"minimum": 170, "maximum": 170},
            shapeProperties={"borderRadius": 6, "borderDashes": [4, 3]},
        )
    else:  # headings
        big = kind == "heading"
        n.update(
            shape="text",
            chosen=False,
            font=_font(26 if big else 16, _INK if big else "#7a8696", multi="html", bold=_font(26, _INK)),
        )


def _style_edge(e: dict[str, Any]) -> dict[str, Any]:
    if e["kind"] == "feeds":
        inner, same = e["inner"], e["same"]
        e.update(
            arrows={"to": {"enabled": True, "scaleFactor": 0.6}},
            width=1 + 2.5 * min(1.0, e["weight"]),
            dashes=False if inner else [5, 4],
            color={"color": "#5f7391" if inner else "#aab6c6", "highlight": _INK, "hover": _INK, "opacity": 0.85},
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.35} if same
            else {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45},
        )  # fmt: skip
    else:
        e.update(
            arrows={"to": {"enabled": True, "scaleFactor": 0.4}},
            width=1,
            dashes=[4, 3] if e["candidate"] else False,
            color={"color": "#8fa0b8", "highlight": "#3f6fa8", "hover": "#3f6fa8", "opacity": 0.4},
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.18},
        )
    return e


def _chain_options(n_nodes: int) -> dict[str, Any]:
    big = n_nodes > 600
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"dragNodes": False, "hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"fixed": True, "font": {"face": FONT_STACK}, "labelHighlightBold": False},
        "edges": {"selectionWidth": 1.5, "hoverWidth": 0.5},
    }  # fmt: skip


# -- the city overview ------------------------------------------------------------------------


def cross_chain_links(segments: Iterable[Segment], links: Iterable[SegmentLink]) -> list[dict[str, Any]]:
    """FEEDS links between segments of different chains, summed per pair of chains."""
    seg = {s.segment_id: s for s in segments}
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    for link in links:
        a, b = seg.get(link.from_segment_id), seg.get(link.to_segment_id)
        if a is None or b is None or a.chain_id == b.chain_id:
            continue
        tie = ties.setdefault((a.chain_id, b.chain_id), {"from": a.chain_id, "to": b.chain_id, "count": 0,
                                                         "weight": 0.0, "pairs": []})  # fmt: skip
        tie["count"] += 1
        tie["weight"] += link.weight
        tie["pairs"].append(f"{a.name} → {b.name}")
    return [ties[k] for k in sorted(ties)]


def completeness_color(value: float) -> str:
    """The status palette spread over the range chains actually have: 50 % or less red, 75 % orange, 100 % green.

    >>> completeness_color(0.2), completeness_color(0.75), completeness_color(1.0)
    ('#d9534f', '#f0ad4e', '#5cb85c')
    """
    stops = COMPLETENESS_STOPS
    v = min(1.0, max(stops[0][0], value))
    (a, ca), (b, cb) = (stops[0], stops[1]) if v <= stops[1][0] else (stops[1], stops[2])
    t = (v - a) / (b - a)
    rgb = [round(int(ca[i : i + 2], 16) * (1 - t) + int(cb[i : i + 2], 16) * t) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def city_overview_html(
    chains_summary: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    *,
    title: str = "产业链全景图",
    exported_on: dt.date | None = None,
) -> str:
    """Every chain as one node (size: local firms, colour: completeness) and the FEEDS ties between chains."""
    chains = list(chains_summary)
    names = {c["chain_id"]: c["name"] for c in chains}
    nodes = _overview_nodes(chains, links)
    top = max((float(t["weight"]) for t in links), default=1.0) or 1.0
    edges = [_overview_edge(t, names, top) for t in links if t["from"] in names and t["to"] in names]
    records = _vis_records(nodes, edges, {**_chain_options(len(nodes)), "edges": {"selectionWidth": 2}})
    return _render(
        "city_overview.html.j2",
        title=title,
        data={**records, "font": FONT_STACK, "stats": {"chains": len(chains), "ties": len(edges)}},
        script="overview.js",
        chains=len(chains),
        ties=sum(int(t["count"]) for t in links),
        exported_on=(exported_on or dt.date.today()).isoformat(),
        stops=[c for _, c in COMPLETENESS_STOPS],
    )


def _overview_nodes(chains: list[Mapping[str, Any]], links: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Chains on a circle, the ones that feed others most first (left), so arrows run mostly rightwards."""
    import math

    flow: dict[str, float] = defaultdict(float)
    for t in links:
        flow[t["from"]] += float(t["weight"])
        flow[t["to"]] -= float(t["weight"])
    order = sorted(chains, key=lambda c: (-flow[c["chain_id"]], c["chain_id"]))
    radius = max(320.0, 75.0 * len(order) / math.pi)
    most = max((int(c.get("local_firms") or 0) for c in chains), default=1) or 1
    nodes = []
    for i, c in enumerate(order):
        angle = math.pi + 2 * math.pi * i / max(1, len(order))
        size = 18 + 34 * math.sqrt((c.get("local_firms") or 0) / most)
        pct = f"{float(c['completeness']) * 100:.0f}%"
        counts = f"缺链 {c.get('missing', '—')} · 弱链 {c.get('weak', '—')} · 强链 {c.get('strong', '—')}"
        nodes.append({
            "id": f"chain:{c['chain_id']}",
            "label": f"<b>{_html_label(str(c['name']))}</b>\n完整度 {pct} · 本地 {c.get('local_firms', 0)} 家",
            "shape": "dot",
            "size": round(size, 1),
            "x": round(radius * math.cos(angle)),
            "y": round(radius * math.sin(angle)),
            "kind": "chain",
            "color": _box(completeness_color(float(c["completeness"])), "#ffffff"),
            "borderWidth": 3,
            "font": _font(15, "#1f2d3d", multi="html", bold=_font(17, _INK), strokeWidth=4, strokeColor="#ffffff"),
            "tip": {"head": str(c["name"]), "lines": [
                f"完整度 {pct}", f"{c.get('segments', 0)} 个环节：{counts}",
                f"企业 {c.get('companies', '—')} 家，其中本地 {c.get('local_firms', 0)} 家"],
                "prov": [_provenance("产业链", c)]},
        })  # fmt: skip
    return nodes


def _overview_edge(t: Mapping[str, Any], names: Mapping[str, str], top: float) -> dict[str, Any]:
    pairs = list(t.get("pairs") or [])
    shown = pairs[:12] + ([f"…另 {len(pairs) - 12} 条"] if len(pairs) > 12 else [])
    return {
        "id": f"tie:{t['from']}>{t['to']}",
        "from": f"chain:{t['from']}",
        "to": f"chain:{t['to']}",
        "kind": "chain-tie",
        "label": str(t["count"]),
        "width": round(1.5 + 8 * float(t["weight"]) / top, 2),
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.8}},
        "color": {"color": "#6f819b", "highlight": _INK, "hover": _INK, "opacity": 0.8},
        "font": _font(12, "#3b4a5e", strokeWidth=3, strokeColor="#ffffff", align="middle"),
        "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.18},
        "tip": {"head": f"{names[t['from']]} → {names[t['to']]}：{t['count']} 条供给关系",
                "lines": [f"权重合计 {float(t['weight']):g}", *shown], "prov": []},
    }  # fmt: skip
