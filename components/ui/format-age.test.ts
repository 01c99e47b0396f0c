import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatMinute } from './format-age';

describe('data age', () => {
  it('reads as a wall clock', () => {
    expect(formatClock(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04:05');
    expect(formatClock(new Date(2026, 0, 2, 23, 59, 59).getTime())).toBe('23:59:59');
    expect(formatClock(new Date(2026, 0, 3, 0, 0, 0).getTime())).toBe('00:00:00');
  });

  it('labels a minute as hours and minutes', () => {
    expect(formatMinute(new Date(2026, 0, 2, 3, 4, 59).getTime())).toBe('03:04');
    expect(formatMinute(new Date(2026, 0, 2, 23, 0, 0).getTime())).toBe('23:00');
  });

  it('gives each second its own reading, however many times in a row one is asked for', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5).getTime();
    expect(formatClock(at + 999)).toBe('03:04:05');
    expect(formatClock(at + 1000)).toBe('03:04:06');
    expect(formatClock(at + 1)).toBe('03:04:05');
    expect(formatClock(at - 1)).toBe('03:04:04');
  });

  it('says how long in the largest useful units', () => {
    expect(formatDuration(12)).toBe('12 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(7440)).toBe('2 h 4 min');
  });
});
