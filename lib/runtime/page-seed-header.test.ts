import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PAGE_SEED_HEADER, readPageSeedHeader, setPageSeedHeader } from './page-seed-header';

const seed = { user: { user_id: 'u-1', name: 'Zoë <b>', role: 'operator' }, bets: { epoch: 'e-1', seq: 0, frames: [] } };
const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;

describe('page seed header', () => {
  it('carries a seed to the page render, any text in it', () => {
    const req = request();
    setPageSeedHeader(req, seed);
    expect(readPageSeedHeader(req.headers[PAGE_SEED_HEADER] as string)).toEqual(seed);
  });

  it("never passes on a client's own header", () => {
    const req = request({ [PAGE_SEED_HEADER]: Buffer.from(JSON.stringify(seed)).toString('base64url') });
    setPageSeedHeader(req, null);
    expect(req.headers[PAGE_SEED_HEADER]).toBeUndefined();
  });

  it('reads nothing from a value that is not base64url JSON', () => {
    expect(readPageSeedHeader(null)).toBeNull();
    expect(readPageSeedHeader('not base64 json')).toBeNull();
  });
});
