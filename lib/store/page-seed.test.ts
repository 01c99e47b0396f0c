import { describe, expect, it } from 'vitest';
import { PAGE_SEED_ELEMENT_ID, type PageSeed } from '@/lib/protocol/page-seed';
import { initialData } from './initial-data';
import { readPageSeed, seededData } from './page-seed';

const token = (sub: string) => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256' })}.${b64({ sub, name: 'Ann', role: 'operator', exp: 4_000_000_000 })}.sig`;
};
const bet = (seq: number) => ({
  type: 'event', channel: 'game', event: 'bet.placed', subscription_id: 'sub-page', seq, id: `b-${seq}`, ts: '2026-11-30T10:00:00.000Z',
  data: { round_id: `r-${seq}`, player_id: 'p-1', game_id: 'g-1', device_id: 'd-1', location_id: 'loc-a', amount: 2, currency: 'EUR' },
});
const seed = { user: { user_id: 'u-ann', name: 'Ann', role: 'operator' }, bets: { epoch: 'e-1', seq: 9, frames: [bet(8), bet(9)] } };
const doc = (text: string | null) => ({ getElementById: (id: string) => (id === PAGE_SEED_ELEMENT_ID && text !== null ? ({ textContent: text } as HTMLElement) : null) });

describe('readPageSeed', () => {
  it("takes the document's seed for the token's user", () => {
    expect(readPageSeed(doc(JSON.stringify(seed)), token('u-ann'))).toEqual(seed);
  });

  it("takes nothing for another user, without a token, or when it is not a seed's shape", () => {
    expect(readPageSeed(doc(JSON.stringify(seed)), token('u-bob'))).toBeNull();
    expect(readPageSeed(doc(JSON.stringify(seed)), null)).toBeNull();
    expect(readPageSeed(doc(null), token('u-ann'))).toBeNull();
    expect(readPageSeed(doc('{'), token('u-ann'))).toBeNull();
    const alien = { ...seed, bets: { ...seed.bets, frames: [{ ...bet(9), channel: 'cash' }] } };
    expect(readPageSeed(doc(JSON.stringify(alien)), token('u-ann'))).toBeNull();
    const wins = { ...seed, bets: { ...seed.bets, frames: [{ ...bet(9), event: 'round.won' }] } };
    expect(readPageSeed(doc(JSON.stringify(wins)), token('u-ann'))).toBeNull();
  });
});

describe('seededData', () => {
  it('is signed in and connecting, holds the bets newest first, and nothing else', () => {
    const data = seededData(seed as PageSeed);
    expect(data.session).toEqual({ token: null, user: seed.user, checked: true, ended: null });
    expect(data.bets.rows.map((r) => [r.id, r.ts])).toEqual([
      ['b-9', Date.parse('2026-11-30T10:00:00.000Z')],
      ['b-8', Date.parse('2026-11-30T10:00:00.000Z')],
    ]);
    const empty = initialData();
    expect(data.connection.status).toBe('connecting');
    expect({ ...data, session: empty.session, bets: empty.bets, connection: empty.connection }).toEqual(empty);
  });
});
