import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from './backoff';

describe('backoff', () => {
  const policy = { baseMs: 500, capMs: 10_000 };

  it('doubles the ceiling per attempt from the base', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffCeiling(a, policy))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(backoffCeiling(6, policy)).toBe(10_000);
    expect(backoffCeiling(500, policy)).toBe(10_000);
  });

  it('spreads the delay over the whole range with full jitter', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(2000);
  });
});
