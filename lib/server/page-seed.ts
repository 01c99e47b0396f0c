import type { IncomingMessage } from 'node:http';
import type { EventFrameOf } from '../protocol';
import type { PageSeed, SeededEvents } from '../protocol/page-seed';
import { setPageSeedHeader } from '../runtime/page-seed-header';
import type { Services } from './services';

/** How many bets a page rendered with data holds: more than the table shows at 1920×1080. */
export const SEED_BETS = 40;

/**
 * The seed of a page request (`lib/protocol/page-seed.ts`): the floor's home opened with a `?token=` that
 * verifies, for a role that reads `game`. Null for anything else: the page then renders as without a token.
 */
export async function pageSeedFor(services: Pick<Services, 'tokens' | 'hub'>, url: string): Promise<PageSeed | null> {
  const { pathname, searchParams } = new URL(url, 'http://page');
  const token = searchParams.get('token');
  if (pathname !== '/' || !token) return null;
  const check = await services.tokens.verify(token);
  if (!check.ok) return null;
  const bets = services.hub.recentEvents(check.user, 'game', 'bet.placed', SEED_BETS);
  return bets && { user: check.user, bets: bets as SeededEvents<EventFrameOf<'bet.placed'>> };
}

/**
 * A page's address as Next renders it: without `token`. Next's router state carries the address's query
 * into the page's HTML, so the token would otherwise sit in the document; the head script reads it from the
 * browser's own address, and the server has taken what it needs from it. Other parameters keep their order.
 */
export function withoutToken(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = new URLSearchParams(url.slice(start + 1));
  if (!query.has('token')) return url;
  query.delete('token');
  const rest = query.toString();
  return url.slice(0, start) + (rest ? `?${rest}` : '');
}

/**
 * Prepares a page request before Next renders it: removes a seed header the client sent, takes the token
 * out of the address Next sees, and sets the seed header when the request may carry one (a `GET` with a
 * token): then it returns a promise to wait for, else null.
 */
export function seedPage(services: Pick<Services, 'tokens' | 'hub' | 'logger'>, req: IncomingMessage): Promise<void> | null {
  setPageSeedHeader(req, null);
  const url = req.url ?? '/';
  if (!url.includes('token=')) return null;
  req.url = withoutToken(url);
  if (req.method !== 'GET') return null;
  return pageSeedFor(services, url).then(
    (seed) => setPageSeedHeader(req, seed),
    (err: unknown) => services.logger.error({ err }, 'reading the page seed failed'),
  );
}
