/* The chain map: segments in stage columns (positions from the server), FEEDS arrows, column bands. */

import { $, chinesePart, escapeLabel, FONT, shortName, truncate } from "./dom.js";
import { feedsEdges, graphTitle, grid, neighbourSegments, positions } from "./graph.js";
import { label } from "./labels.js";
import { actions, chainName, STAGES, state, viewSegments } from "./state.js";

const STATUS_COLOR = {
  missing: { bg: "#d9534f", border: "#b52b27", text: "#ffffff" },
  weak: { bg: "#f0ad4e", border: "#c77c0e", text: "#3a2600" },
  strong: { bg: "#5cb85c", border: "#3d8b3d", text: "#ffffff" },
};
const OTHER_COLOR = { bg: "#eef1f5", border: "#b8c2cf", text: "#7a8696" };

/** Column headings as text nodes, so that fitting the view keeps them in sight. */
function headerNodes(segs, pos, g) {
  const top = columnTop(pos) - 52;
  const heading = (id, x, text, size, color) => ({
    id, x, y: top, label: text, shape: "text", chosen: false, physics: false,
    font: { face: FONT, size, color, multi: "html", bold: { face: FONT, size, color } }, fixed: true,
  });
  const nodes = STAGES.map((stage, col) => heading(`__stage_${stage}`, col * g.col_w,
    `<b>${escapeLabel(label("stage", stage))}（${segs.filter((s) => s.stage === stage).length}）</b>`, 16, "#1f3b66"));
  const cols = new Set([...pos.values()].map((p) => p.col));
  if (cols.has(-1)) nodes.push(heading("__side_left", -g.col_w, "相邻产业链 → 本链", 12, "#7a8696"));
  if (cols.has(3)) nodes.push(heading("__side_right", 3 * g.col_w, "本链 → 相邻产业链", 12, "#7a8696"));
  return nodes;
}

/** The y of the highest node: columns are centred on 0. */
function columnTop(pos) {
  return Math.min(0, ...[...pos.values()].map((p) => p.y));
}

function nodeLabel(seg) {
  const leaders = (seg.local_firms || []).filter((f) => f.leading).map((f) => shortName(f.name));
  const lines = [`<b>${escapeLabel(seg.name)}</b>`, seg.local_count ? `本地 ${seg.local_count} 家 · 龙头 ${seg.leading_count || 0}` : "无本地企业"];
  if (leaders.length) {
    const more = leaders.length > 2;
    lines.push(escapeLabel(`★ ${truncate(leaders.slice(0, 2).join("、"), more ? 9 : 11)}${more ? " 等" : ""}`));
  }
  return lines.join("\n");
}

function ownNode(seg, p, g) {
  const c = STATUS_COLOR[seg.status] || OTHER_COLOR;
  return {
    id: seg.segment_id, x: p.x, y: p.y, label: nodeLabel(seg), shape: "box",
    color: { background: c.bg, border: c.border, highlight: { background: c.bg, border: "#1f3b66" }, hover: { background: c.bg, border: "#1f3b66" } },
    font: { color: c.text, face: FONT, size: 13, multi: "html", bold: { color: c.text, face: FONT, size: 14 } },
    borderWidth: 1, borderWidthSelected: 3, margin: 8, widthConstraint: { minimum: g.node_w, maximum: g.node_w },
    shapeProperties: { borderRadius: 6 },
    title: graphTitle(seg.segment_id) || `${seg.name}：${label("gap_status", seg.status)}\n${(seg.reasons || []).map(chinesePart).join("\n")}`,
  };
}

function neighbourNode(seg, p, g) {
  const c = OTHER_COLOR;
  return {
    id: seg.segment_id, x: p.x, y: p.y, shape: "box",
    label: `${seg.name}\n〔${chainName(seg.chain_id)}〕`,
    color: { background: c.bg, border: c.border, highlight: { background: "#e2e8f0", border: "#5b6b80" }, hover: { background: "#e2e8f0", border: "#5b6b80" } },
    font: { color: c.text, face: FONT, size: 12 }, borderWidth: 1, margin: 7,
    widthConstraint: { minimum: g.node_w - 20, maximum: g.node_w - 20 }, shapeProperties: { borderRadius: 6, borderDashes: [4, 3] },
    title: seg.title || `${seg.name}（${chainName(seg.chain_id)}）`,
  };
}

function mapEdges(edges, ownIds, stageOf) {
  return edges.map((e, i) => {
    const inner = ownIds.has(e.from) && ownIds.has(e.to);
    const sameColumn = inner && stageOf.get(e.from) === stageOf.get(e.to);
    return {
      id: `feeds-${i}`, from: e.from, to: e.to, arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      width: 1 + 2.5 * Math.min(1, e.weight), dashes: inner ? false : [5, 4],
      color: { color: inner ? "#7d8fa8" : "#c3ccd8", highlight: "#1f3b66", hover: "#1f3b66", opacity: inner ? 0.85 : 0.7 },
      smooth: sameColumn
        ? { enabled: true, type: "curvedCW", roundness: 0.35 }
        : { enabled: true, type: "cubicBezier", forceDirection: "horizontal", roundness: 0.45 },
      title: e.title || `供给关系（权重 ${e.weight}）`,
    };
  });
}

function buildMapData(g) {
  const pos = positions();
  const segs = viewSegments().filter((s) => pos.has(s.segment_id));
  const ownIds = new Set(segs.map((s) => s.segment_id));
  const neighbours = neighbourSegments(ownIds);
  const edges = feedsEdges().filter((e) => (ownIds.has(e.from) || ownIds.has(e.to)) && e.from !== e.to);
  const touched = new Set(edges.flatMap((e) => [e.from, e.to]));
  for (const id of [...neighbours.keys()]) if (!touched.has(id) || !pos.has(id)) neighbours.delete(id);
  const nodes = [
    ...segs.map((s) => ownNode(s, pos.get(s.segment_id), g)),
    ...[...neighbours.values()].map((s) => neighbourNode(s, pos.get(s.segment_id), g)),
  ];
  const known = new Set(nodes.map((n) => n.id));
  state.nodeInfo = new Map([
    ...segs.map((s) => [s.segment_id, { ...s, own: true }]),
    ...[...neighbours.values()].map((s) => [s.segment_id, { ...s, own: false }]),
  ]);
  const shown = new Map([...pos].filter(([id]) => known.has(id)));
  const stageOf = new Map(segs.map((s) => [s.segment_id, s.stage]));
  return {
    nodes: [...nodes, ...headerNodes(segs, shown, g)],
    edges: mapEdges(edges.filter((e) => known.has(e.from) && known.has(e.to)), ownIds, stageOf),
    segs, shown,
  };
}

function drawColumns(ctx, shown, g) {
  const top = columnTop(shown) - 84;
  const height = -2 * (top + 84) + g.row_h + 110;
  ctx.save();
  STAGES.forEach((stage, col) => {
    ctx.fillStyle = col % 2 ? "#f1f5fa" : "#f7f9fc";
    ctx.strokeStyle = "#e1e7ef";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.rect(col * g.col_w - g.col_w / 2 + 10, top, g.col_w - 20, height);
    ctx.fill();
    ctx.stroke();
  });
  ctx.restore();
}

function emptyMap(text) {
  const empty = $("map-empty");
  empty.hidden = false;
  empty.textContent = text;
  if (state.network) state.network.destroy();
  state.network = null;
  state.nodeInfo = new Map();
  exposeTestHook();
}

export function drawMap({ keepView = false } = {}) {
  const container = $("chain-map");
  const g = grid();
  if (typeof vis === "undefined") return emptyMap("图谱组件未加载（static/vendor/vis-network）。");
  if (!g) return emptyMap(state.gaps ? "图谱关系未能加载，无法布局，请刷新。" : "暂无数据。");
  const { nodes, edges, segs, shown } = buildMapData(g);
  const empty = $("map-empty");
  empty.hidden = segs.length > 0;
  empty.textContent = state.gaps ? "该产业链尚无环节数据。" : "暂无数据。";
  const view = keepView && state.network ? { position: state.network.getViewPosition(), scale: state.network.getScale() } : null;
  if (state.network) state.network.destroy();
  const network = new vis.Network(container, { nodes, edges }, mapOptions());
  network.on("beforeDrawing", (ctx) => drawColumns(ctx, shown, g));
  network.on("click", (params) => {
    const id = params.nodes[0];
    if (id && state.nodeInfo.has(id)) actions.selectSegment(id);
  });
  network.on("hoverNode", (p) => { if (state.nodeInfo.has(p.node)) container.style.cursor = "pointer"; });
  network.on("blurNode", () => { container.style.cursor = "default"; });
  state.network = network;
  if (view) network.moveTo({ position: view.position, scale: view.scale });
  else refitMap();
  if (state.selected && state.nodeInfo.has(state.selected)) network.selectNodes([state.selected]);
  exposeTestHook();
}

function mapOptions() {
  return {
    autoResize: true, physics: false, layout: { improvedLayout: false },
    interaction: { dragNodes: false, hover: true, tooltipDelay: 150, zoomView: true, dragView: true, multiselect: false },
    nodes: { fixed: true, chosen: true, font: { face: FONT } },
    edges: { selectionWidth: 1.5, hoverWidth: 0.5 },
  };
}

/** For tests and the curious: the vis Network, the segment nodes and their statuses. */
function exposeTestHook() {
  window.__chainMap = {
    network: state.network,
    chainId: state.chainId,
    nodes: [...state.nodeInfo.values()].map((s) => ({ id: s.segment_id, status: s.own ? s.status : "other", own: s.own, name: s.name })),
    select: actions.selectSegment,
  };
}

/** Fit the view: everything, or with the drawer open only this chain's columns (neighbours may go off-screen). */
export function refitMap() {
  if (!state.network) return;
  state.network.setSize("100%", "100%");
  const drawerOpen = !$("drawer").hidden;
  const own = [...state.nodeInfo.values()].filter((s) => s.own).map((s) => s.segment_id);
  const options = { animation: false };
  if (drawerOpen && own.length) options.nodes = [...own, ...STAGES.map((st) => `__stage_${st}`)];
  state.network.fit(options);
}

export function redrawMap() {
  state.network?.redraw();
}
