import { describe, expect, it } from 'vitest';
import type { Alarm } from '@/lib/protocol';
import { sortAlarms } from './sort-alarms';

const alarm = (id: string, patch: Partial<Alarm>): Alarm => ({
  alarm_id: id, kind: 'device_offline', severity: 'medium', state: 'unacked', shelved_until: null, source_ref: id, location_id: null,
  message: id, count: 1, raised_at: '2026-01-01T10:00:00Z', acked_at: null, acked_by: null, cleared_at: null, note: null, ...patch,
});

describe('sortAlarms', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('puts unacked before cleared-unacked before acked, then by severity', () => {
    const sorted = sortAlarms(
      [
        alarm('acked-critical', { state: 'acked', severity: 'critical' }),
        alarm('unacked-low', { severity: 'low' }),
        alarm('cleared-unacked-critical', { state: 'cleared_unacked', severity: 'critical' }),
        alarm('unacked-critical', { severity: 'critical' }),
      ],
      now,
    );
    expect(sorted.map((a) => a.alarm_id)).toEqual(['unacked-critical', 'unacked-low', 'cleared-unacked-critical', 'acked-critical']);
  });

  it('shows the newest first among equals and shelved alarms last', () => {
    const sorted = sortAlarms(
      [
        alarm('old', { raised_at: '2026-01-01T09:00:00Z' }),
        alarm('shelved', { severity: 'critical', shelved_until: '2026-01-01T13:00:00Z' }),
        alarm('new', { raised_at: '2026-01-01T11:00:00Z' }),
        alarm('shelf-expired', { shelved_until: '2026-01-01T11:30:00Z', raised_at: '2026-01-01T08:00:00Z' }),
      ],
      now,
    );
    expect(sorted.map((a) => a.alarm_id)).toEqual(['new', 'old', 'shelf-expired', 'shelved']);
  });
});
