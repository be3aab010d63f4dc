/* chain-graph offline city overview: every chain, and the FEEDS ties between chains. */
(function () {
  if (typeof vis === "undefined") { showMapError("图谱组件未加载。"); return; }
  const data = readMapData();
  const nodes = new vis.DataSet(data.nodes.map(visItem));
  const edges = new vis.DataSet(data.edges.map(visItem));
  const network = new vis.Network(document.getElementById("map"), { nodes, edges }, data.options);
  Object.assign(window.__chainExport, { network, nodes, edges, stats: data.stats });
  watchDrawing(network);
  initialView(network, nodes);
  window.__chainExport.ready = true;
})();
