import type { DedupStore } from './dedup-store';
import type { RedisScripts } from './redis-store';

/** How long an id is remembered by default: the 24 hours docs/protocol.md §11.1 asks for. */
const DAY_MS = 24 * 60 * 60_000;

/**
 * Records each key with `SET key 1 NX PX window`, in order: 1 where it was new, 0 where it was held
 * (including a key repeated earlier in the same batch).
 */
const ADD_MANY = `
local fresh = {}
for i, key in ipairs(KEYS) do
  fresh[i] = redis.call('SET', key, '1', 'NX', 'PX', ARGV[1]) and 1 or 0
end
return fresh`;

/**
 * `DedupStore` on Redis, shared by every gateway node: one key per id, recorded with `SET key 1 NX PX window`,
 * so checking and recording are one atomic step across nodes (of two nodes adding the same id at the
 * same moment, exactly one hears it is new). A batch is one script: one round trip however many ids.
 * Redis forgets each key when its window ends; memory is one small key per id seen in the window.
 * `namespace` keeps the ingest's ids apart from each connector's.
 */
export class RedisDedupStore implements DedupStore {
  readonly shared = true;
  private readonly prefix: string;
  private readonly windowMs: number;

  constructor(
    private readonly redis: RedisScripts,
    options: { namespace: string; windowMs?: number },
  ) {
    this.prefix = `fm:dedup:${options.namespace}:`;
    this.windowMs = options.windowMs ?? DAY_MS;
  }

  /** True when the id is new within the window (and is now recorded), false for a duplicate. */
  async add(key: number): Promise<boolean> {
    const [fresh] = await this.addMany([key]);
    return fresh;
  }

  /** Records ids in order, in one round trip; for each, true when it is new (a repeat within the batch is not). */
  async addMany(keys: readonly number[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const reply = (await this.redis.eval(ADD_MANY, { keys: keys.map((key) => `${this.prefix}${key}`), arguments: [String(this.windowMs)] })) as number[];
    return reply.map((fresh) => fresh === 1);
  }
}
