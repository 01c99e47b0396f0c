import { describe, expect, it } from 'vitest';
import { buildMockFloor } from '../mock/mock-floor';
import { createSources } from './index';
import { counterValue, fakeDeps } from './test-support/fakes';

/** The gamification platform's published samples, verbatim. */
const BET = { event: 'gameround', data: { unique_id: 'bet-9cd823d3fe', timestamp: '2025-01-15T12:00:00Z', player_id: 'StQ-1', game_id: 'GD8', round_id: 'f7ltidMBAwexDojlJBY', amount: 0.5, currency: 'EUR', is_win: false, is_bonus: false } };
const WIN = { event: 'gameround', data: { unique_id: 'win-9cd823d3fe', timestamp: '2025-01-15T12:00:01Z', player_id: 'StQ-1', game_id: 'GD8', round_id: 'f7ltidMBAwexDojlJBY', amount: 1.2, currency: 'EUR', is_win: true, is_bonus: false } };
const DEPOSIT = { event: 'deposit', data: { unique_id: 'dep-ab12cd34ef', timestamp: '2025-01-15T12:01:00Z', player_id: 'StQ-1', amount: 100.0, currency: 'EUR', method: 'Credit Card' } };
const WITHDRAW = { event: 'withdraw', data: { unique_id: 'wd-cd34ef56gh', timestamp: '2025-01-15T13:00:00Z', player_id: 'StQ-1', amount: 50.0, currency: 'EUR', method: 'Bank Transfer' } };
const LOGIN = { event: 'login', data: { unique_id: 'lg-1700000000-StQ-1', timestamp: '2025-01-15T11:00:00Z', player_id: 'StQ-1' } };
/** The casino platform's published samples as casino-format ingest items. */
const BET_PLACED = { event: 'betPlaced', timestamp: '2025-05-11T11:10:00Z', data: { playerId: 'u3849', amount: 20, device: 'Slot-A12' } };
const DEVICE_OFFLINE = { event: 'deviceOffline', data: { terminalId: 'T-19', lostAt: '2025-05-11T11:12:03Z' } };

function setup(floor = true) {
  const f = fakeDeps();
  const sources = createSources({ ...f.deps, config: f.config, defaultFloor: floor ? buildMockFloor() : null });
  return { ...f, sources };
}

describe('HTTP ingest normalizer (gamification and casino formats, docs/protocol.md §11.1)', () => {
  it('publishes a bet and pairs the win by round_id', async () => {
    const { sources, events } = setup(false);
    expect(await sources.ingest({ items: [BET, WIN] })).toEqual({ ok: true, accepted: 2, published: 2 });
    expect(events.map((e) => [e.channel, e.event, e.id, e.ts])).toEqual([
      ['game', 'bet.placed', 'bet-9cd823d3fe', '2025-01-15T12:00:00Z'],
      ['game', 'round.won', 'win-9cd823d3fe', '2025-01-15T12:00:01Z'],
    ]);
    expect(events[0].data).toEqual({ round_id: 'f7ltidMBAwexDojlJBY', player_id: 'StQ-1', game_id: 'GD8', device_id: null, location_id: null, amount: 0.5, currency: 'EUR' });
    expect(events[1].data).toEqual({ round_id: 'f7ltidMBAwexDojlJBY', player_id: 'StQ-1', game_id: 'GD8', device_id: null, location_id: null, amount: 1.2, currency: 'EUR', bet_amount: 0.5 });
  });

  it('pairs a win with the bet held before its batch, not with a bet later in the batch', async () => {
    const { sources, events } = setup(false);
    const item = (kind: typeof BET | typeof WIN, id: string, amount: number) => ({ ...kind, data: { ...kind.data, unique_id: id, amount } });
    await sources.ingest({ items: [item(BET, 'b1', 3)] });
    await sources.ingest({ items: [item(WIN, 'w1', 9), item(BET, 'b2', 4), item(WIN, 'w2', 8), item(BET, 'b3', 5)] });
    expect(events.filter((e) => e.event === 'round.won').map((e) => [e.id, (e.data as { bet_amount: number | null }).bet_amount])).toEqual([
      ['w1', 3],
      ['w2', 4],
    ]);
    await sources.ingest({ items: [item(WIN, 'w3', 1)] });
    expect(events.at(-1)?.data).toMatchObject({ bet_amount: 5 });
  });

  it('gives a win without a seen bet bet_amount null', async () => {
    const { sources, events } = setup();
    await sources.ingest({ items: [WIN] });
    expect(events[0].data).toMatchObject({ bet_amount: null });
  });

  it('maps deposit, withdraw and login', async () => {
    const { sources, events } = setup();
    await sources.ingest({ items: [DEPOSIT, WITHDRAW, LOGIN] });
    expect(events.map((e) => [e.channel, e.event, e.data])).toEqual([
      ['cash', 'cash.deposit', { player_id: 'StQ-1', amount: 100, currency: 'EUR', method: 'Credit Card', location_id: null }],
      ['cash', 'cash.withdraw', { player_id: 'StQ-1', amount: 50, currency: 'EUR', method: 'Bank Transfer', location_id: null }],
      ['player', 'player.login', { player_id: 'StQ-1', location_id: null }],
    ]);
  });

  it('places a round on its device and location when the item names the device', async () => {
    const { sources, events } = setup();
    await sources.ingest({ items: [{ event: 'gameround', data: { ...BET.data, unique_id: 'x1', device_id: 'SLOT-H02' } }] });
    expect(events[0].data).toMatchObject({ device_id: 'SLOT-H02', location_id: 'loc-high' });
  });

  it('maps casino betPlaced with a stable round id and the floor location', async () => {
    const first = setup();
    await first.sources.ingest({ items: [BET_PLACED] });
    const second = setup();
    await second.sources.ingest({ items: [BET_PLACED] });
    const e = first.events[0];
    expect(e.event).toBe('bet.placed');
    expect(e.data).toMatchObject({ player_id: 'u3849', amount: 20, device_id: 'SLOT-A12', location_id: 'loc-main', currency: 'EUR' });
    expect((e.data as { round_id: string }).round_id).toBe((second.events[0].data as { round_id: string }).round_id);
    expect(e.id).toBe(second.events[0].id);
  });

  it('takes a device offline with an alarm and back online with a clear', async () => {
    const { sources, events, raised, cleared } = setup();
    await sources.ingest({ items: [DEVICE_OFFLINE, { event: 'deviceOnline', timestamp: '2025-05-11T11:14:00Z', data: { terminalId: 'T-19', restoredAt: '2025-05-11T11:14:00Z' } }] });
    expect(events.map((e) => [e.channel, e.event, e.data])).toEqual([
      ['system', 'device.offline', { device_id: 'T-19', location_id: 'loc-sports', lost_at: '2025-05-11T11:12:03Z' }],
      ['system', 'device.online', { device_id: 'T-19', location_id: 'loc-sports', restored_at: '2025-05-11T11:14:00Z' }],
    ]);
    expect(raised).toEqual([expect.objectContaining({ kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-sports' })]);
    expect(cleared).toEqual([{ kind: 'device_offline', sourceRef: 'T-19' }]);
  });

  it('keeps device states for the system snapshot', async () => {
    const { sources } = setup();
    await sources.ingest({ items: [DEVICE_OFFLINE] });
    const [channel, provider] = sources.snapshotProviders().find(([c]) => c === 'system')!;
    expect(channel).toBe('system');
    const all = provider({}, { user_id: 'u', name: 'U', role: 'operator' }) as { device_id: string; online: boolean }[];
    expect(all.find((d) => d.device_id === 'T-19')).toMatchObject({ online: false, location_id: 'loc-sports', changed_at: '2025-05-11T11:12:03Z' });
    expect(provider({ location_id: 'loc-high' }, { user_id: 'u', name: 'U', role: 'operator' }).length).toBe(10);
    expect(provider({}, { user_id: 'u', name: 'U', role: 'operator', locations: ['loc-terrace'] }).length).toBe(12);
  });

  it('accepts a duplicate unique_id without publishing it again', async () => {
    const { sources, events } = setup();
    await sources.ingest({ items: [BET] });
    expect(await sources.ingest({ items: [BET, DEPOSIT] })).toEqual({ ok: true, accepted: 2, published: 1 });
    expect(events.map((e) => e.id)).toEqual(['bet-9cd823d3fe', 'dep-ab12cd34ef']);
  });

  it('applies nothing of a batch with one bad item and lists every bad item', async () => {
    const { sources, events, metrics } = setup();
    const bad = { event: 'gameround', data: { ...BET.data, amount: '0.50' } };
    const result = await sources.ingest({ items: [DEPOSIT, bad, { event: 'spin', data: {} }, 'x'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.items.map((i) => i.index)).toEqual([1, 2, 3]);
    expect(result.items[0].message).toMatch(/data\.amount/);
    expect(result.items[1].message).toMatch(/unknown event 'spin'/);
    expect(events).toEqual([]);
    expect(await counterValue(metrics.badInput, { source: 'ingest', reason: 'invalid_item' })).toBe(3);
    // The rejected deposit was not remembered as seen: resent alone it is published.
    await sources.ingest({ items: [DEPOSIT] });
    expect(events).toHaveLength(1);
  });

  it('answers item events named like object built-ins as unknown events, not a crash', async () => {
    const { sources, events } = setup();
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
    const result = await sources.ingest({ items: names.map((event) => ({ event, data: {} })) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const item of result.items) expect(item.message).toMatch(/unknown event/);
    expect(events).toEqual([]);
  });

  it('rejects an empty or missing items list and more than 1000 items', async () => {
    const { sources } = setup();
    expect(await sources.ingest({ items: [] })).toMatchObject({ ok: false, error: 'invalid_items', message: expect.stringMatching(/empty/) });
    expect(await sources.ingest({ foo: 1 })).toMatchObject({ ok: false, error: 'invalid_items' });
    expect(await sources.ingest({ items: Array(1001).fill(LOGIN) })).toMatchObject({ ok: false, error: 'too_large' });
  });

  it('reports the ingest in health and counts events in', async () => {
    const { sources, metrics } = setup();
    expect(sources.health().ingest).toEqual({ connected: true, last_event_at: null });
    await sources.ingest({ items: [BET, DEPOSIT] });
    expect(sources.health().ingest.last_event_at).toEqual(expect.any(String));
    expect(await counterValue(metrics.eventsIn, { source: 'ingest' })).toBe(2);
  });
});
