import type { PairingStore } from './pairing-store';
import type { RedisScripts } from './redis-store';

/** How long a bet waits for its win by default: far longer than any round takes. */
const PAIRING_TTL_MS = 60 * 60_000;

/** Sets each round's key to its amount (`ARGV[i + 1]`) for `ARGV[1]` ms, in order, so a round's newest bet wins. */
const REMEMBER = `
for i, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[i + 1], 'PX', ARGV[1])
end
return #KEYS`;

/** Each round's amount, or nil, in the order asked. */
const LOOK_UP = `
local held = {}
for i, key in ipairs(KEYS) do
  held[i] = redis.call('GET', key)
end
return held`;

/**
 * `PairingStore` on Redis, shared by every gateway node, so a win is paired with its bet whichever node
 * took either: one key per round holding the bet's amount, with a time to live instead of a count bound
 * (a bet is held for `ttlMs`, an hour by default, however many rounds arrive meanwhile). Each batch is one
 * script, one round trip; calls made one after the other run in that order (one connection).
 */
export class RedisPairingStore implements PairingStore {
  private readonly prefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisScripts,
    options: { namespace?: string; ttlMs?: number } = {},
  ) {
    this.prefix = `fm:pairing:${options.namespace ?? 'floor'}:`;
    this.ttlMs = options.ttlMs ?? PAIRING_TTL_MS;
  }

  rememberBet(roundId: string, amount: number): Promise<void> {
    return this.rememberBets([[roundId, amount]]);
  }

  async betFor(roundId: string): Promise<number | null> {
    const [amount] = await this.betsFor([roundId]);
    return amount;
  }

  async rememberBets(bets: readonly (readonly [string, number])[]): Promise<void> {
    if (bets.length === 0) return;
    // A JavaScript number's shortest text reads back as the same number, so amounts come back exactly.
    await this.redis.eval(REMEMBER, { keys: bets.map(([roundId]) => `${this.prefix}${roundId}`), arguments: [String(this.ttlMs), ...bets.map(([, amount]) => String(amount))] });
  }

  async betsFor(roundIds: readonly string[]): Promise<(number | null)[]> {
    if (roundIds.length === 0) return [];
    const held = (await this.redis.eval(LOOK_UP, { keys: roundIds.map((roundId) => `${this.prefix}${roundId}`), arguments: [] })) as (string | null)[];
    return held.map((amount) => (amount === null ? null : Number(amount)));
  }
}
