import type { Role } from '@/lib/protocol/identity';
import type { SessionEnd } from './slices/connection-slice';
import { canSeeFloor, canSeeMarkets, homeRoute } from './access';

const PROBE_ORIGIN = 'http://return-path.invalid';

/**
 * The page to return to after sign-in, from `?next=`: only a path on this site (never another origin,
 * `//host` or a scheme), never the login page itself, and only a screen the role may open.
 */
export function returnPath(next: string | null | undefined, role: Role): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return homeRoute(role);
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return homeRoute(role);
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname === '/login') return homeRoute(role);
  url.searchParams.delete('token');
  const allowed = url.pathname.startsWith('/sportsbook') ? canSeeMarkets(role) : canSeeFloor(role);
  return allowed ? `${url.pathname}${url.search}${url.hash}` : homeRoute(role);
}

/** The login address for a page that needs a session: the page to come back to, and why the last one ended. */
export function loginPath(current: { pathname: string; search: string }, ended: SessionEnd | null): string {
  const params = new URLSearchParams();
  if (ended) params.set('reason', ended.reason);
  const search = new URLSearchParams(current.search);
  search.delete('token');
  const rest = search.toString();
  const here = `${current.pathname}${rest ? `?${rest}` : ''}`;
  if (here !== '/') params.set('next', here);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
