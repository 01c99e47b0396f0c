import type { Eventually } from '../gateway/eventually';
import type { DedupStore } from './dedup-store';
import type { RedisKeyValue } from './redis-store';

/** How long an id is remembered by default: the 24 hours docs/protocol.md §11.1 asks for. */
const DAY_MS = 24 * 60 * 60_000;

/**
 * `DedupStore` on Redis, shared by every gateway node: one key per id, recorded with `SET key 1 NX PX window`,
 * so checking and recording are one atomic step across nodes (of two nodes adding the same id at the
 * same moment, exactly one hears it is new). Redis forgets each key when its window ends; memory is
 * one small key per id seen in the window. `namespace` keeps the ingest's ids apart from each connector's.
 */
export class RedisDedupStore implements Eventually<DedupStore> {
  private readonly prefix: string;
  private readonly windowMs: number;

  constructor(
    private readonly redis: RedisKeyValue,
    options: { namespace: string; windowMs?: number },
  ) {
    this.prefix = `fm:dedup:${options.namespace}:`;
    this.windowMs = options.windowMs ?? DAY_MS;
  }

  /** True when the id is new within the window (and is now recorded), false for a duplicate. */
  async add(key: number): Promise<boolean> {
    const set = await this.redis.set(`${this.prefix}${key}`, '1', { expiration: { type: 'PX', value: this.windowMs }, condition: 'NX' });
    return set === 'OK';
  }
}
