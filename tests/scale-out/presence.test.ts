import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisPresenceNode, createRedisPresence } from '../../lib/gateway/presence-redis-node';
import type { Connection } from '../../lib/gateway/connection';
import { type Frame, type Gateway, type TestClient, sleep, startGateway } from '../support/gateway-harness';
import { type TestService, startRedis } from '../support/services';

/*
 * docs/protocol.md §10: with Redis, presence spans nodes. Two gateways on one Redis of the tests' own,
 * clients on both: each user is listed once and announced once per node, whichever node their tabs are on.
 */

let redis: TestService;
const nodes: { gw: Gateway; presence: RedisPresenceNode<Connection> }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  for (const nodeId of ['node-a', 'node-b']) {
    const presence = await createRedisPresence<Connection>({ url: redis.url, nodeId, logger: pino({ level: 'silent' }), ttlMs: 1000 });
    nodes.push({ gw: await startGateway({}, { presence: presence.store }), presence });
  }
}, 30_000);

afterAll(async () => {
  // The composition root's order: the hub first (its connections leave), then presence, then Redis.
  for (const { gw, presence } of nodes) {
    await gw.close();
    await presence.close();
  }
  await redis?.stop();
});

const hall = { channel: 'alerts', params: { location_id: 'loc-a' } };
const presenceOf = (client: TestClient, userId: string) => client.frames.filter((f: Frame) => f.type === 'presence' && f.data.user_id === userId).map((f: Frame) => f.event);

describe('presence across gateway nodes', () => {
  it('lists and announces a user with tabs on both nodes once, and lets them go when their last tab anywhere closes', async () => {
    const [a, b] = nodes.map((n) => n.gw);
    const watchA = await a.login('operator', { user_id: 'u-wa' });
    await watchA.subscribe('alerts', { location_id: 'loc-a' });
    const watchB = await b.login('operator', { user_id: 'u-wb' });
    await watchB.subscribe('alerts', { location_id: 'loc-a' });

    const adaA = await a.login('manager', { user_id: 'u-ada', name: 'Ada' });
    const adaB = await b.login('manager', { user_id: 'u-ada', name: 'Ada' });
    expect(await adaA.request({ type: 'presence_join', ...hall, user_info: { desk: 3 } })).toMatchObject({ type: 'response', success: true });
    expect(await adaB.request({ type: 'presence_join', ...hall, user_info: { desk: 9 } })).toMatchObject({ type: 'response', success: true });
    const bob = await b.login('operator', { user_id: 'u-bob', name: 'Bob' });
    await bob.request({ type: 'presence_join', ...hall });

    for (const watcher of [watchA, watchB]) {
      const joined = await watcher.waitFor((f) => f.type === 'presence' && f.data.user_id === 'u-ada');
      expect(joined).toMatchObject({ event: 'user_joined', params: { location_id: 'loc-a' }, data: { user_info: { name: 'Ada', role: 'manager', desk: 3 } } });
      await watcher.waitFor((f) => f.type === 'presence' && f.data.user_id === 'u-bob');
    }
    for (const node of [a, b]) {
      const watcher = await node.login('operator', { user_id: 'u-list' });
      const list = await watcher.request({ type: 'presence_list', ...hall });
      expect(list.users.map((u: Frame) => u.user_id).sort()).toEqual(['u-ada', 'u-bob']);
      await watcher.close();
    }
    // Ada's tab on A hears Bob of node B; it never hears itself.
    await adaA.waitFor((f) => f.type === 'presence' && f.data.user_id === 'u-bob');

    await adaA.close();
    await sleep(200);
    expect(presenceOf(watchA, 'u-ada')).toEqual(['user_joined']);
    expect(presenceOf(watchB, 'u-ada')).toEqual(['user_joined']);
    await adaB.close();
    for (const watcher of [watchA, watchB]) await watcher.waitFor((f) => f.type === 'presence' && f.event === 'user_left' && f.data.user_id === 'u-ada');
    await sleep(200);
    expect(presenceOf(watchA, 'u-ada')).toEqual(['user_joined', 'user_left']);
    expect(presenceOf(watchB, 'u-ada')).toEqual(['user_joined', 'user_left']);
    expect(presenceOf(adaA, 'u-ada')).toEqual([]);
    expect(presenceOf(bob, 'u-bob')).toEqual([]);
    for (const client of [watchA, watchB, bob]) await client.close();
  }, 20_000);
});
