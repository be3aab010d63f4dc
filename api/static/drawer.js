/* The segment drawer: why a segment has its status, its local firms, supply dependency, candidates. */

import { loadCandidates } from "./candidates.js";
import { $, chinesePart, el, num, shortName } from "./dom.js";
import { label } from "./labels.js";
import { refitMap } from "./map.js";
import { toggleLeads } from "./relations.js";
import { chainName, countyName, state } from "./state.js";
import { showTab } from "./tabs.js";

export function selectSegment(segmentId) {
  if (!segmentId) return;
  if (state.network && state.nodeInfo.has(segmentId)) state.network.selectNodes([segmentId]);
  showTab("map");
  openSegment(segmentId);
}

export function closeDrawer() {
  state.selected = null;
  state.network?.unselectAll();
  setDrawer(false);
}

/** Show or hide the drawer; the map gives it room and refits once the layout has settled. */
function setDrawer(open) {
  const drawer = $("drawer");
  if (drawer.hidden === !open) return;
  drawer.hidden = !open;
  document.querySelector(".view-map").classList.toggle("with-drawer", open);
  requestAnimationFrame(refitMap);
}

export async function openSegment(segmentId) {
  state.selected = segmentId;
  const info = state.nodeInfo.get(segmentId) || { segment_id: segmentId, name: segmentId, own: false };
  setDrawer(true);
  $("drawer-title").textContent = info.name;
  $("drawer-tags").replaceChildren(...drawerTags(info));
  const body = $("drawer-body");
  body.replaceChildren(...segmentFacts(info), el("section", { class: "drawer-section", id: "cand-section" },
    el("h3", {}, "候选企业"), el("p", { class: "muted" }, "加载中…")));
  await loadCandidates(segmentId);
}

function drawerTags(info) {
  const tags = [];
  if (info.stage) tags.push(el("span", { class: "tag" }, label("stage", info.stage)));
  if (info.own) tags.push(el("span", { class: `tag tag-${info.status}` }, label("gap_status", info.status)));
  else tags.push(el("span", { class: "tag" }, `相邻产业链：${chainName(info.chain_id)}`));
  if (state.county && info.own) tags.push(el("span", { class: "tag tag-scope" }, countyName(state.county)));
  return tags;
}

function segmentFacts(info) {
  if (!info.own) return [el("section", { class: "drawer-section" }, el("p", { class: "muted" }, "该环节属于相邻产业链，与本链存在供给关系。"))];
  return [reasonsSection(info), firmsSection(info), linkNotes(info), dependencySection(info)].filter(Boolean);
}

function reasonsSection(info) {
  const reasons = (info.reasons || []).map((r) => el("li", { title: r }, chinesePart(r)));
  const facts = el("p", { class: "facts" },
    `本地企业 ${info.local_count ?? 0} 家 · 龙头 ${info.leading_count ?? 0} 家`,
    info.local_revenue != null ? ` · 本地营收 ${num(info.local_revenue)} 亿元` : "");
  return el("section", { class: "drawer-section" }, el("h3", {}, "判定依据"), el("ul", { class: "reasons" }, reasons), facts);
}

function firmsSection(info) {
  const firms = info.local_firms || [];
  if (!firms.length) return el("section", { class: "drawer-section" }, el("h3", {}, "本地企业"), el("p", { class: "muted" }, "暂无本地企业，属缺链环节。"));
  const rows = firms.map((f) => el("li", { class: "firm" },
    el("span", { class: f.leading ? "star" : "star star-off", "aria-hidden": "true" }, f.leading ? "★" : "·"),
    el("span", { class: "firm-name" }, f.name),
    el("span", { class: `role role-${f.role}` }, label("role", f.role)),
    f.county ? el("span", { class: "muted" }, countyName(f.county)) : null,
    f.basis === "plan" ? el("span", { class: "tag tag-small" }, "专案落地") : null,
    f.leading ? el("button", { type: "button", class: "btn btn-small btn-leads", onclick: (e) => toggleLeads(f.company_id, e.currentTarget.closest("li")) }, "以商招商线索") : null));
  firms.forEach((f) => state.companyNames.set(f.company_id, f.name));
  return el("section", { class: "drawer-section" }, el("h3", {}, `本地企业（${firms.length}）`), el("ul", { class: "firms" }, rows));
}

function linkNotes(info) {
  const g = state.gaps || {};
  const notes = [];
  for (const e of (g.extensions || []).filter((x) => x.segment_id === info.segment_id)) {
    notes.push(`延链机会：${e.direction === "upstream" ? "可供给" : "可承接"}${label("gap_status", "strong")}「${e.strong_segment_name}」`);
  }
  for (const f of (g.fragile || []).filter((x) => x.segment_id === info.segment_id)) {
    notes.push(`脆弱环节：仅由 ${(f.holders || []).map((h) => shortName(h.name)).join("、")} 支撑，${f.dependent_count} 个本地环节依赖它`);
  }
  if (!notes.length) return null;
  return el("section", { class: "drawer-section notes" }, el("ul", {}, notes.map((n) => el("li", {}, n))));
}

function dependencySection(info) {
  const groups = state.gaps?.supply_dependency || [];
  const served = groups.filter((g) => g.segment_id === info.segment_id).flatMap((g) => g.suppliers || []);
  const fromHere = groups.flatMap((g) => g.suppliers || []).filter((t) => (t.supplier_segment_ids || []).includes(info.segment_id));
  if (!served.length && !fromHere.length) return null;
  const tieRow = (t) => el("li", {}, el("b", {}, shortName(t.supplier_name)), " → ", shortName(t.customer_name),
    t.product ? el("span", { class: "muted" }, `（${t.product}）`) : "");
  return el("section", { class: "drawer-section" }, el("h3", {}, "供应依赖"),
    fromHere.length ? el("p", { class: "sub" }, "本环节的外地企业已在为本地龙头供货：") : null,
    fromHere.length ? el("ul", { class: "ties" }, fromHere.slice(0, 8).map(tieRow)) : null,
    served.length ? el("p", { class: "sub" }, "本环节龙头企业的外地供应商：") : null,
    served.length ? el("ul", { class: "ties" }, served.slice(0, 8).map(tieRow)) : null);
}

export function wireDrawer() {
  $("drawer-close").addEventListener("click", closeDrawer);
  $("fit-map").addEventListener("click", refitMap);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("drawer").hidden && !document.querySelector("dialog[open]")) closeDrawer(); });
}
