/* The KPI tab: signed investment against the year's target, start rates, the units' ranking, list
 * coverage, and the growth and events cards of their modules. */

import { api, query } from "./api.js";
import { $, el, num, pct } from "./dom.js";
import { eventsKpiCard } from "./events.js";
import { kpiCards as growthKpiCards } from "./growth.js";
import { label } from "./labels.js";

/** A KPI table's column header: the labels' "kpi" group names every field of GET /kpis. */
function header(key) {
  return label("kpi", key);
}

export function fillYears() {
  const now = new Date().getFullYear();
  const years = [];
  for (let y = now; y >= 2022; y -= 1) years.push(y);
  $("kpi-year").replaceChildren(...years.map((y) => el("option", { value: y }, `${y} 年`)));
}

export async function loadKpis() {
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
    ...growthKpiCards(k.growth),
    eventsKpiCard(k.events),
    ...Object.entries(k).filter(([key]) => !known.includes(key)).map(([key, v]) => genericCard(key, v)),
  ];
  $("kpi").replaceChildren(...cards.filter(Boolean));
}

function investmentCard(s) {
  const ratio = typeof s.ratio === "number" ? s.ratio : (s.target_cny_100m ? s.amount_cny_100m / s.target_cny_100m : null);
  return el("section", { class: "kpi-card kpi-wide" },
    el("h3", {}, `${s.year ?? ""} 年新签约投资`),
    el("div", { class: "kpi-big" }, el("strong", {}, num(s.amount_cny_100m, 2)), " 亿元",
      s.target_cny_100m != null ? el("span", { class: "muted" }, ` / ${header("goal")} ${num(s.target_cny_100m, 0)} 亿元`) : el("span", { class: "muted" }, " （未设年度目标）")),
    el("div", { class: "bar bar-lg", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round((ratio || 0) * 100) },
      el("span", { style: `width:${Math.min(100, Math.round((ratio || 0) * 100))}%` })),
    el("p", { class: "muted" }, `${header("ratio")} ${pct(ratio, 1)} · 签约专案 ${s.plans ?? 0} 个${s.unknown_amount ? `（${s.unknown_amount} 个未填金额）` : ""}`));
}

function startRateCard(rows) {
  const items = rows.map((r) => {
    const rate = typeof r.rate === "number" ? r.rate : null;
    const met = r.met === true ? "达标" : r.met === false ? "未达标" : typeof r.goal === "number" ? "暂无合同" : "未设目标";
    return el("div", { class: "rate-row" },
      el("span", { class: "rate-year" }, `${r.year} 年签约`),
      el("span", { class: "bar rate-bar" }, el("span", { class: r.met === false ? "below" : "", style: `width:${Math.round((rate || 0) * 100)}%` }),
        typeof r.goal === "number" ? el("i", { class: "goal", style: `left:${Math.round(r.goal * 100)}%`, title: `${header("goal")} ${pct(r.goal)}` }) : null),
      el("span", { class: "rate-val" }, rate === null ? "—" : pct(rate, 1)),
      el("span", { class: "muted small" }, `${label("plan_status", "started")} ${r.started ?? 0} / 正式合同 ${r.contracted ?? 0}${typeof r.goal === "number" ? ` · ${header("goal")} ≥${pct(r.goal)}` : ""}`),
      el("span", { class: `tag ${r.met === true ? "tag-strong" : r.met === false ? "tag-missing" : ""}` }, met));
  });
  return el("section", { class: "kpi-card" }, el("h3", {}, `${header("rate")}（按签约年度）`), items.length ? items : el("p", { class: "muted" }, "暂无数据。"));
}

function coverageCard(rows) {
  const body = rows.map((r) => el("tr", {},
    el("td", {}, r.name || r.list_id),
    el("td", { class: "num" }, r.members ?? "—"),
    el("td", { class: "num" }, r.targeted ?? "—"),
    el("td", { class: "num" }, r.in_talks ?? "—"),
    el("td", { class: "num" }, r.signed ?? "—"),
    el("td", {}, el("span", { class: "mini-bar" }, el("span", { style: `width:${r.members ? Math.round(100 * (r.targeted || 0) / r.members) : 0}%` })))));
  const heads = [...["name", "members", "targeted", "in_talks", "signed"].map(header), "覆盖"];
  return el("section", { class: "kpi-card" }, el("h3", {}, "重点榜单覆盖"),
    el("table", { class: "table" }, el("thead", {}, el("tr", {}, heads.map((h) => el("th", {}, h)))), el("tbody", {}, body)));
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
      el("thead", {}, el("tr", {}, keys.map((key) => el("th", {}, header(key))))),
      el("tbody", {}, rows.map((r) => el("tr", {}, keys.map((key) => el("td", { class: typeof r[key] === "number" ? "num" : "" }, cellText(r[key]))))))));
}

function genericCard(key, value) {
  if (Array.isArray(value) && value.length && typeof value[0] === "object") return tableCard(header(key), value, [], "");
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return el("section", { class: "kpi-card" }, el("h3", {}, header(key)),
      el("dl", { class: "kv" }, Object.entries(value).flatMap(([k, v]) => [el("dt", {}, header(k)), el("dd", {}, cellText(v))])));
  }
  return el("section", { class: "kpi-card" }, el("h3", {}, header(key)), el("p", {}, cellText(value)));
}

export function wireKpis() {
  fillYears();
  $("kpi-year").addEventListener("change", loadKpis);
}
