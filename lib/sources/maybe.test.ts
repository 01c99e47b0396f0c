import { describe, expect, it } from 'vitest';
import { andThen, both, isPending } from './maybe';

describe('Maybe', () => {
  it('stays synchronous while every value is here', () => {
    const result = andThen(both(2, 3), ([a, b]) => a * b);
    expect(isPending(result)).toBe(false);
    expect(result).toBe(6);
  });

  it('waits once any value is pending', async () => {
    const result = andThen(both(2, Promise.resolve(3)), ([a, b]) => andThen(Promise.resolve(a + b), (sum) => sum * 10));
    expect(isPending(result)).toBe(true);
    expect(await result).toBe(50);
  });
});
