/**
 * Pairs a win with its bet: remembers each bet's amount by `round_id`, so `round.won` can carry
 * `bet_amount`. `MemoryPairing` is the in-memory implementation.
 *
 * Guarantees every implementation gives:
 * - `betFor` returns the amount last remembered for the round, exactly as given (0 included), or null
 *   when the round is unknown or no longer held; rounds are independent of one another.
 * - The bets of at least the latest `retain` rounds remembered are held (`retain` is the implementation's
 *   stated bound); older ones may be forgotten, so memory stays bounded.
 *
 * Asynchronous implementations: a shared store (Redis with a TTL per round) would make both calls
 * return promises. The conformance suite (`pairingStoreConformance`) awaits them.
 */
export interface PairingStore {
  /** Remembers the amount of a round's bet (the newest bet of a round wins). */
  rememberBet(roundId: string, amount: number): void;
  /** The amount of a round's bet, or null when it is not held. */
  betFor(roundId: string): number | null;
}
