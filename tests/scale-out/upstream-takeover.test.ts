import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { MARKET, SPORT_EVENT, TOURNAMENT, selections } from '../../lib/sources/test-support/exchange-fixtures';
import { envelope } from '../../lib/sources/test-support/ws-harness';
import type { TestClient } from '../support/gateway-harness';
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
    // Like a real exchange after a reconnect, every connection gets the current state again.
    for (const change of REPLAY) ws.send(JSON.stringify(change));
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

/** The state the upstream sends every connection: four entities at their current sequence numbers. */
const REPLAY = [envelope('tournament', 'u', TOURNAMENT), envelope('sport_event', 'u', SPORT_EVENT), envelope('market', 'u', MARKET), envelope('market_selections', 'u', selections(3))];

const exchangeConnected = async (node: GatewayNode) => ((await node.health()).body.sources as Record<string, { connected: boolean }>).exchange.connected;

describe('an upstream source shared by two nodes', () => {
  it('is connected from exactly one node, and taken over within 15 s when that node is killed', async () => {
    await expect.poll(() => open.size, { timeout: 15_000 }).toBe(1);
    const watchers: TestClient[] = [];
    for (const node of nodes) {
      const client = await node.login('manager');
      watchers.push(client);
      // Subscribed once the replay of the first connection is on every node, so what follows is only new events.
      // A precondition, not the contract's bound: on a loaded machine the replay takes a while to reach both
      // nodes' snapshots (each try waits up to 5 s for its snapshot). With the unit files running beside it on
      // two cores, 25 s was once not enough.
      await expect
        .poll(async () => {
          const sub = await client.subscribe('markets');
          const snap = await client.waitFor((f) => f.type === 'snapshot' && f.subscription_id === sub.subscription_id, 5000);
          const kinds = new Set((snap.data as { kind: string }[]).map((i) => i.kind));
          if (['tournament', 'sport_event', 'market', 'selections'].every((k) => kinds.has(k))) return true;
          await client.request({ type: 'unsubscribe', subscription_id: sub.subscription_id });
          return false;
        }, { timeout: 45_000 })
        .toBe(true);
    }
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
    // The new holder got the same state again; the floor published each change once, before the takeover.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const survivor = watchers[nodes.indexOf(other)];
    const published = survivor.frames.filter((f) => f.type === 'event').map((f) => f.event);
    const snapshot = survivor.frames.find((f) => f.type === 'snapshot')!;
    expect(new Set((snapshot.data as { kind: string }[]).map((i) => i.kind))).toEqual(new Set(['market', 'selections', 'sport_event', 'tournament', 'price_history']));
    expect(published).toEqual([]);
  }, 150_000);
});
