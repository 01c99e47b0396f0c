import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../protocol';
import { createExchangeState } from './exchange-state';
import { MARKET, MARKET_LINE, MATCHED_BET, SPORT_EVENT, TOURNAMENT, WAGER, selections } from './test-support/exchange-fixtures';

/*
 * docs/protocol.md §10: a node that does not hold the exchange source follows the `markets` events the
 * holder publishes. Its snapshot must be the holder's, whoever asks, and it must see stale changes as stale.
 */

const OPERATOR = { user_id: 'u-op', name: 'Op', role: 'manager' as const };

function holderAndFollower() {
  const holder = createExchangeState();
  const follower = createExchangeState();
  let seq = 0;
  const apply = (type: Parameters<typeof holder.apply>[0], op: 'c' | 'u' | 'd', payload: unknown) => {
    const outcome = holder.apply(type, op, payload);
    if (outcome.ok) follower.follow({ channel: 'markets', event: outcome.event, seq: ++seq, id: `x-${seq}`, ts: '2026-01-18T14:30:00.000Z', data: outcome.data } as PublishedEvent);
    return outcome;
  };
  return { holder, follower, apply };
}

describe('following the exchange through published events', () => {
  it('ends with the holder snapshot: tournaments, events (with their tournament), markets, lines, selections and trades', () => {
    const { holder, follower, apply } = holderAndFollower();
    apply('tournament', 'c', TOURNAMENT);
    apply('sport_event', 'c', SPORT_EVENT);
    apply('market', 'c', MARKET);
    apply('market_line', 'c', MARKET_LINE);
    apply('market_selections', 'u', selections(1));
    apply('matched_bet', 'c', MATCHED_BET);
    apply('matched_bet', 'c', MATCHED_BET);
    apply('market_selections', 'u', selections(2, 99));
    apply('wager', 'c', WAGER);
    expect(follower.snapshot({}, OPERATOR)).toEqual(holder.snapshot({}, OPERATOR));
    expect(follower.snapshot({}, OPERATOR).find((i) => i.kind === 'sport_event')).toMatchObject({ tournament_id: SPORT_EVENT.tournament_id });
  });

  it('follows deletions, and then refuses the same stale change the holder refuses', () => {
    const { holder, follower, apply } = holderAndFollower();
    apply('sport_event', 'c', SPORT_EVENT);
    apply('market', 'c', MARKET);
    apply('market', 'd', { id: MARKET.id, info: { id: 219, sport_event_id: 44285780, sequence_number: 8 } });
    expect(follower.snapshot({}, OPERATOR)).toEqual(holder.snapshot({}, OPERATOR));
    // The upstream replays an old change to a node that took the source over: stale there as well.
    expect(follower.apply('market', 'u', MARKET)).toMatchObject({ ok: false, reason: 'stale' });
  });
});
