/* The HTTP API of docs/API-CONTRACT.md, with the key of localStorage in X-API-Key. */

import { actions, state } from "./state.js";

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || String(status);
    this.field = err.field || null;
  }
}

export async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json", "X-API-Key": state.key || "" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (res.status === 401) actions.askForKey?.("密钥无效或已被吊销，请重新输入。");
    throw error;
  }
  return data;
}

export function listOf(data) {
  if (Array.isArray(data)) return data;
  return (data && Array.isArray(data.data)) ? data.data : [];
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
