import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKpiChannel } from '../../lib/gateway/kpis/kpi-channel';
import { MemoryKpiMinutes } from '../../lib/gateway/kpis/kpi-minutes-memory';
import { type Frame, type Gateway, type TestClient, startGateway } from '../support/gateway-harness';

const MINUTE = 60_000;
const minuteIso = (t: number) => new Date(Math.floor(t / MINUTE) * MINUTE).toISOString();

describe('kpis channel (docs/protocol.md §5.6)', () => {
  let gw: Gateway;
  let stop: () => void;
  beforeEach(async () => {
    gw = await startGateway();
    stop = startKpiChannel(gw.hub, new MemoryKpiMinutes(), { intervalMs: 40 });
  });
  afterEach(async () => {
    stop();
    await gw.close();
  });

  const bet = (location_id: string | null, amount: number, at = Date.now()) =>
    gw.hub.publish('game', 'bet.placed', { round_id: `r-${Math.random()}`, player_id: 'p', game_id: 'g', device_id: 'd', location_id, amount, currency: 'EUR' }, { ts: new Date(at).toISOString() });
  const deposit = (location_id: string | null, amount: number, at = Date.now()) =>
    gw.hub.publish('cash', 'cash.deposit', { player_id: 'p', amount, currency: 'EUR', method: 'card', location_id }, { ts: new Date(at).toISOString() });

  /** The latest `kpi.minute` a subscription got for a location and minute, once it has `bets` bets. */
  const minuteWith = (client: TestClient, sub: Frame, location: string | null, bets: number) =>
    client.waitFor((f) => f.type === 'event' && f.subscription_id === sub.subscription_id && f.data.location_id === location && f.data.bets === bets, 3000, `kpi.minute with ${bets} bets`);

  it('opens with the last hour of every permitted location, oldest first', async () => {
    const now = Date.now();
    await bet('loc-a', 10, now - 5 * MINUTE);
    await bet('loc-a', 5, now - 5 * MINUTE);
    await bet('loc-b', 7, now - 30 * MINUTE);
    await deposit('loc-a', 100, now - 30 * MINUTE);
    await bet(null, 3, now - 2 * MINUTE);
    await bet('loc-a', 1, now - 70 * MINUTE);

    const all = await gw.login('operator');
    const res = await all.subscribe('kpis');
    const snapshot = await all.waitForType('snapshot');
    expect(snapshot).toMatchObject({ subscription_id: res.subscription_id, channel: 'kpis' });
    expect(snapshot.data).toEqual([
      { minute: minuteIso(now - 30 * MINUTE), location_id: 'loc-a', bets: 0, turnover: 0, wins: 0, payout: 0, deposits: 100, withdrawals: 0 },
      { minute: minuteIso(now - 30 * MINUTE), location_id: 'loc-b', bets: 1, turnover: 7, wins: 0, payout: 0, deposits: 0, withdrawals: 0 },
      { minute: minuteIso(now - 5 * MINUTE), location_id: 'loc-a', bets: 2, turnover: 15, wins: 0, payout: 0, deposits: 0, withdrawals: 0 },
      { minute: minuteIso(now - 2 * MINUTE), location_id: null, bets: 1, turnover: 3, wins: 0, payout: 0, deposits: 0, withdrawals: 0 },
    ].sort((a, b) => a.minute.localeCompare(b.minute)));

    const scoped = await gw.login('operator', { user_id: 'u-scoped', locations: ['loc-a'] });
    await scoped.subscribe('kpis');
    const own = await scoped.waitForType('snapshot');
    expect(own.data.map((m: Frame) => m.location_id)).toEqual(['loc-a', 'loc-a']);
  });

  it('sends the open minute as running totals that replace each other', async () => {
    const client = await gw.login('operator');
    const sub = await client.subscribe('kpis');
    await client.waitForType('snapshot');
    bet('loc-a', 2);
    bet('loc-a', 3);
    const first = await minuteWith(client, sub, 'loc-a', 2);
    expect(first).toMatchObject({ channel: 'kpis', event: 'kpi.minute', data: { minute: minuteIso(Date.parse(first.data.minute)), turnover: 5 } });
    bet('loc-a', 4);
    const second = await minuteWith(client, sub, 'loc-a', 3);
    expect(second.data).toMatchObject({ minute: first.data.minute, turnover: 9 });
    expect(second.seq).toBeGreaterThan(first.seq);
  });

  it('keeps a location filter to its location, in the snapshot and live', async () => {
    await bet('loc-a', 1, Date.now() - 3 * MINUTE);
    await bet('loc-b', 1, Date.now() - 3 * MINUTE);
    const client = await gw.login('admin');
    const sub = await client.subscribe('kpis', { location_id: 'loc-b' });
    const snapshot = await client.waitForType('snapshot');
    expect(snapshot.data.map((m: Frame) => m.location_id)).toEqual(['loc-b']);
    bet('loc-a', 1);
    bet(null, 1);
    bet('loc-b', 1);
    await minuteWith(client, sub, 'loc-b', 1);
    await client.quiet(150, () => true);
    expect(client.events(sub.subscription_id).every((e) => e.data.location_id === 'loc-b')).toBe(true);
  });

  it('refuses a location outside the token, and hides other and unknown locations from a scoped token', async () => {
    const client = await gw.login('manager', { locations: ['loc-a'] });
    const refused = await client.request({ type: 'subscribe', channel: 'kpis', params: { location_id: 'loc-b' } });
    expect(refused).toMatchObject({ type: 'error', code: 'unauthorized', channel: 'kpis', required_permission: 'game.read' });
    const sub = await client.subscribe('kpis');
    await client.waitForType('snapshot');
    bet('loc-b', 1);
    bet(null, 1);
    bet('loc-a', 1);
    await minuteWith(client, sub, 'loc-a', 1);
    await client.quiet(150, () => true);
    expect(client.events().map((e) => e.data.location_id)).toEqual(['loc-a']);

    const sportsbook = await gw.login('sportsbook');
    expect(await sportsbook.request({ type: 'subscribe', channel: 'kpis' })).toMatchObject({ type: 'error', code: 'unauthorized', required_permission: 'game.read' });
  });

  it('resumes with since: replays the minutes sent meanwhile, without a snapshot', async () => {
    const first = await gw.login('operator');
    const epoch = first.frames[0].epoch;
    const sub = await first.subscribe('kpis');
    await first.waitForType('snapshot');
    bet('loc-a', 1);
    const seen = await minuteWith(first, sub, 'loc-a', 1);
    await first.close();

    const sentMeanwhile = new Promise<void>((resolve) => {
      const stopTap = gw.hub.onPublish((e) => {
        if (e.event !== 'kpi.minute' || (e.data as { bets?: number }).bets !== 3) return;
        stopTap();
        resolve();
      });
    });
    bet('loc-a', 1);
    bet('loc-a', 1);
    await sentMeanwhile;

    const second = await gw.login('operator');
    const res = await second.subscribe('kpis', undefined, { since: seen.seq, epoch });
    expect(res.recovered).toBe(true);
    const replayed = await minuteWith(second, res, 'loc-a', 3);
    expect(replayed.data.minute).toBe(seen.data.minute);
    expect(second.frames.filter((f) => f.type === 'snapshot')).toEqual([]);
  });

  it('rejects an unknown filter and an event name of another channel', async () => {
    const client = await gw.login('operator');
    expect(await client.request({ type: 'subscribe', channel: 'kpis', params: { device_id: 'd1' } })).toMatchObject({ type: 'error', code: 'invalid_params', channel: 'kpis' });
    expect(await client.request({ type: 'subscribe', channel: 'kpis', params: { events: ['bet.placed'] } })).toMatchObject({ type: 'error', code: 'invalid_params' });
    expect(await client.request({ type: 'subscribe', channel: 'kpis', params: { events: ['kpi.minute'] } })).toMatchObject({ type: 'response', success: true });
  });
});
