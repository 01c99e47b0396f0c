import type { Maybe } from './maybe';

/**
 * Remembers which upstream events were already applied, by a 53-bit hash of their id (`hash53`), so a
 * redelivered event (a reconnect's replay, an ingest retry) is published once. `DedupWindow` is the
 * in-memory implementation; `RedisDedupStore` is shared by every gateway node (docs/protocol.md §10).
 *
 * Guarantees every implementation gives:
 * - `add` returns true the first time it sees a key and false for the same key again within the
 *   window (docs/protocol.md §11.1 asks for at least 24 hours), whatever other keys arrived meanwhile, up to the
 *   implementation's stated capacity; keys are independent of one another.
 * - Every integer key from 0 to 2⁵³ − 1 is accepted as itself (no truncation to 32 bits).
 * - A key is forgotten at the latest twice the window after it was added (then `add` returns true
 *   again), so memory stays bounded; between one and two windows it may or may not be remembered.
 * - Checking and recording are one step: of two `add`s of the same key, at most one returns true, on
 *   whichever node they are made.
 * - `addMany` answers as the same `add`s in order would: a key repeated within the batch is new at most once.
 *
 * In-memory stores answer at once; shared ones answer with a promise, `addMany` in one round trip.
 */
export interface DedupStore {
  /** True when every node records into this same store, so ids another node published are already held. */
  readonly shared?: boolean;
  /** Records a key; true when it is new within the window, false for a duplicate. */
  add(key: number): Maybe<boolean>;
  /** Records keys in order; for each, true when it is new (a repeat within the batch is not). */
  addMany(keys: readonly number[]): Maybe<boolean[]>;
}
