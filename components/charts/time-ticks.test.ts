import { describe, expect, it } from 'vitest';
import { paddedDomain, timeTicks } from './time-ticks';

describe('time ticks', () => {
  const start = Date.UTC(2026, 0, 1, 12, 0, 20);

  it('puts ticks on whole minutes when minutes are asked for', () => {
    const ticks = timeTicks(start, start + 5 * 60_000, 6, 60_000);
    expect(ticks).toHaveLength(5);
    for (const t of ticks) expect(t % 60_000).toBe(0);
  });

  it('never gives more ticks than asked, widening the step instead', () => {
    expect(timeTicks(start, start + 5 * 60_000, 2)).toEqual([Date.UTC(2026, 0, 1, 12, 5)]);
    expect(timeTicks(start, start + 2 * 60_000, 8)).toHaveLength(8);
    expect(timeTicks(start, start + 2 * 60_000, 8, 60_000)).toEqual([Date.UTC(2026, 0, 1, 12, 1), Date.UTC(2026, 0, 1, 12, 2)]);
  });

  it('gives none for an empty range', () => {
    expect(timeTicks(start, start, 5)).toEqual([]);
    expect(timeTicks(start, start + 1000, 0)).toEqual([]);
  });
});

describe('padded domain', () => {
  it('pads around the data', () => {
    expect(paddedDomain([100, 200], 0.1)).toEqual([90, 210]);
  });

  it('opens a flat series around its value and falls back without data', () => {
    const [lo, hi] = paddedDomain([50, 50]);
    expect(lo).toBeLessThan(50);
    expect(hi).toBeGreaterThan(50);
    expect(paddedDomain([Infinity, -Infinity])).toEqual([0, 1]);
  });
});
