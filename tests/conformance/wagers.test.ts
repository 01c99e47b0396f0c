import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WagerChanged } from '../../lib/protocol';
import { type Gateway, startGateway } from '../support/gateway-harness';

/** The operator's own play on the exchange, as the exchange source publishes it. */
const wager = (id: string, sportEventId = 44285780): WagerChanged => ({
  id, op: 'u', market_id: 219, sport_event_id: sportEventId, outcome_id: 4, line_id: 'l-4', odds: 2.12, stake: 200,
  totally_matched_stake: 120, unmatched_stake: 80, matched_odds: 2.12, matching_status: 'partially_matched',
  winning_status: 'tbd', status: 'active', update_type: 'matched',
});
const matched = { sport_event_id: 44285780, market_id: 219, outcome_id: 4, line_id: 'l-4', matched_odds: 2.12, matched_stake: 40 };

describe('wager.changed (docs/protocol.md §4.3): sportsbook and admin users only', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
    // A provider that offers an open play to everyone: delivery must still withhold it.
    gw.hub.setSnapshotProvider('markets', () => [{ kind: 'wager', ...wager('w-snap') }]);
  });
  afterAll(() => gw.close());

  it('reaches a sportsbook user and an admin, never a manager, who still gets the rest of markets', async () => {
    const book = await gw.login('sportsbook');
    const admin = await gw.login('admin');
    const manager = await gw.login('manager');
    const subs = await Promise.all([book, admin, manager].map((c) => c.subscribe('markets')));
    gw.hub.publish('markets', 'wager.changed', wager('w-1'));
    gw.hub.publish('markets', 'market.matched', matched);
    for (const [client, sub] of [[book, subs[0]], [admin, subs[1]]] as const) {
      const got = await client.waitFor((f) => f.type === 'event' && f.event === 'wager.changed');
      expect(got).toMatchObject({ channel: 'markets', subscription_id: sub.subscription_id, data: { id: 'w-1', unmatched_stake: 80 } });
    }
    await manager.waitFor((f) => f.type === 'event' && f.event === 'market.matched');
    expect(manager.events().map((f) => f.event)).toEqual(['market.matched']);
    for (const c of [book, admin, manager]) await c.close();
  });

  it('keeps open plays out of a manager’s snapshot and replay, and in a sportsbook user’s', async () => {
    const book = await gw.login('sportsbook');
    const manager = await gw.login('manager');
    const snapshotOf = async (client: typeof book) => {
      const sub = await client.subscribe('markets');
      return client.waitFor((f) => f.type === 'snapshot' && f.subscription_id === sub.subscription_id);
    };
    expect((await snapshotOf(book)).data).toEqual([expect.objectContaining({ kind: 'wager', id: 'w-snap' })]);
    expect((await snapshotOf(manager)).data).toEqual([]);

    const since = (await gw.hub.publish('markets', 'market.matched', matched)).seq;
    await gw.hub.publish('markets', 'wager.changed', wager('w-2'));
    await gw.hub.publish('markets', 'market.matched', matched);
    const resumed = await gw.login('manager');
    const sub = await resumed.subscribe('markets', undefined, { since, epoch: gw.hub.epoch });
    expect(sub).toMatchObject({ recovered: true });
    await resumed.waitFor((f) => f.type === 'event' && f.event === 'market.matched');
    const replayed = await resumed.quiet(200, () => true);
    expect([...resumed.events(), ...replayed].map((f) => f.event)).not.toContain('wager.changed');
    for (const c of [book, manager, resumed]) await c.close();
  });

  it('answers unauthorized when a manager asks for it by name, and an operator may not read markets at all', async () => {
    const manager = await gw.login('manager');
    expect(await manager.request({ type: 'subscribe', channel: 'markets', params: { events: ['market.matched', 'wager.changed'] } })).toMatchObject({
      type: 'error',
      code: 'unauthorized',
      channel: 'markets',
      message: expect.stringContaining('wager.changed'),
    });
    const operator = await gw.login('operator');
    expect(await operator.request({ type: 'subscribe', channel: 'markets' })).toMatchObject({ type: 'error', code: 'unauthorized' });
    const book = await gw.login('sportsbook');
    expect(await book.request({ type: 'subscribe', channel: 'markets', params: { events: ['wager.changed'] } })).toMatchObject({ type: 'response', success: true });
    for (const c of [manager, operator, book]) await c.close();
  });
});
