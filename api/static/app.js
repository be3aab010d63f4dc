/* 泉州市招商一张图 — the one-map page. Plain ES2020, no build step, no network beyond this app.
 * Talks to the HTTP API of docs/API-CONTRACT.md with the key kept in localStorage. */
"use strict";

const KEY_STORAGE = "chainGraph.apiKey";
const CHAIN_STORAGE = "chainGraph.chain";
const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif';

const STAGES = ["upstream", "midstream", "downstream"];
const STAGE_LABEL = { upstream: "上游", midstream: "中游", downstream: "下游" };
const STATUS_LABEL = { missing: "缺链", weak: "弱链", strong: "强链" };
const STATUS_COLOR = {
  missing: { bg: "#d9534f", border: "#b52b27", text: "#ffffff" },
  weak: { bg: "#f0ad4e", border: "#c77c0e", text: "#3a2600" },
  strong: { bg: "#5cb85c", border: "#3d8b3d", text: "#ffffff" },
};
const OTHER_COLOR = { bg: "#eef1f5", border: "#b8c2cf", text: "#7a8696" };
const ROLE_LABEL = { leading: "龙头企业", core: "核心企业", supporting: "配套企业" };
const USER_ROLE_LABEL = { viewer: "查看", planner: "招商专员", admin: "管理员" };
const PLAN_STATUSES = [
  "identified", "contacted", "visited", "negotiating",
  "signed_framework", "signed_contract", "started", "in_production",
];
const PLAN_STATUS_LABEL = {
  identified: "已识别", contacted: "已接洽", visited: "已拜访", negotiating: "洽谈中",
  signed_framework: "框架签约", signed_contract: "正式合同", started: "已开工",
  in_production: "已投产", dropped: "已放弃",
};
const EVENT_KIND_LABEL = { promotion: "推介", signing: "签约", groundbreaking: "集中开工" };
const INVITATION_STATUS_LABEL = {
  invited: "已邀请", confirmed: "已确认", attended: "已到会", signed_at_event: "现场签约", declined: "已婉拒",
};
const INVITATION_MOVE_LABEL = { confirmed: "确认参会", attended: "登记到会", declined: "婉拒", invited: "重新邀请" };
const PROJECT_KIND_LABEL = {
  new_plant: "新建工厂", regional_hq: "区域总部", rnd_centre: "研发中心",
  joint_venture: "合资合作", expansion: "增资扩产",
};
const PART_LABEL = {
  list_tier: "榜单档次", list_rank: "榜单排名", revenue: "营收规模", supply_ties: "供货关系",
  segment_share: "业务占比", overseas_chinese: "侨资/泉商", relation_path: "关系路径", plan_exists: "已有专案",
};
const LIST_SHORT = {
  "fortune-global-500": "世界500强", "china-500": "中国500强", "china-private-500": "民营500强",
  "china-service-500": "服务业500强", "new-economy-500": "新经济500强", "taiwan-100": "台湾100强",
};
const KPI_LABEL = {
  year: "年度", month: "月份", amount_cny_100m: "签约金额（亿元）", target_cny_100m: "年度目标（亿元）",
  plans: "专案数", unknown_amount: "金额未填", ratio: "完成率", contracted: "正式合同", started: "已开工",
  rate: "开工率", goal: "目标", met: "达标", rank: "名次", unit: "责任单位", moved: "推进专案",
  signings: "签约数", signed_investment_cny_100m: "签约金额（亿元）", starts: "开工数",
  name: "榜单", members: "上榜企业", targeted: "已建专案", in_talks: "洽谈中", signed: "已签约",
};
// labels of local firms' growth (as chain_graph/export/excel.py words them); used by growth.js
const GROWTH_LABEL = {
  expansion_status: { planned: "谋划中", approved: "已立项备案", under_construction: "在建", in_production: "已投产", cancelled: "已取消" },
  key_list: { provincial: "省重点技改项目", city: "市重点技改项目" },
  listing_tier: { listing_reserve: "上市后备企业", quotation_reserve: "挂牌后备企业", reserve: "储备企业" },
  listing_stage: { cultivating: "培育", tutoring: "辅导备案", filed: "申报", listed: "上市/挂牌", withdrawn: "退出" },
};
const COL_W = 240;
const ROW_H = 76;
const NODE_W = 176;

const state = {
  key: null, me: null, chains: [], counties: [], chainId: null, county: "",
  gaps: null, graph: null, network: null, nodeInfo: new Map(), plans: [],
  companyNames: new Map(), selected: null, candidates: new Map(), planTarget: null,
};

// ---------------------------------------------------------------------------- small helpers

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function pct(x, digits = 0) {
  return typeof x === "number" && Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "—";
}

function num(x, digits = 1) {
  if (typeof x !== "number" || !Number.isFinite(x)) return "—";
  return x.toLocaleString("zh-CN", { maximumFractionDigits: digits });
}

/** "中文 / English" → "中文": the analysis explains itself in both; planners read the Chinese. */
function zh(text) {
  const s = String(text ?? "");
  const cut = s.indexOf(" / ");
  return cut > 0 ? s.slice(0, cut) : s;
}

/** A company's display name: its short name, with the （示例） mark whenever the record is illustrative
 *  (the API's `illustrative` flag, or the mark in its full name — chain_graph/provenance.py holds the rule). */
function companyLabel(c) {
  const sample = c.illustrative === true || /（示例）|\(示例\)/.test(String(c.name || ""));
  const shown = c.short_name || c.name || "";
  return sample && !/（示例）|\(示例\)/.test(shown) ? `${shown}（示例）` : shown;
}

/** A company name short enough for a node label: drop the legal-form suffix and the province.
 *  The （示例） mark of an illustrative sample firm is kept: a planner must never take it for a real one. */
function shortName(name) {
  const raw = String(name || "");
  const sample = /（示例）|\(示例\)/.test(raw);
  const base = raw
    .replace(/（示例）|\(示例\)/g, "")
    .replace(/[（(]中国[）)]/g, "")
    .replace(/(集团)?(股份)?有限(责任)?公司$/, "")
    .replace(/^(福建省?|泉州市?|晋江市?|石狮市?|南安市?)/, "");
  return (base || raw) + (sample ? "（示例）" : "");
}

function truncate(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function countyName(id) {
  return state.counties.find((c) => c.region_id === id)?.name ?? id ?? "";
}

function chainName(id) {
  return state.chains.find((c) => c.chain_id === id)?.name ?? id;
}

function canWrite() {
  return state.me && state.me.role !== "viewer";
}

// ---------------------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || String(status);
    this.field = err.field || null;
  }
}

async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json", "X-API-Key": state.key || "" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (res.status === 401) askForKey("密钥无效或已被吊销，请重新输入。");
    throw error;
  }
  return data;
}

function listOf(data) {
  if (Array.isArray(data)) return data;
  return (data && Array.isArray(data.data)) ? data.data : [];
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

// ---------------------------------------------------------------------------- toasts

function toast(message, kind = "info") {
  const box = $("toasts");
  const item = el("div", { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : "status" }, message);
  box.append(item);
  while (box.children.length > 3) box.firstElementChild.remove();
  setTimeout(() => item.classList.add("toast-out"), 3600);
  setTimeout(() => item.remove(), 4000);
}

function showError(error, context) {
  const text = error instanceof ApiError ? error.message : String(error?.message || error);
  toast(`${context}：${text}`, "error");
}

// ---------------------------------------------------------------------------- key and identity

function askForKey(message = "") {
  state.key = null;
  localStorage.removeItem(KEY_STORAGE);
  document.body.classList.add("signed-out");
  $("key-error").textContent = message;
  const dialog = $("key-dialog");
  if (!dialog.open) dialog.showModal();
  $("key-input").focus();
}

async function submitKey(event) {
  event.preventDefault();
  const key = $("key-input").value.trim();
  if (!key) {
    $("key-error").textContent = "请输入密钥。";
    return;
  }
  state.key = key;
  try {
    await signIn();
    localStorage.setItem(KEY_STORAGE, key);
    $("key-input").value = "";
    $("key-dialog").close();
  } catch (error) {
    state.key = null;
    $("key-error").textContent = error.status === 401 ? "密钥无效，请核对后重试。" : `无法连接服务：${error.message}`;
  }
}

async function signIn() {
  state.me = await api("me");
  document.body.classList.remove("signed-out");
  document.body.classList.toggle("role-viewer", !canWrite());
  $("user-box").hidden = false;
  $("user-name").textContent = state.me.name || state.me.key_id || "";
  $("user-role").textContent = USER_ROLE_LABEL[state.me.role] || state.me.role;
  await loadChoices();
}

function logout() {
  state.me = null;
  $("user-box").hidden = true;
  askForKey("已退出。");
}

// ---------------------------------------------------------------------------- chain & county choices

async function loadChoices() {
  const [chains, counties] = await Promise.all([api("chains"), api("regions/counties").catch(() => [])]);
  state.chains = listOf(chains);
  state.counties = listOf(counties);
  fillChainSelect();
  fillCountySelect();
  const wanted = new URLSearchParams(location.search).get("chain") || localStorage.getItem(CHAIN_STORAGE);
  const first = state.chains.find((c) => c.chain_id === wanted) || state.chains[0];
  if (first) await chooseChain(first.chain_id);
}

function fillChainSelect() {
  const select = $("chain-select");
  select.replaceChildren(...state.chains.map((c) => {
    const parts = [c.segments != null ? `${c.segments}环节` : null, c.local_firms != null ? `本地${c.local_firms}家` : null];
    const extra = parts.filter(Boolean).join("·");
    return el("option", { value: c.chain_id }, extra ? `${c.name}（${extra}）` : c.name);
  }));
  select.disabled = state.chains.length === 0;
}

function fillCountySelect() {
  const select = $("county-select");
  select.replaceChildren(el("option", { value: "" }, "全市"),
    ...state.counties.map((c) => el("option", { value: c.region_id }, c.name)));
  select.disabled = false;
  $("unit-options").replaceChildren(...state.counties.map((c) => el("option", { value: c.name })));
}

async function chooseChain(chainId) {
  state.chainId = chainId;
  localStorage.setItem(CHAIN_STORAGE, chainId);
  $("chain-select").value = chainId;
  closeDrawer();
  state.graph = null;
  await Promise.all([loadGaps(), loadGraph(), loadPlans()]);
  drawMap();
}

async function chooseCounty(county) {
  state.county = county;
  await loadGaps();
  drawMap({ keepView: true });
  if (state.selected) openSegment(state.selected);
}

// ---------------------------------------------------------------------------- gaps & graph

async function loadGaps() {
  try {
    state.gaps = await api(`chains/${encodeURIComponent(state.chainId)}/gaps${query({ county: state.county })}`);
  } catch (error) {
    state.gaps = null;
    showError(error, "加载缺链分析失败");
  }
  renderSummary();
}

async function loadGraph() {
  try {
    state.graph = await api(`chains/${encodeURIComponent(state.chainId)}/graph?companies=false`);
  } catch (error) {
    state.graph = null; // the map still draws from the gaps, without FEEDS arrows
    showError(error, "加载图谱关系失败");
  }
}

/** Segment states to colour the map: the county's view when one is chosen, else the city's. */
function viewSegments() {
  const g = state.gaps;
  if (!g) return [];
  return (state.county && g.county && Array.isArray(g.county.segments)) ? g.county.segments : (g.segments || []);
}

function viewScore() {
  const g = state.gaps;
  if (!g) return { completeness: null, counts: null };
  if (state.county && g.county) return { completeness: g.county.completeness, counts: g.county.counts };
  return { completeness: g.completeness, counts: g.counts };
}

/** A graph node's segment id, whatever the node id looks like ("segment:tx.knit" or "tx.knit"). */
function segmentIdOf(node) {
  if (node.segment_id) return node.segment_id;
  const id = String(node.id ?? "");
  return id.startsWith("segment:") ? id.slice(8) : id;
}

function isSegmentNode(node) {
  const kind = node.kind || node.type || node.label_kind;
  return kind === "segment" || String(node.id ?? "").startsWith("segment:");
}

function feedsEdges() {
  const g = state.graph;
  if (!g || !Array.isArray(g.edges)) return [];
  const ids = new Map((g.nodes || []).filter(isSegmentNode).map((n) => [String(n.id), segmentIdOf(n)]));
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
function graphTitle(segmentId) {
  const node = (state.graph?.nodes || []).find((n) => isSegmentNode(n) && segmentIdOf(n) === segmentId);
  return typeof node?.title === "string" ? node.title : null;
}

function neighbourSegments(own) {
  const g = state.graph;
  if (!g || !Array.isArray(g.nodes)) return new Map();
  const out = new Map();
  for (const n of g.nodes.filter(isSegmentNode)) {
    const id = segmentIdOf(n);
    if (!own.has(id)) out.set(id, { segment_id: id, name: n.name || n.label || id, chain_id: n.chain_id, stage: n.stage, title: n.title });
  }
  return out;
}

// ---------------------------------------------------------------------------- summary panel

function renderSummary() {
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
    el("strong", {}, counts ? counts[s] ?? 0 : "—"), STATUS_LABEL[s]));
  $("status-counts").replaceChildren(...items);
}

function segmentButton(id, label, extra) {
  return el("button", { type: "button", class: "link-btn", onclick: () => selectSegment(id) }, label, extra || "");
}

function renderExtensions(rows) {
  $("ext-panel").hidden = rows.length === 0;
  $("ext-list").replaceChildren(...rows.slice(0, 8).map((r) => el("li", {},
    segmentButton(r.segment_id, r.name),
    el("span", { class: "muted" }, ` ${r.direction === "upstream" ? "供给" : "承接"}强链「${r.strong_segment_name}」${r.cross_chain ? `（${chainName(r.chain_id)}）` : ""}`))));
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
      onclick: () => { $("county-select").value = r.county_id; chooseCounty(r.county_id); } },
    el("span", { class: "county-name" }, r.name),
    el("span", { class: "mini-bar" }, el("span", { style: `width:${Math.round((r.completeness || 0) * 100)}%` })),
    el("span", { class: "county-pct" }, pct(r.completeness))))));
}

function renderSegmentIndex() {
  const segs = viewSegments();
  const groups = STAGES.map((stage) => el("div", { class: "index-group" },
    el("h3", {}, STAGE_LABEL[stage]),
    ...segs.filter((s) => s.stage === stage).map((s) => el("button", {
      type: "button", class: `index-item status-${s.status}`, onclick: () => selectSegment(s.segment_id),
    }, el("span", { class: `dot ${s.status}` }), s.name))));
  $("segment-index").replaceChildren(...groups);
}

// ---------------------------------------------------------------------------- the map

/** Rows of each stage column, ordered to cross fewer FEEDS arrows (a few barycentre sweeps). */
function orderColumns(segments, edges) {
  const cols = STAGES.map((stage) => segments.filter((s) => s.stage === stage).map((s) => s.segment_id));
  const stageOf = new Map(segments.map((s) => [s.segment_id, s.stage]));
  const across = edges.filter((e) => stageOf.has(e.from) && stageOf.has(e.to) && stageOf.get(e.from) !== stageOf.get(e.to));
  const y = new Map();
  const place = (col) => col.forEach((id, i) => y.set(id, i - (col.length - 1) / 2));
  cols.forEach(place);
  const mean = (id, incoming) => {
    const ys = across.filter((e) => (incoming ? e.to : e.from) === id).map((e) => y.get(incoming ? e.from : e.to));
    return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : y.get(id);
  };
  for (let pass = 0; pass < 4; pass += 1) {
    const forward = pass % 2 === 0;
    for (const c of forward ? [1, 2] : [1, 0]) {
      const key = new Map(cols[c].map((id) => [id, mean(id, forward)]));
      cols[c].sort((a, b) => key.get(a) - key.get(b));
      place(cols[c]);
    }
  }
  return cols;
}

function layoutOwn(segments, edges) {
  const pos = new Map();
  orderColumns(segments, edges).forEach((column, col) => {
    column.forEach((id, row) => pos.set(id, { x: col * COL_W, y: (row - (column.length - 1) / 2) * ROW_H }));
  });
  return pos;
}

/** Neighbours in other chains: left of the map when they feed this chain, right when fed by it. */
function layoutNeighbours(neighbours, edges, ownPos) {
  const pos = new Map();
  const sides = { left: [], right: [] };
  for (const id of neighbours.keys()) {
    const out = edges.filter((e) => e.from === id && ownPos.has(e.to)).map((e) => ownPos.get(e.to).y);
    const inc = edges.filter((e) => e.to === id && ownPos.has(e.from)).map((e) => ownPos.get(e.from).y);
    const ys = out.length ? out : inc;
    sides[out.length ? "left" : "right"].push({ id, y: ys.reduce((a, b) => a + b, 0) / Math.max(1, ys.length) });
  }
  for (const [side, x] of [["left", -COL_W], ["right", 3 * COL_W]]) {
    const list = sides[side].sort((a, b) => a.y - b.y);
    list.forEach((n, i) => pos.set(n.id, { x, y: (i - (list.length - 1) / 2) * ROW_H }));
  }
  return pos;
}

/** Column headings as text nodes, so that fitting the view keeps them in sight. */
function headerNodes(segs, neighbourPos) {
  const top = columnTop(segs, neighbourPos) - 52;
  const heading = (id, x, text, size, color) => ({
    id, x, y: top, label: text, shape: "text", chosen: false, physics: false,
    font: { face: FONT, size, color, bold: { face: FONT, size, color } }, fixed: true,
  });
  const nodes = STAGES.map((stage, col) => heading(`__stage_${stage}`, col * COL_W,
    `<b>${STAGE_LABEL[stage]}（${segs.filter((s) => s.stage === stage).length}）</b>`, 16, "#1f3b66"));
  const xs = new Set([...neighbourPos.values()].map((p) => p.x));
  if (xs.has(-COL_W)) nodes.push(heading("__side_left", -COL_W, "相邻产业链 → 本链", 12, "#7a8696"));
  if (xs.has(3 * COL_W)) nodes.push(heading("__side_right", 3 * COL_W, "本链 → 相邻产业链", 12, "#7a8696"));
  nodes.forEach((n) => { n.font.multi = "html"; });
  return nodes;
}

function columnTop(segs, neighbourPos) {
  const tallest = Math.max(1, ...STAGES.map((st) => segs.filter((s) => s.stage === st).length),
    ...[-COL_W, 3 * COL_W].map((x) => [...neighbourPos.values()].filter((p) => p.x === x).length));
  return -((tallest - 1) / 2) * ROW_H;
}

/** Text for a vis-network `multi: "html"` label: its markup parser reads `<b>`, `<i>`, `<code>`
 *  and the entities `&lt;` and `&amp;`, so data (a segment or firm name) must not be read as markup. */
function escapeLabel(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;");
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

function ownNode(seg, p) {
  const c = STATUS_COLOR[seg.status] || OTHER_COLOR;
  return {
    id: seg.segment_id, x: p.x, y: p.y, label: nodeLabel(seg), shape: "box",
    color: { background: c.bg, border: c.border, highlight: { background: c.bg, border: "#1f3b66" }, hover: { background: c.bg, border: "#1f3b66" } },
    font: { color: c.text, face: FONT, size: 13, multi: "html", bold: { color: c.text, face: FONT, size: 14 } },
    borderWidth: 1, borderWidthSelected: 3, margin: 8, widthConstraint: { minimum: NODE_W, maximum: NODE_W },
    shapeProperties: { borderRadius: 6 },
    title: graphTitle(seg.segment_id) || `${seg.name}：${STATUS_LABEL[seg.status] || ""}\n${(seg.reasons || []).map(zh).join("\n")}`,
  };
}

function neighbourNode(seg, p) {
  const c = OTHER_COLOR;
  return {
    id: seg.segment_id, x: p.x, y: p.y, shape: "box",
    label: `${seg.name}\n〔${chainName(seg.chain_id)}〕`,
    color: { background: c.bg, border: c.border, highlight: { background: "#e2e8f0", border: "#5b6b80" }, hover: { background: "#e2e8f0", border: "#5b6b80" } },
    font: { color: c.text, face: FONT, size: 12 }, borderWidth: 1, margin: 7,
    widthConstraint: { minimum: NODE_W - 20, maximum: NODE_W - 20 }, shapeProperties: { borderRadius: 6, borderDashes: [4, 3] },
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

function buildMapData() {
  const segs = viewSegments();
  const ownIds = new Set(segs.map((s) => s.segment_id));
  const neighbours = neighbourSegments(ownIds);
  const edges = feedsEdges().filter((e) => (ownIds.has(e.from) || ownIds.has(e.to)) && e.from !== e.to);
  const touched = new Set(edges.flatMap((e) => [e.from, e.to]));
  for (const id of [...neighbours.keys()]) if (!touched.has(id)) neighbours.delete(id);
  const ownPos = layoutOwn(segs, edges);
  const sidePos = layoutNeighbours(neighbours, edges, ownPos);
  const pos = new Map([...ownPos, ...sidePos]);
  const nodes = [
    ...segs.map((s) => ownNode(s, pos.get(s.segment_id))),
    ...[...neighbours.values()].map((s) => neighbourNode(s, pos.get(s.segment_id))),
  ];
  const known = new Set(nodes.map((n) => n.id));
  state.nodeInfo = new Map([
    ...segs.map((s) => [s.segment_id, { ...s, own: true }]),
    ...[...neighbours.values()].map((s) => [s.segment_id, { ...s, own: false }]),
  ]);
  const stageOf = new Map(segs.map((s) => [s.segment_id, s.stage]));
  return {
    nodes: [...nodes, ...headerNodes(segs, sidePos)],
    edges: mapEdges(edges.filter((e) => known.has(e.from) && known.has(e.to)), ownIds, stageOf),
    segs, sidePos,
  };
}

function drawColumns(ctx, segs, sidePos) {
  const top = columnTop(segs, sidePos) - 84;
  const height = -2 * (top + 84) + ROW_H + 110;
  ctx.save();
  STAGES.forEach((stage, col) => {
    ctx.fillStyle = col % 2 ? "#f1f5fa" : "#f7f9fc";
    ctx.strokeStyle = "#e1e7ef";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.rect(col * COL_W - COL_W / 2 + 10, top, COL_W - 20, height);
    ctx.fill();
    ctx.stroke();
  });
  ctx.restore();
}

function drawMap({ keepView = false } = {}) {
  const container = $("chain-map");
  const empty = $("map-empty");
  if (typeof vis === "undefined") {
    empty.hidden = false;
    empty.textContent = "图谱组件未加载（static/vendor/vis-network）。";
    return;
  }
  const { nodes, edges, segs, sidePos } = buildMapData();
  empty.hidden = segs.length > 0;
  empty.textContent = state.gaps ? "该产业链尚无环节数据。" : "暂无数据。";
  const view = keepView && state.network ? { position: state.network.getViewPosition(), scale: state.network.getScale() } : null;
  if (state.network) state.network.destroy();
  const network = new vis.Network(container, { nodes, edges }, mapOptions());
  network.on("beforeDrawing", (ctx) => drawColumns(ctx, segs, sidePos));
  network.on("click", (params) => {
    const id = params.nodes[0];
    if (id && state.nodeInfo.has(id)) selectSegment(id);
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
    select: selectSegment,
  };
}

// ---------------------------------------------------------------------------- segment drawer

function selectSegment(segmentId) {
  if (!segmentId) return;
  if (state.network && state.nodeInfo.has(segmentId)) state.network.selectNodes([segmentId]);
  showTab("map");
  openSegment(segmentId);
}

function closeDrawer() {
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

/** Fit the view: everything, or with the drawer open only this chain's columns (neighbours may go off-screen). */
function refitMap() {
  if (!state.network) return;
  state.network.setSize("100%", "100%");
  const drawerOpen = !$("drawer").hidden;
  const own = [...state.nodeInfo.values()].filter((s) => s.own).map((s) => s.segment_id);
  const options = { animation: false };
  if (drawerOpen && own.length) options.nodes = [...own, ...STAGES.map((st) => `__stage_${st}`)];
  state.network.fit(options);
}

async function openSegment(segmentId) {
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
  if (info.stage) tags.push(el("span", { class: "tag" }, STAGE_LABEL[info.stage] || info.stage));
  if (info.own) tags.push(el("span", { class: `tag tag-${info.status}` }, STATUS_LABEL[info.status] || info.status));
  else tags.push(el("span", { class: "tag" }, `相邻产业链：${chainName(info.chain_id)}`));
  if (state.county && info.own) tags.push(el("span", { class: "tag tag-scope" }, countyName(state.county)));
  return tags;
}

function segmentFacts(info) {
  if (!info.own) return [el("section", { class: "drawer-section" }, el("p", { class: "muted" }, "该环节属于相邻产业链，与本链存在供给关系。"))];
  return [reasonsSection(info), firmsSection(info), linkNotes(info), dependencySection(info)].filter(Boolean);
}

function reasonsSection(info) {
  const reasons = (info.reasons || []).map((r) => el("li", { title: r }, zh(r)));
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
    el("span", { class: `role role-${f.role}` }, ROLE_LABEL[f.role] || f.role),
    f.county ? el("span", { class: "muted" }, countyName(f.county)) : null,
    f.basis === "plan" ? el("span", { class: "tag tag-small" }, "专案落地") : null,
    f.leading ? el("button", { type: "button", class: "btn btn-small btn-leads", onclick: (e) => window.chainGraphRelations?.toggleLeads(f.company_id, e.currentTarget.closest("li")) }, "以商招商线索") : null));
  firms.forEach((f) => state.companyNames.set(f.company_id, f.name));
  return el("section", { class: "drawer-section" }, el("h3", {}, `本地企业（${firms.length}）`), el("ul", { class: "firms" }, rows));
}

function linkNotes(info) {
  const g = state.gaps || {};
  const notes = [];
  for (const e of (g.extensions || []).filter((x) => x.segment_id === info.segment_id)) {
    notes.push(`延链机会：${e.direction === "upstream" ? "可供给" : "可承接"}强链「${e.strong_segment_name}」`);
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

// ---------------------------------------------------------------------------- candidates

async function loadCandidates(segmentId) {
  const info = state.nodeInfo.get(segmentId);
  const chainId = state.chainId;
  let list;
  try {
    list = listOf(await api(`chains/${encodeURIComponent(chainId)}/candidates${query({ segment_id: segmentId, limit: 10 })}`));
  } catch (error) {
    list = null;
    showError(error, "加载候选企业失败");
  }
  if (state.selected !== segmentId) return;
  const section = $("cand-section");
  if (!section) return;
  if (list === null) {
    section.replaceChildren(el("h3", {}, "候选企业"), el("p", { class: "muted" }, "候选企业暂不可用。"));
    return;
  }
  state.candidates = new Map(list.map((c) => [c.company_id, c]));
  list.forEach((c) => state.companyNames.set(c.company_id, c.name));
  const hint = info && info.own && info.status === "strong" ? "（强链环节，可用于增资扩产或延链）" : "";
  section.replaceChildren(el("h3", {}, `候选企业 Top ${list.length}`, el("span", { class: "muted small" }, hint)),
    list.length ? el("ol", { class: "cands" }, list.map(candidateCard)) : el("p", { class: "muted" }, "暂无外地候选企业。"));
}

function candidateCard(c, i) {
  const where = [c.region_name, c.country && c.country !== "CN" ? c.country : null].filter(Boolean).join(" · ");
  const ties = (c.ties || []).map((t) => shortName(t.name));
  return el("li", { class: "cand", "data-company": c.company_id },
    el("div", { class: "cand-head" },
      el("span", { class: "cand-rank" }, i + 1),
      el("div", { class: "cand-title" }, el("div", { class: "cand-name" }, companyLabel(c)),
        el("div", { class: "muted small" }, [c.short_name ? c.name : null, where].filter(Boolean).join(" · "))),
      el("div", { class: "cand-score", title: "综合得分（0–100）" }, num(c.score, 1))),
    listBadges(c.lists || []),
    ties.length ? el("p", { class: "cand-ties" }, `供货关系：${[...new Set(ties)].join("、")}`) : null,
    c.plan ? el("p", { class: "cand-plan" }, `已有专案：${PLAN_STATUS_LABEL[c.plan.status] || c.plan.status} · ${c.plan.unit}${c.plan.active ? "" : "（已放弃）"}`) : null,
    partBars(c.parts || {}),
    el("button", { type: "button", class: "btn btn-small btn-paths", onclick: (e) => window.chainGraphRelations?.togglePaths(c.company_id, e.currentTarget.closest(".cand")) }, "关系路径"),
    canWrite() ? el("button", { type: "button", class: "btn btn-primary btn-small write-only", onclick: () => openPlanForm(c) }, "创建招商专案") : null);
}

function listBadges(lists) {
  if (!lists.length) return null;
  return el("div", { class: "badges" }, lists.map((l) => el("span", { class: `badge tier-${l.tier}`, title: `${l.name} ${l.year} 年第 ${l.rank} 名` },
    `${LIST_SHORT[l.list_id] || l.name} #${l.rank}`)));
}

function partBars(parts) {
  const names = [...Object.keys(PART_LABEL).filter((k) => k in parts), ...Object.keys(parts).filter((k) => !(k in PART_LABEL))];
  const rows = names.map((name) => {
    const p = parts[name] || {};
    const value = Math.max(0, Math.min(1, Number(p.value) || 0));
    const penalty = (p.contribution ?? 0) < 0;
    const contrib = typeof p.contribution === "number" ? `${p.contribution >= 0 ? "+" : ""}${p.contribution.toFixed(1)}` : "";
    return el("div", { class: "part", title: zh(p.explanation || "") },
      el("span", { class: "part-name" }, PART_LABEL[name] || name),
      el("span", { class: `part-bar${penalty ? " penalty" : ""}` }, el("span", { style: `width:${Math.round(value * 100)}%` })),
      el("span", { class: "part-val" }, contrib));
  });
  return el("div", { class: "parts", "aria-label": "得分构成" }, rows);
}

// ---------------------------------------------------------------------------- plan form

function openPlanForm(candidate) {
  state.planTarget = candidate;
  const form = $("plan-form");
  form.reset();
  clearFormErrors();
  $("plan-target").textContent = `${candidate.name} → ${candidate.segment_name || candidate.segment_id}（${chainName(candidate.chain_id)}）`;
  $("plan-unit").value = state.county ? countyName(state.county) : "";
  $("plan-next").value = "";
  $("plan-dialog").showModal();
  $("plan-unit").focus();
}

function clearFormErrors() {
  document.querySelectorAll("#plan-form .field-error").forEach((p) => { p.textContent = ""; });
  document.querySelectorAll("#plan-form [aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
}

function planBody(c) {
  const form = new FormData($("plan-form"));
  const body = { from_candidate: { chain_id: c.chain_id || state.chainId, company_id: c.company_id, segment_id: c.segment_id } };
  for (const [k, v] of form.entries()) {
    const text = String(v).trim();
    if (!text) continue;
    body[k] = k === "expected_investment_cny_100m" ? Number(text) : text;
  }
  return body;
}

const REASONS = [
  [/greater than or equal to (\S+)/, (m) => `不能小于 ${m[1]}`],
  [/less than or equal to (\S+)/, (m) => `不能大于 ${m[1]}`],
  [/valid (date|datetime)/, () => "日期格式不正确"],
  [/valid number/, () => "请输入数字"],
  [/at most (\d+) characters?/, (m) => `不能超过 ${m[1]} 个字符`],
  [/Field required|at least 1 character/, () => "不能为空"],
];

/** The API's reason without its "invalid target_plan: field:" lead, in Chinese when it is a common one. */
function plainReason(message, field) {
  const text = String(message || "");
  const tail = field && text.includes(`${field}: `) ? text.slice(text.lastIndexOf(`${field}: `) + field.length + 2) : text;
  for (const [pattern, say] of REASONS) {
    const m = tail.match(pattern);
    if (m) return say(m);
  }
  return tail;
}

const FIELD_LABEL = {
  unit: "责任单位", project_kind: "项目类型", expected_investment_cny_100m: "预计投资", lead: "负责人",
  next_action: "下一步行动", due_date: "截止日期",
};

/** Show an error next to the form field it names (the API's `field`), else above the form. */
function fieldError(field, message) {
  const name = String(field || "").split(/[.\[\]]/).filter(Boolean).pop();
  const slot = name && document.querySelector(`#plan-form [data-error-for="${name}"]`);
  if (slot) {
    slot.textContent = `${FIELD_LABEL[name] || name}填写有误：${plainReason(message, name)}`;
    document.querySelector(`#plan-form [name="${name}"]`)?.setAttribute("aria-invalid", "true");
  } else {
    $("plan-error-form").textContent = message;
  }
}

async function submitPlan(event) {
  event.preventDefault();
  clearFormErrors();
  if (!$("plan-unit").value.trim()) {
    fieldError("unit", "不能为空。");
    return;
  }
  const candidate = state.planTarget;
  const button = $("plan-submit");
  button.disabled = true;
  try {
    const plan = await api("plans", { method: "POST", body: planBody(candidate) });
    $("plan-dialog").close();
    toast(`已创建招商专案：${companyLabel(candidate)}`, "success");
    state.companyNames.set(candidate.company_id, candidate.name);
    await loadPlans();
    if (plan && plan.chain_id && plan.chain_id !== state.chainId) toast(`该专案属于「${chainName(plan.chain_id)}」产业链看板`);
    if (state.selected) loadCandidates(state.selected);
  } catch (error) {
    fieldError(error.field, error.status === 409 ? "该专案已存在或已被他人修改，请刷新。" : error.message);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------- plans board

async function loadPlans() {
  if (!state.chainId) return;
  try {
    state.plans = listOf(await api(`plans${query({ chain_id: state.chainId, limit: 500 })}`));
  } catch (error) {
    state.plans = [];
    showError(error, "加载招商专案失败");
  }
  await fillCompanyNames(state.plans);
  renderBoard();
}

async function fillCompanyNames(plans) {
  const missing = [...new Set(plans.filter((p) => !p.company_name && !state.companyNames.has(p.company_id)).map((p) => p.company_id))];
  await Promise.all(missing.slice(0, 40).map(async (id) => {
    try {
      const c = await api(`companies/${encodeURIComponent(id)}`);
      state.companyNames.set(id, c.name || c.company?.name || id);
    } catch {
      state.companyNames.set(id, id);
    }
  }));
}

function allowedMoves(plan) {
  if (Array.isArray(plan.allowed_moves)) return plan.allowed_moves;
  const status = plan.status;
  if (status === "dropped") return [...PLAN_STATUSES];
  if (status === "in_production") return [];
  return [...PLAN_STATUSES.slice(PLAN_STATUSES.indexOf(status) + 1), "dropped"];
}

function renderBoard() {
  $("board-chain").textContent = chainName(state.chainId) || "";
  $("board-count").textContent = state.plans.length ? String(state.plans.length) : "";
  const columns = [...PLAN_STATUSES, "dropped"].map((status) => {
    const cards = state.plans.filter((p) => p.status === status).sort((a, b) => String(a.due_date || "9").localeCompare(String(b.due_date || "9")));
    return el("section", { class: `board-col col-${status}`, "aria-label": PLAN_STATUS_LABEL[status] },
      el("h3", {}, PLAN_STATUS_LABEL[status], el("span", { class: "col-count" }, cards.length)),
      el("div", { class: "col-cards" }, cards.map(planCard)));
  });
  $("board").replaceChildren(...columns);
}

function planCard(p) {
  const overdue = typeof p.overdue === "boolean" ? p.overdue
    : Boolean(p.due_date && p.due_date < today() && !["in_production", "dropped"].includes(p.status));
  const segNames = (p.segment_ids || []).map((s) => state.nodeInfo.get(s)?.name || s).join("、");
  const name = p.company_name || state.companyNames.get(p.company_id) || p.company_id;
  return el("article", { class: `plan-card${overdue ? " overdue" : ""}`, "data-plan": p.plan_id },
    el("div", { class: "plan-company" }, name, overdue ? el("span", { class: "overdue-tag" }, "已逾期") : null),
    el("div", { class: "plan-meta" }, segNames ? `环节：${segNames}` : null),
    el("dl", { class: "plan-facts" },
      el("dt", {}, "责任单位"), el("dd", {}, p.unit || "—"),
      el("dt", {}, "预计投资"), el("dd", {}, p.expected_investment_cny_100m != null ? `${num(p.expected_investment_cny_100m, 2)} 亿元` : "—"),
      el("dt", {}, "截止日期"), el("dd", { class: overdue ? "due overdue-text" : "due" }, p.due_date || "—"),
      p.lead ? el("dt", {}, "负责人") : null, p.lead ? el("dd", {}, p.lead) : null),
    p.next_action ? el("p", { class: "plan-next" }, `下一步：${p.next_action}`) : null,
    el("div", { class: "plan-kind muted small" }, PROJECT_KIND_LABEL[p.project_kind] || p.project_kind || ""),
    canWrite() ? moveControl(p) : null,
    window.chainGraph?.planCardExtras?.(p) || null,
    el("p", { class: "field-error card-error", role: "alert" }));
}

function moveControl(p) {
  const options = allowedMoves(p);
  if (!options.length) return null;
  const select = el("select", { class: "move-select write-only", "aria-label": `推进专案 ${p.plan_id}` },
    el("option", { value: "" }, "推进到…"),
    options.map((s) => el("option", { value: s }, s === "dropped" ? "放弃" : (p.status === "dropped" ? `重启：${PLAN_STATUS_LABEL[s]}` : PLAN_STATUS_LABEL[s]))));
  select.addEventListener("change", () => { if (select.value) movePlan(p, select.value, select); });
  return select;
}

async function movePlan(plan, toStatus, select) {
  select.disabled = true;
  const card = select.closest(".plan-card");
  try {
    await api(`plans/${encodeURIComponent(plan.plan_id)}/moves`, { method: "POST", body: { to_status: toStatus, version: plan.version } });
    toast(`专案已推进到「${PLAN_STATUS_LABEL[toStatus]}」`, "success");
    await loadPlans();
    if (["started", "in_production"].includes(toStatus)) { await loadGaps(); drawMap({ keepView: true }); }
  } catch (error) {
    const message = error.status === 409 ? "已被他人修改，请刷新"
      : error.code === "appraisal_required" ? `须先完成综合研判（结论不为「不建议」）：${error.message}` : error.message;
    card.querySelector(".card-error").textContent = message;
    toast(message, "error");
    select.disabled = false;
    select.value = "";
  }
}

// ---------------------------------------------------------------------------- KPIs

function fillYears() {
  const now = new Date().getFullYear();
  const years = [];
  for (let y = now; y >= 2022; y -= 1) years.push(y);
  $("kpi-year").replaceChildren(...years.map((y) => el("option", { value: y }, `${y} 年`)));
}

async function loadKpis() {
  const box = $("kpi");
  box.replaceChildren(el("p", { class: "muted" }, "加载中…"));
  try {
    renderKpis(await api(`kpis${query({ year: $("kpi-year").value })}`));
  } catch (error) {
    box.replaceChildren(el("p", { class: "field-error" }, `考核指标加载失败：${error.message}`));
  }
}

function renderKpis(k) {
  const known = ["year", "month", "signed_investment", "start_rates", "unit_ranking", "list_coverage", "growth", "events"];
  const cards = [
    k.signed_investment ? investmentCard(k.signed_investment) : null,
    Array.isArray(k.start_rates) ? startRateCard(k.start_rates) : null,
    Array.isArray(k.unit_ranking) ? tableCard(`逐月亮晒：责任单位排名${k.month ? `（${k.month}）` : ""}`, k.unit_ranking,
      ["rank", "unit", "signed_investment_cny_100m", "signings", "starts", "moved"], "本年尚无推进记录。") : null,
    Array.isArray(k.list_coverage) ? coverageCard(k.list_coverage) : null,
    ...(window.growthTab ? window.growthTab.kpiCards(k.growth) : []),
    window.chainGraphEvents?.kpiCard(k.events),
    ...Object.entries(k).filter(([key]) => !known.includes(key)).map(([key, v]) => genericCard(key, v)),
  ];
  $("kpi").replaceChildren(...cards.filter(Boolean));
}

function investmentCard(s) {
  const ratio = typeof s.ratio === "number" ? s.ratio : (s.target_cny_100m ? s.amount_cny_100m / s.target_cny_100m : null);
  return el("section", { class: "kpi-card kpi-wide" },
    el("h3", {}, `${s.year ?? ""} 年新签约投资`),
    el("div", { class: "kpi-big" }, el("strong", {}, num(s.amount_cny_100m, 2)), " 亿元",
      s.target_cny_100m != null ? el("span", { class: "muted" }, ` / 目标 ${num(s.target_cny_100m, 0)} 亿元`) : el("span", { class: "muted" }, " （未设年度目标）")),
    el("div", { class: "bar bar-lg", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round((ratio || 0) * 100) },
      el("span", { style: `width:${Math.min(100, Math.round((ratio || 0) * 100))}%` })),
    el("p", { class: "muted" }, `完成率 ${pct(ratio, 1)} · 签约专案 ${s.plans ?? 0} 个${s.unknown_amount ? `（${s.unknown_amount} 个未填金额）` : ""}`));
}

function startRateCard(rows) {
  const items = rows.map((r) => {
    const rate = typeof r.rate === "number" ? r.rate : null;
    const met = r.met === true ? "达标" : r.met === false ? "未达标" : typeof r.goal === "number" ? "暂无合同" : "未设目标";
    return el("div", { class: "rate-row" },
      el("span", { class: "rate-year" }, `${r.year} 年签约`),
      el("span", { class: "bar rate-bar" }, el("span", { class: r.met === false ? "below" : "", style: `width:${Math.round((rate || 0) * 100)}%` }),
        typeof r.goal === "number" ? el("i", { class: "goal", style: `left:${Math.round(r.goal * 100)}%`, title: `目标 ${pct(r.goal)}` }) : null),
      el("span", { class: "rate-val" }, rate === null ? "—" : pct(rate, 1)),
      el("span", { class: "muted small" }, `开工 ${r.started ?? 0} / 正式合同 ${r.contracted ?? 0}${typeof r.goal === "number" ? ` · 目标 ≥${pct(r.goal)}` : ""}`),
      el("span", { class: `tag ${r.met === true ? "tag-strong" : r.met === false ? "tag-missing" : ""}` }, met));
  });
  return el("section", { class: "kpi-card" }, el("h3", {}, "开工率（按签约年度）"), items.length ? items : el("p", { class: "muted" }, "暂无数据。"));
}

function coverageCard(rows) {
  const body = rows.map((r) => el("tr", {},
    el("td", {}, r.name || r.list_id),
    el("td", { class: "num" }, r.members ?? "—"),
    el("td", { class: "num" }, r.targeted ?? "—"),
    el("td", { class: "num" }, r.in_talks ?? "—"),
    el("td", { class: "num" }, r.signed ?? "—"),
    el("td", {}, el("span", { class: "mini-bar" }, el("span", { style: `width:${r.members ? Math.round(100 * (r.targeted || 0) / r.members) : 0}%` })))));
  return el("section", { class: "kpi-card" }, el("h3", {}, "重点榜单覆盖"),
    el("table", { class: "table" }, el("thead", {}, el("tr", {}, ["榜单", "上榜企业", "已建专案", "洽谈中", "已签约", "覆盖"].map((h) => el("th", {}, h)))), el("tbody", {}, body)));
}

function cellText(v) {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : num(v, 2);
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.length ? v.join("、") : "—";
  if (v && typeof v === "object") return JSON.stringify(v);
  return v ?? "—";
}

function tableCard(title, rows, preferred, emptyText) {
  if (!rows.length) return el("section", { class: "kpi-card" }, el("h3", {}, title), el("p", { class: "muted" }, emptyText));
  const keys = [...preferred.filter((k) => k in rows[0]), ...Object.keys(rows[0]).filter((k) => !preferred.includes(k))];
  return el("section", { class: "kpi-card" }, el("h3", {}, title),
    el("table", { class: "table" },
      el("thead", {}, el("tr", {}, keys.map((key) => el("th", {}, KPI_LABEL[key] || key)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, keys.map((key) => el("td", { class: typeof r[key] === "number" ? "num" : "" }, cellText(r[key]))))))));
}

function genericCard(key, value) {
  if (Array.isArray(value) && value.length && typeof value[0] === "object") return tableCard(KPI_LABEL[key] || key, value, [], "");
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return el("section", { class: "kpi-card" }, el("h3", {}, KPI_LABEL[key] || key),
      el("dl", { class: "kv" }, Object.entries(value).flatMap(([k, v]) => [el("dt", {}, KPI_LABEL[k] || k), el("dd", {}, cellText(v))])));
  }
  return el("section", { class: "kpi-card" }, el("h3", {}, KPI_LABEL[key] || key), el("p", {}, cellText(value)));
}

// ---------------------------------------------------------------------------- tabs & wiring

function showTab(name) {
  for (const tab of TABS) {
    $(`tab-${tab}`).setAttribute("aria-selected", String(tab === name));
    $(`view-${tab}`).hidden = tab !== name;
  }
  $("layout").classList.toggle("wide", name !== "map");
  if (name === "kpi") loadKpis();
  if (name === "board") renderBoard();
  if (name === "growth" && window.growthTab) window.growthTab.load();
  if (name === "events") window.chainGraphEvents?.load();
  if (name === "map" && state.network) state.network.redraw();
  window.chainGraph?.onTab?.(name);
}

// tabs besides these come from modules (parks.js) that add their button (data-module) and view to index.html
const TABS = ["map", "board", "kpi", "growth", "events",
  ...[...document.querySelectorAll("[role=tab][data-module]")].map((t) => t.id.slice(4))];

function wire() {
  $("key-form").addEventListener("submit", submitKey);
  $("key-dialog").addEventListener("cancel", (e) => { if (!state.key) e.preventDefault(); });
  $("logout").addEventListener("click", logout);
  $("chain-select").addEventListener("change", (e) => chooseChain(e.target.value));
  $("county-select").addEventListener("change", (e) => chooseCounty(e.target.value));
  $("drawer-close").addEventListener("click", closeDrawer);
  $("fit-map").addEventListener("click", refitMap);
  $("plan-form").addEventListener("submit", submitPlan);
  $("plan-cancel").addEventListener("click", () => $("plan-dialog").close());
  $("board-refresh").addEventListener("click", loadPlans);
  $("kpi-year").addEventListener("change", loadKpis);
  for (const tab of TABS) $(`tab-${tab}`).addEventListener("click", () => showTab(tab));
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("drawer").hidden && !document.querySelector("dialog[open]")) closeDrawer(); });
}

async function start() {
  wire();
  fillYears();
  state.key = localStorage.getItem(KEY_STORAGE);
  if (!state.key) {
    askForKey();
    return;
  }
  try {
    await signIn();
  } catch (error) {
    if (error.status !== 401) askForKey(`无法连接服务：${error.message}`);
  }
}

// A failure nobody awaited still reaches the user (and the console, where tests look).
window.addEventListener("unhandledrejection", (event) => {
  console.error("unhandled:", event.reason);
  toast(`出错了：${event.reason?.message || event.reason}`, "error");
});
document.addEventListener("DOMContentLoaded", start);
// what page modules (parks.js) use; they add planCardExtras(plan) and onTab(name)
window.chainGraph = Object.assign(window.chainGraph || {}, { api, el, state, toast, num, canWrite, loadPlans, PLAN_STATUS_LABEL });
