/* The key dialog and the signed-in user: the key is kept in localStorage, checked with GET /me. */

import { api } from "./api.js";
import { $ } from "./dom.js";
import { label } from "./labels.js";
import { actions, canWrite, KEY_STORAGE, state } from "./state.js";

export function askForKey(message = "") {
  state.key = null;
  localStorage.removeItem(KEY_STORAGE);
  document.body.classList.add("signed-out");
  $("key-error").textContent = message;
  const dialog = $("key-dialog");
  if (!dialog.open) dialog.showModal();
  $("key-input").focus();
}

export async function submitKey(event) {
  event.preventDefault();
  const key = $("key-input").value.trim();
  if (!key) {
    $("key-error").textContent = "请输入密钥。";
    return;
  }
  state.key = key;
  try {
    await signIn();
    localStorage.setItem(KEY_STORAGE, key);
    $("key-input").value = "";
    $("key-dialog").close();
  } catch (error) {
    state.key = null;
    $("key-error").textContent = error.status === 401 ? "密钥无效，请核对后重试。" : `无法连接服务：${error.message}`;
  }
}

export async function signIn() {
  state.me = await api("me");
  document.body.classList.remove("signed-out");
  document.body.classList.toggle("role-viewer", !canWrite());
  $("user-box").hidden = false;
  $("user-name").textContent = state.me.name || state.me.key_id || "";
  $("user-role").textContent = label("user_role", state.me.role);
  await actions.loadChoices();
}

export function logout() {
  state.me = null;
  $("user-box").hidden = true;
  askForKey("已退出。");
}

export function wireAuth() {
  $("key-form").addEventListener("submit", submitKey);
  $("key-dialog").addEventListener("cancel", (e) => { if (!state.key) e.preventDefault(); });
  $("logout").addEventListener("click", logout);
}
