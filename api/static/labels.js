/* Display labels: every word for a stored value comes from GET /labels (chain_graph/labels.py, the
 * one source the CLI, the exports and Excel use too), loaded once before the first render. */

let table = {};

/** Fetch the labels (open, no key) and fill the page's `data-label` slots and `data-label-options` selects. */
export async function loadLabels() {
  const res = await fetch("labels", { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`GET /labels: HTTP ${res.status}`);
  table = await res.json();
  fillLabels(document);
}

/** The Chinese words for a value of a group; a value with no label is shown as it is. */
export function label(group, value) {
  return table[group]?.[value]?.zh ?? String(value ?? "");
}

/** The values of a group, in the labels source's order. */
export function valuesOf(group) {
  return Object.keys(table[group] || {});
}

/** `<span data-label="gap_status.missing">` gets its words; `<select data-label-options="project_kind">` its options. */
export function fillLabels(root) {
  for (const node of root.querySelectorAll("[data-label]")) {
    const [group, value] = splitOnce(node.dataset.label);
    node.textContent = label(group, value);
  }
  for (const select of root.querySelectorAll("select[data-label-options]")) {
    const group = select.dataset.labelOptions;
    select.replaceChildren(...valuesOf(group).map((v) => {
      const option = document.createElement("option");
      option.value = v;
      option.textContent = label(group, v);
      return option;
    }));
  }
}

function splitOnce(text) {
  const cut = text.indexOf(".");
  return [text.slice(0, cut), text.slice(cut + 1)];
}
