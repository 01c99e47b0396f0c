import { describe, expect, it } from 'vitest';
import { DedupWindow } from './dedup-window';

describe('DedupWindow', () => {
  it('remembers ids within the window and forgets them after it', () => {
    let now = 0;
    const window = new DedupWindow({ windowMs: 24 * 3_600_000, now: () => now });
    expect(window.add(1)).toBe(true);
    expect(window.add(1)).toBe(false);
    now = 23 * 3_600_000;
    expect(window.add(1)).toBe(false);
    expect(window.add(2)).toBe(true);
    now = 26 * 3_600_000;
    expect(window.add(3)).toBe(true);
    expect(window.add(1)).toBe(true);
  });

  it('stays within its capacity by dropping the oldest ids first', () => {
    const window = new DedupWindow({ capacity: 2400 });
    for (let i = 0; i < 10_000; i++) window.add(i);
    expect(window.size).toBeLessThanOrEqual(2400);
    expect(window.add(9_999)).toBe(false);
    expect(window.add(0)).toBe(true);
  });
});
