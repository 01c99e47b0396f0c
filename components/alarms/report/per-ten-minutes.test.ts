import { describe, expect, it } from 'vitest';
import { perTenMinutes } from './per-ten-minutes';

const at = (hhmm: string) => ({ raised_at: `2026-01-01T${hhmm}:00Z` });
const ms = (hhmm: string) => Date.parse(`2026-01-01T${hhmm}:00Z`);

describe('perTenMinutes', () => {
  it('counts alarms in clock-aligned 10-minute windows, quiet windows included', () => {
    const series = perTenMinutes([at('10:01'), at('10:09'), at('10:10'), at('10:35'), at('09:59'), at('10:40')], ms('10:05'), ms('10:40'));
    expect(series.map((w) => new Date(w.start).toISOString().slice(11, 16))).toEqual(['10:00', '10:10', '10:20', '10:30']);
    // 10:01 is before the range, 09:59 too; 10:40 is its end (exclusive)
    expect(series.map((w) => w.count)).toEqual([1, 1, 0, 1]);
  });

  it('has at least one window for an empty range', () => {
    expect(perTenMinutes([], ms('10:00'), ms('10:00'))).toHaveLength(1);
  });
});
