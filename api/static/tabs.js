/* The page's tabs: each module registers what to do when its tab opens. */

import { $ } from "./dom.js";

const handlers = new Map();

// tabs besides these come from modules (parks.js) that have their button (data-module) and view in index.html
export const TABS = ["map", "board", "kpi", "growth", "events",
  ...[...document.querySelectorAll("[role=tab][data-module]")].map((t) => t.id.slice(4))];

/** Call `handler()` whenever tab `name` is shown. */
export function onTab(name, handler) {
  handlers.set(name, handler);
}

export function showTab(name) {
  for (const tab of TABS) {
    $(`tab-${tab}`).setAttribute("aria-selected", String(tab === name));
    $(`view-${tab}`).hidden = tab !== name;
  }
  $("layout").classList.toggle("wide", name !== "map");
  handlers.get(name)?.();
}

export function wireTabs() {
  for (const tab of TABS) $(`tab-${tab}`).addEventListener("click", () => showTab(tab));
}
