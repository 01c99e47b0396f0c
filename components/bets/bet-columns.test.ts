import { describe, expect, it } from 'vitest';
import type { BetRow } from '@/lib/store/slices/bets-slice';
import { matchesBetFilter } from './bet-columns';

const bet = (over: Partial<BetRow>): BetRow => ({
  id: 'b-1', seq: 1, ts: 0, round_id: 'r', player_id: 'u3912', game_id: 'book-of-dead', device_id: 'SLOT-A07', location_id: 'loc-main', amount: 1, currency: 'EUR', ...over,
});

describe('bets filter', () => {
  it('finds the text in player, game or device, ignoring case', () => {
    expect(matchesBetFilter(bet({}), 'U391')).toBe(true);
    expect(matchesBetFilter(bet({}), 'Dead')).toBe(true);
    expect(matchesBetFilter(bet({}), 'slot-a0')).toBe(true);
    expect(matchesBetFilter(bet({}), '  ')).toBe(true);
  });

  it('does not look in the location or the stake', () => {
    expect(matchesBetFilter(bet({}), 'main')).toBe(false);
    expect(matchesBetFilter(bet({ device_id: null }), 'slot')).toBe(false);
  });
});
