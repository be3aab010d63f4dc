/* The chain's graph (GET /chains/{id}/graph) as the map reads it: segment nodes with the positions
 * the server laid out (chain_graph/layout.py, the one layout rule), and the FEEDS links. */

import { state } from "./state.js";

/** A graph node's segment id, whatever the node id looks like ("segment:tx.knit" or "tx.knit"). */
export function segmentIdOf(node) {
  if (node.segment_id) return node.segment_id;
  const id = String(node.id ?? "");
  return id.startsWith("segment:") ? id.slice(8) : id;
}

function isSegmentNode(node) {
  const kind = node.kind || node.type || node.label_kind;
  return kind === "segment" || String(node.id ?? "").startsWith("segment:");
}

function segmentNodes() {
  return (state.graph?.nodes || []).filter(isSegmentNode);
}

/** The map's grid (col_w, row_h, node_w) the positions were laid out in. */
export function grid() {
  return state.graph?.layout || null;
}

/** Segment id → {x, y, col} as the server placed it. */
export function positions() {
  return new Map(segmentNodes().filter((n) => typeof n.x === "number" && typeof n.y === "number")
    .map((n) => [segmentIdOf(n), { x: n.x, y: n.y, col: n.col }]));
}

export function feedsEdges() {
  const g = state.graph;
  if (!g || !Array.isArray(g.edges)) return [];
  const ids = new Map(segmentNodes().map((n) => [String(n.id), segmentIdOf(n)]));
  return g.edges
    .filter((e) => String(e.type || e.kind || e.label || "").toUpperCase() === "FEEDS")
    .map((e) => ({
      from: ids.get(String(e.from)) ?? segmentIdOf({ id: e.from }),
      to: ids.get(String(e.to)) ?? segmentIdOf({ id: e.to }),
      weight: Number(e.weight) || 1,
      title: typeof e.title === "string" ? e.title : null,
    }));
}

/** The graph's tooltip text of a segment (its status and where the fact comes from), if any. */
export function graphTitle(segmentId) {
  const node = segmentNodes().find((n) => segmentIdOf(n) === segmentId);
  return typeof node?.title === "string" ? node.title : null;
}

/** Segments of other chains in the graph (those tied to this chain by FEEDS). */
export function neighbourSegments(own) {
  const out = new Map();
  for (const n of segmentNodes()) {
    const id = segmentIdOf(n);
    if (!own.has(id)) out.set(id, { segment_id: id, name: n.name || n.label || id, chain_id: n.chain_id, stage: n.stage, title: n.title });
  }
  return out;
}
