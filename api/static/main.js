/* 泉州市招商一张图 — the one-map page. ES modules, no build step, no network beyond this app: it
 * talks to the HTTP API of docs/API-CONTRACT.md with the key kept in localStorage. This module
 * wires the others together and starts the page once its words (GET /labels) are loaded. */

import { askForKey, signIn, wireAuth } from "./auth.js";
import { loadPlans, renderBoard, wireBoard } from "./board.js";
import { loadCandidates } from "./candidates.js";
import { chooseChain, chooseCounty, loadChoices, loadGaps, wireChain } from "./chain.js";
import { closeDrawer, openSegment, selectSegment, wireDrawer } from "./drawer.js";
import { wireEvents } from "./events.js";
import "./growth.js";
import { loadKpis, wireKpis } from "./kpis.js";
import { loadLabels } from "./labels.js";
import { drawMap, redrawMap } from "./map.js";
import { toast } from "./notify.js";
import "./parks.js";
import { wirePlanForm } from "./planform.js";
import { actions, KEY_STORAGE, state } from "./state.js";
import { onTab, wireTabs } from "./tabs.js";

Object.assign(actions, {
  askForKey, loadChoices, chooseChain, chooseCounty, selectSegment, openSegment, closeDrawer, drawMap, loadPlans,
  reloadCandidates: loadCandidates,
  refreshGaps: async () => { await loadGaps(); drawMap({ keepView: true }); },
});

onTab("map", redrawMap);
onTab("board", renderBoard);
onTab("kpi", loadKpis);

async function start() {
  try {
    await loadLabels();
  } catch (error) {
    toast(`显示标签加载失败：${error.message}`, "error");
  }
  wireAuth();
  wireChain();
  wireDrawer();
  wirePlanForm();
  wireBoard();
  wireKpis();
  wireEvents();
  wireTabs();
  state.key = localStorage.getItem(KEY_STORAGE);
  if (!state.key) {
    askForKey();
    return;
  }
  try {
    await signIn();
  } catch (error) {
    if (error.status !== 401) askForKey(`无法连接服务：${error.message}`);
  }
}

// A failure nobody awaited still reaches the user (and the console, where tests look).
window.addEventListener("unhandledrejection", (event) => {
  console.error("unhandled:", event.reason);
  toast(`出错了：${event.reason?.message || event.reason}`, "error");
});
start();
