import { isPending, type Maybe } from './maybe';

/** Most items decided in one round trip. */
const MAX_BATCH = 1000;

/**
 * A connector's items applied in the order they arrived, when deciding on them (dedup, pairing) may wait
 * for a shared store: while one batch is being decided, the items arriving meanwhile queue up and are
 * decided together next, one round trip per batch however fast they come. On memory stores each item is
 * decided and applied in the turn it arrived, as if there were no queue. A batch whose decision fails is
 * dropped and reported; the ones after it go on.
 */
export function createInOrder<T, D>(options: {
  decide(items: T[]): Maybe<D>;
  apply(items: T[], decided: D): void;
  onError(err: unknown, items: T[]): void;
}): (item: T) => void {
  const queue: T[] = [];
  let deciding = false;

  function drain(): void {
    while (queue.length > 0) {
      const items = queue.splice(0, MAX_BATCH);
      let decided: Maybe<D>;
      try {
        decided = options.decide(items);
      } catch (err) {
        options.onError(err, items);
        continue;
      }
      if (!isPending(decided)) {
        options.apply(items, decided);
        continue;
      }
      deciding = true;
      decided
        .then((value) => options.apply(items, value))
        .catch((err: unknown) => options.onError(err, items))
        .finally(() => {
          deciding = false;
          drain();
        });
      return;
    }
  }

  return (item) => {
    queue.push(item);
    if (!deciding) drain();
  };
}
