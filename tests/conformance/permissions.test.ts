import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, TestClient, startGateway } from '../support/gateway-harness';

/** docs/protocol.md §2, written out by hand so the test fails if the code drifts from the table. */
const MATRIX = {
  operator: { game: true, cash: true, player: true, system: true, alerts: true, jackpots: true, markets: false, notifications: true },
  manager: { game: true, cash: true, player: true, system: true, alerts: true, jackpots: true, markets: true, notifications: true },
  sportsbook: { game: false, cash: false, player: false, system: false, alerts: false, jackpots: false, markets: true, notifications: true },
  admin: { game: true, cash: true, player: true, system: true, alerts: true, jackpots: true, markets: true, notifications: true },
} as const;

describe('role × channel permissions', () => {
  let gw: Gateway;
  const clients: Record<string, TestClient> = {};
  beforeAll(async () => {
    gw = await startGateway();
    for (const role of Object.keys(MATRIX) as (keyof typeof MATRIX)[]) clients[role] = await gw.login(role);
  });
  afterAll(() => gw.close());

  for (const [role, channels] of Object.entries(MATRIX)) {
    for (const [channel, allowed] of Object.entries(channels)) {
      it(`${role} ${allowed ? 'may' : 'may not'} subscribe to ${channel}`, async () => {
        const answer = await clients[role].request({ type: 'subscribe', channel });
        if (allowed) {
          expect(answer).toMatchObject({ type: 'response', success: true, channel });
        } else {
          expect(answer).toMatchObject({ type: 'error', code: 'unauthorized', channel, required_permission: `${channel}.read`, message: expect.any(String) });
        }
      });
    }
  }
});

describe('subscriptions stay inside the token', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('lets a non-admin read only their own notifications, and an admin anyone’s', async () => {
    const op = await gw.login('operator', { user_id: 'u-op' });
    expect(await op.request({ type: 'subscribe', channel: 'notifications', params: { user_id: 'u-op' } })).toMatchObject({ type: 'response' });
    expect(await op.request({ type: 'subscribe', channel: 'notifications', params: { user_id: 'u-boss' } })).toMatchObject({
      type: 'error',
      code: 'unauthorized',
      channel: 'notifications',
      required_permission: 'notifications.read',
    });
    const admin = await gw.login('admin', { user_id: 'u-admin' });
    expect(await admin.request({ type: 'subscribe', channel: 'notifications', params: { user_id: 'u-op' } })).toMatchObject({ type: 'response' });
  });

  it('delivers notifications without user_id only for the own user', async () => {
    const op = await gw.login('operator', { user_id: 'u-me' });
    const sub = await op.subscribe('notifications');
    gw.hub.publish('notifications', 'notification.message', { user_id: 'u-other', title: 'x', body: 'not yours' });
    gw.hub.publish('notifications', 'notification.message', { user_id: 'u-me', title: 'x', body: 'yours' });
    const event = await op.waitForType('event');
    expect(event).toMatchObject({ subscription_id: sub.subscription_id, data: { body: 'yours' } });
    expect(op.events()).toHaveLength(1);
  });

  it('refuses a location outside the locations claim', async () => {
    const op = await gw.login('operator', { locations: ['loc-a', 'loc-b'] });
    expect(await op.request({ type: 'subscribe', channel: 'game', params: { location_id: 'loc-a' } })).toMatchObject({ type: 'response' });
    expect(await op.request({ type: 'subscribe', channel: 'game', params: { location_id: 'loc-z' } })).toMatchObject({
      type: 'error',
      code: 'unauthorized',
      channel: 'game',
      message: expect.stringContaining('loc-z'),
    });
    expect(await op.request({ type: 'subscribe', channel: 'cash', params: { location_ids: ['loc-b', 'loc-y'] } })).toMatchObject({ code: 'unauthorized' });
  });

  it('gives a user with a locations claim and no filter only events of their locations', async () => {
    const op = await gw.login('operator', { locations: ['loc-a'] });
    const sub = await op.subscribe('game');
    gw.hub.publish('game', 'bet.placed', { location_id: 'loc-b', amount: 1 });
    gw.hub.publish('game', 'bet.placed', { location_id: null, amount: 2 });
    gw.hub.publish('game', 'bet.placed', { location_id: 'loc-a', amount: 3 });
    await op.waitFor((f) => f.type === 'event' && f.data.amount === 3);
    expect(op.events(sub.subscription_id).map((e) => e.data.amount)).toEqual([3]);
  });
});
