import pino from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, startRedis } from '../../tests/support/services';
import type { PresenceUser } from '../protocol';
import { RedisPresence } from './presence-redis';
import { type RedisPresenceNode, createRedisPresence } from './presence-redis-node';
import type { PresenceAnnouncement, PresenceScope } from './presence-store';
import { presenceStoreConformance } from './presence-store.conformance';

/* Presence on a real Redis of the tests' own: the suite every store passes, then several nodes sharing one Redis. */

const logger = pino({ level: 'silent' });
let redis: TestService;
let client: ReturnType<typeof createClient>;
let namespace = 0;
const closing: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url });
  await client.connect();
}, 30_000);

afterAll(async () => {
  for (const close of closing.splice(0).reverse()) await close().catch(() => undefined);
  await client?.quit();
  await redis?.stop();
});

describe('RedisPresence', () => {
  presenceStoreConformance(async () => {
    const node: RedisPresenceNode<string> = await createRedisPresence<string>({ client, nodeId: 'n1', logger, namespace: `suite-${++namespace}` });
    closing.push(() => node.close());
    return node.store;
  });
});

const hall: PresenceScope = { channel: 'alerts', location_id: 'loc-a' };
const user = (id: string, at = 't0'): PresenceUser => ({ user_id: id, user_info: { name: id }, joined_at: at });
const ids = (users: PresenceUser[]) => users.map((u) => u.user_id).sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A gateway node as presence sees it: its store, what its listeners heard, and a way to die without a word. */
interface Node {
  store: RedisPresence<string>;
  heard: PresenceAnnouncement[];
  kill(): void;
}

/** Starts a node on its own two Redis connections, as a gateway process would. */
async function startNode(nodeId: string, ns: string, ttlMs = 1000): Promise<Node> {
  const own = createClient({ url: redis.url });
  own.on('error', () => undefined);
  await own.connect();
  const listener = own.duplicate();
  listener.on('error', () => undefined);
  await listener.connect();
  const store = new RedisPresence<string>(own, { nodeId, logger, ttlMs, namespace: ns });
  await listener.subscribe(store.channel, (message) => store.receive(message));
  await store.start();
  const heard: PresenceAnnouncement[] = [];
  store.onAnnouncement((a) => heard.push(a));
  let dead = false;
  const kill = () => {
    if (dead) return;
    dead = true;
    store.stopHeartbeat();
    own.destroy();
    listener.destroy();
  };
  closing.push(async () => {
    if (dead) return;
    await store.retire();
    kill();
  });
  return { store, heard, kill };
}

/** Waits until `check` passes, or fails with its last error after `ms`. */
async function eventually(check: () => Promise<void> | void, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(50);
    }
  }
}

const told = (node: Node, event: string, userId?: string) => node.heard.filter((a) => a.event === event && (userId === undefined || a.user.user_id === userId));

describe('RedisPresence across nodes', () => {
  it('lists a user with tabs on two nodes once, and lets them go only when their last tab anywhere leaves', async () => {
    const ns = `nodes-${++namespace}`;
    const [a, b] = [await startNode('a', ns), await startNode('b', ns)];
    expect(await a.store.join(hall, 'a1', user('ada', 't1'))).toEqual({ first: true, user: user('ada', 't1') });
    expect(await b.store.join(hall, 'b1', user('ada', 't2'))).toEqual({ first: false, user: user('ada', 't1') });
    await b.store.join(hall, 'b2', user('bob'));
    expect(ids(await a.store.list(hall))).toEqual(['ada', 'bob']);
    expect(ids(await b.store.list(hall))).toEqual(['ada', 'bob']);
    expect(await a.store.leave(hall, 'a1', 'ada')).toBeNull();
    expect(ids(await b.store.list(hall))).toEqual(['ada', 'bob']);
    expect(await b.store.leaveAll('b1', 'ada')).toEqual([{ scope: hall, user: user('ada', 't1') }]);
    expect(ids(await a.store.list(hall))).toEqual(['bob']);

    // Each node hears the other's decisions once and never its own.
    await eventually(() => expect(told(a, 'user_joined', 'bob')).toHaveLength(1), 2000);
    await sleep(100);
    expect(a.heard.map((x) => `${x.event}:${x.user.user_id}`)).toEqual(['user_joined:bob', 'user_left:ada']);
    expect(a.heard[1].scope).toEqual(hall);
    expect(b.heard.map((x) => `${x.event}:${x.user.user_id}`)).toEqual(['user_joined:ada']);
  });

  it('takes the users of a killed node out once, announced once on every node, and keeps those still elsewhere', async () => {
    const ns = `nodes-${++namespace}`;
    const [a, b, c] = [await startNode('a', ns), await startNode('b', ns), await startNode('c', ns)];
    await a.store.join(hall, 'a1', user('ada'));
    await b.store.join(hall, 'b1', user('ada'));
    await b.store.join(hall, 'b2', user('bob'));
    await b.store.join({ channel: 'game' }, 'b2', user('bob'));
    await sleep(100);
    b.kill();
    const killedAt = Date.now();
    await eventually(async () => expect(ids(await a.store.list(hall))).toEqual(['ada']), 15_000);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(await c.store.list({ channel: 'game' })).toEqual([]);
    await sleep(1500);
    for (const node of [a, c]) {
      expect(told(node, 'user_left', 'bob').map((x) => x.scope)).toEqual(expect.arrayContaining([hall, { channel: 'game' }]));
      expect(told(node, 'user_left', 'bob')).toHaveLength(2);
      expect(told(node, 'user_left', 'ada')).toEqual([]);
    }
  }, 20_000);

  it('writes back the connections of a node that was swept while alive (a pause, a Redis restart)', async () => {
    const ns = `nodes-${++namespace}`;
    const [a, b] = [await startNode('a', ns), await startNode('b', ns)];
    await b.store.join(hall, 'b1', user('bob'));
    b.store.stopHeartbeat();
    await eventually(async () => expect(await a.store.list(hall)).toEqual([]), 5000);
    // Its next call finds it swept: nothing it did in between is lost, and the others hear bob is back.
    expect((await b.store.join(hall, 'b2', user('cy'))).first).toBe(false);
    await eventually(async () => expect(ids(await a.store.list(hall))).toEqual(['bob', 'cy']), 5000);
    await b.store.start();
    await eventually(() => expect(told(a, 'user_joined', 'bob')).toHaveLength(2), 2000);

    // Redis forgets everything: each node's heartbeat notices and writes its own connections back.
    await client.flushAll();
    await eventually(async () => expect(ids(await a.store.list(hall))).toEqual(['bob', 'cy']), 5000);
    expect(await b.store.leave(hall, 'b1', 'bob')).toEqual(user('bob'));
  }, 20_000);
});

describe('RedisPresence without Redis', () => {
  it('fails calls within its timeout when Redis goes away, and still closes', async () => {
    const lonely = await startRedis();
    const node = await createRedisPresence<string>({ url: lonely.url, nodeId: 'n1', logger, callTimeoutMs: 300 });
    try {
      await node.store.join(hall, 'c1', user('ada'));
      await lonely.stop();
      await expect(node.store.join(hall, 'c2', user('bob'))).rejects.toThrow(/did not answer/);
      await expect(node.store.leaveAll('c1', 'ada')).rejects.toThrow(/did not answer/);
      await expect(node.store.list(hall)).rejects.toThrow(/did not answer/);
      // What the node was told stays its own: the connections are gone here whatever Redis missed.
      expect(node.store.scopeCount('c1')).toBe(0);
      expect(node.store.isJoined(hall, 'c2')).toBe(true);
    } finally {
      const closing = Date.now();
      await node.close();
      expect(Date.now() - closing).toBeLessThan(5000);
      await lonely.stop();
    }
  }, 20_000);
});
