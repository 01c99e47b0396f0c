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

/** A stand-in alarm service: one alarm that can be acked once and shelved. */
function fakeAlarms(): AlarmActions & { calls: string[] } {
  const a1 = alarm('a1');
  const calls: string[] = [];
  return {
    calls,
    ack(alarmId, user, note) {
      calls.push(`ack:${alarmId}:${user.user_id}:${note ?? ''}`);
      if (alarmId !== 'a1') return { ok: false, code: 'alarm_not_found', message: `Alarm '${alarmId}' not found` };
      if (a1.state === 'acked') return { ok: false, code: 'already_acknowledged', message: `Alarm '${alarmId}' was already acknowledged by ${a1.acked_by}` };
      Object.assign(a1, { state: 'acked', acked_by: user.user_id, acked_at: new Date().toISOString(), note: note ?? null });
      return { ok: true, alarm: { ...a1 } };
    },
    shelve(alarmId, user, minutes) {
      calls.push(`shelve:${alarmId}:${minutes}`);
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

  it('refuses ack and shelve without alerts.ack, naming the permission', async () => {
    for (const role of ['operator', 'sportsbook'] as const) {
      const client = await gw.login(role);
      for (const frame of [{ type: 'ack', alarm_id: 'a1' }, { type: 'shelve', alarm_id: 'a1', minutes: 10 }]) {
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

  it('shelves for an admin and validates minutes', async () => {
    const client = await gw.login('admin');
    const answer = await client.request({ type: 'shelve', id: 's-1', alarm_id: 'a1', minutes: 30 });
    expect(answer).toMatchObject({ type: 'response', id: 's-1', success: true, alarm: { alarm_id: 'a1', shelved_until: expect.any(String) } });
    expect(await client.request({ type: 'shelve', alarm_id: 'a404', minutes: 5 })).toMatchObject({ code: 'alarm_not_found' });
    expect(await client.request({ type: 'shelve', alarm_id: 'a1', minutes: -1 })).toMatchObject({ code: 'invalid_params' });
    await client.close();
  });
});
