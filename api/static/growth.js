/* 企业成长 — local firms' growth on the one-map page: the chain's growing strong-chain firms, the
 * expansion projects (技改) and the listing pipeline, each with its next move; and the growth cards
 * of the KPI tab. HTTP API (docs/API-CONTRACT.md): /expansions, /listings, /chains/{id}/growth.
 * Every word for a kind, status, list, tier, stage or move comes from GET /labels. */

import { api, query } from "./api.js";
import { $, el, num } from "./dom.js";
import { label } from "./labels.js";
import { canWrite, state } from "./state.js";
import { onTab } from "./tabs.js";

const MOVE_GROUP = { expansions: "expansion_move", listings: "listing_move" };

function amount(v) {
  return typeof v === "number" ? num(v, 2) : "—";
}

function moveButtons(kind, id, record, reload) {
  if (!canWrite()) return [];
  return (record.allowed_moves || []).map((to) => el("button", {
    type: "button", class: "btn btn-small", "data-move": `${kind}:${id}:${to}`,
    onclick: async (event) => {
      event.target.disabled = true;
      const body = kind === "expansions" ? { to_status: to, version: record.version } : { to_stage: to, version: record.version };
      try {
        await api(`${kind}/${encodeURIComponent(id)}/moves`, { method: "POST", body });
      } catch (error) {
        $("growth-message").textContent = `操作失败：${error.message}`;
      }
      await reload();
    },
  }, label(MOVE_GROUP[kind], to)));
}

function table(headers, rows, empty) {
  if (!rows.length) return el("p", { class: "muted" }, empty);
  return el("table", { class: "table" },
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows));
}

function growingSection(firms) {
  const rows = firms.map((f) => el("tr", { "data-company": f.company_id },
    el("td", {}, f.name),
    el("td", {}, f.segments.map((s) => s.name).join("、")),
    el("td", { class: "num" }, f.expansions.length),
    el("td", { class: "num" }, amount(f.investment_cny_100m)),
    el("td", {}, f.listing ? `${label("listing_tier", f.listing.tier)}·${label("listing_stage", f.listing.stage)}` : "—")));
  return el("section", { class: "kpi-card kpi-wide", id: "growth-growing" },
    el("h3", {}, "强链企业成长（当前产业链的强链环节）"),
    table(["企业", "强链环节", "扩产项目", "投资（亿元）", "上市后备"], rows, "本链强链环节暂无在建扩产或上市后备企业。"));
}

function expansionSection(items, reload) {
  const rows = items.map((p) => el("tr", { "data-expansion": p.expansion_id },
    el("td", {}, p.company_name || p.company_id),
    el("td", {}, p.name),
    el("td", {}, label("expansion_kind", p.expansion_kind)),
    el("td", { class: "num" }, amount(p.investment_cny_100m)),
    el("td", {}, p.key_list ? `${label("key_project_list", p.key_list)}${p.key_list_year ? ` ${p.key_list_year}` : ""}` : "—"),
    el("td", {}, el("span", { class: "tag", "data-status": p.status }, label("expansion_status", p.status))),
    el("td", {}, moveButtons("expansions", p.expansion_id, p, reload))));
  return el("section", { class: "kpi-card kpi-wide", id: "growth-expansions" },
    el("h3", {}, `${label("expansion_kind", "capacity")} / 技改项目（${items.length}）`),
    table(["企业", "项目", "类型", "投资（亿元）", "重点技改", "状态", label("plan_action", "move")], rows, "暂无项目。"));
}

function listingSection(items, reload) {
  const rows = items.map((e) => el("tr", { "data-listing": e.company_id },
    el("td", {}, e.company_name || e.company_id),
    el("td", {}, label("listing_tier", e.tier)),
    el("td", { class: "num" }, typeof e.tax_paid_cny_10k === "number" ? num(e.tax_paid_cny_10k, 0) : "—"),
    el("td", {}, e.market || "—"),
    el("td", {}, el("span", { class: "tag", "data-stage": e.stage }, label("listing_stage", e.stage))),
    el("td", {}, moveButtons("listings", e.company_id, e, reload))));
  return el("section", { class: "kpi-card kpi-wide", id: "growth-listings" },
    el("h3", {}, `${label("listing_tier", "listing_reserve")}（${items.length}）`),
    table(["企业", "名单", "年纳税（万元）", "拟上市/挂牌市场", "阶段", label("plan_action", "move")], rows, "暂无后备企业。"));
}

export async function load() {
  const box = $("growth");
  const scope = $("growth-scope").value;
  const filter = scope === "chain" && state.chainId ? { chain_id: state.chainId } : {};
  box.replaceChildren(el("p", { class: "muted" }, "加载中…"));
  try {
    const [expansions, listings, growing] = await Promise.all([
      api(`expansions${query({ ...filter, limit: 500 })}`),
      api(`listings${query({ ...filter, limit: 500 })}`),
      state.chainId ? api(`chains/${encodeURIComponent(state.chainId)}/growth`) : Promise.resolve({ data: [] }),
    ]);
    box.replaceChildren(growingSection(growing.data), expansionSection(expansions.data, load),
      listingSection(listings.data, load));
  } catch (error) {
    box.replaceChildren(el("p", { class: "field-error" }, `企业成长加载失败：${error.message}`));
  }
}

function sumRows(obj, group) {
  return Object.entries(obj || {}).map(([k, v]) => el("tr", {},
    el("td", {}, label(group, k)),
    el("td", { class: "num" }, typeof v === "number" ? v : v.projects),
    typeof v === "number" ? null : el("td", { class: "num" }, amount(v.investment_cny_100m))));
}

/* The KPI tab's growth cards (analysis.growth: the ``growth`` part of GET /kpis). */
export function kpiCards(g) {
  if (!g) return [];
  const e = g.expansions;
  const l = g.listings;
  const expansionCard = el("section", { class: "kpi-card", id: "kpi-growth-expansions" },
    el("h3", {}, "增资扩产与技改"),
    el("div", { class: "kpi-big" }, el("strong", {}, amount(e.investment_cny_100m)), " 亿元",
      el("span", { class: "muted" }, ` · 在库项目 ${e.projects} 个${e.unknown_amount ? `（${e.unknown_amount} 个未填金额）` : ""}`)),
    el("p", { class: "muted" }, `${g.year} 年${label("expansion_move", "under_construction")} ${e.started.projects} 个（${amount(e.started.investment_cny_100m)} 亿元），${label("expansion_move", "in_production")} ${e.produced.projects} 个（${amount(e.produced.investment_cny_100m)} 亿元）`),
    el("table", { class: "table" }, el("tbody", {},
      sumRows(e.by_status, "expansion_status"), sumRows(e.key_lists, "key_project_list"))));
  const listingCard = el("section", { class: "kpi-card", id: "kpi-growth-listings" },
    el("h3", {}, "上市后备"),
    el("div", { class: "kpi-big" }, el("strong", {}, l.firms), " 家后备企业",
      el("span", { class: "muted" }, ` · ${g.year} 年${label("listing_stage", "listed")} ${l.listed} 家，${label("listing_stage", "tutoring")} ${l.tutoring} 家，${label("listing_stage", "filed")} ${l.filed} 家`)),
    el("table", { class: "table" }, el("tbody", {},
      sumRows(l.by_tier, "listing_tier"), sumRows(l.by_stage, "listing_stage"))));
  return [expansionCard, listingCard];
}

$("growth-scope").addEventListener("change", load);
onTab("growth", load);
