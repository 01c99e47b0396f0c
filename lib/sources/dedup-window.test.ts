import { describe, expect, it } from 'vitest';
import { dedupStoreConformance } from './dedup-store.conformance';
import { DedupWindow } from './dedup-window';

dedupStoreConformance((windowMs) => new DedupWindow({ windowMs, capacity: 100_000 }));

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

describe('DedupWindow under load', () => {
  it('remembers at least 7/8 of its capacity of the latest ids, whatever their values', () => {
    const window = new DedupWindow({ capacity: 80_000 });
    const ids: number[] = [];
    let x = 12345;
    let refused = 0;
    for (let i = 0; i < 300_000; i++) {
      x = (x * 48271) % 2147483647;
      const id = x * 4194304 + (i % 4194304);
      ids.push(id);
      if (!window.add(id)) refused++;
    }
    expect(refused).toBe(0);
    const forgotten = ids.slice(-70_000).filter((id) => window.add(id));
    expect(forgotten).toEqual([]);
    expect(window.size).toBeLessThanOrEqual(80_000);
  });

  it('keeps every table exact when the marks in front of them are shared by many ids', () => {
    // 48 ids of capacity: 64 mark bytes, so most marks carry ids of several tables, and tables turn over often.
    const window = new DedupWindow({ capacity: 48 });
    const seen: number[] = [];
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 7; i++) {
        const id = round * 7 + i;
        expect(window.add(id)).toBe(true);
        seen.push(id);
      }
      // The latest 7/8 of the capacity is still known; an id the window dropped with its table is new again.
      expect(seen.slice(-42).filter((id) => window.add(id))).toEqual([]);
    }
    expect(seen.slice(0, 100).filter((id) => window.add(id))).toHaveLength(100);
  });

  it('takes the extremes of the 53-bit range', () => {
    const window = new DedupWindow({ capacity: 1000 });
    for (const id of [0, 1, 2 ** 32, 2 ** 53 - 1]) expect(window.add(id)).toBe(true);
    for (const id of [0, 1, 2 ** 32, 2 ** 53 - 1]) expect(window.add(id)).toBe(false);
  });
});
