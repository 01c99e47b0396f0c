import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst up to the rate, then refills with time', () => {
    let now = 0;
    const limiter = new RateLimiter(100, 100, () => now);
    let allowed = 0;
    for (let i = 0; i < 150; i++) if (limiter.take()) allowed++;
    expect(allowed).toBe(100);
    now = 100;
    let later = 0;
    for (let i = 0; i < 50; i++) if (limiter.take()) later++;
    expect(later).toBe(10);
  });
});
