import { describe, expect, it } from 'vitest';
import { SeriesRing, orNull, viewOf } from './series-ring';

const times = (ring: SeriesRing) => ring.map((t) => t);

describe('SeriesRing', () => {
  it('keeps points oldest first, up to its capacity, overwriting the oldest', () => {
    const ring = new SeriesRing(3);
    for (const t of [1, 2, 3, 4, 5]) ring.push(t, t * 10);
    expect(ring.length).toBe(3);
    expect(ring.map((t, i) => [t, ring.value(i)])).toEqual([[3, 30], [4, 40], [5, 50]]);
    expect(ring.lastTime()).toBe(5);
  });

  it('holds two values per point, a missing one as NaN', () => {
    const ring = new SeriesRing(2, 2);
    ring.push(1, 2.5);
    ring.push(2, 3, 1.5);
    expect(ring.map((t, i) => [t, orNull(ring.value(i, 0)), orNull(ring.value(i, 1))])).toEqual([[1, 2.5, null], [2, 3, 1.5]]);
  });

  it('replaces the newest point in place', () => {
    const ring = new SeriesRing(4);
    ring.push(1, 1);
    ring.push(2, 2);
    ring.setLast(3, 7);
    expect(ring.map((t, i) => [t, ring.value(i)])).toEqual([[1, 1], [3, 7]]);
  });

  it('drops points older than a time from the front, also across the wrap', () => {
    const ring = new SeriesRing(3);
    for (const t of [1, 2, 3, 4]) ring.push(t, t);
    ring.dropBefore(4);
    expect(times(ring)).toEqual([4]);
    ring.push(5, 5);
    ring.push(6, 6);
    ring.push(7, 7);
    expect(times(ring)).toEqual([5, 6, 7]);
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.lastTime()).toBeNaN();
  });

  it('gives a new view after every write and the same revision when nothing was written', () => {
    const ring = new SeriesRing(2);
    const empty = viewOf(ring);
    ring.push(1, 1);
    const one = viewOf(ring);
    expect(one.revision).not.toBe(empty.revision);
    ring.dropBefore(0);
    expect(viewOf(ring).revision).toBe(one.revision);
  });
});
