import { describe, expect, it } from 'vitest';
import type { AlarmTransition } from '@/lib/store/alarms-api';
import { describeTransition } from './describe-transition';

const t = (patch: Partial<AlarmTransition>): AlarmTransition => ({ at: '2026-01-01T10:00:00Z', from: null, to: 'unacked', by: null, by_name: null, note: null, reason: null, count: null, ...patch });

describe('describeTransition', () => {
  it('names each step of an alarm’s life', () => {
    expect(describeTransition(t({})).label).toBe('Raised');
    expect(describeTransition(t({ from: 'unacked', to: 'unacked', count: 3 })).label).toBe('Repeated (3×)');
    expect(describeTransition(t({ from: 'unacked', to: 'acked', by: 'u-1', by_name: 'Mira', note: 'Reset it' }))).toEqual({ label: 'Acknowledged by Mira', tone: 'ack', detail: '“Reset it”' });
    expect(describeTransition(t({ from: 'cleared_unacked', to: 'cleared', by_name: 'Mira' })).tone).toBe('ack');
    expect(describeTransition(t({ from: 'acked', to: 'cleared' })).tone).toBe('clear');
    expect(describeTransition(t({ from: 'unacked', to: 'shelved', by_name: 'Sam', reason: 'Tech on the way' }))).toEqual({ label: 'Shelved by Sam', tone: 'shelve', detail: '“Tech on the way”' });
    expect(describeTransition(t({ from: 'unacked', to: 'unshelved', by_name: 'Sam' })).label).toBe('Unshelved by Sam');
    expect(describeTransition(t({ from: 'unacked', to: 'escalated', count: 2 })).label).toBe('Escalated (2×)');
  });
});
