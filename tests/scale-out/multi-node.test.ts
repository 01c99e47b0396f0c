import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, TestClient } from '../support/gateway-harness';
import { type TestService, startPostgres, startRedis } from '../support/services';
import { type GatewayNode, startNode } from './support/gateway-node';

/*
 * docs/protocol.md §10: three gateway nodes on one Redis and one PostgreSQL of the tests' own. Events
 * ingested at any node reach every node's subscribers with one seq and epoch; a client resumes on
 * another node without loss; a Redis that lost its data changes the epoch and nobody is told they recovered.
 */

let redis: TestService & { restart(): Promise<void> };
let postgres: TestService;
let nodes: GatewayNode[] = [];
let round = 0;

const bet = () => {
  round++;
  return {
    event: 'gameround',
    data: { unique_id: `mn-bet-${round}`, timestamp: new Date().toISOString(), player_id: `p-${round}`, game_id: 'GD8', round_id: `mn-r-${round}`, amount: round, currency: 'EUR', is_win: false, is_bonus: false },
  };
};

const eventsOf = (client: TestClient, subscriptionId: string) => client.events(subscriptionId);
const welcomeEpoch = (client: TestClient) => client.frames.find((f: Frame) => f.type === 'welcome')!.epoch as string;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const env = { REDIS_URL: redis.url, DATABASE_URL: postgres.url };
  nodes = await Promise.all(['node-a', 'node-b', 'node-c'].map((id) => startNode(id, env)));
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await Promise.all([redis?.stop(), postgres?.stop()]);
}, 60_000);

describe('three gateway nodes on one Redis', () => {
  it('says in health which node answers and on which engines', async () => {
    for (const node of nodes) {
      const { status, body } = await node.health();
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok', node_id: node.nodeId, engine: 'redis', database: 'postgres' });
      const metrics = await (await fetch(`${node.base}/api/metrics`)).text();
      expect(metrics).toContain(`floor_ws_connections{node_id="${node.nodeId}"}`);
    }
  });

  it('delivers an event ingested at C to subscribers on A and B with the same seq and epoch', async () => {
    const [a, b, c] = nodes;
    const atA = await a.login('operator');
    const atB = await b.login('operator');
    const subA = await atA.subscribe('game');
    const subB = await atB.subscribe('game');
    expect(welcomeEpoch(atA)).toBe(welcomeEpoch(atB));
    expect(await c.ingest([bet(), bet()])).toBe(204);
    await expect.poll(() => eventsOf(atA, subA.subscription_id).length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => eventsOf(atB, subB.subscription_id).length, { timeout: 5000 }).toBe(2);
    const seqsA = eventsOf(atA, subA.subscription_id).map((f) => [f.seq, f.id]);
    expect(eventsOf(atB, subB.subscription_id).map((f) => [f.seq, f.id])).toEqual(seqsA);
    expect(seqsA[1][0]).toBe((seqsA[0][0] as number) + 1);
    await Promise.all([atA.close(), atB.close()]);
  });

  it('resumes on B a client that dropped from A: recovered, every missed event once, in order', async () => {
    const [a, b, c] = nodes;
    const first = await a.login('operator', 'u-roaming');
    const sub = await first.subscribe('game');
    await c.ingest([bet()]);
    await expect.poll(() => eventsOf(first, sub.subscription_id).length, { timeout: 5000 }).toBe(1);
    const last = eventsOf(first, sub.subscription_id)[0];
    const epoch = welcomeEpoch(first);
    await first.close();

    for (let i = 0; i < 5; i++) expect(await [a, b, c][i % 3].ingest([bet()])).toBe(204);
    const again = await b.login('operator', 'u-roaming');
    const resumed = await again.subscribe('game', {}, { since: last.seq, epoch });
    expect(resumed).toMatchObject({ success: true, recovered: true });
    await expect.poll(() => eventsOf(again, resumed.subscription_id).length, { timeout: 5000 }).toBe(5);
    const seqs = eventsOf(again, resumed.subscription_id).map((f) => f.seq as number);
    expect(seqs).toEqual([1, 2, 3, 4, 5].map((n) => (last.seq as number) + n));
    expect(await again.quiet(300, (f) => f.type === 'event')).toEqual([]);
    await again.close();
  });

  it('lets exactly one of two managers on two nodes acknowledge an alarm at the same moment, and shows it on every node', async () => {
    const [a, b, c] = nodes;
    const maya = await a.login('manager', 'u-maya');
    const omar = await b.login('manager', 'u-omar');
    await Promise.all([maya.subscribe('alerts'), omar.subscribe('alerts')]);
    const terminal = `T-mn-${Date.now()}`;
    expect(await c.ingest([{ event: 'deviceOffline', data: { terminalId: terminal, lostAt: new Date().toISOString() } }])).toBe(204);
    const raisedAt = (client: TestClient) => client.waitFor((f) => f.type === 'event' && f.event === 'alarm.raised' && f.data.source_ref === terminal, 5000, 'alarm.raised');
    const [raisedA, raisedB] = await Promise.all([raisedAt(maya), raisedAt(omar)]);
    expect(raisedA.data.alarm_id).toBe(raisedB.data.alarm_id);
    const alarmId = raisedA.data.alarm_id as string;

    // A screen opened later on any node lists it: each node's open alarms follow the others' changes.
    const late = await a.login('operator', 'u-late');
    const lateSub = await late.subscribe('alerts');
    const snapshot = await late.waitFor((f) => f.type === 'snapshot' && f.subscription_id === lateSub.subscription_id, 5000, 'a snapshot');
    expect((snapshot.data as { alarm_id: string }[]).map((x) => x.alarm_id)).toContain(alarmId);

    // Every node's device states follow the ingest at C: A's system snapshot has the terminal offline.
    const devices = await late.subscribe('system');
    const system = await late.waitFor((f) => f.type === 'snapshot' && f.subscription_id === devices.subscription_id, 5000, 'a system snapshot');
    expect((system.data as { device_id: string; online: boolean }[]).find((d) => d.device_id === terminal)).toMatchObject({ online: false });

    const answers = await Promise.all([maya.request({ type: 'ack', alarm_id: alarmId }), omar.request({ type: 'ack', alarm_id: alarmId })]);
    expect(answers.filter((x) => x.type === 'response' && x.success === true)).toHaveLength(1);
    expect(answers.filter((x) => x.type === 'error').map((x) => x.code)).toEqual(['already_acknowledged']);
    await Promise.all([maya, omar].map((client) => client.waitFor((f) => f.type === 'event' && f.event === 'alarm.acknowledged' && f.data.alarm_id === alarmId, 5000, 'alarm.acknowledged')));
    await Promise.all([maya.close(), omar.close(), late.close()]);
  });

  it('starts a node late that catches up from the shared history: its device, alarm and KPI snapshots show what happened before it ran', async () => {
    const terminal = `T-late-${Date.now()}`;
    expect(await nodes[0].ingest([{ event: 'deviceOffline', data: { terminalId: terminal, lostAt: new Date().toISOString() } }, bet()])).toBe(204);
    const late = await startNode('node-late', { REDIS_URL: redis.url, DATABASE_URL: postgres.url });
    nodes.push(late);
    const client = await late.login('manager', 'u-late-node');
    const sub = await client.subscribe('system');
    const system = await client.waitFor((f) => f.type === 'snapshot' && f.subscription_id === sub.subscription_id, 5000, 'a system snapshot');
    expect((system.data as { device_id: string; online: boolean }[]).find((d) => d.device_id === terminal)).toMatchObject({ online: false });
    const alerts = await client.subscribe('alerts');
    const open = await client.waitFor((f) => f.type === 'snapshot' && f.subscription_id === alerts.subscription_id, 5000, 'an alerts snapshot');
    expect((open.data as { source_ref: string }[]).map((a) => a.source_ref)).toContain(terminal);

    // The minutes it did not see whole carry the totals the floor published, not the part it read.
    const kpisAt = async (at: TestClient) => {
      const sub = await at.subscribe('kpis');
      const snapshot = await at.waitFor((f) => f.type === 'snapshot' && f.subscription_id === sub.subscription_id, 5000, 'a kpis snapshot');
      await at.request({ type: 'unsubscribe', subscription_id: sub.subscription_id });
      return JSON.stringify(snapshot.data);
    };
    const elder = await nodes[0].login('manager', 'u-elder-node');
    await expect.poll(async () => (await kpisAt(client)) === (await kpisAt(elder)), { timeout: 10_000, interval: 500 }).toBe(true);
    expect(JSON.parse(await kpisAt(client)).length).toBeGreaterThan(0);
    await Promise.all([client.close(), elder.close()]);
  }, 90_000);

  it('lists users of every node in presence, and drops a killed node\'s users within 15 s', async () => {
    const [a] = nodes;
    const late = nodes.find((n) => n.nodeId === 'node-late')!;
    const hall = { channel: 'alerts', params: {} };
    const watcher = await a.login('manager', 'u-presence-watch');
    expect(await watcher.request({ type: 'presence_join', ...hall })).toMatchObject({ success: true });
    const visitor = await late.login('operator', 'u-on-late-node');
    expect(await visitor.request({ type: 'presence_join', ...hall })).toMatchObject({ success: true });
    const listed = async () => {
      const answer = await watcher.request({ type: 'presence_list', ...hall });
      return (answer.users as { user_id: string }[]).map((u) => u.user_id).sort();
    };
    await expect.poll(listed, { timeout: 5000 }).toEqual(['u-on-late-node', 'u-presence-watch']);

    const killedAt = Date.now();
    late.kill();
    await watcher.waitFor((f) => f.type === 'presence' && f.event === 'user_left' && f.data.user_id === 'u-on-late-node', 15_000, 'user_left');
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(await listed()).toEqual(['u-presence-watch']);
    await watcher.close();
  }, 60_000);

  it('changes the epoch when Redis restarts without its data: clients reconnect to recovered: false and a snapshot', async () => {
    const [a, b] = nodes;
    const watcher = await a.login('operator', 'u-watcher');
    await watcher.subscribe('system');
    const oldEpoch = welcomeEpoch(watcher);
    await b.ingest([bet()]);

    await redis.restart();
    const closed = await Promise.race([watcher.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))]);
    expect(closed?.code).toBe(1012);

    // Health answers again once the node is back on Redis, on the new epoch.
    await expect.poll(async () => (await a.health()).status, { timeout: 15_000 }).toBe(200);
    const back = await a.login('operator', 'u-watcher');
    expect(welcomeEpoch(back)).not.toBe(oldEpoch);
    const resumed = await back.subscribe('system', {}, { since: 1, epoch: oldEpoch });
    expect(resumed).toMatchObject({ success: true, recovered: false });
    await back.waitFor((f) => f.type === 'snapshot' && f.subscription_id === resumed.subscription_id, 5000, 'a snapshot');
    await back.close();
  }, 60_000);
});
