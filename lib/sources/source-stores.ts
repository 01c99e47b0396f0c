import type { DedupStore } from './dedup-store';
import { DedupWindow } from './dedup-window';
import { PAIRING_CAPACITY } from './floor-events';
import { MemoryPairing } from './memory-pairing';
import type { PairingStore } from './pairing-store';
import { RedisDedupStore } from './redis-dedup-store';
import { RedisPairingStore } from './redis-pairing-store';
import type { RedisScripts } from './redis-store';

/**
 * Where the sources keep what they have seen: ids for dedup (`floor`: the ingest and the casino connector;
 * `jackpot`) and bets waiting for their wins (`floor`). The composition root picks them: this process's
 * memory by default, Redis shared by every node with `REDIS_URL` (docs/protocol.md §10).
 */
export interface SourceStores {
  /** The dedup store of a namespace; `capacity` bounds ids held where memory is counted (a shared store keeps them by time). */
  dedup(namespace: string, options?: { capacity?: number }): DedupStore;
  /** The pairing store of a namespace. */
  pairing(namespace: string): PairingStore;
}

/** Stores in this process's memory, answering at once: the embedded default. */
export const memorySourceStores: SourceStores = {
  dedup: (_namespace, options) => new DedupWindow({ capacity: options?.capacity }),
  pairing: () => new MemoryPairing(PAIRING_CAPACITY),
};

/** Stores on Redis through the node's connected client (`Engines.redis`), shared by every gateway node. */
export function redisSourceStores(redis: RedisScripts): SourceStores {
  return {
    dedup: (namespace) => new RedisDedupStore(redis, { namespace }),
    pairing: (namespace) => new RedisPairingStore(redis, { namespace }),
  };
}
