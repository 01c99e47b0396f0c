import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './table-sort';

describe('table sort', () => {
  it('starts numbers high and text at A, reverses, then returns to the feed order', () => {
    expect(nextSort(null, 'amount', true)).toEqual({ columnId: 'amount', desc: true });
    expect(nextSort({ columnId: 'amount', desc: true }, 'amount', true)).toEqual({ columnId: 'amount', desc: false });
    expect(nextSort({ columnId: 'amount', desc: false }, 'amount', true)).toBeNull();
    expect(nextSort(null, 'player', false)).toEqual({ columnId: 'player', desc: false });
    expect(nextSort({ columnId: 'player', desc: false }, 'amount', true)).toEqual({ columnId: 'amount', desc: true });
  });

  it('sorts numbers by value and text naturally, keeping ties in feed order', () => {
    const rows = [
      { id: 'a', n: 2, s: 'u10' },
      { id: 'b', n: 10, s: 'u9' },
      { id: 'c', n: 2, s: 'u100' },
    ];
    expect(sortRows(rows, (r) => r.n, true).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, (r) => r.s, false).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, undefined, false)).toBe(rows);
  });
});
