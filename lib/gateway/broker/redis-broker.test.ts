import pino from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, startRedis } from '../../../tests/support/services';
import { brokerConformance } from './broker.conformance';
import type { Publication } from './broker';
import { RedisBroker } from './redis-broker';

/* The Redis broker on a Redis of the tests' own: the single-process guarantees, then what only nodes sharing one Redis show. */

let redis: TestService;
let floor = 0;
const brokers: RedisBroker[] = [];
const logger = pino({ level: 'silent' });

async function node(prefix: string, nodeId: string, extra: Partial<Parameters<typeof RedisBroker.connect>[0]> = {}): Promise<RedisBroker> {
  const broker = await RedisBroker.connect({ url: redis.url, nodeId, prefix, logger, ...extra });
  brokers.push(broker);
  return broker;
}

const draft = (n: number) => ({ event: 'bet.placed', id: `ev-${n}`, ts: '2026-01-18T14:30:00.000Z', dataJson: JSON.stringify({ n }), fields: { n } });

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);

afterAll(async () => {
  await Promise.all(brokers.map((b) => b.close()));
  await redis?.stop();
});

describe('RedisBroker', () => {
  // Each broker of the suite is a floor of its own (its own prefix), so it starts empty with an epoch of its own.
  brokerConformance((history) => node(`suite-${++floor}`, 'node-a', { history }));

  it('gives nodes of one floor one sequence: each delivers every publication once, in order, with the same seq and epoch', async () => {
    const prefix = `floor-${++floor}`;
    const [a, b, c] = [await node(prefix, 'a'), await node(prefix, 'b'), await node(prefix, 'c')];
    expect(new Set([a.epoch, b.epoch, c.epoch]).size).toBe(1);
    const seen = new Map<string, number[]>([['a', []], ['b', []], ['c', []]]);
    for (const [name, broker] of [['a', a], ['b', b], ['c', c]] as const) broker.onPublication((_, p) => void seen.get(name)!.push(p.seq));
    const published: Publication[] = await Promise.all(Array.from({ length: 30 }, (_, i) => [a, b, c][i % 3].publish('game', draft(i))));
    expect(published.map((p) => p.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await expect.poll(() => seen.get('a')!.length).toBe(30);
    await expect.poll(() => seen.get('b')!.length).toBe(30);
    for (const list of seen.values()) expect(list).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(b.after('game', 25)!.map((e) => e.tail.toString())).toEqual(c.after('game', 25)!.map((e) => e.tail.toString()));
  });

  it('tells other nodes of publications with their data, and not the node that made them', async () => {
    const prefix = `floor-${++floor}`;
    const [a, b] = [await node(prefix, 'a'), await node(prefix, 'b')];
    const remoteAtA: string[] = [];
    const remoteAtB: string[] = [];
    a.onRemote((p) => remoteAtA.push(p.dataJson));
    b.onRemote((p) => remoteAtB.push(p.dataJson));
    await a.publish('cash', draft(1));
    await expect.poll(() => remoteAtB).toEqual(['{"n":1}']);
    expect(remoteAtA).toEqual([]);
  });

  it('loads recent history when a node starts after the publications', async () => {
    const prefix = `floor-${++floor}`;
    const a = await node(prefix, 'a');
    for (let i = 0; i < 5; i++) await a.publish('alerts', draft(i));
    const late = await node(prefix, 'late');
    expect(late.epoch).toBe(a.epoch);
    expect(late.lastSeq('alerts')).toBe(5);
    expect(late.after('alerts', 2)!.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('starts a new epoch when Redis goes back in time and gives a seq twice, and every node adopts it', async () => {
    const prefix = `floor-${++floor}`;
    const [a, b] = [await node(prefix, 'a', { epochCheckMs: 100 }), await node(prefix, 'b', { epochCheckMs: 100 })];
    const changed: string[] = [];
    b.onEpochChange((epoch) => changed.push(epoch));
    for (let i = 0; i < 3; i++) await a.publish('game', draft(i));
    await expect.poll(() => b.lastSeq('game')).toBe(3);
    const old = a.epoch;
    // As after a crash that lost the last writes: the counter is back at 1, the epoch kept.
    const raw = createClient({ url: redis.url });
    await raw.connect();
    await raw.hSet(`${prefix}:meta`, 'seq:game', '1');
    await raw.close();
    void a.publish('game', draft(9)).catch(() => {});
    await expect.poll(() => changed.length, { timeout: 5000 }).toBe(1);
    expect(b.epoch).not.toBe(old);
    await expect.poll(() => a.epoch, { timeout: 5000 }).toBe(b.epoch);
    expect(b.lastSeq('game')).toBe(0);
  });

  it('waits for a node to catch up with a seq another node gave', async () => {
    const prefix = `floor-${++floor}`;
    const [a, b] = [await node(prefix, 'a'), await node(prefix, 'b')];
    const { seq } = await a.publish('kpis', draft(1));
    expect(await b.reach('kpis', seq, 2000)).toBe(true);
    expect(b.lastSeq('kpis')).toBe(seq);
    expect(await b.reach('kpis', seq + 1, 50)).toBe(false);
  });
});
