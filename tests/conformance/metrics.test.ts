import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../support/gateway-harness';

describe('gateway metrics', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const value = async (name: keyof Gateway['metrics'], labels: Record<string, string> = {}) => {
    const metric = gw.metrics[name] as { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> };
    const found = (await metric.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
    return found?.value ?? 0;
  };

  it('counts connections, subscriptions, events in and out, and errors by code', async () => {
    const a = await gw.login('operator');
    const b = await gw.login('operator');
    expect(await value('connections')).toBe(2);
    await a.subscribe('cash');
    await b.subscribe('cash');
    await b.subscribe('cash', { location_id: 'loc-z' });
    expect(await value('subscriptions', { channel: 'cash' })).toBe(3);
    gw.hub.publish('cash', 'cash.withdraw', { player_id: 'p', amount: 1, currency: 'EUR', method: null, location_id: 'loc-a' });
    await a.waitForType('event');
    expect(await value('eventsPublished', { channel: 'cash' })).toBe(1);
    expect(await value('eventsOut', { channel: 'cash' })).toBe(2);
    await a.request({ type: 'subscribe', channel: 'nowhere' });
    expect(await value('wsErrors', { code: 'channel_not_found' })).toBe(1);
    await b.close();
    for (let i = 0; i < 50 && gw.hub.connectionCount() > 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await value('connections')).toBe(1);
    expect(await value('subscriptions', { channel: 'cash' })).toBe(1);
    await a.close();
  });
});
