/* The side panel: completeness, status counts, extensions, fragile links, counties, segment index. */

import { $, el, pct } from "./dom.js";
import { label } from "./labels.js";
import { actions, chainName, countyName, STAGES, state, viewScore, viewSegments } from "./state.js";

export function renderSummary() {
  const g = state.gaps;
  const { completeness, counts } = viewScore();
  const scope = state.county ? countyName(state.county) : "全市";
  $("score-scope").textContent = scope;
  $("score-value").textContent = pct(completeness);
  $("score-bar").style.width = typeof completeness === "number" ? `${Math.round(completeness * 100)}%` : "0";
  $("map-chain-name").textContent = g ? (g.chain_name || chainName(g.chain_id)) : chainName(state.chainId);
  $("map-score").textContent = g ? `完整度 ${pct(completeness)}${state.county ? `（${scope}）` : ""}` : "";
  $("score-note").textContent = state.county && g ? `全市完整度 ${pct(g.completeness)}` : "按供给关系加权的本地覆盖率";
  renderCounts(counts);
  renderExtensions(g?.extensions || []);
  renderFragile(g?.fragile || []);
  renderCountyList(g?.by_county || []);
  renderSegmentIndex();
}

function renderCounts(counts) {
  const items = ["missing", "weak", "strong"].map((s) => el("li", { class: `count count-${s}` },
    el("strong", {}, counts ? counts[s] ?? 0 : "—"), label("gap_status", s)));
  $("status-counts").replaceChildren(...items);
}

function segmentButton(id, text, extra) {
  return el("button", { type: "button", class: "link-btn", onclick: () => actions.selectSegment(id) }, text, extra || "");
}

function renderExtensions(rows) {
  $("ext-panel").hidden = rows.length === 0;
  $("ext-list").replaceChildren(...rows.slice(0, 8).map((r) => el("li", {},
    segmentButton(r.segment_id, r.name),
    el("span", { class: "muted" }, ` ${r.direction === "upstream" ? "供给" : "承接"}${label("gap_status", "strong")}「${r.strong_segment_name}」${r.cross_chain ? `（${chainName(r.chain_id)}）` : ""}`))));
}

function renderFragile(rows) {
  $("fragile-panel").hidden = rows.length === 0;
  $("fragile-list").replaceChildren(...rows.slice(0, 8).map((r) => el("li", {},
    segmentButton(r.segment_id, r.name),
    el("span", { class: "muted" }, ` 仅 ${(r.holders || []).length} 家本地企业，${r.dependent_count} 个环节依赖`))));
}

function renderCountyList(rows) {
  const sorted = [...rows].sort((a, b) => (b.completeness ?? 0) - (a.completeness ?? 0));
  $("county-panel").hidden = sorted.length === 0;
  $("county-list").replaceChildren(...sorted.map((r) => el("li", {},
    el("button", { type: "button", class: `county-btn${r.county_id === state.county ? " active" : ""}`,
      onclick: () => actions.chooseCounty(r.county_id) },
    el("span", { class: "county-name" }, r.name),
    el("span", { class: "mini-bar" }, el("span", { style: `width:${Math.round((r.completeness || 0) * 100)}%` })),
    el("span", { class: "county-pct" }, pct(r.completeness))))));
}

function renderSegmentIndex() {
  const segs = viewSegments();
  const groups = STAGES.map((stage) => el("div", { class: "index-group" },
    el("h3", {}, label("stage", stage)),
    ...segs.filter((s) => s.stage === stage).map((s) => el("button", {
      type: "button", class: `index-item status-${s.status}`, onclick: () => actions.selectSegment(s.segment_id),
    }, el("span", { class: `dot ${s.status}` }), s.name))));
  $("segment-index").replaceChildren(...groups);
}
