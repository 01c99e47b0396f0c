import { describe, expect, it } from 'vitest';
import { type OwnWager, ourBook } from './market-book';

const play = (outcome_id: number, odds: number, matched: number, unmatched = 0): OwnWager => ({ id: `w-${outcome_id}-${odds}`, marketKey: 'm', outcome_id, odds, stake: matched + unmatched, matched, unmatched, status: 'active' });

describe('our book on a market', () => {
  it('sums matched and unmatched stake, and takes the worst result as exposure', () => {
    // Home 100 at 2.5, draw 50 at 3.4; away wins → we lose 150.
    const book = ourBook([play(4, 2.5, 100, 20), play(6, 3.4, 50)], [4, 6, 5]);
    expect(book.matched).toBe(150);
    expect(book.unmatched).toBe(20);
    expect(book.ifWins).toEqual({ 4: 100, 6: 20, 5: -150 });
    expect(book.exposure).toBe(150);
  });

  it('has no exposure when every result wins, and counts "anything else" when one selection is known', () => {
    expect(ourBook([play(12, 2.2, 100), play(13, 2.2, 100)], [12, 13]).exposure).toBe(0);
    expect(ourBook([play(12, 2.2, 100)], []).exposure).toBe(100);
    expect(ourBook([play(12, 2.2, 0, 80)], [12, 13])).toMatchObject({ matched: 0, unmatched: 80, exposure: 0 });
  });
});
