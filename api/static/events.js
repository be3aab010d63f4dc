/* 招商活动 — the events tab of the one-map page: events, a target list, invitations, the report.
 * Talks to /events of docs/API-CONTRACT.md; its words for kinds and statuses come from GET /labels. */

import { api, listOf } from "./api.js";
import { chooseChain } from "./chain.js";
import { $, el, num, pct } from "./dom.js";
import { label } from "./labels.js";
import { showError, toast } from "./notify.js";
import { canWrite, state } from "./state.js";
import { onTab, showTab } from "./tabs.js";

const ev = { events: [], current: null, targets: null, invitations: [], report: null, ticket: 0 };
// focus words of chain_graph/focus.py; the two directions are sent by id and shown in the labels' words
const FOCUS_WORDS = ["粤港澳大湾区", "长三角", "东南亚", "侨港澳台", "500强"];
const FOCUS_DIRECTIONS = ["culture-tourism", "commerce-trade"];
const NEXT = { invited: ["confirmed", "declined"], confirmed: ["attended", "declined"], attended: ["signed_at_event"], declined: ["invited"], signed_at_event: [] };

function kindLabel(kind) { return label("event_kind", kind); }
function invitationLabel(status) { return label("invitation_status", status); }
function focusText(e) { return (e.focus || []).map((f) => (e.focus_labels || {})[f] || f).join("、") || "不限"; }
function url(id, rest = "") { return `events/${encodeURIComponent(id)}${rest}`; }
// A write button is disabled from its click until its call has ended (the tables are drawn anew by
// then): a double click must not send a second invitation, or a move refused as stale (已被他人修改).
function once(action) {
  return (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    return action().finally(() => { button.disabled = false; });
  };
}

// While the list or an event loads, the detail is marked aria-busy and takes no clicks (app.css): its
// buttons were drawn from the last answer, and one clicked now would act on what is being replaced.
let loads = 0;
function loading(load) {
  return async (...args) => {
    loads += 1;
    $("event-detail").setAttribute("aria-busy", "true");
    try {
      return await load(...args);
    } finally {
      loads -= 1;
      if (loads === 0) $("event-detail").removeAttribute("aria-busy");
    }
  };
}

export const loadEvents = loading(async (selectId = null) => {
  const ticket = ev.ticket;
  try {
    ev.events = listOf(await api("events?limit=500"));
  } catch (error) {
    ev.events = [];
    showError(error, "加载招商活动失败");
  }
  renderList();
  if (ticket !== ev.ticket) return; // an event was opened meanwhile: keep it
  const wanted = selectId || ev.current?.event_id || ev.events[0]?.event_id;
  if (wanted) await openEvent(wanted);
  else $("event-detail").replaceChildren(el("p", { class: "muted" }, "尚无招商活动。"));
});

function renderList() {
  const items = ev.events.map((e) => el("li", {},
    el("button", { type: "button", class: `event-item${ev.current?.event_id === e.event_id ? " active" : ""}`, "data-event": e.event_id, onclick: () => openEvent(e.event_id) },
      el("span", { class: "event-name" }, e.name),
      el("span", { class: "muted small" }, `${e.held_on} · ${kindLabel(e.event_kind)} · ${focusText(e)}`))));
  $("event-list").replaceChildren(...items);
  $("event-form").hidden = !canWrite();
}

const openEvent = loading(async (eventId) => {
  const ticket = ++ev.ticket;  // a slower answer for an event opened before is dropped
  try {
    const [event, targets, invitations, report] = await Promise.all([
      api(url(eventId)), api(url(eventId, "/targets?limit=500")), api(url(eventId, "/invitations?limit=500")), api(url(eventId, "/report")),
    ]);
    if (ticket !== ev.ticket) return;
    Object.assign(ev, { current: event, targets, invitations: listOf(invitations), report });
  } catch (error) {
    if (ticket !== ev.ticket) return;
    showError(error, "加载活动失败");
    return;
  }
  renderList();
  renderDetail();
});

function renderDetail() {
  const e = ev.current;
  const r = ev.report;
  $("event-detail").replaceChildren(
    el("div", { class: "event-head" },
      el("h3", { id: "event-title" }, e.name),
      el("p", { class: "muted" }, `${e.held_on} · ${kindLabel(e.event_kind)} · 主办：${e.host_unit} · 方向：${focusText(e)}`),
      el("button", { type: "button", class: "btn btn-small", id: "event-xlsx", onclick: downloadTargets }, "导出目标企业清单（Excel）")),
    el("ul", { class: "event-report", id: "event-report" },
      [["邀请", r.invited], ["确认", r.confirmed], ["到会", r.attended], [label("invitation_status", "signed_at_event"), r.signed],
       [label("kpi", "amount_cny_100m"), num(r.signed_amount_cny_100m, 2)], ["签约项目开工率", pct(r.start_rate)]]
        .map(([k, v]) => el("li", {}, el("span", { class: "muted small" }, k), el("strong", {}, v)))),
    invitationsSection(),
    targetsSection());
}

function targetsSection() {
  const t = ev.targets;
  const rows = t.data.map((row) => el("tr", { "data-company": row.company_id },
    el("td", { class: "num" }, row.rank),
    el("td", {}, row.name, row.added_by_hand ? el("span", { class: "tag" }, "手工添加") : null),
    el("td", {}, row.region_name || row.region || row.country || "—"),
    el("td", { class: "num" }, row.score == null ? "—" : num(row.score, 1)),
    el("td", {}, row.gaps.map((g) => `${g.segment_name}（${label("gap_status", g.status)}）`).join("；") || "—"),
    el("td", {}, row.invitation ? invitationLabel(row.invitation)
      : canWrite() ? el("button", { type: "button", class: "btn btn-small write-only invite", onclick: once(() => invite(row.company_id)) }, "邀请") : "—",
      canWrite() && !row.invitation ? el("button", { type: "button", class: "btn btn-ghost btn-small write-only remove", title: "从清单中移除", onclick: once(() => removeTarget(row.company_id)) }, "移除") : null)));
  return el("section", { class: "event-block" },
    el("h4", {}, `目标企业清单 `, el("span", { class: "muted small", id: "target-count" }, `共 ${t.count} 家 · 覆盖 ${t.chains.length} 条产业链`)),
    ...(t.notes || []).map((n) => el("p", { class: "muted" }, n)),
    t.removed.length ? el("p", { class: "muted small" }, `已手工移除：${t.removed.join("、")}`) : null,
    t.data.length
      ? el("table", { class: "table", id: "target-table" },
        el("thead", {}, el("tr", {}, ["序号", "企业", "总部", "得分", "可补环节", "邀请"].map((h) => el("th", {}, h)))),
        el("tbody", {}, rows))
      : el("p", { class: "muted" }, "该方向暂无目标企业。"));
}

function invitationsSection() {
  const names = new Map(ev.targets.data.map((t) => [t.company_id, t.name]));
  const rows = ev.invitations.map((i) => el("tr", { "data-invitation": i.company_id, "data-status": i.status },
    el("td", {}, names.get(i.company_id) || i.company_id),
    el("td", {}, el("span", { class: `tag inv-${i.status}` }, invitationLabel(i.status))),
    el("td", {}, i.plan_id ? `专案 ${i.plan_id}` : ""),
    el("td", {}, canWrite() ? moveButtons(i) : null)));
  return el("section", { class: "event-block" }, el("h4", {}, "邀请名单"),
    rows.length ? el("table", { class: "table", id: "invitation-table" },
      el("thead", {}, el("tr", {}, ["企业", "状态", "专案", "操作"].map((h) => el("th", {}, h)))), el("tbody", {}, rows))
      : el("p", { class: "muted" }, "尚未邀请企业：在下方目标企业清单中点「邀请」。"));
}

function moveButtons(i) {
  return (NEXT[i.status] || []).map((to) => {
    if (to !== "signed_at_event") {
      return el("button", { type: "button", class: "btn btn-small write-only", "data-move": to, onclick: once(() => moveInvitation(i, to)) }, label("invitation_move", to));
    }
    const amount = el("input", { type: "number", min: "0", step: "0.01", class: "sign-amount", placeholder: label("kpi", "amount_cny_100m"), "aria-label": label("kpi", "amount_cny_100m") });
    return el("span", { class: "sign-box" }, amount,
      el("button", { type: "button", class: "btn btn-primary btn-small write-only", "data-move": to, onclick: once(() => sign(i, amount.value)) }, label("invitation_move", to)));
  });
}

async function invite(companyId) {
  try {
    await api(url(ev.current.event_id, "/invitations"), { method: "POST", body: { company_id: companyId } });
    toast("已发出邀请", "success");
  } catch (error) {
    showError(error, "邀请失败");
  }
  await openEvent(ev.current.event_id);
}

async function removeTarget(companyId) {
  try {
    await api(url(ev.current.event_id, `/targets/${encodeURIComponent(companyId)}`), { method: "PUT", body: { action: "removed" } });
  } catch (error) {
    showError(error, "移除失败");
  }
  await openEvent(ev.current.event_id);
}

async function moveInvitation(i, to) {
  try {
    await api(url(ev.current.event_id, `/invitations/${encodeURIComponent(i.company_id)}/moves`), { method: "POST", body: { to_status: to, version: i.version } });
    toast(`邀请状态：${invitationLabel(to)}`, "success");
  } catch (error) {
    showError(error, error.status === 409 ? "已被他人修改，已刷新" : "更新失败");
  }
  await openEvent(ev.current.event_id);
}

async function sign(i, amount) {
  const body = { version: i.version };
  if (amount !== "") body.amount_cny_100m = Number(amount);
  let result;
  try {
    result = await api(url(ev.current.event_id, `/invitations/${encodeURIComponent(i.company_id)}/sign`), { method: "POST", body });
  } catch (error) {
    showError(error, "签约登记失败");
    await openEvent(ev.current.event_id);
    return;
  }
  toast(`已登记现场签约，专案 ${result.plan.plan_id} 已进入看板`, "success");
  await openEvent(ev.current.event_id);
  await chooseChain(result.plan.chain_id);
  showTab("board");
}

async function downloadTargets() {
  try {
    const res = await fetch(url(ev.current.event_id, "/targets.xlsx"), { headers: { "X-API-Key": state.key || "" } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const link = el("a", { href: URL.createObjectURL(await res.blob()), download: `${ev.current.name}-目标企业.xlsx` });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    showError(error, "导出失败");
  }
}

async function createEvent(event) {
  event.preventDefault();
  const form = $("event-form");
  const data = new FormData(form);
  const body = {
    name: data.get("name"), event_kind: data.get("event_kind"), held_on: data.get("held_on"),
    host_unit: data.get("host_unit"), focus: data.getAll("focus"),
  };
  form.querySelector(".form-error").textContent = "";
  const button = $("event-submit");
  button.disabled = true;  // a double click (or Enter twice) must not create the event twice
  try {
    const created = await api("events", { method: "POST", body });
    toast(`已创建活动「${created.name}」`, "success");
    form.reset();
    await loadEvents(created.event_id);
  } catch (error) {
    form.querySelector(".form-error").textContent = error.field ? `${error.field}：${error.message}` : error.message;
  } finally {
    button.disabled = false;
  }
}

/** The KPI tab's card of the year's promotion events (kpis.events). */
export function eventsKpiCard(r) {
  if (!r) return null;
  return el("section", { class: "kpi-card", id: "kpi-events" }, el("h3", {}, `${r.start.slice(0, 4)} 年招商活动`),
    el("dl", { class: "kv" }, [["活动场次", r.events], ["邀请企业", r.invited], ["到会企业", r.attended], [label("invitation_status", "signed_at_event"), r.signed],
      [label("kpi", "amount_cny_100m"), num(r.signed_amount_cny_100m, 2)], ["签约项目开工率", pct(r.start_rate)]]
      .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
}

export function wireEvents() {
  $("event-form").addEventListener("submit", createEvent);
  const choices = [...FOCUS_WORDS.map((f) => [f, f]),
    ...FOCUS_DIRECTIONS.map((d) => [`direction:${d}`, label("chain_direction", d)])];
  $("event-focus").replaceChildren(...choices.map(([value, text]) => el("label", { class: "check" },
    el("input", { type: "checkbox", name: "focus", value }), text)));
}

onTab("events", () => loadEvents());
