/* chain-graph offline chain map: stage bands and segment cards, aggregate nodes that expand on
 * double-click (the firms are in the page's data), supply ties shown when both firms are. */
(function () {
  if (typeof vis === "undefined") { showMapError("图谱组件未加载。"); return; }
  const data = readMapData();
  const layout = data.layout;
  const nodes = new vis.DataSet(data.nodes.map(visItem));
  const edges = new vis.DataSet(data.edges.map(visItem));
  const blocks = new Map(data.blocks.map((b) => [b.seg, Object.assign({ expanded: !b.aggregated, shift: 0 }, b)]));
  const aggregates = new Map(data.nodes.filter((n) => n.kind === "aggregate").map((n) => [n.blk, n]));
  const colors = data.colors;
  const container = document.getElementById("map");
  const network = new vis.Network(container, { nodes, edges }, data.options);
  const hook = Object.assign(window.__chainExport, { network, nodes, edges, blocks, toggle, stats: data.stats });
  let showTies = true;

  watchDrawing(network);
  network.on("beforeDrawing", drawBackground);
  network.on("doubleClick", (params) => {
    const node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    if (node && node.blk && blocks.get(node.blk).aggregated) toggle(node.blk);
  });
  network.on("hoverNode", (p) => {
    const node = nodes.get(p.node);
    container.style.cursor = node && node.blk && blocks.get(node.blk).aggregated ? "pointer" : "default";
  });
  network.on("blurNode", () => { container.style.cursor = "default"; });
  document.getElementById("show-ties").addEventListener("change", (event) => {
    showTies = event.target.checked;
    syncTies();
  });
  initialView(network, nodes);

  /** Expand an aggregated segment into its firms, or fold them back; the column below moves. */
  function toggle(seg) {
    const block = blocks.get(seg);
    if (!block || !block.aggregated) return false;
    block.expanded = !block.expanded;
    const firms = data.hidden[seg] || [];
    if (block.expanded) {
      nodes.remove(`agg:${seg}`);
      nodes.add(firms.map((n) => Object.assign(visItem(n), { y: n.y + block.shift })));
    } else {
      nodes.remove(firms.map((n) => n.id));
      const agg = aggregates.get(seg);
      nodes.add(Object.assign(visItem(agg), { y: agg.y + block.shift }));
    }
    reflow(block.col);
    syncTies();
    return block.expanded;
  }

  function columnBlocks(col) {
    return [...blocks.values()].filter((b) => b.col === col).sort((a, b) => a.top - b.top);
  }

  function reflow(col) {
    let shift = 0;
    for (const b of columnBlocks(col)) {
      b.shift = shift;
      shift += (b.expanded ? b.hx : b.h) - b.h;
    }
    const moves = [];
    nodes.forEach((n) => {
      const b = n.blk && blocks.get(n.blk);
      if (b && b.col === col) moves.push({ id: n.id, y: n.y0 + b.shift });
    });
    nodes.update(moves);
  }

  function syncTies() {
    const add = [], remove = [];
    for (const tie of data.ties) {
      const want = showTies && nodes.get(tie.from) !== null && nodes.get(tie.to) !== null;
      const has = edges.get(tie.id) !== null;
      if (want && !has) add.push(visItem(tie));
      if (!want && has) remove.push(tie.id);
    }
    edges.remove(remove);
    edges.add(add);
  }

  function drawBackground(ctx) {
    const bottoms = [0, 1, 2].map((c) => columnBlocks(c).reduce((y, b) => y + (b.expanded ? b.hx : b.h), 0));
    const bottom = Math.max(200, ...bottoms);
    ctx.save();
    for (let c = 0; c < 3; c += 1) {
      ctx.fillStyle = c % 2 ? "#eef2f8" : "#f4f7fb";
      ctx.fillRect(c * layout.colW - layout.colW / 2 + 8, -110, layout.colW - 16, bottom + 130);
    }
    for (const b of blocks.values()) {
      const h = (b.expanded ? b.hx : b.h) - layout.gap + 10;
      const x = b.x - b.w / 2, y = b.top + b.shift - 12;
      ctx.fillStyle = "#ffffff";
      ctx.strokeStyle = colors[b.status][1];
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1;
      roundRect(ctx, x, y, b.w, h, 8);
      ctx.fill();
      ctx.globalAlpha = 0.45;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    ctx.restore();
  }

  function roundRect(ctx, x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  hook.ready = true;
})();
