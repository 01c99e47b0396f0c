import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { AlarmCondition } from '../../lib/gateway/alarms';
import { manager, openGauge, otherManager, serviceFixture } from './support';

const T19: AlarmCondition = { kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 offline' };
const payout: AlarmCondition = { kind: 'payout_error', source_ref: 'jp-1', location_id: null, message: 'Raffle payout failed' };

const { start, dataDir } = serviceFixture();

describe('alarm ledger: screen order, queries and metrics', () => {
  it('orders open alarms by state, then severity, then newest first', async () => {
    const { service } = start();
    const acked = await service.raise({ ...T19, source_ref: 'T-1' });
    await service.ack(acked.alarm_id, manager);
    vi.advanceTimersByTime(1000);
    const clearedUnacked = await service.raise({ ...T19, source_ref: 'T-2' });
    await service.clear('device_offline', 'T-2');
    vi.advanceTimersByTime(1000);
    const olderHigh = await service.raise({ ...T19, source_ref: 'T-3' });
    vi.advanceTimersByTime(1000);
    const newerHigh = await service.raise({ ...T19, source_ref: 'T-4' });
    const critical = await service.raise(payout);
    expect(service.open().map((a) => a.alarm_id)).toEqual([
      critical.alarm_id, newerHigh.alarm_id, olderHigh.alarm_id, clearedUnacked.alarm_id, acked.alarm_id,
    ]);
  });

  it('lists by state and by raised-or-changed since, cleared alarms included', async () => {
    const { service } = start();
    const old = await service.raise(T19);
    await service.ack(old.alarm_id, manager);
    await service.clear('device_offline', 'T-19');
    vi.advanceTimersByTime(60_000);
    const since = new Date().toISOString();
    const fresh = await service.raise(payout);
    expect((await service.list({})).map((a) => a.alarm_id)).toEqual([fresh.alarm_id, old.alarm_id]);
    expect((await service.list({ state: 'cleared' })).map((a) => a.alarm_id)).toEqual([old.alarm_id]);
    expect((await service.list({ since })).map((a) => a.alarm_id)).toEqual([fresh.alarm_id]);
    vi.advanceTimersByTime(60_000);
    const later = new Date().toISOString();
    await service.ack(old.alarm_id, manager); // refused: changes nothing, so not "changed since"
    await service.shelve(fresh.alarm_id, manager, 5);
    expect((await service.list({ since: later })).map((a) => a.alarm_id)).toEqual([fresh.alarm_id]);
    expect(await service.list({ since: later, state: 'cleared' })).toEqual([]);
    expect((await service.list({ since: '2025-05-11T13:01:00+02:00' })).map((a) => a.alarm_id)).toEqual([fresh.alarm_id]);
  });

  it('keeps the open-alarms gauge current by severity', async () => {
    const { service, metrics } = start();
    const a = await service.raise(T19);
    await service.raise(payout);
    expect(await openGauge(metrics, 'high')).toBe(1);
    expect(await openGauge(metrics, 'critical')).toBe(1);
    await service.ack(a.alarm_id, manager);
    await service.clear('device_offline', 'T-19');
    expect(await openGauge(metrics, 'high')).toBe(0);
    expect(await openGauge(metrics, 'critical')).toBe(1);
  });
});

describe('alarm ledger: durability', () => {
  it('reopens with the same open alarms in the same states, and the audit trail of every change', async () => {
    const first = start();
    const unacked = await first.service.raise(T19);
    await first.service.raise(T19);
    const acked = await first.service.raise(payout);
    await first.service.ack(acked.alarm_id, manager, 'paid by hand');
    const clearedUnacked = await first.service.raise({ ...T19, source_ref: 'T-20' });
    await first.service.clear('device_offline', 'T-20');
    const before = first.service.open();
    first.service.close();

    const second = start();
    expect(second.service.open()).toEqual(before);
    expect(before.map((a) => [a.alarm_id, a.state])).toEqual([
      [unacked.alarm_id, 'unacked'], [clearedUnacked.alarm_id, 'cleared_unacked'], [acked.alarm_id, 'acked'],
    ]);
    // Dedup survives the restart: the same condition is still the same alarm.
    expect(await second.service.raise(T19)).toMatchObject({ alarm_id: unacked.alarm_id, count: 3 });
    expect(await second.service.ack(acked.alarm_id, otherManager)).toMatchObject({ ok: false, code: 'already_acknowledged' });

    const db = new Database(path.join(dataDir(), 'floor-monitor.db'), { readonly: true });
    const trail = db.prepare('SELECT from_state, to_state, action, actor, actor_id, note FROM alarm_transitions WHERE alarm_id = ? ORDER BY id').all(acked.alarm_id);
    db.close();
    expect(trail).toEqual([
      { from_state: null, to_state: 'unacked', action: 'raise', actor: 'system', actor_id: null, note: null },
      { from_state: 'unacked', to_state: 'acked', action: 'ack', actor: 'Maya Chen', actor_id: 'user-maya-chen', note: 'paid by hand' },
    ]);
  });

  it('commits before publishing: a subscriber reading the database inside publish sees the change', async () => {
    const dbPath = path.join(dataDir(), 'floor-monitor.db');
    const seen: string[] = [];
    const { service } = start({
      publisher: {
        publish(channel, event, data, meta) {
          const db = new Database(dbPath, { readonly: true });
          const row = db.prepare('SELECT state FROM alarms WHERE alarm_id = ?').get((data as { alarm_id: string }).alarm_id) as { state: string };
          db.close();
          seen.push(`${event}:${row.state}`);
          return { channel, event, seq: seen.length, id: meta?.id ?? '', ts: '', data };
        },
      },
    });
    const alarm = await service.raise(T19);
    await service.ack(alarm.alarm_id, manager);
    expect(seen).toEqual(['alarm.raised:unacked', 'alarm.acknowledged:acked']);
  });

  it('creates the data directory when it does not exist', async () => {
    const nested = path.join(dataDir(), 'a', 'b');
    start({}, nested).service.raise(T19);
    expect(fs.existsSync(path.join(nested, 'floor-monitor.db'))).toBe(true);
  });
});

describe('alarm ledger: floods', () => {
  const offlineAt = (i: number, location = 'loc-main'): AlarmCondition => ({ ...T19, source_ref: `T-${i}`, location_id: location, message: `T-${i} offline` });

  it('raises a critical flood alarm for a location on the eleventh new alarm within ten minutes', async () => {
    const { service, events } = start();
    for (let i = 0; i < 10; i++) await service.raise(offlineAt(i));
    for (let i = 0; i < 5; i++) await service.raise(offlineAt(0)); // repeats do not count
    await service.raise(offlineAt(100, 'loc-other'));
    expect(service.open().some((a) => a.kind === 'flood')).toBe(false);
    await service.raise(offlineAt(10));
    const flood = service.open().find((a) => a.kind === 'flood');
    expect(flood).toMatchObject({ source_ref: 'loc-main', location_id: 'loc-main', severity: 'critical', state: 'unacked', count: 1 });
    expect(events.at(-1)).toMatchObject({ event: 'alarm.raised', data: { kind: 'flood' } });
    await service.raise(offlineAt(11));
    expect(service.open().filter((a) => a.kind === 'flood')).toHaveLength(1);
  });

  it('clears the flood alarm on the periodic check once the rate falls under five per ten minutes', async () => {
    const { service } = start({ floodCheckMs: 30_000 });
    for (let i = 0; i < 11; i++) await service.raise(offlineAt(i));
    const flood = service.open().find((a) => a.kind === 'flood');
    await service.ack(flood!.alarm_id, manager);
    vi.advanceTimersByTime(9 * 60_000);
    expect(service.open().find((a) => a.kind === 'flood')?.state).toBe('acked');
    vi.advanceTimersByTime(2 * 60_000);
    expect(service.open().find((a) => a.kind === 'flood')).toBeUndefined();
    expect((await service.list({ state: 'cleared' })).map((a) => a.kind)).toContain('flood');
  });

  it('does not count location-less alarms or floods themselves', async () => {
    const { service } = start();
    for (let i = 0; i < 20; i++) await service.raise({ ...payout, source_ref: `jp-${i}` });
    expect(service.open().some((a) => a.kind === 'flood')).toBe(false);
  });

  it('remembers the flood window across a restart', async () => {
    const first = start();
    for (let i = 0; i < 10; i++) await first.service.raise(offlineAt(i));
    first.service.close();
    const second = start();
    await second.service.raise(offlineAt(10));
    expect(second.service.open().some((a) => a.kind === 'flood')).toBe(true);
  });
});
