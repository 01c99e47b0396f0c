import type { KpiMinute } from '@/lib/protocol';
import type { ChannelItem } from './channel-item';

/** One KPI minute, in ms. */
export const KPI_MINUTE_MS = 60_000;
/** Minutes kept: the gateway's hour and the minute open now. */
export const KPI_MINUTES_KEPT = 61;

/** Totals of one location's minute, as the gateway's `kpi.minute` carries them. */
export type KpiCounters = Omit<KpiMinute, 'minute' | 'location_id'>;

export interface KpiBucket {
  /** Minute start, ms. */
  t: number;
  /** Totals by location id ('' for events of devices the floor registry does not know). */
  byLocation: Record<string, KpiCounters>;
}

export interface KpisSlice {
  /** Minutes with play, oldest first; the newest may still be open. */
  buckets: KpiBucket[];
}

export const initialKpis: KpisSlice = { buckets: [] };

export const emptyCounters = (): KpiCounters => ({ bets: 0, turnover: 0, wins: 0, payout: 0, deposits: 0, withdrawals: 0 });

function counters(m: KpiMinute): KpiCounters {
  return { bets: m.bets, turnover: m.turnover, wins: m.wins, payout: m.payout, deposits: m.deposits, withdrawals: m.withdrawals };
}

/**
 * Applies the `kpis` channel: a snapshot replaces every minute, and each `kpi.minute` replaces the
 * totals held for its minute and location (the gateway sends running totals, never increments).
 */
export function reduceKpis(slice: KpisSlice, items: ChannelItem[]): KpisSlice {
  let byT: Map<number, KpiBucket> | null = null;
  const copied = new Set<number>();
  const put = (raw: KpiMinute) => {
    const t = Date.parse(raw.minute);
    if (!Number.isFinite(t) || !byT) return;
    let bucket = byT.get(t);
    if (!bucket || !copied.has(t)) {
      bucket = { t, byLocation: { ...(bucket?.byLocation ?? {}) } };
      byT.set(t, bucket);
      copied.add(t);
    }
    bucket.byLocation[raw.location_id ?? ''] = counters(raw);
  };
  for (const item of items) {
    if (item.type === 'snapshot' && item.channel === 'kpis') {
      byT = new Map();
      copied.clear();
      for (const raw of item.data) put(raw);
    } else if (item.type === 'event' && item.event === 'kpi.minute') {
      byT ??= new Map(slice.buckets.map((b) => [b.t, b]));
      put(item.data);
    }
  }
  if (!byT) return slice;
  const sorted = [...byT.values()].sort((a, b) => a.t - b.t);
  const newest = sorted.at(-1)?.t ?? 0;
  return { buckets: sorted.filter((b) => b.t > newest - KPI_MINUTES_KEPT * KPI_MINUTE_MS) };
}

/** Sums a minute's totals over the chosen location (null = all the user sees). */
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
