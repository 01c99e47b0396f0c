import { PAGE_SEED_ELEMENT_ID, type PageSeed, isPageSeed } from '@/lib/protocol/page-seed';
import { initialData } from './initial-data';
import type { MonitorData } from './monitor-state';
import { reduceBets } from './slices/bets-slice';
import { userFromToken } from './token';

/**
 * The seed the server rendered the page with, for the store made in this document: only when it names the
 * user of the token the page holds (the head script has just taken it from the address bar).
 */
export function readPageSeed(doc: Pick<Document, 'getElementById'>, token: string | null): PageSeed | null {
  const text = doc.getElementById(PAGE_SEED_ELEMENT_ID)?.textContent;
  if (!text || !token) return null;
  try {
    const seed: unknown = JSON.parse(text);
    return isPageSeed(seed) && seed.user.user_id === userFromToken(token)?.user_id ? seed : null;
  } catch {
    return null;
  }
}

/**
 * A store's data before anything arrives, from a seed: the signed-in user, the newest bets, and a
 * connection on its way (the document's head script opens it as the page loads). The same on the server,
 * where the page is rendered from it, and in the browser, where hydration renders it again. Nothing else
 * is seeded: the other panels wait for their snapshots as on any load.
 */
export function seededData(seed: PageSeed): MonitorData {
  const data = initialData();
  // Every seeded bet carries its time, so the batch's clock is never read: both renders agree.
  const bets = reduceBets(data.bets, seed.bets.frames, { now: 0, paused: false });
  return {
    ...data,
    bets,
    session: { token: null, user: seed.user, checked: true, ended: null },
    connection: { ...data.connection, status: 'connecting' },
  };
}
