/* 综合研判 and 园区与用地 on the one-map page: an appraisal dialog on each plan card (score, verdict,
 * reasons, the parks that fit and a button to site the project), and a parks tab. Words for values
 * come from GET /labels (labels.js) and the API's answers (criteria labels, reasons). */

import { api } from "./api.js";
import { addCardExtra, loadPlans } from "./board.js";
import { el } from "./dom.js";
import { label } from "./labels.js";
import { toast } from "./notify.js";
import { canWrite } from "./state.js";
import { onTab } from "./tabs.js";

const INPUTS = [
  ["technology_route", "技术路线（1–5）", 1], ["product_competitiveness", "产品竞争力（1–5）", 1],
  ["market_prospects", "市场前景（1–5）", 1], ["land_mu", "用地需求（亩）", 0.1],
  ["floor_space_m2", "厂房需求（㎡）", 1], ["annual_tax_cny_10k", "预计年税收（万元）", 0.1],
  ["annual_output_cny_100m", "预计年产值（亿元）", 0.01], ["energy_tce", "年综合能耗（吨标准煤）", 1],
  ["jobs", "带动就业（人）", 1],
];
const VERDICT_CLASS = { recommend: "verdict-ok", conditional: "verdict-warn", not_recommended: "verdict-no" };
const fmt = (x) => (x == null ? "—" : Number(x).toLocaleString("zh-CN", { maximumFractionDigits: Math.abs(x) < 1 ? 3 : 1 }));

let dialog = null;
let current = null; // the plan whose dialog is open

function ensureDialog() {
  if (dialog) return dialog;
  const fields = INPUTS.map(([name, label, step]) => el("div", { class: "form-row" },
    el("label", { class: "field-label", for: `ap-${name}` }, label),
    el("input", { id: `ap-${name}`, name, type: "number", min: "0", step: String(step), inputmode: "decimal" }),
    el("p", { class: "field-error", "data-error-for": name })));
  dialog = el("dialog", { id: "appraisal-dialog", "aria-labelledby": "appraisal-title" },
    el("form", { class: "dialog-form", id: "appraisal-form", novalidate: "" },
      el("h2", { id: "appraisal-title" }, "项目综合研判"),
      el("p", { class: "muted", id: "appraisal-plan" }),
      el("section", { id: "appraisal-result", class: "appraisal-result", "aria-live": "polite" }),
      el("div", { class: "form-grid write-only" }, fields),
      el("p", { class: "field-error form-error", id: "appraisal-error", role: "alert" }),
      el("section", { id: "park-matches", class: "park-matches" }),
      el("div", { class: "dialog-actions" },
        el("button", { type: "button", class: "btn", id: "appraisal-close" }, "关闭"),
        el("button", { type: "submit", class: "btn btn-primary write-only", id: "appraisal-submit" }, "研判"))));
  document.body.append(dialog);
  dialog.querySelector("#appraisal-close").addEventListener("click", () => dialog.close());
  dialog.querySelector("#appraisal-form").addEventListener("submit", submitAppraisal);
  return dialog;
}

function renderResult(a) {
  const box = dialog.querySelector("#appraisal-result");
  if (!a) {
    box.replaceChildren(el("p", { class: "muted" }, "尚未研判。正式签约前须完成综合研判。"));
    return;
  }
  box.replaceChildren(
    el("p", { class: `verdict ${VERDICT_CLASS[a.verdict] || ""}` }, label("verdict", a.verdict), el("span", { class: "verdict-score" }, ` 综合得分 ${fmt(a.score)}`)),
    el("table", { class: "table criteria" },
      el("thead", {}, el("tr", {}, ["要素", "数值", "单位", "得分"].map((h) => el("th", {}, h)))),
      el("tbody", {}, a.criteria.map((c) => el("tr", {}, el("td", {}, c.label), el("td", {}, fmt(c.value)), el("td", {}, c.unit),
        el("td", {}, c.score == null ? "未填" : fmt(c.score)))))),
    el("ul", { class: "reasons" }, a.reasons.map((r) => el("li", {}, r))));
  for (const [name] of INPUTS) dialog.querySelector(`#ap-${name}`).value = a[name] ?? "";
}

async function loadMatches(plan) {
  const box = dialog.querySelector("#park-matches");
  const found = await api(`plans/${encodeURIComponent(plan.plan_id)}/park-matches`);
  const rows = found.matches.map((m) => el("li", { class: `park-match${m.fits ? " fits" : ""}`, "data-park": m.park_id },
    el("strong", {}, m.name), ` ${m.region_name || m.region} · ${fmt(m.score)} 分 · ${m.fits ? "满足" : "部分满足"}`,
    el("ul", {}, m.reasons.map((r) => el("li", {}, r))),
    canWrite() && plan.park_id !== m.park_id
      ? el("button", { type: "button", class: "btn btn-small site-park write-only", onclick: () => sitePlan(m) }, "选定此园区") : null,
    plan.park_id === m.park_id ? el("span", { class: "sited" }, "已选定") : null));
  box.replaceChildren(el("h3", {}, "选址匹配"), rows.length ? el("ul", { class: "matches" }, rows) : el("p", { class: "muted" }, "暂无定位相符的园区。"));
}

async function sitePlan(match) {
  try {
    current = await api(`plans/${encodeURIComponent(current.plan_id)}`, { method: "PATCH", body: { park_id: match.park_id, version: current.version } });
    toast(`已选定园区「${match.name}」`, "success");
    await loadPlans(); // the card behind the dialog moves with the plan's new version, not a stale one
    await loadMatches(current);
  } catch (error) {
    dialog.querySelector("#appraisal-error").textContent = error.status === 409 ? "已被他人修改，请刷新" : error.message;
  }
}

async function openAppraisal(plan) {
  ensureDialog();
  current = plan;
  dialog.querySelector("#appraisal-plan").textContent = `专案 ${plan.plan_id} · ${label("plan_status", plan.status)}`;
  dialog.querySelector("#appraisal-error").textContent = "";
  dialog.querySelectorAll(".write-only").forEach((n) => { n.hidden = !canWrite(); });
  let appraisal = null;
  try {
    appraisal = await api(`plans/${encodeURIComponent(plan.plan_id)}/appraisal`);
  } catch (error) {
    if (error.status !== 404) throw error;
  }
  renderResult(appraisal);
  dialog.showModal();
  await loadMatches(plan);
}

async function submitAppraisal(event) {
  event.preventDefault();
  const body = { version: current.version };
  for (const [name] of INPUTS) {
    const value = dialog.querySelector(`#ap-${name}`).value;
    if (value !== "") body[name] = Number(value);
  }
  dialog.querySelectorAll("[data-error-for]").forEach((n) => { n.textContent = ""; });
  const error = dialog.querySelector("#appraisal-error");
  error.textContent = "";
  // the matches depend on the appraisal's land need: never show the old ones as the answer to the new
  dialog.querySelector("#park-matches").replaceChildren(el("p", { class: "muted" }, "正在重新匹配园区…"));
  try {
    const result = await api(`plans/${encodeURIComponent(current.plan_id)}/appraisal`, { method: "PUT", body });
    current = { ...current, version: result.plan_version };
    renderResult(result);
    toast(`研判结论：${label("verdict", result.verdict)}`, "success");
    await loadPlans(); // as after siting: the board's card carries the new version at once
    await loadMatches(current);
  } catch (e) {
    const slot = e.field && dialog.querySelector(`[data-error-for="${e.field}"]`);
    if (slot) slot.textContent = e.message;
    error.textContent = e.status === 409 ? "已被他人修改，请刷新" : e.message;
    await loadMatches(current).catch(() => {});
  }
}

addCardExtra((plan) => el("button", { type: "button", class: "btn btn-small appraise-open", onclick: () => openAppraisal(plan) }, `${label("plan_action", "appraise")}·选址`));

// ---------------------------------------------------------------------------- parks tab

async function loadParks() {
  const box = document.getElementById("parks");
  let parks = [];
  try {
    parks = (await api("parks")).data;
  } catch (error) {
    toast(`加载园区失败：${error.message}`, "error");
  }
  box.replaceChildren(...(parks.length ? parks.map(parkCard) : [el("p", { class: "muted" }, "暂无园区数据（可通过导入 parks 表添加）。")]));
}

function parkCard(p) {
  return el("article", { class: "park-card", "data-park": p.park_id, tabindex: "0", onclick: () => showPark(p.park_id) },
    el("h3", {}, p.name),
    el("dl", { class: "plan-facts" },
      el("dt", {}, "所在县区"), el("dd", {}, p.region_name || p.region),
      el("dt", {}, "可供土地"), el("dd", {}, `${fmt(p.available_land_mu)} 亩`),
      el("dt", {}, "标准厂房"), el("dd", {}, `${fmt(p.factory_space_m2)} ㎡`),
      el("dt", {}, "待清理低效/闲置"), el("dd", {}, `${fmt(p.land.clearance_mu)} 亩`)),
    el("p", { class: "muted small" }, `定位：${[...p.chain_ids, ...p.segment_ids].join("、") || "—"}`));
}

async function showPark(parkId) {
  const v = await api(`parks/${encodeURIComponent(parkId)}`);
  const groups = Object.entries(v.plans).map(([key, g]) => el("section", { class: `park-plans park-${key}` },
    el("h4", {}, `${g.label}（${g.plans.length}）`),
    el("ul", {}, g.plans.map((p) => el("li", { "data-plan": p.plan_id }, `${p.plan_id} · ${label("plan_status", p.status)} · ${p.unit}`)))));
  const plots = el("table", { class: "table" },
    el("thead", {}, el("tr", {}, ["地块", "名称", "面积（亩）", "状况"].map((h) => el("th", {}, h)))),
    el("tbody", {}, v.plots.map((p) => el("tr", {}, el("td", {}, p.plot_id), el("td", {}, p.name || ""), el("td", {}, fmt(p.area_mu)), el("td", {}, label("plot_condition", p.condition))))));
  document.getElementById("park-detail").replaceChildren(el("h3", {}, v.name), plots, ...groups);
}

onTab("parks", loadParks);
