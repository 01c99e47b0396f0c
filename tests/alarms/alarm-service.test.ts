import { describe, expect, it, vi } from 'vitest';
import type { AlarmCondition } from '../../lib/gateway/alarms';
import { manager, otherManager, serviceFixture } from './support';

const T19: AlarmCondition = { kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 offline' };

const { start } = serviceFixture();

describe('alarm service: raising and clearing', () => {
  it('raises one alarm per condition and counts repeats as updates', async () => {
    const { service, names, events } = start();
    const first = await service.raise(T19);
    vi.advanceTimersByTime(1000);
    const again = await service.raise({ ...T19, message: 'Terminal T-19 still offline' });
    expect(first.alarm_id).toMatch(/^alm-[0-9A-Z]{26}$/);
    expect(again).toMatchObject({ alarm_id: first.alarm_id, count: 2, state: 'unacked', message: 'Terminal T-19 still offline' });
    expect(names()).toEqual(['alarm.raised', 'alarm.updated']);
    expect(events.every((e) => e.channel === 'alerts')).toBe(true);
    expect(events[1].data).toEqual(again);
    expect(service.open()).toHaveLength(1);
  });

  it('keeps distinct conditions apart', async () => {
    const { service } = start();
    await service.raise(T19);
    await service.raise({ ...T19, source_ref: 'T-20' });
    await service.raise({ ...T19, kind: 'casino_alert' });
    expect(service.open()).toHaveLength(3);
  });

  it('moves an unacked alarm to cleared_unacked on return to normal, and back on a repeat', async () => {
    const { service, names } = start();
    await service.raise(T19);
    expect(await service.clear('device_offline', 'T-19')).toMatchObject({ state: 'cleared_unacked' });
    expect(service.open().map((a) => a.state)).toEqual(['cleared_unacked']);
    expect(await service.raise(T19)).toMatchObject({ state: 'unacked', count: 2, cleared_at: null });
    expect(names()).toEqual(['alarm.raised', 'alarm.cleared', 'alarm.updated']);
  });

  it('returns null when there is nothing to clear', async () => {
    const { service, names } = start();
    expect(await service.clear('device_offline', 'T-19')).toBeNull();
    await service.raise(T19);
    await service.clear('device_offline', 'T-19');
    expect(await service.clear('device_offline', 'T-19')).toBeNull();
    expect(names()).toEqual(['alarm.raised', 'alarm.cleared']);
  });

  it('raises a new alarm once the previous one is fully cleared', async () => {
    const { service } = start();
    const first = await service.raise(T19);
    await service.ack(first.alarm_id, manager);
    expect(await service.clear('device_offline', 'T-19')).toMatchObject({ state: 'cleared', cleared_at: expect.any(String) });
    expect(service.open()).toEqual([]);
    const second = await service.raise(T19);
    expect(second.alarm_id).not.toBe(first.alarm_id);
    expect(second).toMatchObject({ count: 1, state: 'unacked' });
  });
});

describe('alarm service: acknowledging', () => {
  it('acknowledges with the user name, time and note, and broadcasts it', async () => {
    const { service, events } = start();
    const alarm = await service.raise(T19);
    vi.advanceTimersByTime(5000);
    const result = await service.ack(alarm.alarm_id, manager, 'checked');
    expect(result).toEqual({
      ok: true,
      alarm: { ...alarm, state: 'acked', acked_by: 'Maya Chen', acked_at: '2025-05-11T11:00:05.000Z', note: 'checked' },
    });
    expect(events.at(-1)).toMatchObject({ event: 'alarm.acknowledged', data: { state: 'acked', acked_by: 'Maya Chen' } });
  });

  it('answers a second acknowledgement with already_acknowledged and changes nothing', async () => {
    const { service, names } = start();
    const alarm = await service.raise(T19);
    await service.ack(alarm.alarm_id, manager, 'checked');
    const second = await service.ack(alarm.alarm_id, otherManager, 'me too');
    expect(second).toMatchObject({ ok: false, code: 'already_acknowledged' });
    expect(service.open()[0]).toMatchObject({ acked_by: 'Maya Chen', note: 'checked' });
    expect(names()).toEqual(['alarm.raised', 'alarm.acknowledged']);
  });

  it('answers already_acknowledged for an alarm that is cleared and gone from the screen', async () => {
    const { service } = start();
    const alarm = await service.raise(T19);
    await service.ack(alarm.alarm_id, manager);
    await service.clear('device_offline', 'T-19');
    expect(await service.ack(alarm.alarm_id, otherManager)).toMatchObject({ ok: false, code: 'already_acknowledged' });
  });

  it('answers alarm_not_found for an unknown id', async () => {
    const { service } = start();
    expect(await service.ack('alm-nope', manager)).toMatchObject({ ok: false, code: 'alarm_not_found', message: expect.stringContaining('alm-nope') });
    expect(await service.shelve('alm-nope', manager, 10)).toMatchObject({ ok: false, code: 'alarm_not_found' });
  });

  it('treats an alarm outside a restricted manager\'s locations as unknown to them', async () => {
    const { service } = start();
    const alarm = await service.raise(T19);
    const elsewhere = { ...manager, locations: ['loc-other'] };
    expect(await service.ack(alarm.alarm_id, elsewhere)).toMatchObject({ ok: false, code: 'alarm_not_found' });
    expect(await service.shelve(alarm.alarm_id, elsewhere, 10)).toMatchObject({ ok: false, code: 'alarm_not_found' });
    expect(await service.ack(alarm.alarm_id, { ...manager, locations: [alarm.location_id as string] })).toMatchObject({ ok: true });
  });

  it('acknowledging a cleared_unacked alarm clears it from the screen', async () => {
    const { service, names } = start();
    const alarm = await service.raise(T19);
    await service.clear('device_offline', 'T-19');
    expect(await service.ack(alarm.alarm_id, manager)).toMatchObject({ ok: true, alarm: { state: 'cleared', acked_by: 'Maya Chen' } });
    expect(service.open()).toEqual([]);
    expect(names()).toEqual(['alarm.raised', 'alarm.cleared', 'alarm.acknowledged']);
  });
});

describe('alarm service: shelving', () => {
  it('shelves until now + minutes and unshelves by itself when the time passes', async () => {
    const { service, events, names } = start();
    const alarm = await service.raise(T19);
    const shelved = await service.shelve(alarm.alarm_id, manager, 15);
    expect(shelved).toMatchObject({ ok: true, alarm: { state: 'unacked', shelved_until: '2025-05-11T11:15:00.000Z' } });
    vi.advanceTimersByTime(15 * 60_000 - 1);
    expect(names()).toEqual(['alarm.raised', 'alarm.shelved']);
    vi.advanceTimersByTime(1);
    expect(names()).toEqual(['alarm.raised', 'alarm.shelved', 'alarm.updated']);
    expect(events.at(-1)?.data).toMatchObject({ alarm_id: alarm.alarm_id, shelved_until: null, state: 'unacked' });
    expect(service.open()[0].shelved_until).toBeNull();
  });

  it('refuses to shelve a cleared alarm', async () => {
    const { service } = start();
    const alarm = await service.raise(T19);
    await service.ack(alarm.alarm_id, manager);
    await service.clear('device_offline', 'T-19');
    expect(await service.shelve(alarm.alarm_id, manager, 10)).toMatchObject({ ok: false, code: 'alarm_not_found' });
  });

  it('drops the unshelve timer when the alarm clears first', async () => {
    const { service, names } = start();
    const alarm = await service.raise(T19);
    await service.ack(alarm.alarm_id, manager);
    await service.shelve(alarm.alarm_id, manager, 5);
    await service.clear('device_offline', 'T-19');
    vi.advanceTimersByTime(10 * 60_000);
    expect(names()).toEqual(['alarm.raised', 'alarm.acknowledged', 'alarm.shelved', 'alarm.cleared']);
  });

  it('re-arms shelving after a restart, and unshelves one whose time passed while down', async () => {
    const first = start();
    const a = await first.service.raise(T19);
    const b = await first.service.raise({ ...T19, source_ref: 'T-20' });
    await first.service.shelve(a.alarm_id, manager, 30);
    await first.service.shelve(b.alarm_id, manager, 5);
    first.service.close();
    vi.advanceTimersByTime(10 * 60_000); // down for ten minutes: b's shelving ended meanwhile
    const second = start();
    expect(second.service.open().find((x) => x.alarm_id === a.alarm_id)?.shelved_until).toBe('2025-05-11T11:30:00.000Z');
    vi.advanceTimersByTime(0);
    expect(second.events).toMatchObject([{ event: 'alarm.updated', data: { alarm_id: b.alarm_id, shelved_until: null } }]);
    vi.advanceTimersByTime(20 * 60_000);
    expect(second.events.at(-1)).toMatchObject({ event: 'alarm.updated', data: { alarm_id: a.alarm_id, shelved_until: null } });
  });
});
