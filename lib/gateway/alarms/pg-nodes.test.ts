import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedEvent, SessionUser } from '../../protocol';
import { createMetrics } from '../../runtime/metrics';
import { type TestService, startPostgres } from '../../../tests/support/services';
import type { Publisher } from '../types';
import { type AlarmCondition, type AlarmService, openAlarmService } from './index';
import { PgAlarmLedger } from './pg-ledger';

/* Two gateway nodes, each with its own alarm service and ledger, on one PostgreSQL database. */

const maya: SessionUser = { user_id: 'user-maya', name: 'Maya Chen', role: 'manager' };
const sam: SessionUser = { user_id: 'user-sam', name: 'Sam Ortiz', role: 'manager' };
const T19: AlarmCondition = { kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 offline' };
const payout: AlarmCondition = { kind: 'payout_error', source_ref: 'jp-1', location_id: null, message: 'Raffle payout failed' };

let postgres: TestService;
let admin: pg.Client;
let databases = 0;
let url = '';
const nodes: AlarmService[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  await admin?.end();
  await postgres?.stop();
});
afterEach(async () => {
  for (const service of nodes.splice(0)) await service.close();
});

async function freshDatabase(): Promise<string> {
  const name = `nodes_${process.pid}_${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  url = postgres.url.replace(/\/postgres$/, `/${name}`);
  return name;
}

/** One node: its alarm service on its own ledger (its own pool), and the events it published. */
async function node(escalateMinutes = 5) {
  const events: PublishedEvent[] = [];
  const publisher: Publisher = {
    publish(channel, event, data, meta) {
      events.push({ channel, event, data, seq: events.length + 1, id: meta?.id ?? '', ts: meta?.ts ?? '' } as PublishedEvent);
    },
  };
  const metrics = createMetrics();
  const ledger = await PgAlarmLedger.connect(url);
  const service = await openAlarmService({ dataDir: '', ledger, publisher, metrics, logger: pino({ level: 'silent' }), escalateMinutes });
  nodes.push(service);
  return { service, events, metrics, named: (name: string) => events.filter((e) => e.event === name) };
}

describe('two nodes on one database', () => {
  it('lets exactly one of two acknowledgements sent to two nodes at once succeed; the other is already_acknowledged', async () => {
    await freshDatabase();
    const [a, b] = await Promise.all([node(), node()]);
    for (let i = 0; i < 8; i++) {
      const alarm = await a.service.raise({ ...T19, source_ref: `T-${i}` });
      b.service.observe(a.events.at(-1)!); // both nodes decide on the same version of the alarm
      const answers = await Promise.all([a.service.ack(alarm.alarm_id, maya, 'on it'), b.service.ack(alarm.alarm_id, sam, 'me too')]);
      expect(answers.filter((r) => r.ok)).toHaveLength(1);
      expect(answers.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'already_acknowledged' });
      const detail = await b.service.detail(alarm.alarm_id, maya);
      expect(detail!.transitions.map((t) => t.action)).toEqual(['raise', 'ack']);
      expect(detail!.alarm.acked_by).toBe(answers[0].ok ? 'Maya Chen' : 'Sam Ortiz');
    }
    expect(a.named('alarm.acknowledged').length + b.named('alarm.acknowledged').length).toBe(8);
  });

  it('keeps one active alarm when two nodes raise the same condition at once: the later raise repeats it', async () => {
    await freshDatabase();
    const [a, b] = await Promise.all([node(), node()]);
    const [first, second] = await Promise.all([a.service.raise(payout), b.service.raise(payout)]);
    expect(second.alarm_id).toBe(first.alarm_id);
    expect([first.count, second.count].sort()).toEqual([1, 2]);
    const [x, y] = await Promise.all([
      a.service.batch(() => void a.service.raise({ ...payout, source_ref: 'jp-2' })),
      b.service.batch(() => void b.service.raise({ ...payout, source_ref: 'jp-2' })),
    ]);
    expect([x, y]).toEqual([undefined, undefined]);
    const open = await a.service.list({ state: 'unacked' });
    expect(open.map((o) => [o.source_ref, o.count]).sort()).toEqual([['jp-1', 2], ['jp-2', 2]]);
    expect((await a.service.detail(open[0].alarm_id, maya))!.transitions.map((t) => t.action)).toEqual(['raise', 'repeat']);
  });

  it("takes another node's changes into its open alarms and gauges, ignoring one older than it knows", async () => {
    await freshDatabase();
    const [a, b] = await Promise.all([node(), node()]);
    const alarm = await a.service.raise(T19);
    await a.service.ack(alarm.alarm_id, maya);
    const [raised, acked] = a.events;
    b.service.observe(raised);
    expect(b.service.open()).toEqual([alarm]);
    expect((await b.metrics.alarmsUnacked.get()).values.find((v) => v.labels.severity === alarm.severity)?.value).toBe(1);
    b.service.observe(acked);
    b.service.observe(raised);
    expect(b.service.open()).toMatchObject([{ alarm_id: alarm.alarm_id, state: 'acked', acked_by: 'Maya Chen' }]);
    expect((await b.metrics.alarmsUnacked.get()).values.find((v) => v.labels.severity === alarm.severity)?.value).toBe(0);
    expect(b.events).toEqual([]);
    // Its next change is decided on the version it observed.
    expect(await b.service.clear('device_offline', 'T-19')).toMatchObject({ state: 'cleared' });
  });

  it("escalates a waiting critical alarm once per period, whichever node's timer fires first", async () => {
    await freshDatabase();
    const [a, b] = await Promise.all([node(0.02), node(0.02)]);
    const alarm = await a.service.raise(payout);
    b.service.observe(a.events.at(-1)!);
    await new Promise((resolve) => setTimeout(resolve, 1800));
    const escalations = (await a.service.detail(alarm.alarm_id, maya))!.transitions.filter((t) => t.action === 'escalate');
    expect(escalations.map((t) => t.escalations)).toEqual([1]);
    expect(a.named('alarm.escalated').length + b.named('alarm.escalated').length).toBe(1);
  });

  it('answers a change it could not commit with an error, and keeps the alarm as it was', async () => {
    const name = await freshDatabase();
    const a = await node();
    const alarm = await a.service.raise(T19);
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await expect(a.service.ack(alarm.alarm_id, maya)).rejects.toThrow();
    await expect(a.service.raise(payout)).rejects.toThrow();
    expect(a.service.open()).toEqual([alarm]);
    expect(a.named('alarm.acknowledged')).toEqual([]);
  });
});
