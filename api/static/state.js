/* The page's state, and the few actions modules call on each other (filled in by main.js, so that
 * no module needs to import one that imports it back). */

export const KEY_STORAGE = "chainGraph.apiKey";
export const CHAIN_STORAGE = "chainGraph.chain";
export const STAGES = ["upstream", "midstream", "downstream"];
// the order of a plan's statuses (the board's columns); their words come from GET /labels
export const PLAN_STATUSES = [
  "identified", "contacted", "visited", "negotiating",
  "signed_framework", "signed_contract", "started", "in_production",
];

export const state = {
  key: null, me: null, chains: [], counties: [], chainId: null, county: "",
  gaps: null, graph: null, network: null, nodeInfo: new Map(), plans: [],
  companyNames: new Map(), selected: null, candidates: new Map(), planTarget: null,
};

/** selectSegment(id), chooseChain(id), chooseCounty(id), askForKey(message), reloadCandidates(id),
 *  refreshGaps(): set by main.js. */
export const actions = {};

export function countyName(id) {
  return state.counties.find((c) => c.region_id === id)?.name ?? id ?? "";
}

export function chainName(id) {
  return state.chains.find((c) => c.chain_id === id)?.name ?? id;
}

export function canWrite() {
  return Boolean(state.me && state.me.role !== "viewer");
}

/** Segment states to colour the map: the county's view when one is chosen, else the city's. */
export function viewSegments() {
  const g = state.gaps;
  if (!g) return [];
  return (state.county && g.county && Array.isArray(g.county.segments)) ? g.county.segments : (g.segments || []);
}

export function viewScore() {
  const g = state.gaps;
  if (!g) return { completeness: null, counts: null };
  if (state.county && g.county) return { completeness: g.county.completeness, counts: g.county.counts };
  return { completeness: g.completeness, counts: g.counts };
}
