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
 * Sets a page request's seed header before Next renders it: a promise when the request may carry one
 * (a `GET` with a token), null when there is nothing to wait for. A header sent by the client is removed.
 */
export function seedPage(services: Pick<Services, 'tokens' | 'hub' | 'logger'>, req: IncomingMessage): Promise<void> | null {
  setPageSeedHeader(req, null);
  const url = req.url ?? '/';
  if (req.method !== 'GET' || !url.includes('token=')) return null;
  return pageSeedFor(services, url).then(
    (seed) => setPageSeedHeader(req, seed),
    (err: unknown) => services.logger.error({ err }, 'reading the page seed failed'),
  );
}
