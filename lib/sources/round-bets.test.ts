import { describe, expect, it } from 'vitest';
import { RoundBets } from './round-bets';

describe('RoundBets', () => {
  it('keeps the newest rounds within its capacity and forgets the oldest', () => {
    const bets = new RoundBets(100);
    for (let i = 0; i < 1000; i++) bets.set(`r-${i}`, i / 4);
    expect(bets.size).toBeLessThanOrEqual(100);
    for (let i = 950; i < 1000; i++) expect(bets.get(`r-${i}`)).toBe(i / 4);
    expect(bets.get('r-10')).toBeUndefined();
  });

  it('overwrites a round, in either generation, with its newest bet', () => {
    const bets = new RoundBets(4);
    bets.set('a', 1);
    bets.set('a', 2);
    bets.set('b', 3);
    bets.set('c', 4);
    expect(bets.get('a')).toBe(2);
    bets.set('a', 9);
    expect(bets.get('a')).toBe(9);
    expect(bets.get('b')).toBe(3);
  });

  it('holds zero and fractions exactly, and knows nothing of rounds never set', () => {
    const bets = new RoundBets(10);
    bets.set('zero', 0);
    bets.set('tiny', 1e-9);
    expect(bets.get('zero')).toBe(0);
    expect(bets.get('tiny')).toBe(1e-9);
    expect(bets.get('other')).toBeUndefined();
  });
});
