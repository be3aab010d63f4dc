/* The drawer's candidates: the API's ranked non-local firms with every part of their score. */

import { api, listOf, query } from "./api.js";
import { $, chinesePart, companyLabel, el, num, shortName } from "./dom.js";
import { label, valuesOf } from "./labels.js";
import { showError } from "./notify.js";
import { openPlanForm } from "./planform.js";
import { togglePaths } from "./relations.js";
import { canWrite, state } from "./state.js";

export async function loadCandidates(segmentId) {
  const info = state.nodeInfo.get(segmentId);
  let list;
  try {
    list = listOf(await api(`chains/${encodeURIComponent(state.chainId)}/candidates${query({ segment_id: segmentId, limit: 10 })}`));
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
    ties.length ? el("p", { class: "cand-ties" }, `${label("score_part", "supply_ties")}：${[...new Set(ties)].join("、")}`) : null,
    c.plan ? el("p", { class: "cand-plan" }, `${label("score_part", "plan_exists")}：${label("plan_status", c.plan.status)} · ${c.plan.unit}${c.plan.active ? "" : `（${label("plan_status", "dropped")}）`}`) : null,
    partBars(c.parts || {}),
    el("button", { type: "button", class: "btn btn-small btn-paths", onclick: (e) => togglePaths(c.company_id, e.currentTarget.closest(".cand")) }, label("score_part", "relation_path")),
    canWrite() ? el("button", { type: "button", class: "btn btn-primary btn-small write-only", onclick: () => openPlanForm(c) }, "创建招商专案") : null);
}

function listBadges(lists) {
  if (!lists.length) return null;
  return el("div", { class: "badges" }, lists.map((l) => el("span", { class: `badge tier-${l.tier}`, title: `${l.name} ${l.year} 年第 ${l.rank} 名` },
    `${valuesOf("ranking_list").includes(l.list_id) ? label("ranking_list", l.list_id) : l.name} #${l.rank}`)));
}

function partBars(parts) {
  const known = valuesOf("score_part");
  const names = [...known.filter((k) => k in parts), ...Object.keys(parts).filter((k) => !known.includes(k))];
  const rows = names.map((name) => {
    const p = parts[name] || {};
    const value = Math.max(0, Math.min(1, Number(p.value) || 0));
    const penalty = (p.contribution ?? 0) < 0;
    const contrib = typeof p.contribution === "number" ? `${p.contribution >= 0 ? "+" : ""}${p.contribution.toFixed(1)}` : "";
    return el("div", { class: "part", title: chinesePart(p.explanation || "") },
      el("span", { class: "part-name" }, label("score_part", name)),
      el("span", { class: `part-bar${penalty ? " penalty" : ""}` }, el("span", { style: `width:${Math.round(value * 100)}%` })),
      el("span", { class: "part-val" }, contrib));
  });
  return el("div", { class: "parts", "aria-label": "得分构成" }, rows);
}
