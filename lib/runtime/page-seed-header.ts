import type { IncomingMessage } from 'node:http';

/**
 * The request header that hands a page render its seed, from the server (`lib/server/page-seed.ts`) to the
 * root layout, which checks its shape (`isPageSeed`); never taken from a client.
 */
export const PAGE_SEED_HEADER = 'x-floor-monitor-seed';

/** Puts the seed on the request for the page render, or makes sure none is there (a client may send the header). */
export function setPageSeedHeader(req: IncomingMessage, seed: object | null): void {
  delete req.headers[PAGE_SEED_HEADER];
  if (seed) req.headers[PAGE_SEED_HEADER] = Buffer.from(JSON.stringify(seed)).toString('base64url');
}

/** What the server put on the request, parsed; null when there is nothing readable. */
export function readPageSeedHeader(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString());
  } catch {
    return null;
  }
}
