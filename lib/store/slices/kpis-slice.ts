import { type BatchContext, type ChannelItem, eventTime, num, str } from './channel-item';

/**
 * Width of one KPI bucket and how many are kept: six minutes and the bucket filling now, what the
 * charts' five minutes of rolling one-minute sums read.
 */
export const KPI_BUCKET_MS = 10_000;
export const KPI_BUCKETS = 37;

/** Sums over one bucket at one location. */
export interface KpiCounters {
  bets: number;
  turnover: number;
  wins: number;
  payout: number;
  deposits: number;
  withdrawals: number;
}

export interface KpiBucket {
  /** Bucket start, ms. */
  t: number;
  /** Counters by location id ('' for an unknown location). */
  byLocation: Record<string, KpiCounters>;
}

export interface KpisSlice {
  /** Oldest first. */
  buckets: KpiBucket[];
}

export const initialKpis: KpisSlice = { buckets: [] };

export const emptyCounters = (): KpiCounters => ({ bets: 0, turnover: 0, wins: 0, payout: 0, deposits: 0, withdrawals: 0 });

function count(c: KpiCounters, event: string, amount: number): void {
  if (event === 'bet.placed') {
    c.bets++;
    c.turnover += amount;
  } else if (event === 'round.won') {
    c.wins++;
    c.payout += amount;
  } else if (event === 'cash.deposit') c.deposits += amount;
  else if (event === 'cash.withdraw') c.withdrawals += amount;
}

const COUNTED = new Set(['bet.placed', 'round.won', 'cash.deposit', 'cash.withdraw']);

/** Counts bets, wins and cash movements into 10-second buckets per location. */
export function reduceKpis(slice: KpisSlice, items: ChannelItem[], ctx: BatchContext): KpisSlice {
  const events = items.filter((i) => i.type === 'event' && COUNTED.has(i.event));
  if (events.length === 0) return slice;
  const buckets = new Map(slice.buckets.map((b) => [b.t, b]));
  const copied = new Set<number>();
  for (const item of events) {
    if (item.type !== 'event') continue;
    const t = Math.floor(eventTime(item, ctx.now) / KPI_BUCKET_MS) * KPI_BUCKET_MS;
    let bucket = buckets.get(t);
    if (!bucket || !copied.has(t)) {
      bucket = { t, byLocation: { ...(bucket?.byLocation ?? {}) } };
      buckets.set(t, bucket);
      copied.add(t);
    }
    const data = item.data as Record<string, unknown>;
    const loc = str(data.location_id) ?? '';
    const counters = { ...(bucket.byLocation[loc] ?? emptyCounters()) };
    count(counters, item.event, num(data.amount));
    bucket.byLocation[loc] = counters;
  }
  const sorted = [...buckets.values()].sort((a, b) => a.t - b.t);
  return { buckets: sorted.slice(-KPI_BUCKETS) };
}

/** Sums a bucket's counters over the chosen location (null = all). */
export function bucketTotals(bucket: KpiBucket, locationId: string | null): KpiCounters {
  const total = emptyCounters();
  for (const [loc, c] of Object.entries(bucket.byLocation)) {
    if (locationId !== null && loc !== locationId) continue;
    total.bets += c.bets;
    total.turnover += c.turnover;
    total.wins += c.wins;
    total.payout += c.payout;
    total.deposits += c.deposits;
    total.withdrawals += c.withdrawals;
  }
  return total;
}
