/* Toasts: short messages in the corner, errors with the context they happened in. */

import { $, el } from "./dom.js";

export function toast(message, kind = "info") {
  const box = $("toasts");
  const item = el("div", { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : "status" }, message);
  box.append(item);
  while (box.children.length > 3) box.firstElementChild.remove();
  setTimeout(() => item.classList.add("toast-out"), 3600);
  setTimeout(() => item.remove(), 4000);
}

export function showError(error, context) {
  toast(`${context}：${String(error?.message || error)}`, "error");
}
