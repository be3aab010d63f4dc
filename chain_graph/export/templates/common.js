/* chain-graph offline map export: shared helpers. Text from the data is only ever set with
 * textContent, never parsed as HTML. */
"use strict";

window.__chainExport = { firstDrawMs: null, draws: 0, errors: [] };

function readMapData() {
  return JSON.parse(document.getElementById("map-data").textContent);
}

/** A tooltip element: heading, lines and provenance, all as plain text. */
function tipElement(tip) {
  const box = document.createElement("div");
  const head = document.createElement("strong");
  head.className = "tip-head";
  head.textContent = tip.head || "";
  box.appendChild(head);
  for (const line of tip.lines || []) {
    const div = document.createElement("div");
    div.textContent = line;
    box.appendChild(div);
  }
  for (const line of tip.prov || []) {
    const div = document.createElement("div");
    div.className = "tip-prov";
    div.textContent = line;
    box.appendChild(div);
  }
  return box;
}

/** A copy of a node or edge for vis: its tooltip as an element, its base y kept for re-layout. */
function visItem(item) {
  const out = Object.assign({}, item);
  if (out.tip) {
    out.title = tipElement(out.tip);
    delete out.tip;
  }
  if (typeof out.y === "number" && out.y0 === undefined) out.y0 = out.y;
  return out;
}

function showMapError(text) {
  const box = document.getElementById("map-error");
  box.textContent = text;
  box.hidden = false;
}

/** Record the first frame (ms since navigation start) and count frames, for tests and the curious. */
function watchDrawing(network) {
  const hook = window.__chainExport;
  network.on("afterDrawing", () => {
    if (hook.firstDrawMs === null) hook.firstDrawMs = performance.now();
    hook.draws += 1;
  });
}

/** Fit the map; a very tall one is fitted to its width and shown from the top. */
function initialView(network, nodes) {
  const container = document.getElementById("map");
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  nodes.forEach((n) => {
    minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x);
    minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
  });
  if (!Number.isFinite(minX)) return;
  const w = container.clientWidth, h = container.clientHeight;
  const width = maxX - minX + 420, height = maxY - minY + 200;
  const byWidth = Math.min(1, w / width);
  if (Math.min(w / width, h / height) >= 0.45 * byWidth) {
    network.fit({ animation: false });
  } else {
    network.moveTo({ position: { x: (minX + maxX) / 2, y: minY - 100 + h / 2 / byWidth }, scale: byWidth, animation: false });
  }
}
