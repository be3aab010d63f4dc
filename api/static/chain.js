/* The chosen chain and county: their choices, the chain's gap analysis and graph from the API. */

import { api, listOf, query } from "./api.js";
import { $, el } from "./dom.js";
import { showError } from "./notify.js";
import { renderSummary } from "./sidebar.js";
import { actions, CHAIN_STORAGE, state } from "./state.js";

export async function loadChoices() {
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

export async function chooseChain(chainId) {
  state.chainId = chainId;
  localStorage.setItem(CHAIN_STORAGE, chainId);
  $("chain-select").value = chainId;
  actions.closeDrawer();
  state.graph = null;
  await Promise.all([loadGaps(), loadGraph(), actions.loadPlans()]);
  actions.drawMap();
}

export async function chooseCounty(county) {
  state.county = county;
  $("county-select").value = county;
  await loadGaps();
  actions.drawMap({ keepView: true });
  if (state.selected) actions.openSegment(state.selected);
}

export async function loadGaps() {
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
    state.graph = null; // the map cannot be laid out without it: it says so
    showError(error, "加载图谱关系失败");
  }
}

export function wireChain() {
  $("chain-select").addEventListener("change", (e) => chooseChain(e.target.value));
  $("county-select").addEventListener("change", (e) => chooseCounty(e.target.value));
}
