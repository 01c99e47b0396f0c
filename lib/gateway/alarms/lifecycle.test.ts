import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../protocol';
import {
  type AlarmChange,
  type AlarmRefusal,
  acknowledgeAlarm,
  isRefusal,
  raiseAlarm,
  repeatAlarm,
  returnToNormal,
  shelveAlarm,
  unshelveAlarm,
} from './lifecycle';
import type { AlarmCondition } from './types';

const T0 = '2025-05-11T11:12:03.000Z';
const T1 = '2025-05-11T11:20:00.000Z';
const offline: AlarmCondition = { kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 offline' };

function alarmIn(state: Alarm['state'], extra: Partial<Alarm> = {}): Alarm {
  return { ...raiseAlarm('alm-1', offline, T0).alarm, state, ...extra };
}
function change(result: AlarmChange | AlarmRefusal | null): AlarmChange {
  if (!result || isRefusal(result)) throw new Error(`expected a change, got ${JSON.stringify(result)}`);
  return result;
}

describe('alarm lifecycle', () => {
  it('raises a new alarm unacked, counted once, with the kind severity', () => {
    const raised = raiseAlarm('alm-1', offline, T0);
    expect(raised).toMatchObject({ from: null, action: 'raise', event: 'alarm.raised' });
    expect(raised.alarm).toEqual({
      alarm_id: 'alm-1', kind: 'device_offline', severity: 'high', state: 'unacked', shelved_until: null,
      source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 offline', count: 1,
      raised_at: T0, acked_at: null, acked_by: null, cleared_at: null, note: null,
    });
  });

  it('takes a casino alert severity from the condition, else medium', () => {
    const casino: AlarmCondition = { kind: 'casino_alert', source_ref: 'a-1', location_id: null, message: 'door open' };
    expect(raiseAlarm('a', casino, T0).alarm.severity).toBe('medium');
    expect(raiseAlarm('a', { ...casino, severity: 'low' }, T0).alarm.severity).toBe('low');
  });

  it('counts a repeat without changing an unacked or acked state', () => {
    for (const state of ['unacked', 'acked'] as const) {
      const repeated = repeatAlarm(alarmIn(state, { count: 3 }), { ...offline, message: 'still offline' });
      expect(repeated).toMatchObject({ from: state, action: 'repeat', event: 'alarm.updated' });
      expect(repeated.alarm).toMatchObject({ state, count: 4, message: 'still offline' });
    }
  });

  it('brings a cleared_unacked alarm back to unacked on a repeat', () => {
    const repeated = repeatAlarm(alarmIn('cleared_unacked', { cleared_at: T1 }), offline);
    expect(repeated.alarm).toMatchObject({ state: 'unacked', count: 2, cleared_at: null });
  });

  it('escalates severity on a repeat but never lowers it', () => {
    const casino: AlarmCondition = { kind: 'casino_alert', source_ref: 'a-1', location_id: null, message: 'm', severity: 'medium' };
    const alarm = raiseAlarm('a', casino, T0).alarm;
    expect(repeatAlarm(alarm, { ...casino, severity: 'critical' }).alarm.severity).toBe('critical');
    expect(repeatAlarm(alarm, { ...casino, severity: 'low' }).alarm.severity).toBe('medium');
  });

  it('clears an unacked alarm to cleared_unacked, still on screen', () => {
    const cleared = change(returnToNormal(alarmIn('unacked'), T1));
    expect(cleared).toMatchObject({ from: 'unacked', action: 'clear', event: 'alarm.cleared' });
    expect(cleared.alarm).toMatchObject({ state: 'cleared_unacked', cleared_at: T1, acked_by: null });
  });

  it('clears an acked alarm to cleared and ends its shelving', () => {
    const cleared = change(returnToNormal(alarmIn('acked', { shelved_until: T1 }), T1));
    expect(cleared.alarm).toMatchObject({ state: 'cleared', cleared_at: T1, shelved_until: null });
  });

  it('has nothing to clear once the condition already returned to normal', () => {
    expect(returnToNormal(alarmIn('cleared_unacked'), T1)).toBeNull();
    expect(returnToNormal(alarmIn('cleared'), T1)).toBeNull();
  });

  it('acknowledges unacked to acked with who, when and the note', () => {
    const acked = change(acknowledgeAlarm(alarmIn('unacked'), 'Maya Chen', 'checked', T1));
    expect(acked).toMatchObject({ from: 'unacked', action: 'ack', event: 'alarm.acknowledged' });
    expect(acked.alarm).toMatchObject({ state: 'acked', acked_by: 'Maya Chen', acked_at: T1, note: 'checked' });
  });

  it('acknowledges cleared_unacked straight to cleared', () => {
    const acked = change(acknowledgeAlarm(alarmIn('cleared_unacked', { cleared_at: T0 }), 'Maya Chen', undefined, T1));
    expect(acked.alarm).toMatchObject({ state: 'cleared', acked_by: 'Maya Chen', cleared_at: T0, note: null });
  });

  it('refuses a second acknowledgement, naming who acknowledged', () => {
    for (const state of ['acked', 'cleared'] as const) {
      const refused = acknowledgeAlarm(alarmIn(state, { acked_by: 'Maya Chen', acked_at: T0 }), 'Sam', undefined, T1);
      expect(refused).toEqual({ code: 'already_acknowledged', message: expect.stringContaining('Maya Chen') });
    }
  });

  it('shelves any open alarm, keeping its state, and refuses a cleared one', () => {
    for (const state of ['unacked', 'acked', 'cleared_unacked'] as const) {
      const shelved = change(shelveAlarm(alarmIn(state), T1));
      expect(shelved).toMatchObject({ from: state, action: 'shelve', event: 'alarm.shelved' });
      expect(shelved.alarm).toMatchObject({ state, shelved_until: T1 });
    }
    expect(shelveAlarm(alarmIn('cleared'), T1)).toMatchObject({ code: 'alarm_not_found' });
  });

  it('unshelves a shelved alarm as an update, and leaves an unshelved one alone', () => {
    const unshelved = change(unshelveAlarm(alarmIn('acked', { shelved_until: T1 })));
    expect(unshelved).toMatchObject({ action: 'unshelve', event: 'alarm.updated' });
    expect(unshelved.alarm).toMatchObject({ state: 'acked', shelved_until: null });
    expect(unshelveAlarm(alarmIn('acked'))).toBeNull();
  });
});
