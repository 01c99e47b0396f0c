import type { Eventually } from '../gateway/eventually';
import type { PairingStore } from './pairing-store';
import type { RedisKeyValue } from './redis-store';

/** How long a bet waits for its win by default: far longer than any round takes. */
const PAIRING_TTL_MS = 60 * 60_000;

/**
 * `PairingStore` on Redis, shared by every gateway node, so a win is paired with its bet whichever node
 * took either: one key per round holding the bet's amount, with a time to live instead of a count bound
 * (a bet is held for `ttlMs`, an hour by default, however many rounds arrive meanwhile).
 */
export class RedisPairingStore implements Eventually<PairingStore> {
  private readonly prefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisKeyValue,
    options: { namespace?: string; ttlMs?: number } = {},
  ) {
    this.prefix = `fm:pairing:${options.namespace ?? 'floor'}:`;
    this.ttlMs = options.ttlMs ?? PAIRING_TTL_MS;
  }

  async rememberBet(roundId: string, amount: number): Promise<void> {
    await this.redis.set(`${this.prefix}${roundId}`, String(amount), { expiration: { type: 'PX', value: this.ttlMs } });
  }

  async betFor(roundId: string): Promise<number | null> {
    const held = await this.redis.get(`${this.prefix}${roundId}`);
    return held === null ? null : Number(held);
  }
}
