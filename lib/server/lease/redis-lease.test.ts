import pino from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, servicesAvailable, startRedis } from '../../../tests/support/services';
import { createLease } from './create-lease';
import type { Lease, LeaseChange } from './lease';
import { leaseConformance, until, watch } from './lease.conformance';
import { RedisLease, type RedisLeaseClient } from './redis-lease';

/* Leases on a real Redis of the tests' own, with a 1 s hold renewed every 200 ms: several nodes competing for one duty. */

const logger = pino({ level: 'silent' });
const TTL = 1_000;
const INTERVAL = 200;
let redis: TestService;
let client: ReturnType<typeof createClient>;
let names = 0;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = (name: string) => `fm:lease:test:${name}`;

/** A lease of `name` for node `nodeId` on `redis` (the shared client unless given), closed after the tests. */
function leaseOf(name: string, nodeId: string, redisClient: RedisLeaseClient = client): RedisLease {
  const lease = new RedisLease(redisClient, { name, nodeId, logger, ttlMs: TTL, intervalMs: INTERVAL, namespace: 'test' });
  closing.push(() => lease.close());
  return lease;
}

/** A node of its own: a lease on a Redis connection of its own, and a way to die without a word. */
async function nodeOf(name: string, nodeId: string): Promise<{ lease: RedisLease; changes: LeaseChange[]; kill(): void }> {
  const own = createClient({ url: redis.url });
  own.on('error', () => undefined);
  await own.connect();
  const lease = leaseOf(name, nodeId, own);
  return { lease, changes: watch(lease), kill: () => own.destroy() };
}

const holders = (leases: Lease[]) => leases.filter((l) => l.token !== null);

describe.skipIf(!servicesAvailable().redis)('RedisLease', () => {
  leaseConformance(() => leaseOf(`suite-${++names}`, 'n1'), TTL);

  it('is held by exactly one of three nodes', async () => {
    const name = `three-${++names}`;
    const leases = ['n1', 'n2', 'n3'].map((node) => leaseOf(name, node));
    for (const lease of leases) lease.start();
    await until(() => holders(leases).length > 0, TTL);
    for (let i = 0; i < 10; i++) {
      expect(holders(leases)).toHaveLength(1);
      await sleep(INTERVAL / 2);
    }
    expect(await client.get(key(name))).toMatch(/^n[123]\//);
  });

  it('hands over within one try interval when the holder closes', async () => {
    const name = `handover-${++names}`;
    const leases = ['n1', 'n2', 'n3'].map((node) => leaseOf(name, node));
    for (const lease of leases) lease.start();
    await until(() => holders(leases).length > 0, TTL);
    const [holder] = holders(leases);
    const token = holder.token!;
    await holder.close();
    const closedAt = Date.now();
    await until(() => holders(leases).length > 0, INTERVAL + 100);
    expect(Date.now() - closedAt).toBeLessThanOrEqual(INTERVAL + 100);
    expect(holders(leases)).toHaveLength(1);
    expect(holders(leases)[0].token!).toBeGreaterThan(token);
  });

  it('is taken over, with greater tokens, each time its holder dies without releasing it', async () => {
    const name = `deaths-${++names}`;
    const nodes = await Promise.all(['n1', 'n2', 'n3'].map((node) => nodeOf(name, node)));
    const alive = new Set(nodes);
    const tokens: number[] = [];
    for (let death = 0; death < 2; death++) {
      await until(() => [...alive].some((n) => n.lease.token !== null), 2 * TTL);
      const holder = [...alive].find((n) => n.lease.token !== null)!;
      tokens.push(holder.lease.token!);
      holder.kill();
      alive.delete(holder);
      const diedAt = Date.now();
      await until(() => [...alive].some((n) => n.lease.token !== null), TTL + 2 * INTERVAL + 500);
      // With the defaults (10 s, every 2 s) this is at most 12 s: docs/protocol.md §10 allows 15.
      expect(Date.now() - diedAt).toBeLessThan(TTL + INTERVAL + 300);
    }
    tokens.push([...alive][0].lease.token!);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    expect(new Set(tokens).size).toBe(3);
    const all = nodes.flatMap((n) => n.changes).filter((c): c is { held: true; token: number } => c.held);
    expect(new Set(all.map((c) => c.token)).size).toBe(all.length);
  });

  it('declares itself lost while its hold still stands in Redis when its commands stop being answered', async () => {
    const name = `hang-${++names}`;
    let hang = false;
    const hanging: RedisLeaseClient = { eval: (script, options) => (hang ? new Promise(() => undefined) : client.eval(script, options)) };
    const lease = leaseOf(name, 'n1', hanging);
    const changes = watch(lease);
    await until(() => lease.token !== null, TTL);
    let pttlAtLoss: Promise<number> | null = null;
    lease.onChange((change) => {
      if (!change.held) pttlAtLoss = client.pTTL(key(name));
    });
    hang = true;
    const cutAt = Date.now();
    await until(() => lease.token === null, TTL);
    expect(Date.now() - cutAt).toBeLessThan(TTL);
    expect(changes.at(-1)).toEqual({ held: false, reason: 'expired' });
    expect(await pttlAtLoss!).toBeGreaterThan(0);
    // A call never answered is given up after a ttl; once Redis answers again the node competes again.
    hang = false;
    await until(() => lease.token !== null, TTL + 2 * INTERVAL + 300);
    expect(lease.token!).toBeGreaterThan((changes[0] as { token: number }).token);
  });

  it('wins its lease straight back, with a new token, when a renewal it gave up on reaches Redis late', async () => {
    const name = `late-${++names}`;
    let gate = false;
    let held: (() => void) | null = null;
    const gated: RedisLeaseClient = {
      eval(script, options) {
        if (!gate) return client.eval(script, options);
        gate = false;
        return new Promise((resolve, reject) => (held = () => void client.eval(script, options).then(resolve, reject)));
      },
    };
    const lease = leaseOf(name, 'n1', gated);
    const changes = watch(lease);
    await until(() => lease.token !== null, TTL);
    const first = lease.token!;
    gate = true;
    await until(() => lease.token === null, TTL);
    const lostAt = Date.now();
    held!();
    await until(() => lease.token !== null, TTL);
    // Without winning back its own lease it would wait for the late renewal's hold to run out (a whole ttl).
    expect(Date.now() - lostAt).toBeLessThan(TTL / 2);
    expect(lease.token!).toBeGreaterThan(first);
    expect(changes.map((c) => (c.held ? 'held' : c.reason))).toEqual(['held', 'expired', 'held']);
  });

  it('stops believing before its hold runs out while Redis pauses it, and one node holds once Redis answers again', async () => {
    const name = `pause-${++names}`;
    const nodes = await Promise.all(['n1', 'n2'].map((node) => nodeOf(name, node)));
    await until(() => nodes.some((n) => n.lease.token !== null), TTL);
    const holder = nodes.find((n) => n.lease.token !== null)!;
    const token = holder.lease.token!;
    await client.sendCommand(['CLIENT', 'PAUSE', String(2 * TTL), 'WRITE']);
    const pausedAt = Date.now();
    await until(() => holder.lease.token === null, TTL);
    expect(Date.now() - pausedAt).toBeLessThan(TTL);
    await until(() => nodes.some((n) => n.lease.token !== null), 3 * TTL);
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(2 * TTL - 50);
    expect(nodes.filter((n) => n.lease.token !== null)).toHaveLength(1);
    expect(nodes.find((n) => n.lease.token !== null)!.lease.token!).toBeGreaterThan(token);
  });

  it('is shared by the nodes given a Redis client by createLease, and always held by a node without one', async () => {
    const name = `created-${++names}`;
    const make = (nodeId: string, redisClient: RedisLeaseClient | null) => {
      const lease = createLease(name, { redis: redisClient, nodeId, logger, namespace: 'test', ttlMs: TTL, intervalMs: INTERVAL });
      closing.push(() => lease.close());
      lease.start();
      return lease;
    };
    const shared = [make('n1', client), make('n2', client)];
    const embedded = [make('n1', null), make('n2', null)];
    await until(() => holders(shared).length > 0, TTL);
    await sleep(INTERVAL);
    expect(holders(shared)).toHaveLength(1);
    expect(holders(embedded)).toHaveLength(2);
  });

  it('refuses timings under which a holder could not renew before it declares itself lost', () => {
    expect(() => new RedisLease(client, { name: 'x', nodeId: 'n1', logger, ttlMs: 1_000, intervalMs: 900 })).toThrow(/shorter than ttl/);
  });
});
