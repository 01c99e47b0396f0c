import { describe, expect, it } from 'vitest';
import type { Alarm, ChannelEvent, EventFrame } from '@/lib/protocol';
import { initialAlarms, reduceAlarms, withAlarmAction, withAlarmActions } from './alarms-slice';

const alarm = (id: string, state: Alarm['state']): Alarm => ({
  alarm_id: id, kind: 'device_offline', severity: 'high', state, shelved_until: null, source_ref: 'd-1', location_id: 'loc-a', message: 'Device d-1 offline',
  count: 1, raised_at: '2026-01-01T00:00:00Z', acked_at: null, acked_by: null, cleared_at: null, note: null,
});
const event = (seq: number, name: ChannelEvent<'alerts'>, data: Alarm): EventFrame =>
  ({ type: 'event', channel: 'alerts', event: name, subscription_id: 's', seq, id: `e-${seq}`, ts: '2026-01-01T00:00:00Z', data }) as EventFrame;

describe('alarms slice', () => {
  it('forgets the outcome of an action once its alarm is cleared', () => {
    const raised = reduceAlarms(initialAlarms, [event(1, 'alarm.raised', alarm('a-1', 'unacked')), event(2, 'alarm.raised', alarm('a-2', 'unacked'))]);
    const acted = withAlarmAction(withAlarmAction(raised, 'a-1', { kind: 'ack', status: 'done' }), 'a-2', { kind: 'ack', status: 'failed', message: 'no' });
    const cleared = reduceAlarms(acted, [event(3, 'alarm.cleared', alarm('a-1', 'cleared'))]);
    expect(Object.keys(cleared.byId)).toEqual(['a-2']);
    expect(Object.keys(cleared.actions)).toEqual(['a-2']);
  });

  it('counts escalations and sounds the alert again for an escalated critical alarm', () => {
    const critical = { ...alarm('a-1', 'unacked'), severity: 'critical' as const };
    const raised = reduceAlarms(initialAlarms, [event(1, 'alarm.raised', critical)]);
    expect(raised.criticalAlerts).toHaveLength(1);
    const escalated = reduceAlarms(raised, [event(2, 'alarm.escalated', { ...critical, escalations: 2 } as Alarm)]);
    expect(escalated.escalations).toEqual({ 'a-1': 2 });
    expect(escalated.criticalAlerts.map((a) => a.escalations)).toEqual([0, 2]);
    expect(escalated.byId['a-1']).not.toHaveProperty('escalations');
    expect(reduceAlarms(escalated, [event(3, 'alarm.cleared', { ...critical, state: 'cleared' })]).escalations).toEqual({});
  });

  it('brings an unshelved alarm back as the event carries it', () => {
    const shelved = reduceAlarms(initialAlarms, [event(1, 'alarm.shelved', { ...alarm('a-1', 'unacked'), shelved_until: '2026-01-01T01:00:00Z' })]);
    const back = reduceAlarms(shelved, [event(2, 'alarm.unshelved', alarm('a-1', 'unacked'))]);
    expect(back.byId['a-1'].shelved_until).toBeNull();
  });

  it('records the outcome of a bulk acknowledgement per alarm', () => {
    const raised = reduceAlarms(initialAlarms, [event(1, 'alarm.raised', alarm('a-1', 'unacked')), event(2, 'alarm.raised', alarm('a-2', 'cleared_unacked'))]);
    const acked = withAlarmActions(raised, [
      { alarmId: 'a-1', action: { kind: 'ack', status: 'done' }, alarm: { ...alarm('a-1', 'acked'), note: 'one note' } },
      { alarmId: 'a-2', action: { kind: 'ack', status: 'done' }, alarm: alarm('a-2', 'cleared') },
    ]);
    expect(acked.byId['a-1'].note).toBe('one note');
    expect(acked.byId['a-2']).toBeUndefined();
  });
});
