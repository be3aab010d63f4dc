/* The plan form: a one-to-one targeting plan created from a candidate, field errors next to their field. */

import { api } from "./api.js";
import { $, companyLabel } from "./dom.js";
import { label } from "./labels.js";
import { loadPlans } from "./board.js";
import { toast } from "./notify.js";
import { actions, chainName, countyName, state } from "./state.js";

export function openPlanForm(candidate) {
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

/** The words of a form field (the labels' "plan_field" group), without the unit in brackets. */
function fieldName(name) {
  return label("plan_field", name).replace(/（.*$/, "");
}

/** Show an error next to the form field it names (the API's `field`), else above the form. */
function fieldError(field, message) {
  const name = String(field || "").split(/[.[\]]/).filter(Boolean).pop();
  const slot = name && document.querySelector(`#plan-form [data-error-for="${name}"]`);
  if (slot) {
    slot.textContent = `${fieldName(name)}填写有误：${plainReason(message, name)}`;
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
    if (state.selected) actions.reloadCandidates(state.selected);
  } catch (error) {
    fieldError(error.field, error.status === 409 ? "该专案已存在或已被他人修改，请刷新。" : error.message);
  } finally {
    button.disabled = false;
  }
}

export function wirePlanForm() {
  $("plan-form").addEventListener("submit", submitPlan);
  $("plan-cancel").addEventListener("click", () => $("plan-dialog").close());
}
