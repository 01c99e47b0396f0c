import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration } from './format-age';

describe('data age', () => {
  it('reads as a wall clock', () => {
    expect(formatClock(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04:05');
  });

  it('says how long in the largest useful units', () => {
    expect(formatDuration(12)).toBe('12 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(7440)).toBe('2 h 4 min');
  });
});
