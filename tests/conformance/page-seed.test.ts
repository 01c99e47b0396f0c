import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPageSeed } from '../../lib/protocol/page-seed';
import { pageSeedFor, SEED_BETS } from '../../lib/server/page-seed';
import type { Hub } from '../../lib/gateway/types';
import { type Gateway, startGateway } from '../support/gateway-harness';

/** A page seed is read from the same history a resuming subscription replays, and gives away nothing a subscription would not. */
describe('page seed', () => {
  let gw: Gateway;
  const bet = (n: number, location_id: string) => ({
    round_id: `r-${n}`, player_id: `p-${n}`, game_id: 'g-1', device_id: 'd-1', location_id, amount: n, currency: 'EUR',
  });
  const seedFor = async (url: string) => pageSeedFor({ tokens: gw.tokens, hub: gw.hub as unknown as Hub }, url);

  beforeAll(async () => {
    gw = await startGateway();
    for (let n = 1; n <= 60; n++) {
      await gw.hub.publish('game', 'bet.placed', bet(n, n % 2 ? 'loc-a' : 'loc-b'), { id: `bet-${n}` });
      if (n % 10 === 0) await gw.hub.publish('game', 'round.won', { ...bet(n, 'loc-a'), win_amount: 5 }, { id: `win-${n}` });
    }
  });
  afterAll(() => gw.close());

  it("holds the newest bets of the floor's home, oldest first, as far as the channel's seq", async () => {
    const token = await gw.token('operator');
    const seed = await seedFor(`/?token=${encodeURIComponent(token)}`);
    expect(isPageSeed(seed)).toBe(true);
    expect(seed!.user).toMatchObject({ user_id: 'u-operator', role: 'operator' });
    const ids = seed!.bets.frames.map((f) => f.id);
    expect(ids).toHaveLength(SEED_BETS);
    expect(ids.at(-1)).toBe('bet-60');
    expect(ids[0]).toBe(`bet-${61 - SEED_BETS}`);
    expect(seed!.bets.frames.every((f) => f.type === 'event' && f.channel === 'game' && f.event === 'bet.placed')).toBe(true);
    expect(seed!.bets.epoch).toBe(gw.hub.epoch);
  });

  it('continues without gap or repeat on a subscribe from its seq', async () => {
    const token = await gw.token('operator');
    const seed = (await seedFor(`/?token=${encodeURIComponent(token)}`))!;
    await gw.hub.publish('game', 'bet.placed', bet(61, 'loc-a'), { id: 'bet-61' });
    const client = await gw.login('operator');
    const sub = await client.subscribe('game', {}, { since: seed.bets.seq, epoch: seed.bets.epoch });
    expect(sub.recovered).toBe(true);
    await client.waitFor((f) => f.type === 'event' && f.id === 'bet-61');
    expect(client.events(sub.subscription_id).map((f) => f.id)).toEqual(['bet-61']);
    await client.close();
  });

  it("keeps to the token's locations", async () => {
    const token = await gw.token('operator', { user_id: 'u-a', locations: ['loc-a'] });
    const seed = (await seedFor(`/?token=${encodeURIComponent(token)}`))!;
    expect(seed.bets.frames.length).toBeGreaterThan(0);
    expect(seed.bets.frames.every((f) => f.data.location_id === 'loc-a')).toBe(true);
  });

  it('is nothing for a role without the floor, a token that does not verify, or another page', async () => {
    const sportsbook = await gw.token('sportsbook');
    const operator = await gw.token('operator');
    const expired = await gw.token('operator', { ttlSeconds: -10 });
    expect(await seedFor(`/?token=${encodeURIComponent(sportsbook)}`)).toBeNull();
    expect(await seedFor(`/?token=${encodeURIComponent(expired)}`)).toBeNull();
    expect(await seedFor(`/?token=${encodeURIComponent(operator.slice(0, -2))}xx`)).toBeNull();
    expect(await seedFor('/?token=not-a-token')).toBeNull();
    expect(await seedFor(`/alarms?token=${encodeURIComponent(operator)}`)).toBeNull();
    expect(await seedFor('/')).toBeNull();
  });
});
