import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../support/gateway-harness';

describe('events and snapshots', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('delivers an event once per matching subscription with the contract shape', async () => {
    const client = await gw.login('operator');
    const byLoc = await client.subscribe('cash', { location_id: 'loc-a' });
    const all = await client.subscribe('cash');
    const other = await client.subscribe('cash', { location_id: 'loc-b' });
    const published = await gw.hub.publish('cash', 'cash.deposit', { player_id: 'p1', amount: 50, currency: 'EUR', method: 'card', location_id: 'loc-a' }, { id: 'dep-1', ts: '2026-01-18T14:30:00.000Z' });
    await client.waitFor((f) => f.type === 'event' && f.subscription_id === all.subscription_id);
    await client.waitFor((f) => f.type === 'event' && f.subscription_id === byLoc.subscription_id);
    const frame = client.events(byLoc.subscription_id)[0];
    expect(frame).toEqual({
      type: 'event',
      channel: 'cash',
      event: 'cash.deposit',
      subscription_id: byLoc.subscription_id,
      seq: published.seq,
      id: 'dep-1',
      ts: '2026-01-18T14:30:00.000Z',
      data: { player_id: 'p1', amount: 50, currency: 'EUR', method: 'card', location_id: 'loc-a' },
    });
    expect(client.events(other.subscription_id)).toEqual([]);
    expect(client.events()).toHaveLength(2);
    await client.close();
  });

  it('counts seq per channel, so a filtered subscription sees jumps', async () => {
    const client = await gw.login('admin');
    const sub = await client.subscribe('player', { player_id: 'p-7' });
    const before = (await gw.hub.publish('player', 'player.login', { player_id: 'p-1', location_id: null })).seq;
    gw.hub.publish('player', 'player.login', { player_id: 'p-7', location_id: null });
    gw.hub.publish('player', 'player.login', { player_id: 'p-2', location_id: null });
    gw.hub.publish('player', 'player.login', { player_id: 'p-7', location_id: null });
    gw.hub.publish('jackpots', 'jackpot.opt_in', { instance_id: 'j', player_id: 'p-7', opted_in: true });
    await client.waitFor((f) => f.type === 'event' && f.seq === before + 3);
    expect(client.events(sub.subscription_id).map((e) => e.seq)).toEqual([before + 1, before + 3]);
    await client.close();
  });

  it('gives an event without an id a stable hash id and a current ts', async () => {
    const a = await gw.hub.publish('game', 'bet.placed', { round_id: 'r-1', amount: 1 });
    const b = await gw.hub.publish('game', 'bet.placed', { round_id: 'r-1', amount: 1 });
    const c = await gw.hub.publish('game', 'bet.placed', { round_id: 'r-2', amount: 1 });
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(Math.abs(Date.parse(a.ts) - Date.now())).toBeLessThan(5000);
  });

  it('applies every game filter', async () => {
    const client = await gw.login('admin');
    const cases = [
      [{ device_ids: ['d1', 'd2'] }, [1, 2]],
      [{ game_id: 'g2' }, [2]],
      [{ min_amount: 100 }, [3]],
      [{ events: ['round.won'] }, [4]],
      [{ location_ids: ['loc-b'], player_id: 'p2' }, [2]],
    ] as const;
    const subs: string[] = [];
    for (const [params] of cases) subs.push((await client.subscribe('game', params)).subscription_id);
    const bet = (n: number, over: object) => ({ round_id: `r${n}`, player_id: 'p1', game_id: 'g1', device_id: 'd9', location_id: 'loc-a', amount: n, currency: 'EUR', ...over });
    await gw.hub.publish('game', 'bet.placed', bet(1, { device_id: 'd1' }));
    await gw.hub.publish('game', 'bet.placed', bet(2, { device_id: 'd2', game_id: 'g2', location_id: 'loc-b', player_id: 'p2' }));
    await gw.hub.publish('game', 'bet.placed', bet(3, { amount: 150 }));
    await gw.hub.publish('game', 'round.won', bet(4, { bet_amount: 1 }));
    await gw.hub.publish('game', 'bet.placed', bet(99, {}));
    // Every event is on the socket before the pong, so every delivery has arrived.
    await client.request({ type: 'ping' });
    cases.forEach(([, expected], i) => {
      expect(client.events(subs[i]).map((e) => Number(e.data.round_id.slice(1)))).toEqual(expected);
    });
    await client.close();
  });

  it('sends a snapshot after the response on stateful channels, filtered, with the channel seq', async () => {
    gw.hub.setSnapshotProvider('system', () => [
      { device_id: 'd1', location_id: 'loc-a', type: 'slot', game_id: null, online: true, changed_at: null },
      { device_id: 'd2', location_id: 'loc-b', type: 'slot', game_id: null, online: false, changed_at: null },
    ]);
    await gw.hub.publish('system', 'device.online', { device_id: 'd1', location_id: 'loc-a', restored_at: 'x' });
    const client = await gw.login('operator');
    const res = await client.subscribe('system', { location_id: 'loc-a' });
    const snapshot = await client.waitForType('snapshot');
    expect(client.frames.indexOf(snapshot)).toBe(client.frames.indexOf(res) + 1);
    const next = await gw.hub.publish('system', 'device.online', { device_id: 'd1', location_id: 'loc-a', restored_at: 'y' });
    expect(snapshot).toEqual({
      type: 'snapshot',
      subscription_id: res.subscription_id,
      channel: 'system',
      seq: next.seq - 1,
      data: [{ device_id: 'd1', location_id: 'loc-a', type: 'slot', game_id: null, online: true, changed_at: null }],
    });
    await client.close();
  });

  it('sends an empty snapshot for a stateful channel with no provider, and none for a stateless one', async () => {
    const client = await gw.login('manager');
    const jackpots = await client.subscribe('jackpots');
    expect(await client.waitForType('snapshot')).toMatchObject({ subscription_id: jackpots.subscription_id, channel: 'jackpots', data: [] });
    await client.subscribe('game');
    await client.request({ type: 'ping' });
    expect(client.frames.filter((f) => f.type === 'snapshot')).toHaveLength(1);
    await client.close();
  });

  it('narrows the alerts snapshot to the locations claim', async () => {
    gw.hub.setSnapshotProvider('alerts', () => [
      { alarm_id: 'a1', severity: 'high', state: 'unacked', location_id: 'loc-a' },
      { alarm_id: 'a2', severity: 'high', state: 'unacked', location_id: 'loc-b' },
    ]);
    const client = await gw.login('operator', { locations: ['loc-b'] });
    await client.subscribe('alerts');
    expect((await client.waitForType('snapshot')).data.map((a: { alarm_id: string }) => a.alarm_id)).toEqual(['a2']);
    await client.close();
  });

  it('lets in-process listeners tap every publish', async () => {
    const seen: string[] = [];
    const stop = gw.hub.onPublish((e) => seen.push(`${e.channel}:${e.seq}`));
    const e = await gw.hub.publish('markets', 'market.changed', { id: 1, op: 'u', info: {} });
    stop();
    await gw.hub.publish('markets', 'market.changed', { id: 1, op: 'u', info: {} });
    expect(seen).toEqual([`markets:${e.seq}`]);
  });
});
