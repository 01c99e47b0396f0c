import { describe, expect, it } from 'vitest';
import type { Alarm } from '@/lib/protocol';
import { awaitsAck, groupBySection, nextToAttend } from './alarm-sections';

const now = Date.parse('2026-01-01T12:00:00Z');
const alarm = (id: string, patch: Partial<Alarm> = {}): Alarm => ({
  alarm_id: id, kind: 'device_offline', severity: 'medium', state: 'unacked', shelved_until: null, source_ref: id, location_id: null,
  message: id, count: 1, raised_at: '2026-01-01T10:00:00Z', acked_at: null, acked_by: null, cleared_at: null, note: null, ...patch,
});
const shelvedUntil = '2026-01-01T13:00:00Z';

describe('alarm sections', () => {
  it('keeps shelved alarms out of the alarms awaiting acknowledgement', () => {
    expect(awaitsAck(alarm('a'), now)).toBe(true);
    expect(awaitsAck(alarm('b', { state: 'cleared_unacked' }), now)).toBe(true);
    expect(awaitsAck(alarm('c', { shelved_until: shelvedUntil }), now)).toBe(false);
    expect(awaitsAck(alarm('d', { shelved_until: '2026-01-01T11:00:00Z' }), now)).toBe(true);
    expect(awaitsAck(alarm('e', { state: 'acked' }), now)).toBe(false);
  });

  it('groups alarms by section in their screen order', () => {
    const groups = groupBySection([alarm('u1'), alarm('s1', { shelved_until: shelvedUntil }), alarm('a1', { state: 'acked' }), alarm('u2')], now);
    expect(groups.attention.map((a) => a.alarm_id)).toEqual(['u1', 'u2']);
    expect(groups.acked.map((a) => a.alarm_id)).toEqual(['a1']);
    expect(groups.shelved.map((a) => a.alarm_id)).toEqual(['s1']);
  });

  it('moves on to the next alarm awaiting acknowledgement, skipping acked, shelved and pending ones', () => {
    const order = [alarm('u1'), alarm('u2'), alarm('u3'), alarm('u4'), alarm('a1', { state: 'acked' }), alarm('s1', { shelved_until: shelvedUntil })];
    expect(nextToAttend(order, 'u1', now)).toBe('u2');
    expect(nextToAttend(order, 'u2', now, new Set(['u3']))).toBe('u4');
    expect(nextToAttend(order, 'u4', now)).toBe('u3');
    expect(nextToAttend(order, 'a1', now)).toBe('u4');
    expect(nextToAttend([alarm('only')], 'only', now)).toBeNull();
  });
});
