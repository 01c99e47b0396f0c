import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, sleep, startGateway } from '../support/gateway-harness';

describe('presence', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('announces joins to others in the scope and user_left only after the last connection goes', async () => {
    const ada1 = await gw.login('manager', { user_id: 'u-ada', name: 'Ada' });
    const ada2 = await gw.login('manager', { user_id: 'u-ada', name: 'Ada' });
    const bob = await gw.login('operator', { user_id: 'u-bob', name: 'Bob' });
    const elsewhere = await gw.login('operator', { user_id: 'u-eve' });
    await elsewhere.subscribe('alerts', { location_id: 'loc-b' });
    const watcher = await gw.login('operator', { user_id: 'u-wat' });
    await watcher.subscribe('alerts', { location_id: 'loc-a' });

    expect(await bob.request({ type: 'presence_join', channel: 'alerts', params: { location_id: 'loc-a' } })).toMatchObject({ type: 'response', success: true });
    const join = { type: 'presence_join', channel: 'alerts', params: { location_id: 'loc-a' }, user_info: { name: 'Ada', role: 'manager', desk: 3 } };
    expect(await ada1.request(join)).toMatchObject({ type: 'response', success: true });
    expect(await ada2.request(join)).toMatchObject({ type: 'response', success: true });

    const joined = await bob.waitFor((f) => f.type === 'presence' && f.event === 'user_joined');
    expect(joined).toMatchObject({ type: 'presence', event: 'user_joined', channel: 'alerts', data: { user_id: 'u-ada', user_info: { name: 'Ada', role: 'manager', desk: 3 }, joined_at: expect.any(String) } });
    expect(await watcher.waitFor((f) => f.type === 'presence' && f.data.user_id === 'u-ada')).toMatchObject({ event: 'user_joined' });
    await watcher.waitFor((f) => f.type === 'presence' && f.data.user_id === 'u-bob');

    const list = await watcher.request({ type: 'presence_list', channel: 'alerts', params: { location_id: 'loc-a' } });
    expect(list).toMatchObject({ type: 'presence_list_response', channel: 'alerts' });
    expect(list.users.map((u: { user_id: string }) => u.user_id).sort()).toEqual(['u-ada', 'u-bob']);
    expect(list.users.find((u: { user_id: string }) => u.user_id === 'u-bob').user_info).toEqual({ name: 'Bob', role: 'operator' });

    await ada1.close();
    expect(await bob.quiet(150, (f) => f.type === 'presence' && f.event === 'user_left')).toEqual([]);
    await ada2.close();
    expect(await bob.waitFor((f) => f.type === 'presence' && f.event === 'user_left')).toMatchObject({ channel: 'alerts', data: { user_id: 'u-ada' } });
    await watcher.waitFor((f) => f.type === 'presence' && f.event === 'user_left');

    await bob.request({ type: 'presence_leave', channel: 'alerts', params: { location_id: 'loc-a' } });
    expect(await watcher.waitFor((f) => f.event === 'user_left' && f.data.user_id === 'u-bob')).toBeTruthy();
    expect((await watcher.request({ type: 'presence_list', channel: 'alerts', params: { location_id: 'loc-a' } })).users).toEqual([]);

    await sleep(50);
    expect(elsewhere.frames.filter((f) => f.type === 'presence')).toEqual([]);
    expect(bob.frames.filter((f) => f.type === 'presence' && f.data.user_id === 'u-bob')).toEqual([]);
  });

  it('applies channel permissions and location claims to presence', async () => {
    const sb = await gw.login('sportsbook');
    expect(await sb.request({ type: 'presence_join', channel: 'alerts' })).toMatchObject({ code: 'unauthorized', required_permission: 'alerts.read' });
    expect(await sb.request({ type: 'presence_list', channel: 'nope' })).toMatchObject({ code: 'channel_not_found' });
    const scoped = await gw.login('operator', { locations: ['loc-a'] });
    expect(await scoped.request({ type: 'presence_join', channel: 'game', params: { location_id: 'loc-b' } })).toMatchObject({ code: 'unauthorized' });
  });
});
