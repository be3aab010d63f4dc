/* Printed reports on the KPI tab: 逐月亮晒 (monthly) and 季度通报 (quarterly) as PDF or Word.
 * An ES module of its own; index.html gives it the #report-download slot in the KPI tab's head.
 * The key goes in X-API-Key (as api.js sends it), so the file is fetched, then saved from a blob
 * under the Chinese name the server gives in Content-Disposition (filename*). */

import { KEY_STORAGE } from "./state.js";

const QUARTERS = ["一", "二", "三", "四"];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function periodOptions(kind) {
  if (kind === "monthly") return Array.from({ length: 12 }, (_, i) => el("option", { value: i + 1 }, `${i + 1} 月`));
  return QUARTERS.map((q, i) => el("option", { value: i + 1 }, `第${q}季度`));
}

/** The file name of a Content-Disposition header: the UTF-8 filename* first, else filename. */
export function filenameOf(header, fallback) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header || "");
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(header || "");
  return plain ? plain[1] : fallback;
}

/** The report's address: /reports/monthly?year=…&month=…&format=… (or quarterly with quarter). */
export function reportUrl(kind, year, number, format) {
  const q = new URLSearchParams({ year, [kind === "monthly" ? "month" : "quarter"]: number, format });
  return `reports/${kind}?${q}`;
}

async function download(kind, year, number, format, status) {
  status.textContent = "生成中…";
  const res = await fetch(reportUrl(kind, year, number, format), {
    headers: { "X-API-Key": localStorage.getItem(KEY_STORAGE) || "" },
  });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    status.textContent = `下载失败：${(body && body.error && body.error.message) || `HTTP ${res.status}`}`;
    status.classList.add("field-error");
    return;
  }
  const name = filenameOf(res.headers.get("Content-Disposition"), `${kind}-${year}.${format}`);
  const url = URL.createObjectURL(await res.blob());
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  status.classList.remove("field-error");
  status.textContent = `已下载 ${name}`;
}

function mount(slot) {
  const kind = el("select", { id: "report-kind", "aria-label": "报表" },
    el("option", { value: "monthly" }, "逐月亮晒"), el("option", { value: "quarterly" }, "季度通报"));
  const number = el("select", { id: "report-period", "aria-label": "月份或季度" }, ...periodOptions("monthly"));
  const format = el("select", { id: "report-format", "aria-label": "格式" },
    el("option", { value: "pdf" }, "PDF"), el("option", { value: "docx" }, "Word"));
  const button = el("button", { type: "button", class: "btn btn-small", id: "report-download-btn" }, "下载报表");
  const status = el("span", { class: "muted small", id: "report-status", role: "status" });
  number.value = String(new Date().getMonth() + 1);
  kind.addEventListener("change", () => number.replaceChildren(...periodOptions(kind.value)));
  button.addEventListener("click", async () => {
    const year = document.getElementById("kpi-year").value || String(new Date().getFullYear());
    button.disabled = true;
    try {
      await download(kind.value, year, number.value, format.value, status);
    } catch (error) {
      status.textContent = `下载失败：${error.message}`;
      status.classList.add("field-error");
    } finally {
      button.disabled = false;
    }
  });
  slot.replaceChildren(el("span", { class: "inline-label" }, "报表", kind, number, format), button, status);
}

const slot = document.getElementById("report-download");
if (slot) mount(slot);
