import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, sleep, startGateway } from '../support/gateway-harness';

describe('requests and errors on /v1/ws', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('subscribes with the response shape of docs/protocol.md §7 and unsubscribes', async () => {
    const client = await gw.login('operator');
    const res = await client.request({ type: 'subscribe', id: 'req-001', channel: 'game', params: { location_id: 'loc-main' } });
    expect(res).toEqual({ type: 'response', id: 'req-001', success: true, subscription_id: expect.stringMatching(/^sub-/), channel: 'game', params: { location_id: 'loc-main' } });
    const off = await client.request({ type: 'unsubscribe', id: 'req-002', subscription_id: res.subscription_id });
    expect(off).toEqual({ type: 'response', id: 'req-002', success: true, subscription_id: res.subscription_id, message: 'Unsubscribed successfully' });
    await gw.hub.publish('game', 'bet.placed', { location_id: 'loc-main', amount: 1 });
    expect(await client.quiet(100, (f) => f.type === 'event')).toEqual([]);
    await client.close();
  });

  it('lists subscriptions and removes them all', async () => {
    const client = await gw.login('manager');
    const a = await client.subscribe('game', { location_id: 'loc-a' });
    const b = await client.subscribe('markets', { sport_event_id: 7 });
    const list = await client.request({ type: 'list_subscriptions', id: 'l1' });
    expect(list).toMatchObject({ type: 'subscriptions_list', id: 'l1' });
    expect(list.subscriptions).toEqual([
      { id: a.subscription_id, channel: 'game', params: { location_id: 'loc-a' }, created_at: expect.any(String) },
      { id: b.subscription_id, channel: 'markets', params: { sport_event_id: 7 }, created_at: expect.any(String) },
    ]);
    expect(await client.request({ type: 'unsubscribe_all', id: 'u1' })).toEqual({ type: 'response', id: 'u1', success: true, count: 2 });
    expect((await client.request({ type: 'list_subscriptions' })).subscriptions).toEqual([]);
    await client.close();
  });

  it('answers ping with pong, echoing the id', async () => {
    const client = await gw.login('sportsbook');
    const pong = await client.request({ type: 'ping', id: 42 });
    expect(pong).toEqual({ type: 'pong', id: 42, ts: expect.any(Number) });
    await client.close();
  });

  it('names each bad request with the contract code, a usable message, and keeps the connection', async () => {
    const client = await gw.login('operator');
    const cases: [object, object][] = [
      [{ type: 'subscribe', channel: 'orders' }, { code: 'channel_not_found', message: expect.stringContaining("'orders'") }],
      [{ type: 'subscribe', channel: 'game', params: { station: 'grill' } }, { code: 'invalid_params', channel: 'game', message: expect.stringContaining('station') }],
      [{ type: 'subscribe', channel: 'game', params: { min_amount: 'lots' } }, { code: 'invalid_params', channel: 'game' }],
      [{ type: 'subscribe', channel: 'game', params: { events: ['order.created'] } }, { code: 'invalid_params', channel: 'game' }],
      [{ type: 'subscribe', channel: 'game', params: 'loc-a' }, { code: 'invalid_params', channel: 'game' }],
      [{ type: 'unsubscribe', subscription_id: 'sub-nope' }, { code: 'subscription_not_found', message: expect.stringContaining('sub-nope') }],
      [{ type: 'dance' }, { code: 'invalid_message' }],
      [{ type: 'subscribe', channel: 'markets' }, { code: 'unauthorized', channel: 'markets', required_permission: 'markets.read' }],
    ];
    for (const [frame, expected] of cases) {
      const answer = await client.request(frame);
      expect(answer, JSON.stringify(frame)).toMatchObject({ type: 'error', ...expected });
      expect(answer.message.length).toBeGreaterThan(10);
    }
    client.send('this is not json');
    expect(await client.waitFor((f) => f.code === 'invalid_message' && /JSON/.test(f.message))).toBeTruthy();
    client.send('[1,2,3]');
    client.send('null');
    await sleep(50);
    expect(client.frames.filter((f) => f.code === 'invalid_message').length).toBe(4);
    expect(await client.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await client.close();
  });

  it('stops at 50 subscriptions per connection with current and limit', async () => {
    const client = await gw.login('admin');
    for (let i = 0; i < 50; i++) await client.subscribe('game', { location_id: `loc-${i}` });
    const over = await client.request({ type: 'subscribe', id: 'one-too-many', channel: 'cash' });
    expect(over).toMatchObject({ type: 'error', id: 'one-too-many', code: 'subscription_limit', current: 50, limit: 50, message: expect.any(String) });
    await client.close();
  });

  it('drops frames over 100 per second with rate_limited, and recovers', async () => {
    const client = await gw.login('operator');
    for (let i = 0; i < 150; i++) client.send({ type: 'ping', id: `p${i}` });
    await client.waitFor((f) => f.id === 'p149');
    const pongs = client.frames.filter((f) => f.type === 'pong').length;
    const limited = client.frames.filter((f) => f.code === 'rate_limited');
    expect(pongs).toBeGreaterThanOrEqual(100);
    expect(pongs).toBeLessThan(115);
    expect(limited.length).toBe(150 - pongs);
    expect(limited[0]).toMatchObject({ type: 'error', id: expect.stringMatching(/^p\d+$/), message: expect.any(String) });
    await sleep(1100);
    expect(await client.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await client.close();
  });

  it('closes with 1009 on a frame over 64 KiB', async () => {
    const client = await gw.login('operator');
    client.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(65 * 1024) }));
    expect((await client.closed).code).toBe(1009);
  });

  it('accepts a frame just under 64 KiB', async () => {
    const client = await gw.login('operator');
    const frame = JSON.stringify({ type: 'ping', id: 'big', pad: '' });
    client.send(frame.replace('"pad":""', `"pad":"${'x'.repeat(64 * 1024 - frame.length - 1)}"`));
    expect(await client.waitFor((f) => f.id === 'big')).toMatchObject({ type: 'pong' });
    await client.close();
  });
});
