import { describe, expect, it } from 'vitest';
import type { AlarmTransition } from '@/lib/protocol';
import { describeTransition } from './describe-transition';

const t = (patch: Partial<AlarmTransition>): AlarmTransition => ({
  action: 'raise', at: '2026-01-01T10:00:00Z', from: null, to: 'unacked', by: 'system', by_name: 'system', note: null, reason: null, count: 1, shelved_until: null, escalations: null, ...patch,
});

describe('describeTransition', () => {
  it('names each step of an alarm’s life with who did it and why', () => {
    expect(describeTransition(t({})).label).toBe('Raised');
    expect(describeTransition(t({ action: 'repeat', from: 'unacked', count: 3 })).label).toBe('Repeated (now 3×)');
    expect(describeTransition(t({ action: 'ack', from: 'unacked', to: 'acked', by: 'u-1', by_name: 'Mira', note: 'Reset it' }))).toEqual({ label: 'Acknowledged by Mira', tone: 'ack', detail: '“Reset it”' });
    expect(describeTransition(t({ action: 'shelve', by: 'u-2', by_name: 'Sam', reason: 'Tech on the way' })).detail).toBe('“Tech on the way”');
    expect(describeTransition(t({ action: 'shelve', by: 'u-2', by_name: 'Sam' })).label).toBe('Shelved by Sam');
    expect(describeTransition(t({ action: 'unshelve' })).label).toBe('Shelf expired — back on the list');
    expect(describeTransition(t({ action: 'escalate', escalations: 2 })).label).toBe('Escalated (2×)');
    expect(describeTransition(t({ action: 'clear', from: 'unacked', to: 'cleared_unacked' })).detail).toBe('Not acknowledged yet');
  });
});
