/* Relationships that bring a target in: a candidate's paths to the city in the drawer, and the
 * 链主 leads (以商招商) of a local leading firm. The drawer (drawer.js, candidates.js) calls
 * togglePaths and toggleLeads. API: GET /companies/{id}/paths, GET /leads?leader=, POST /leads/adopt. */

import { api, query } from "./api.js";
import { el, shortName } from "./dom.js";
import { label } from "./labels.js";
import { showError, toast } from "./notify.js";
import { canWrite } from "./state.js";

/** Show (or hide again) the company's shortest paths to local firms inside `host`. */
export async function togglePaths(companyId, host) {
  const open = host.querySelector(":scope > .paths");
  if (open) { open.remove(); return; }
  const box = el("div", { class: "paths", "data-company": companyId }, el("p", { class: "muted small" }, "正在查找关系路径…"));
  host.append(box);
  try {
    const data = await api(`companies/${encodeURIComponent(companyId)}/paths`);
    box.replaceChildren(...pathsView(data).filter(Boolean));
  } catch (error) {
    box.replaceChildren(el("p", { class: "muted small" }, "关系路径暂不可用。"));
    showError(error, "加载关系路径失败");
  }
}

function pathsView(data) {
  if (data.company.local) return [el("p", { class: "muted small" }, "已是本地企业。")];
  if (!data.paths.length) return [el("p", { class: "muted small" }, `${data.max_hops} 跳内没有通往本地企业的关系路径。`)];
  return [
    el("h4", {}, `通往本地企业的关系路径（${data.paths.length}）`),
    el("ol", { class: "path-list" }, data.paths.map((p) => el("li", { class: "path" },
      el("div", { class: "path-head" }, `→ ${shortName(p.to.name)}`, el("span", { class: "muted small" }, `（${p.hops} 跳）`)),
      el("ul", { class: "path-steps" }, p.steps.map(stepView))))),
    data.truncated ? el("p", { class: "muted small" }, "搜索范围已截断，可能还有其他路径。") : null,
  ];
}

function stepView(s) {
  const source = s.source ? s.source : "来源未注明";
  return el("li", { class: "path-step" },
    el("span", { class: `tag tag-small rel-${s.relation}` }, label("relation", s.relation)), " ", s.text,
    el("div", { class: "muted small path-source", title: source }, `来源：${source}${s.as_of ? `（${s.as_of}）` : ""}`));
}

/** Show (or hide again) a local leading firm's leads inside `host`. */
export async function toggleLeads(leaderId, host) {
  const open = host.querySelector(":scope > .leads");
  if (open) { open.remove(); return; }
  const box = el("div", { class: "leads", "data-leader": leaderId }, el("p", { class: "muted small" }, "正在加载链主线索…"));
  host.append(box);
  try {
    const data = await api(`leads${query({ leader: leaderId, limit: 10 })}`);
    box.replaceChildren(...leadsView(data));
  } catch (error) {
    box.replaceChildren(el("p", { class: "muted small" }, "链主线索暂不可用。"));
    showError(error, "加载链主线索失败");
  }
}

function leadsView(data) {
  const leads = data.data || [];
  if (!leads.length) return [el("p", { class: "muted small" }, "暂无外地供应商或客户线索。")];
  return [
    el("h4", {}, `以商招商线索 Top ${leads.length}（共 ${data.count}）`),
    el("ol", { class: "lead-list" }, leads.map((lead) => el("li", { class: "lead", "data-company": lead.company_id },
      el("div", { class: "lead-head" },
        el("span", { class: "lead-name" }, shortName(lead.name)),
        el("span", { class: "tag tag-small" }, label("tie_direction", lead.direction)),
        el("span", { class: "cand-score", title: "线索得分（0–100）" }, lead.score.toFixed(1))),
      el("p", { class: "muted small" }, [lead.product, lead.amount_cny_100m != null ? `${lead.amount_cny_100m} 亿元` : null,
        `服务本地企业 ${lead.local_firms} 家`, ...(lead.lists || []).map((l) => `${l.name} #${l.rank}`)].filter(Boolean).join(" · ")),
      canWrite() ? el("button", { type: "button", class: "btn btn-small write-only", onclick: () => adopt(lead) }, "转为招商专案") : null))),
  ];
}

async function adopt(lead) {
  const unit = window.prompt(`为「${lead.name}」创建招商专案（链主 ${lead.leader_name} 引荐）。${label("plan_field", "unit")}：`, "");
  if (!unit) return;
  try {
    const plan = await api("leads/adopt", { method: "POST", body: { leader_id: lead.leader_id, company_id: lead.company_id, unit } });
    toast(`已创建专案 ${plan.plan_id}（引荐：${lead.leader_name}）`, "success");
  } catch (error) {
    showError(error, "创建专案失败");
  }
}

