import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { AlarmCondition } from '../../lib/gateway/alarms';
import { DATABASE_FILE } from '../../lib/gateway/alarms/ledger';
import { ALARM_MIGRATIONS, migrateAlarmSchema } from '../../lib/gateway/alarms/migrations';
import type { SessionUser } from '../../lib/protocol';
import { manager, otherManager, serviceFixture } from './support';

const T19: AlarmCondition = { kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 at Main Floor is offline' };
const payout: AlarmCondition = { kind: 'payout_error', source_ref: 'jp-grand:rd-1', location_id: 'loc-main', message: 'Community payout failed for 2 players, €1,087.75 in total, on Grand Progressive' };
const elsewhere: SessionUser = { ...manager, locations: ['loc-vip'] };

const { start, dataDir } = serviceFixture();

async function gauge(metrics: ReturnType<typeof start>['metrics'], severity: string): Promise<number> {
  const { values } = await metrics.alarmsUnacked.get();
  return values.find((v) => v.labels.severity === severity)?.value ?? 0;
}

describe('bulk acknowledgement', () => {
  it('acks each alarm on its own with one note, listing the refused ones with their code', async () => {
    const { service, names } = start();
    const a = await service.raise(T19);
    const b = await service.raise({ ...T19, source_ref: 'T-20' });
    const done = await service.raise({ ...T19, source_ref: 'T-21' });
    const vip = await service.raise({ ...T19, source_ref: 'T-40', location_id: 'loc-vip' });
    await service.ack(done.alarm_id, otherManager);
    const result = await service.ackMany([a.alarm_id, b.alarm_id, done.alarm_id, 'alm-nope', a.alarm_id, vip.alarm_id], { ...manager, locations: ['loc-main'] }, 'end of shift');
    expect(result.alarms.map((x) => [x.alarm_id, x.state, x.note, x.acked_by])).toEqual([
      [a.alarm_id, 'acked', 'end of shift', 'Maya Chen'],
      [b.alarm_id, 'acked', 'end of shift', 'Maya Chen'],
    ]);
    expect(result.failed).toEqual([
      { alarm_id: done.alarm_id, code: 'already_acknowledged' },
      { alarm_id: 'alm-nope', code: 'alarm_not_found' },
      { alarm_id: vip.alarm_id, code: 'alarm_not_found' },
    ]);
    expect(names().filter((n) => n === 'alarm.acknowledged')).toHaveLength(3);
    for (const id of [a.alarm_id, b.alarm_id]) {
      expect((await service.detail(id, manager))?.transitions.at(-1)).toMatchObject({ action: 'ack', by: 'user-maya-chen', by_name: 'Maya Chen', note: 'end of shift' });
    }
  });
});

describe('shelving with a reason, and unshelving', () => {
  it('audits the reason and expiry, takes the alarm out of the unacked total, and brings it back on unshelve', async () => {
    const { service, metrics, names } = start();
    const alarm = await service.raise(T19);
    expect(await gauge(metrics, 'high')).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(await service.shelve(alarm.alarm_id, manager, 30, 'technician on site')).toMatchObject({ ok: true, alarm: { shelved_until: '2025-05-11T11:31:00.000Z' } });
    expect(await gauge(metrics, 'high')).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(await service.unshelve(alarm.alarm_id, otherManager)).toMatchObject({ ok: true, alarm: { shelved_until: null, state: 'unacked' } });
    expect(await gauge(metrics, 'high')).toBe(1);
    expect(names()).toEqual(['alarm.raised', 'alarm.shelved', 'alarm.unshelved']);
    expect((await service.detail(alarm.alarm_id, manager))?.transitions).toEqual([
      { action: 'raise', at: '2025-05-11T11:00:00.000Z', from: null, to: 'unacked', by: 'system', by_name: 'system', note: null, reason: null, count: 1, shelved_until: null, escalations: null },
      { action: 'shelve', at: '2025-05-11T11:01:00.000Z', from: 'unacked', to: 'unacked', by: 'user-maya-chen', by_name: 'Maya Chen', note: null, reason: 'technician on site', count: 1, shelved_until: '2025-05-11T11:31:00.000Z', escalations: null },
      { action: 'unshelve', at: '2025-05-11T11:02:00.000Z', from: 'unacked', to: 'unacked', by: 'user-sam-ortiz', by_name: 'Sam Ortiz', note: null, reason: null, count: 1, shelved_until: null, escalations: null },
    ]);
    vi.advanceTimersByTime(60 * 60_000);
    expect(names()).toHaveLength(3); // the old shelving timer is gone
  });

  it('refuses to unshelve an alarm that is not shelved, or one the user may not see', async () => {
    const { service } = start();
    const alarm = await service.raise(T19);
    expect(await service.unshelve(alarm.alarm_id, manager)).toMatchObject({ ok: false, code: 'invalid_params', message: expect.stringContaining('not shelved') });
    await service.shelve(alarm.alarm_id, manager, 10, 'maintenance');
    expect(await service.unshelve(alarm.alarm_id, elsewhere)).toMatchObject({ ok: false, code: 'alarm_not_found' });
    expect(await service.unshelve('alm-nope', manager)).toMatchObject({ ok: false, code: 'alarm_not_found' });
  });
});

describe('escalation', () => {
  it('escalates a critical alarm left unacked every period until it is acknowledged', async () => {
    const { service, events } = start({ escalateMinutes: 0.05 }); // 3 s
    const alarm = await service.raise(payout);
    await service.raise(T19); // high: never escalates
    vi.advanceTimersByTime(2_999);
    expect(events.map((e) => e.event)).not.toContain('alarm.escalated');
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toMatchObject({ event: 'alarm.escalated', data: { alarm_id: alarm.alarm_id, escalations: 1, state: 'unacked' } });
    vi.advanceTimersByTime(3_000);
    expect(events.at(-1)).toMatchObject({ event: 'alarm.escalated', data: { escalations: 2 } });
    await service.ack(alarm.alarm_id, manager, 'paying by hand');
    vi.advanceTimersByTime(30_000);
    expect(events.filter((e) => e.event === 'alarm.escalated')).toHaveLength(2);
    expect((await service.detail(alarm.alarm_id, manager))?.transitions.map((t) => [t.action, t.escalations])).toEqual([
      ['raise', null], ['escalate', 1], ['escalate', 2], ['ack', null],
    ]);
  });

  it('waits while the alarm is shelved and escalates at once when it returns overdue', async () => {
    const { service, events } = start({ escalateMinutes: 0.05 });
    const alarm = await service.raise(payout);
    await service.shelve(alarm.alarm_id, manager, 1, 'known outage');
    vi.advanceTimersByTime(59_999);
    expect(events.map((e) => e.event)).toEqual(['alarm.raised', 'alarm.shelved']);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(1); // overdue: at once (a timer set inside a timer waits at least 1 ms)
    expect(events.map((e) => e.event)).toEqual(['alarm.raised', 'alarm.shelved', 'alarm.updated', 'alarm.escalated']);
  });

  it('stops when the alarm returns to normal', async () => {
    const { service, events } = start({ escalateMinutes: 0.05 });
    await service.raise(payout);
    await service.clear('payout_error', payout.source_ref);
    vi.advanceTimersByTime(30_000);
    expect(events.map((e) => e.event)).toEqual(['alarm.raised', 'alarm.cleared']);
  });

  it('carries on after a restart from the count in the ledger, once for an overdue alarm', async () => {
    const first = start({ escalateMinutes: 1 });
    const alarm = await first.service.raise(payout);
    vi.advanceTimersByTime(60_000);
    expect(first.events.at(-1)).toMatchObject({ event: 'alarm.escalated', data: { escalations: 1 } });
    first.service.close();
    vi.advanceTimersByTime(10 * 60_000); // down for ten minutes
    const second = start({ escalateMinutes: 1 });
    vi.advanceTimersByTime(0);
    expect(second.events).toMatchObject([{ event: 'alarm.escalated', data: { alarm_id: alarm.alarm_id, escalations: 2 } }]);
    vi.advanceTimersByTime(59_999);
    expect(second.events).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(second.events.at(-1)).toMatchObject({ event: 'alarm.escalated', data: { escalations: 3 } });
  });
});

describe('batch commits', () => {
  it('commits a batch together and broadcasts it only after the commit', async () => {
    const { service, events } = start();
    const seenInside: number[] = [];
    await service.batch(() => {
      for (let i = 0; i < 50; i++) void service.raise({ ...T19, source_ref: `T-${i}` });
      void service.clear('device_offline', 'T-0');
      seenInside.push(events.length);
    });
    expect(seenInside).toEqual([0]);
    expect(events).toHaveLength(51 + 1); // 50 raised, 1 cleared, and the flood alarm the burst raised
    expect(events.at(0)).toMatchObject({ event: 'alarm.raised', data: { source_ref: 'T-0' } });
  });

  it('keeps none of a batch that fails, on disk or in memory, and broadcasts none of it', async () => {
    const first = start();
    const kept = await first.service.raise(T19);
    const before = first.events.length;
    await expect(
      first.service.batch(() => {
        void first.service.raise({ ...T19, source_ref: 'T-20' });
        void first.service.clear('device_offline', 'T-19');
        throw new Error('item 3 could not be applied');
      }),
    ).rejects.toThrow('item 3');
    expect(first.events).toHaveLength(before);
    expect(first.service.open()).toEqual([kept]);
    first.service.close();
    expect(start().service.open()).toEqual([kept]);
  });
});

describe('a ledger written before the audit columns', () => {
  it('migrates on open and serves its alarms, history and audit trail', async () => {
    fs.mkdirSync(dataDir(), { recursive: true });
    const db = new Database(path.join(dataDir(), DATABASE_FILE));
    migrateAlarmSchema(db, ALARM_MIGRATIONS.slice(0, 1));
    db.prepare(
      `INSERT INTO alarms (alarm_id, kind, source_ref, location_id, severity, state, message, count, raised_at, raised_at_ms, updated_at_ms, note)
       VALUES ('alm-old', 'device_offline', 'T-19', 'loc-main', 'high', 'unacked', 'Terminal T-19 offline', 1, '2025-05-11T10:00:00.000Z', ?, ?, NULL)`,
    ).run(Date.parse('2025-05-11T10:00:00Z'), Date.parse('2025-05-11T10:00:00Z'));
    db.prepare(`INSERT INTO alarm_transitions (alarm_id, to_state, action, actor, at) VALUES ('alm-old', 'unacked', 'raise', 'system', '2025-05-11T10:00:00.000Z')`).run();
    db.close();

    const { service } = start();
    expect(service.open().map((a) => a.alarm_id)).toEqual(['alm-old']);
    expect(await service.ack('alm-old', manager, 'reset the terminal')).toMatchObject({ ok: true });
    expect((await service.detail('alm-old', manager))?.transitions).toMatchObject([
      { action: 'raise', count: null, by: 'system' },
      { action: 'ack', count: 1, note: 'reset the terminal', by_name: 'Maya Chen' },
    ]);
    expect((await service.page({ locationIds: null, limit: 10 })).alarms.map((a) => a.alarm_id)).toEqual(['alm-old']);
  });
});
