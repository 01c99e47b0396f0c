import { ROLES, type Role, type SessionUser } from '@/lib/protocol/identity';

/** Where the browser session keeps the token (per tab, gone when the session ends). */
export const TOKEN_KEY = 'floor-monitor.token';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readToken(storage: StorageLike): string | null {
  try {
    return storage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function saveToken(storage: StorageLike, token: string): void {
  try {
    storage.setItem(TOKEN_KEY, token);
  } catch {
    // storage full or blocked: the token lives only in memory for this page
  }
}

export function forgetToken(storage: StorageLike): void {
  try {
    storage.removeItem(TOKEN_KEY);
  } catch {
    // nothing to forget
  }
}

/**
 * Takes `?token=` from the address a host platform linked in: keeps it for the session and removes it
 * from the address bar (and history) so it is not shared by copying the URL.
 */
export function takeTokenFromUrl(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: StorageLike,
): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return null;
  saveToken(storage, token);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return token;
}

/**
 * The same hand-off as `takeTokenFromUrl`, as a script the document runs in its head before anything
 * else loads: the token leaves the address bar before any request could carry it in a `Referer` or
 * any script could read it from the URL.
 */
export function tokenHandoffScript(): string {
  const key = JSON.stringify(TOKEN_KEY);
  return `(function(){try{var u=new URL(location.href),t=u.searchParams.get('token');if(!t)return;sessionStorage.setItem(${key},t);u.searchParams.delete('token');history.replaceState(history.state,'',u.pathname+u.search+u.hash)}catch(e){}})();`;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * Reads the user from a token's claims, for drawing the right screens before the welcome arrives.
 * Not a check: the gateway verifies the signature. An expired or unreadable token gives null.
 */
export function userFromToken(token: string, nowMs = Date.now()): SessionUser | null {
  try {
    const claims = decodeSegment(token.split('.')[1] ?? '') as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || typeof claims.name !== 'string') return null;
    if (!ROLES.includes(claims.role as Role)) return null;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < nowMs) return null;
    const locations = Array.isArray(claims.locations) ? claims.locations.filter((l): l is string => typeof l === 'string') : undefined;
    return { user_id: claims.sub, name: claims.name, role: claims.role as Role, locations };
  } catch {
    return null;
  }
}
