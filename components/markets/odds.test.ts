import { describe, expect, it } from 'vitest';
import { formatOdds, formatStake, impliedProbability, toAmerican, toFractional } from './odds';

describe('odds', () => {
  it('shows decimal prices by default, as the exchange quotes them', () => {
    expect(formatOdds(2.12)).toBe('2.12');
    expect(formatOdds(1.5)).toBe('1.50');
    expect(formatOdds(15.5)).toBe('15.5');
    expect(formatOdds(210)).toBe('210');
  });

  it('converts to American odds with their sign', () => {
    expect(toAmerican(2.5)).toBe(150);
    expect(toAmerican(1.5)).toBe(-200);
    expect(formatOdds(2.24, 'american')).toBe('+124');
    expect(formatOdds(1.714, 'american')).toBe('-140');
  });

  it('converts to fractional odds in their smallest terms', () => {
    expect(toFractional(2.5)).toBe('3/2');
    expect(toFractional(2)).toBe('1/1');
    expect(toFractional(1.91)).toBe('10/11');
    expect(toFractional(11)).toBe('10/1');
    expect(formatOdds(1.25, 'fractional')).toBe('1/4');
  });

  it('turns a decimal price into implied probability', () => {
    expect(impliedProbability(2)).toBeCloseTo(0.5);
    expect(impliedProbability(4)).toBeCloseTo(0.25);
  });

  it('shows stakes in the floor currency with thousands separators', () => {
    expect(formatStake(42.5, 'EUR')).toBe('€43');
    expect(formatStake(2_849_420, 'EUR')).toBe('€2,849,420');
    expect(formatStake(1200, 'GBP')).toBe('£1,200');
  });
});
