import { describe, expect, it } from 'vitest';
import { createInOrder } from './in-order';

describe('createInOrder', () => {
  it('applies each item at once when deciding answers at once', () => {
    const applied: number[] = [];
    const take = createInOrder<number, boolean[]>({ decide: (items) => items.map((n) => n % 2 === 0), apply: (items, keep) => applied.push(...items.filter((_, i) => keep[i])), onError: () => {} });
    take(2);
    expect(applied).toEqual([2]);
    take(3);
    take(4);
    expect(applied).toEqual([2, 4]);
  });

  it('queues items arriving while a decision is pending, decides them together next and keeps their order', async () => {
    const batches: number[][] = [];
    const applied: number[] = [];
    const take = createInOrder<number, number[]>({
      decide: (items) => {
        batches.push(items);
        return new Promise((resolve) => setTimeout(() => resolve(items), 5));
      },
      apply: (items) => applied.push(...items),
      onError: () => {},
    });
    for (let n = 1; n <= 5; n++) take(n);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(applied).toEqual([1, 2, 3, 4, 5]);
  });

  it('reports a batch whose decision failed and goes on with the next', async () => {
    const failed: number[][] = [];
    const applied: number[] = [];
    let calls = 0;
    const take = createInOrder<number, number[]>({
      decide: (items) => (++calls === 1 ? Promise.reject(new Error('store away')) : Promise.resolve(items)),
      apply: (items) => applied.push(...items),
      onError: (_err, items) => failed.push(items),
    });
    take(1);
    take(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failed).toEqual([[1]]);
    expect(applied).toEqual([2]);
  });
});
