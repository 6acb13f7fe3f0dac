// The Admin API as the browser reaches it: Kong Manager's rule (K_CONFIG from the node's /kconfig.js).
const K = window.K_CONFIG || {};
const STORE = 'tollgate.console.auth';

/** The Admin API's base URL, without a trailing slash. */
export function apiBase() {
  if (K.ADMIN_API_URL) return K.ADMIN_API_URL.replace(/\/+$/, '');
  return `${location.protocol}//${location.hostname}:${K.ADMIN_API_PORT || '8001'}`;
}

let auth = JSON.parse(sessionStorage.getItem(STORE) || 'null');
const listeners = new Set();

/** Credentials for admin_auth: {token} or {basic: base64(user:password)}, or null. */
export function setAuth(next) {
  auth = next;
  if (next) sessionStorage.setItem(STORE, JSON.stringify(next));
  else sessionStorage.removeItem(STORE);
}

export function hasAuth() {
  return auth !== null;
}

/** Calls fn whenever the Admin API answers 401. */
export function onUnauthorized(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function headers(body, given) {
  const h = {};
  if (given?.token) h['Kong-Admin-Token'] = given.token;
  if (given?.basic) h['Authorization'] = 'Basic ' + given.basic;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  return h;
}

/**
 * One Admin API call: resolves to {status, ok, json} (json null for an empty or non-JSON body); never rejects for
 * an HTTP status, only for a network failure.
 */
export async function api(method, path, body, options = {}) {
  const base = options.base || apiBase();
  const given = options.auth === undefined ? auth : options.auth;
  const res = await fetch(base + path, {
    method,
    headers: headers(body, given),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.status === 401 && options.auth === undefined) listeners.forEach((fn) => fn());
  return { status: res.status, ok: res.ok, json, text };
}

export const get = (path, options) => api('GET', path, undefined, options);

/** The Admin API's error as one line: Kong's message, else the status. */
export function errorText(res) {
  return res.json?.message || `HTTP ${res.status}`;
}

export function when(epochSeconds) {
  if (epochSeconds === null || epochSeconds === undefined) return '';
  return new Date(epochSeconds * 1000).toLocaleString();
}
