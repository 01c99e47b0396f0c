import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { type TestService, startPostgres, startRedis } from '../support/services';
import { type GatewayNode, startNode } from './support/gateway-node';

/*
 * docs/protocol.md §10: each upstream source is connected from exactly one node at a time; when that node
 * dies, another takes it over within 15 s. Two nodes share one Redis; the upstream is an exchange-format
 * WebSocket of the test's own that counts who is connected.
 */

let redis: TestService;
let postgres: TestService;
let upstream: WebSocketServer;
let nodes: GatewayNode[] = [];
/** Open upstream connections, by the node that opened them (its port, seen in the request). */
const open = new Set<object>();
let connectsSeen = 0;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  upstream = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => upstream.once('listening', () => resolve()));
  upstream.on('connection', (ws) => {
    connectsSeen++;
    open.add(ws);
    ws.on('close', () => open.delete(ws));
    ws.on('error', () => {});
  });
  const url = `ws://127.0.0.1:${(upstream.address() as AddressInfo).port}/exchange`;
  const env = { REDIS_URL: redis.url, DATABASE_URL: postgres.url, EXCHANGE_WS_URL: url };
  nodes = await Promise.all(['lease-a', 'lease-b'].map((id) => startNode(id, env)));
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  for (const ws of upstream?.clients ?? []) ws.terminate();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  await Promise.all([redis?.stop(), postgres?.stop()]);
}, 60_000);

const exchangeConnected = async (node: GatewayNode) => ((await node.health()).body.sources as Record<string, { connected: boolean }>).exchange.connected;

describe('an upstream source shared by two nodes', () => {
  it('is connected from exactly one node, and taken over within 15 s when that node is killed', async () => {
    await expect.poll(() => open.size, { timeout: 15_000 }).toBe(1);
    // A while later, still only one node holds it.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(open.size).toBe(1);
    const states = await Promise.all(nodes.map(exchangeConnected));
    expect(states.filter(Boolean)).toHaveLength(1);
    const holder = nodes[states.indexOf(true)];
    const other = nodes.find((n) => n !== holder)!;

    const killedAt = Date.now();
    holder.kill();
    await expect.poll(() => exchangeConnected(other), { timeout: 15_000, interval: 250 }).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    await expect.poll(() => open.size, { timeout: 5000 }).toBe(1);
    expect(connectsSeen).toBe(2);
  }, 60_000);
});
