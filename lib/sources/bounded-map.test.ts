import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('keeps the newest entries within its capacity', () => {
    const map = new BoundedMap<number, number>(100);
    for (let i = 0; i < 1000; i++) map.set(i, i * 2);
    expect(map.size).toBeLessThanOrEqual(100);
    expect(map.get(999)).toBe(1998);
    expect(map.get(950)).toBe(1900);
    expect(map.has(10)).toBe(false);
  });

  it('overwrites a key held in the older generation', () => {
    const map = new BoundedMap<string, number>(4);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    map.set('a', 9);
    expect(map.get('a')).toBe(9);
    expect(map.size).toBe(3);
  });
});
