import { describe, expect, it } from 'vitest';
import { extentOf, linearScale, nearestIndex, paddedExtent, timeTicks, valueAxis } from './scale';

describe('chart scales', () => {
  it('maps values to pixels, flipping for a y axis', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(25)).toBe(150);
    expect(y(100)).toBe(0);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });

  it('labels a value axis with round numbers from zero to above the maximum', () => {
    expect(valueAxis(1200, 9_700, 4)).toEqual({ domain: [0, 10_000], ticks: [0, 5000, 10_000] });
    expect(valueAxis(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueAxis(0, 0, 4).domain[1]).toBeGreaterThan(0);
  });

  it('puts time ticks on whole minutes, never closer than the gap', () => {
    const start = Date.UTC(2026, 0, 1, 12, 0, 20);
    const ticks = timeTicks(start, start + 5 * 60_000, 400, 48);
    expect(ticks).toHaveLength(5);
    for (const t of ticks) expect(t % 60_000).toBe(0);
    expect(timeTicks(start, start + 5 * 60_000, 100, 48)).toEqual([Date.UTC(2026, 0, 1, 12, 5)]);
    expect(timeTicks(start, start + 2 * 60_000, 400, 48)).toHaveLength(8);
    expect(timeTicks(start, start + 2 * 60_000, 400, 48, 60_000)).toEqual([Date.UTC(2026, 0, 1, 12, 1), Date.UTC(2026, 0, 1, 12, 2)]);
  });

  it('finds the range of every series and pads it', () => {
    const points = [{ a: 3, b: null }, { a: 1, b: 7 }];
    expect(extentOf(points, [(p) => p.a, (p) => p.b])).toEqual([1, 7]);
    expect(paddedExtent([100, 200], 0.1)).toEqual([90, 210]);
    const [lo, hi] = paddedExtent([50, 50]);
    expect(lo).toBeLessThan(50);
    expect(hi).toBeGreaterThan(50);
    expect(paddedExtent(extentOf([], []))).toEqual([0, 1]);
  });

  it('finds the point nearest to a moment', () => {
    const items = [{ t: 0 }, { t: 10 }, { t: 20 }];
    expect(nearestIndex(items, -5)).toBe(0);
    expect(nearestIndex(items, 14)).toBe(1);
    expect(nearestIndex(items, 16)).toBe(2);
    expect(nearestIndex(items, 99)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
