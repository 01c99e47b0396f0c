import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmActions } from '../../lib/gateway/types';
import type { Alarm } from '../../lib/protocol';
import { type Gateway, startGateway } from '../support/gateway-harness';

function alarm(id: string): Alarm {
  return {
    alarm_id: id,
    kind: 'device_offline',
    severity: 'high',
    state: 'unacked',
    shelved_until: null,
    source_ref: 'd1',
    location_id: 'loc-a',
    message: 'Device d1 offline',
    count: 1,
    raised_at: '2026-01-18T14:30:00.000Z',
    acked_at: null,
    acked_by: null,
    cleared_at: null,
    note: null,
  };
}

/** A stand-in alarm service: one alarm that can be acked once, shelved and unshelved. */
function fakeAlarms(): AlarmActions & { calls: string[] } {
  const a1 = alarm('a1');
  const calls: string[] = [];
  return {
    calls,
    async ackMany(alarmIds, user, note) {
      calls.push(`ackMany:${alarmIds.join('+')}:${note ?? ''}`);
      const out: Awaited<ReturnType<AlarmActions['ackMany']>> = { alarms: [], failed: [] };
      for (const id of alarmIds) {
        const r = await this.ack(id, user, note);
        if (r.ok) out.alarms.push(r.alarm);
        else out.failed.push({ alarm_id: id, code: r.code });
      }
      return out;
    },
    async unshelve(alarmId) {
      calls.push(`unshelve:${alarmId}`);
      if (alarmId !== 'a1') return { ok: false, code: 'alarm_not_found', message: `Alarm '${alarmId}' not found` };
      if (a1.shelved_until === null) return { ok: false, code: 'invalid_params', message: `Alarm '${alarmId}' is not shelved` };
      a1.shelved_until = null;
      return { ok: true, alarm: { ...a1 } };
    },
    async ack(alarmId, user, note) {
      calls.push(`ack:${alarmId}:${user.user_id}:${note ?? ''}`);
      if (alarmId !== 'a1') return { ok: false, code: 'alarm_not_found', message: `Alarm '${alarmId}' not found` };
      if (a1.state === 'acked') return { ok: false, code: 'already_acknowledged', message: `Alarm '${alarmId}' was already acknowledged by ${a1.acked_by}` };
      Object.assign(a1, { state: 'acked', acked_by: user.user_id, acked_at: new Date().toISOString(), note: note ?? null });
      return { ok: true, alarm: { ...a1 } };
    },
    async shelve(alarmId, user, minutes, reason) {
      calls.push(`shelve:${alarmId}:${minutes}:${reason ?? ''}`);
      if (alarmId !== 'a1') return { ok: false, code: 'alarm_not_found', message: `Alarm '${alarmId}' not found` };
      a1.shelved_until = new Date(Date.now() + minutes * 60_000).toISOString();
      return { ok: true, alarm: { ...a1 } };
    },
  };
}

describe('ack and shelve', () => {
  let gw: Gateway;
  let actions: ReturnType<typeof fakeAlarms>;
  beforeAll(async () => {
    gw = await startGateway();
    actions = fakeAlarms();
    gw.hub.setAlarmActions(actions);
  });
  afterAll(() => gw.close());

  it('refuses ack, shelve and unshelve without alerts.ack, naming the permission', async () => {
    for (const role of ['operator', 'sportsbook'] as const) {
      const client = await gw.login(role);
      const frames = [
        { type: 'ack', alarm_id: 'a1' },
        { type: 'ack', alarm_ids: ['a1'] },
        { type: 'shelve', alarm_id: 'a1', minutes: 10, reason: 'technician on site' },
        { type: 'unshelve', alarm_id: 'a1' },
      ];
      for (const frame of frames) {
        expect(await client.request(frame)).toMatchObject({ type: 'error', code: 'unauthorized', required_permission: 'alerts.ack', message: expect.any(String) });
      }
      await client.close();
    }
    expect(actions.calls).toEqual([]);
  });

  it('acks once for a manager, then answers already_acknowledged; unknown ids are alarm_not_found', async () => {
    const client = await gw.login('manager', { user_id: 'u-mgr' });
    const answer = await client.request({ type: 'ack', id: 'ack-1', alarm_id: 'a1', note: 'checked the cabinet' });
    expect(answer).toMatchObject({ type: 'response', id: 'ack-1', success: true, alarm: { alarm_id: 'a1', state: 'acked', acked_by: 'u-mgr', note: 'checked the cabinet' } });
    expect(await client.request({ type: 'ack', id: 'ack-2', alarm_id: 'a1' })).toMatchObject({ type: 'error', id: 'ack-2', code: 'already_acknowledged' });
    expect(await client.request({ type: 'ack', alarm_id: 'a404' })).toMatchObject({ type: 'error', code: 'alarm_not_found' });
    await client.close();
  });

  it('shelves for an admin with a reason, validates minutes and reason, and unshelves', async () => {
    const client = await gw.login('admin');
    const answer = await client.request({ type: 'shelve', id: 's-1', alarm_id: 'a1', minutes: 30, reason: 'technician on site' });
    expect(answer).toMatchObject({ type: 'response', id: 's-1', success: true, alarm: { alarm_id: 'a1', shelved_until: expect.any(String) } });
    expect(actions.calls).toContain('shelve:a1:30:technician on site');
    expect(await client.request({ type: 'shelve', alarm_id: 'a404', minutes: 5, reason: 'x' })).toMatchObject({ code: 'alarm_not_found' });
    expect(await client.request({ type: 'shelve', alarm_id: 'a1', minutes: -1, reason: 'x' })).toMatchObject({ code: 'invalid_params' });
    for (const reason of [undefined, '', '   ']) {
      expect(await client.request({ type: 'shelve', alarm_id: 'a1', minutes: 5, reason })).toMatchObject({ code: 'invalid_params', message: expect.stringContaining('reason') });
    }
    expect(await client.request({ type: 'unshelve', id: 'u-1', alarm_id: 'a1' })).toMatchObject({ type: 'response', id: 'u-1', success: true, alarm: { shelved_until: null } });
    expect(await client.request({ type: 'unshelve', id: 'u-2', alarm_id: 'a1' })).toMatchObject({ type: 'error', id: 'u-2', code: 'invalid_params' });
    expect(await client.request({ type: 'unshelve', alarm_id: 'a404' })).toMatchObject({ code: 'alarm_not_found' });
    await client.close();
  });

  it('acks in bulk with one note, listing each refused id with its code', async () => {
    const client = await gw.login('manager', { user_id: 'u-bulk' });
    const answer = await client.request({ type: 'ack', id: 'b-1', alarm_ids: ['a1', 'a404'], note: 'shift handover' });
    expect(answer).toMatchObject({ type: 'response', id: 'b-1', success: true, alarms: [], failed: [{ alarm_id: 'a1', code: 'already_acknowledged' }, { alarm_id: 'a404', code: 'alarm_not_found' }] });
    for (const bad of [{ alarm_ids: [] }, { alarm_ids: Array.from({ length: 101 }, (_, i) => `a${i}`) }, { alarm_id: 'a1', alarm_ids: ['a1'] }, {}]) {
      expect(await client.request({ type: 'ack', ...bad })).toMatchObject({ type: 'error', code: 'invalid_params' });
    }
    await client.close();
  });

  it('answers internal_error when the change could not be stored, and keeps the connection', async () => {
    const client = await gw.login('manager', { user_id: 'u-down' });
    const unreachable = () => Promise.reject(new Error('connection to the database lost'));
    gw.hub.setAlarmActions({ ack: unreachable, ackMany: unreachable, shelve: unreachable, unshelve: unreachable });
    try {
      expect(await client.request({ type: 'ack', id: 'down-1', alarm_id: 'a1' })).toMatchObject({ type: 'error', id: 'down-1', code: 'internal_error', message: expect.stringContaining('Try again') });
      expect(await client.request({ type: 'ack', id: 'down-2', alarm_ids: ['a1'] })).toMatchObject({ type: 'error', id: 'down-2', code: 'internal_error' });
      expect(await client.request({ type: 'ping', id: 'still-here' })).toMatchObject({ type: 'pong', id: 'still-here' });
    } finally {
      gw.hub.setAlarmActions(actions);
      await client.close();
    }
  });
});
