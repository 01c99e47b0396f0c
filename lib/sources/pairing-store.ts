import type { Maybe } from './maybe';

/**
 * Pairs a win with its bet: remembers each bet's amount by `round_id`, so `round.won` can carry
 * `bet_amount`. `MemoryPairing` is the in-memory implementation; `RedisPairingStore` is shared by every
 * gateway node, so a win finds its bet whichever node took it (docs/protocol.md §10).
 *
 * Guarantees every implementation gives:
 * - `betFor` returns the amount last remembered for the round, exactly as given (0 included), or null
 *   when the round is unknown or no longer held; rounds are independent of one another.
 * - The bets of at least the latest `retain` rounds remembered are held (`retain` is the implementation's
 *   stated bound); older ones may be forgotten, so memory stays bounded.
 * - `betsFor` answers as the same `betFor`s would, and `rememberBets` as the same `rememberBet`s in order
 *   (the newest bet of a round wins); a `betsFor` made before a `rememberBets` does not see its bets.
 *
 * In-memory stores answer at once; shared ones answer with a promise, each batch form in one round trip.
 */
export interface PairingStore {
  /** Remembers the amount of a round's bet (the newest bet of a round wins). */
  rememberBet(roundId: string, amount: number): Maybe<void>;
  /** The amount of a round's bet, or null when it is not held. */
  betFor(roundId: string): Maybe<number | null>;
  /** Remembers bets `[roundId, amount]` in order. */
  rememberBets(bets: readonly (readonly [string, number])[]): Maybe<void>;
  /** The amounts of the rounds' bets, in the order asked, null where one is not held. */
  betsFor(roundIds: readonly string[]): Maybe<(number | null)[]>;
}
