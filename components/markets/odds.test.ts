import { describe, expect, it } from 'vitest';
import { formatOdds, formatStake, impliedProbability } from './odds';

describe('odds', () => {
  it('shows American odds with their sign', () => {
    expect(formatOdds(124)).toBe('+124');
    expect(formatOdds(-110)).toBe('-110');
  });

  it('turns odds into implied probability on one scale for both sides', () => {
    expect(impliedProbability(100)).toBeCloseTo(0.5);
    expect(impliedProbability(300)).toBeCloseTo(0.25);
    expect(impliedProbability(-300)).toBeCloseTo(0.75);
  });

  it('keeps large stakes short', () => {
    expect(formatStake(42.5)).toBe('$42.50');
    expect(formatStake(2_849_420)).toBe('$2.8M');
  });
});
