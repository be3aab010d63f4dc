/* The plans board: one column per plan status, a card per plan, moves along the allowed transitions. */

import { api, listOf, query } from "./api.js";
import { $, el, num, today } from "./dom.js";
import { label } from "./labels.js";
import { showError, toast } from "./notify.js";
import { actions, canWrite, chainName, PLAN_STATUSES, state } from "./state.js";

const cardExtras = [];

/** Add `extra(plan)` → an element (or null) to every plan card (parks.js: the appraisal button). */
export function addCardExtra(extra) {
  cardExtras.push(extra);
}

let loads = 0; // the board shows the answer to the latest load only

export async function loadPlans() {
  if (!state.chainId) return;
  const load = ++loads;
  let plans;
  try {
    plans = listOf(await api(`plans${query({ chain_id: state.chainId, limit: 500 })}`));
  } catch (error) {
    plans = [];
    if (load === loads) showError(error, "加载招商专案失败");
  }
  await fillCompanyNames(plans);
  if (load !== loads) return; // an answer overtaken by a later load (a move, a refresh) would show the board as it was
  state.plans = plans;
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

export function renderBoard() {
  $("board-chain").textContent = chainName(state.chainId) || "";
  $("board-count").textContent = state.plans.length ? String(state.plans.length) : "";
  const columns = [...PLAN_STATUSES, "dropped"].map((status) => {
    const cards = state.plans.filter((p) => p.status === status).sort((a, b) => String(a.due_date || "9").localeCompare(String(b.due_date || "9")));
    return el("section", { class: `board-col col-${status}`, "aria-label": label("plan_status", status) },
      el("h3", {}, el("span", { class: "col-title" }, label("plan_status", status)), el("span", { class: "col-count" }, cards.length)),
      el("div", { class: "col-cards" }, cards.map(planCard)));
  });
  $("board").replaceChildren(...columns);
}

function planCard(p) {
  const overdue = typeof p.overdue === "boolean" ? p.overdue
    : Boolean(p.due_date && p.due_date < today() && !["in_production", "dropped"].includes(p.status));
  const segNames = (p.segment_ids || []).map((s) => state.nodeInfo.get(s)?.name || s).join("、");
  const name = p.company_name || state.companyNames.get(p.company_id) || p.company_id;
  return el("article", { class: `plan-card${overdue ? " overdue" : ""}`, "data-plan": p.plan_id, "data-version": p.version },
    el("div", { class: "plan-company" }, name, overdue ? el("span", { class: "overdue-tag" }, "已逾期") : null),
    el("div", { class: "plan-meta" }, segNames ? `环节：${segNames}` : null),
    el("dl", { class: "plan-facts" },
      el("dt", {}, label("plan_field", "unit")), el("dd", {}, p.unit || "—"),
      el("dt", {}, "预计投资"), el("dd", {}, p.expected_investment_cny_100m != null ? `${num(p.expected_investment_cny_100m, 2)} 亿元` : "—"),
      el("dt", {}, label("plan_field", "due_date")), el("dd", { class: overdue ? "due overdue-text" : "due" }, p.due_date || "—"),
      p.lead ? el("dt", {}, label("plan_field", "lead")) : null, p.lead ? el("dd", {}, p.lead) : null),
    p.next_action ? el("p", { class: "plan-next" }, `下一步：${p.next_action}`) : null,
    el("div", { class: "plan-kind muted small" }, p.project_kind ? label("project_kind", p.project_kind) : ""),
    canWrite() ? moveControl(p) : null,
    ...cardExtras.map((extra) => extra(p)),
    el("p", { class: "field-error card-error", role: "alert" }));
}

function moveText(plan, to) {
  if (to === "dropped") return label("plan_action", "drop");
  return plan.status === "dropped" ? `重启：${label("plan_status", to)}` : label("plan_status", to);
}

function moveControl(p) {
  const options = allowedMoves(p);
  if (!options.length) return null;
  const select = el("select", { class: "move-select write-only", "aria-label": `推进专案 ${p.plan_id}` },
    el("option", { value: "" }, "推进到…"),
    options.map((s) => el("option", { value: s }, moveText(p, s))));
  select.addEventListener("change", () => { if (select.value) movePlan(p, select.value, select); });
  return select;
}

async function movePlan(plan, toStatus, select) {
  select.disabled = true;
  const card = select.closest(".plan-card");
  try {
    await api(`plans/${encodeURIComponent(plan.plan_id)}/moves`, { method: "POST", body: { to_status: toStatus, version: plan.version } });
    toast(`专案已推进到「${label("plan_status", toStatus)}」`, "success");
    await loadPlans();
    if (["started", "in_production"].includes(toStatus)) await actions.refreshGaps();
  } catch (error) {
    const message = error.status === 409 ? "已被他人修改，请刷新"
      : error.code === "appraisal_required" ? `须先完成综合研判（结论不为「${label("verdict", "not_recommended")}」）：${error.message}` : error.message;
    card.querySelector(".card-error").textContent = message;
    toast(message, "error");
    select.disabled = false;
    select.value = "";
  }
}

export function wireBoard() {
  $("board-refresh").addEventListener("click", loadPlans);
}
