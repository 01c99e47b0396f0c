import type { DedupStore } from './dedup-store';
import type { BetBook, FloorEvents } from './floor-events';
import type { FloorItem } from './floor-items';
import { hash53 } from './hash';
import { type Maybe, andThen } from './maybe';

/** What the stores decided for a batch of floor items before any of it is applied. */
export interface DecidedBatch {
  /** Per item, whether it is new (by id, on every node sharing the store): only these are applied. */
  fresh: boolean[];
  /** The bets the new items' wins pair with, kept up to date as the batch is applied. */
  book: BetBook;
}

/**
 * Deduplicates a batch (check and record in one step, so of two nodes given the same item one applies it)
 * and pairs its new items. At once on memory stores; on shared ones one round trip for dedup and one for
 * pairing, whatever the batch's size.
 */
export function decideFloorBatch(items: readonly FloorItem[], dedup: DedupStore, floorEvents: Pick<FloorEvents, 'pair'>): Maybe<DecidedBatch> {
  return andThen(dedup.addMany(items.map((item) => hash53(item.id))), (fresh) =>
    andThen(floorEvents.pair(items.filter((_, i) => fresh[i])), (book) => ({ fresh, book })),
  );
}
