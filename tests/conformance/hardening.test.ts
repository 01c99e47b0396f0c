import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type Frame, type Gateway, type TestClient, sleep, startGateway } from '../support/gateway-harness';

const nested = (depth: number): unknown => (depth === 0 ? {} : { a: nested(depth - 1) });
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;

/** Opens a socket and resolves with the HTTP status of a refused upgrade, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

describe('a client cannot stop the gateway or disturb others', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ maxSnapshotPartBytes: 16 * 1024 });
  });
  afterAll(() => gw.close());

  it('answers a frame nested deeper than 32 levels with invalid_message and survives the close that follows', async () => {
    const watcher = await gw.login('operator', { user_id: 'u-watch' });
    const live = await watcher.subscribe('game');
    const attacker = await gw.login('operator', { user_id: 'u-deep' });
    attacker.send(`{"type":"presence_join","id":"deep","channel":"game","user_info":${deepJson(4200)}}`);
    expect(await attacker.waitFor((f) => f.id === 'deep')).toMatchObject({ type: 'error', code: 'invalid_message' });
    expect(await attacker.request({ type: 'presence_join', channel: 'game', user_info: nested(3) })).toMatchObject({ type: 'error', code: 'invalid_params' });
    await attacker.close();
    const e = await gw.hub.publish('game', 'bet.placed', { round_id: 'r-after', location_id: 'loc-a', amount: 5 });
    expect(await watcher.waitFor((f) => f.type === 'event' && f.seq === e.seq)).toMatchObject({ subscription_id: live.subscription_id });
    await watcher.close();
  });

  it('ends only the failing connection, with 1011, when handling a frame throws', async () => {
    const bystander = await gw.login('operator', { user_id: 'u-by' });
    await bystander.subscribe('game');
    const victim = await gw.login('operator', { user_id: 'u-victim' });
    gw.hub.setLocationDirectory(() => {
      throw new Error('floor lookup failed');
    });
    victim.send({ type: 'presence_join', id: 'boom', channel: 'game', params: { location_id: 'loc-a' } });
    expect((await victim.closed).code).toBe(1011);
    gw.hub.setLocationDirectory(() => true);
    const e = await gw.hub.publish('game', 'bet.placed', { round_id: 'r-by', location_id: 'loc-a', amount: 1 });
    await bystander.waitFor((f) => f.type === 'event' && f.seq === e.seq);
    await bystander.close();
  });
});

describe('presence tells the truth and stays bounded', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
    gw.hub.setLocationDirectory((id) => /^loc-[a-l]$/.test(id));
  });
  afterAll(() => gw.close());

  it('takes name and role from the token whatever the client claims', async () => {
    const bob = await gw.login('operator', { user_id: 'u-bob', name: 'Bob' });
    const eve = await gw.login('operator', { user_id: 'u-eve', name: 'Eve' });
    await bob.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-a' } });
    const answer = await eve.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-a' }, user_info: { name: 'Floor Director', role: 'admin', desk: 4 } });
    expect(answer).toMatchObject({ type: 'response', success: true });
    const joined = await bob.waitFor((f) => f.type === 'presence' && f.data.user_id === 'u-eve');
    expect(joined.data.user_info).toEqual({ name: 'Eve', role: 'operator', desk: 4 });
    const list = await bob.request({ type: 'presence_list', channel: 'game', params: { location_id: 'loc-a' } });
    expect(list.users.find((u: Frame) => u.user_id === 'u-eve').user_info).toMatchObject({ name: 'Eve', role: 'operator' });
    await bob.close();
    await eve.close();
  });

  it('refuses locations not on the floor, user_info over 1 KiB, and an eleventh scope', async () => {
    const ann = await gw.login('manager', { user_id: 'u-ann' });
    expect(await ann.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-zz' } })).toMatchObject({ type: 'error', code: 'invalid_params' });
    expect(await ann.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-a' }, user_info: { pad: 'x'.repeat(1100) } })).toMatchObject({
      type: 'error',
      code: 'invalid_params',
    });
    const locations = 'abcdefghij'.split('').map((c) => `loc-${c}`);
    for (const location_id of locations) {
      expect(await ann.request({ type: 'presence_join', channel: 'game', params: { location_id } })).toMatchObject({ type: 'response', success: true });
    }
    // Joining a scope it is already in is not a new one.
    expect(await ann.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-a' } })).toMatchObject({ type: 'response', success: true });
    expect(await ann.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-k' } })).toMatchObject({ type: 'error', code: 'presence_limit', current: 10, limit: 10 });
    await ann.request({ type: 'presence_leave', channel: 'game', params: { location_id: 'loc-a' } });
    expect(await ann.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-k' } })).toMatchObject({ type: 'response', success: true });
    await ann.close();
  });
});

describe('a refreshed token applies at once', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const bet = (location_id: string, round_id: string) => gw.hub.publish('game', 'bet.placed', { round_id, location_id, amount: 1 });

  it('ends subscriptions the new role may not read, naming them', async () => {
    const mia = await gw.login('manager', { user_id: 'u-mia' });
    const game = await mia.subscribe('game');
    const markets = await mia.subscribe('markets');
    const refreshed = await mia.request({ type: 'auth', token: await gw.token('sportsbook', { user_id: 'u-mia', locations: ['loc-a'] }) });
    expect(refreshed).toMatchObject({ type: 'response', success: true });
    expect(mia.frames.find((f) => f.type === 'error' && f.subscription_id === game.subscription_id)).toMatchObject({
      code: 'unauthorized',
      channel: 'game',
      message: expect.any(String),
    });
    const before = mia.events().length;
    await bet('loc-a', 'r-1');
    await sleep(100);
    expect(mia.events().length).toBe(before);
    const list = await mia.request({ type: 'list_subscriptions' });
    expect(list.subscriptions.map((s: Frame) => s.id)).toEqual([markets.subscription_id]);
    await mia.close();
  });

  it('narrows the rest to the new locations', async () => {
    const max = await gw.login('manager', { user_id: 'u-max' });
    const all = await max.subscribe('game');
    const onlyB = await max.subscribe('game', { location_id: 'loc-b' });
    await max.request({ type: 'auth', token: await gw.token('manager', { user_id: 'u-max', locations: ['loc-a'] }) });
    expect(max.frames.find((f) => f.type === 'error' && f.subscription_id === onlyB.subscription_id)).toMatchObject({ code: 'unauthorized' });
    const seen = (c: TestClient) => c.events(all.subscription_id).map((f) => f.data.round_id);
    bet('loc-b', 'r-b');
    const a = await bet('loc-a', 'r-a');
    await max.waitFor((f) => f.type === 'event' && f.seq === a.seq);
    expect(seen(max)).toEqual(['r-a']);
    await max.close();
  });
});

describe('snapshots in parts', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ maxSnapshotPartBytes: 64 * 1024 });
  });
  afterAll(() => gw.close());

  it('sends a snapshot larger than the part limit as numbered parts, then the events it missed, in order', async () => {
    const alarms = Array.from({ length: 3000 }, (_, i) => ({ alarm_id: `a-${i}`, state: 'unacked', location_id: 'loc-a', message: `Terminal T-${i} offline` }));
    gw.hub.setSnapshotProvider('alerts', () => alarms);
    const client = await gw.login('manager', { user_id: 'u-parts' });
    const publishing = setInterval(() => gw.hub.publish('alerts', 'alarm.updated', { alarm_id: 'a-1', location_id: 'loc-a', count: 2 }), 1);
    const sub = await client.subscribe('alerts');
    const parts: Frame[] = [];
    await client.waitFor((f) => {
      if (f.type === 'snapshot') parts.push(f);
      return f.type === 'snapshot' && f.part === f.parts;
    }, 10_000);
    await sleep(50);
    clearInterval(publishing);
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(part).toMatchObject({ subscription_id: sub.subscription_id, channel: 'alerts', part: i + 1, parts: parts.length, seq: parts[0].seq });
      expect(JSON.stringify(part).length).toBeLessThanOrEqual(64 * 1024);
    }
    expect(parts.flatMap((p) => p.data)).toEqual(alarms);
    const lastPart = client.frames.indexOf(parts.at(-1)!);
    const events = client.events(sub.subscription_id);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(client.frames.indexOf(e)).toBeGreaterThan(lastPart);
    const seqs = events.map((e) => e.seq);
    expect(seqs[0]).toBe(parts[0].seq + 1);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    await client.close();
  });

  it('delivers a snapshot far over the slow-consumer limit whole, without cutting the reader', async () => {
    const big = await startGateway();
    const pad = 'x'.repeat(300);
    // 12 MB: past the 8 MiB slow-consumer limit on its own.
    const alarms = Array.from({ length: 36_000 }, (_, i) => ({ alarm_id: `a-${i}`, location_id: 'loc-a', message: `Terminal T-${i} offline ${pad}` }));
    big.hub.setSnapshotProvider('alerts', () => alarms);
    const client = await big.login('manager');
    expect(await client.request({ type: 'subscribe', channel: 'alerts' }, 20_000)).toMatchObject({ type: 'response', success: true });
    const last = await client.waitFor((f) => f.type === 'snapshot' && f.part === f.parts, 20_000);
    const parts = client.frames.filter((f) => f.type === 'snapshot');
    expect(last.parts).toBeGreaterThanOrEqual(11);
    expect(parts.reduce((n, p) => n + p.data.length, 0)).toBe(36_000);
    expect(await client.request({ type: 'ping' }, 10_000)).toMatchObject({ type: 'pong' });
    expect((await big.metrics.slowConsumerDisconnects.get()).values[0]?.value ?? 0).toBe(0);
    await big.close();
  }, 60_000);
});

describe('connection limits and origins', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ maxConnectionsPerUser: 2, allowedOrigins: ['https://wall.example'] });
  });
  afterAll(() => gw.close());

  it('refuses a user\'s connection past the limit with too_many_connections and 4429', async () => {
    const first = await gw.login('operator', { user_id: 'u-many' });
    await gw.login('operator', { user_id: 'u-many' });
    const third = await gw.connect({ token: await gw.token('operator', { user_id: 'u-many' }) });
    expect(await third.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'too_many_connections', current: 2, limit: 2 });
    expect((await third.closed).code).toBe(4429);
    expect(await (await gw.login('operator', { user_id: 'u-other' })).request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await first.close();
    await sleep(50);
    const again = await gw.login('operator', { user_id: 'u-many' });
    expect(await again.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
  });

  it('refuses upgrades from origins not allowed with 403, and lets services without Origin in', async () => {
    expect(await upgradeStatus(gw.url, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(gw.url, { Origin: 'https://wall.example' })).toBe(101);
    expect(await upgradeStatus(gw.url, {})).toBe(101);
  });
});
