/* Small DOM and text helpers of the one-map page: no state, no network. */

export const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif';

export const $ = (id) => document.getElementById(id);

/** An element with attributes (`class`, `style`, `text`, `on…` listeners) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function pct(x, digits = 0) {
  return typeof x === "number" && Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "—";
}

export function num(x, digits = 1) {
  if (typeof x !== "number" || !Number.isFinite(x)) return "—";
  return x.toLocaleString("zh-CN", { maximumFractionDigits: digits });
}

/** "中文 / English" → "中文": the analysis explains itself in both; planners read the Chinese. */
export function chinesePart(text) {
  const s = String(text ?? "");
  const cut = s.indexOf(" / ");
  return cut > 0 ? s.slice(0, cut) : s;
}

const SAMPLE = /（示例）|\(示例\)/;

/** A company's display name: its short name, with the （示例） mark whenever the record is illustrative
 *  (the API's `illustrative` flag, or the mark in its full name — chain_graph/provenance.py holds the rule). */
export function companyLabel(c) {
  const sample = c.illustrative === true || SAMPLE.test(String(c.name || ""));
  const shown = c.short_name || c.name || "";
  return sample && !SAMPLE.test(shown) ? `${shown}（示例）` : shown;
}

/** A company name short enough for a node label: drop the legal-form suffix and the province.
 *  The （示例） mark of an illustrative sample firm is kept: a planner must never take it for a real one. */
export function shortName(name) {
  const raw = String(name || "");
  const sample = SAMPLE.test(raw);
  const base = raw
    .replace(/（示例）|\(示例\)/g, "")
    .replace(/[（(]中国[）)]/g, "")
    .replace(/(集团)?(股份)?有限(责任)?公司$/, "")
    .replace(/^(福建省?|泉州市?|晋江市?|石狮市?|南安市?)/, "");
  return (base || raw) + (sample ? "（示例）" : "");
}

export function truncate(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Text for a vis-network `multi: "html"` label: its markup parser reads `<b>`, `<i>`, `<code>`
 *  and the entities `&lt;` and `&amp;`, so data (a segment or firm name) must not be read as markup. */
export function escapeLabel(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
