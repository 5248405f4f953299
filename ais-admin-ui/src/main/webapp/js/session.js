// The console's session when the cluster has authentication on: AIS's AuthN login on the node
// (POST /authn/v1/users/<user>), the token kept for the browser session (sessionStorage, gone when the tab closes)
// and sent as "Authorization: Bearer" on every call; logout revokes it (DELETE /authn/v1/tokens) everywhere.
import { Permissions } from './permissions.js';

const KEY = 'ais.console.token';
let perms = new Permissions(null);

export function token() {
  return sessionStorage.getItem(KEY) || '';
}

/** The headers every call carries (none when signed out or auth is off). */
export function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

/** What the caller may do (as last read by refresh()). */
export function permissions() {
  return perms;
}

async function message(r) {
  const text = await r.text().catch(() => '');
  try {
    return JSON.parse(text).message || `${r.status}`;
  } catch {
    return text || `${r.status}`;
  }
}

/**
 * Reads the caller's permissions. Answers 'open' (auth off), 'ok' (signed in) or 'login' (auth on and no valid
 * token: the token, if any, is dropped).
 */
export async function refresh() {
  const r = await fetch('/authn/v1/permissions', { headers: authHeaders(), cache: 'no-store' });
  if (r.status === 401) {
    sessionStorage.removeItem(KEY);
    perms = new Permissions(null);
    return 'login';
  }
  if (!r.ok) throw new Error(`cannot read permissions: ${await message(r)}`);
  perms = new Permissions(await r.json());
  return perms.auth ? 'ok' : 'open';
}

/** AIS's login; keeps the token for this browser session. Rejects with AuthN's message. */
export async function login(user, password) {
  const r = await fetch(`/authn/v1/users/${encodeURIComponent(user)}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }),
  });
  if (!r.ok) throw new Error(await message(r));
  sessionStorage.setItem(KEY, (await r.json()).token);
}

/** Revokes the token on every node (AIS's logout) and forgets it; forgets it even if the node cannot be reached. */
export async function logout() {
  const t = token();
  sessionStorage.removeItem(KEY);
  perms = new Permissions(null);
  if (t) {
    await fetch('/authn/v1/tokens', {
      method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: t }),
    }).catch(() => {});
  }
}
