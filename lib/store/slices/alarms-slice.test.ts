import { describe, expect, it } from 'vitest';
import type { Alarm, EventFrame } from '@/lib/protocol';
import { initialAlarms, reduceAlarms, withAlarmAction } from './alarms-slice';

const alarm = (id: string, state: Alarm['state']): Alarm => ({
  alarm_id: id, kind: 'device_offline', severity: 'high', state, shelved_until: null, source_ref: 'd-1', location_id: 'loc-a', message: 'Device d-1 offline',
  count: 1, raised_at: '2026-01-01T00:00:00Z', acked_at: null, acked_by: null, cleared_at: null, note: null,
});
const event = (seq: number, name: EventFrame['event'], data: Alarm): EventFrame => ({
  type: 'event', channel: 'alerts', event: name, subscription_id: 's', seq, id: `e-${seq}`, ts: '2026-01-01T00:00:00Z', data: data as unknown as Record<string, unknown>,
});

describe('alarms slice', () => {
  it('forgets the outcome of an action once its alarm is cleared', () => {
    const raised = reduceAlarms(initialAlarms, [event(1, 'alarm.raised', alarm('a-1', 'unacked')), event(2, 'alarm.raised', alarm('a-2', 'unacked'))]);
    const acted = withAlarmAction(withAlarmAction(raised, 'a-1', { kind: 'ack', status: 'done' }), 'a-2', { kind: 'ack', status: 'failed', message: 'no' });
    const cleared = reduceAlarms(acted, [event(3, 'alarm.cleared', alarm('a-1', 'cleared'))]);
    expect(Object.keys(cleared.byId)).toEqual(['a-2']);
    expect(Object.keys(cleared.actions)).toEqual(['a-2']);
  });
});
