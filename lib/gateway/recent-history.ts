import type {
  Channel,
  HistoryPoint,
  JackpotUpdated,
  JackpotsSnapshotItem,
  MarketsSnapshotItem,
  PricePointItem,
  PublishedEvent,
} from '../protocol';
import type { SnapshotProvider } from './types';

/** How far back the recent values reach, how densely, and how many points one series keeps. */
export interface RecentHistoryOptions {
  windowMs: number;
  sampleMs: number;
  maxPoints: number;
}

/**
 * Ten minutes, what the dashboard's pot and price charts span; a point at most every 2 s and a price
 * point only when a best price moved, so a series holds at most 300 points (about 6 KiB as JSON) and
 * the snapshot stays bounded by the number of pots and markets.
 */
export const DEFAULT_RECENT_HISTORY: RecentHistoryOptions = { windowMs: 10 * 60_000, sampleMs: 2000, maxPoints: 300 };

type Point = [number, ...(number | null)[]];

/** Appends a point unless it is within the sample period of the last one or repeats its values; trims to the window and cap. */
function append<P extends Point>(series: P[], point: P, { windowMs, sampleMs, maxPoints }: RecentHistoryOptions): void {
  const last = series[series.length - 1];
  if (last && (point[0] - last[0] < sampleMs || point.every((v, i) => i === 0 || v === last[i]))) return;
  series.push(point);
  let drop = 0;
  while (drop < series.length - 1 && series[drop][0] < point[0] - windowMs) drop++;
  drop = Math.max(drop, series.length - maxPoints);
  if (drop > 0) series.splice(0, drop);
}

const potKey = (instanceId: string, potId: string) => `${instanceId}:${potId}`;
const marketKey = (sportEventId: number, marketId: number) => `${sportEventId}:${marketId}`;
const timeOf = (event: PublishedEvent) => {
  const t = Date.parse(event.ts);
  return Number.isFinite(t) ? t : Date.now();
};

/**
 * The recent values the gateway has published for jackpot pots (`jackpot.updated`) and market best
 * prices (`market.selections`), so the `jackpots` and `markets` snapshots open a chart with the last
 * minutes instead of a single point. In memory, bounded per series; series of pots and markets that
 * are gone leave with the entities (they are only ever read for entities a snapshot still holds).
 */
export function createRecentHistory(options: RecentHistoryOptions = DEFAULT_RECENT_HISTORY) {
  const pots = new Map<string, HistoryPoint[]>();
  const prices = new Map<string, PricePointItem[]>();
  /** Per market, each selection's best back price, in the order the selections came. */
  const bestBacks = new Map<string, Map<number, number | null>>();

  function record(event: PublishedEvent): void {
    if (event.event === 'jackpot.updated') {
      const d = event.data;
      for (const pot of d.pots) {
        const key = potKey(d.instance_id, pot.id);
        let series = pots.get(key);
        if (!series) pots.set(key, (series = []));
        append(series, [timeOf(event), pot.current_value], options);
      }
    } else if (event.event === 'market.selections') {
      const d = event.data;
      const key = marketKey(d.sport_event_id, d.market_id);
      const sides = d.selections;
      if (sides[0].length === 0 && sides[1].length === 0) {
        bestBacks.delete(key);
        return void prices.delete(key);
      }
      // One book per selection (back side first): the chart follows the first and last selection's best back price.
      let backs = bestBacks.get(key);
      if (!backs) bestBacks.set(key, (backs = new Map()));
      const outcome = (sides[0][0] ?? sides[1][0]).outcome_id;
      if (backs.has(outcome) || backs.size < 100) backs.set(outcome, sides[0][0]?.odds ?? null);
      const order = [...backs.values()];
      let series = prices.get(key);
      if (!series) prices.set(key, (series = []));
      append(series, [timeOf(event), order[0] ?? null, order.length > 1 ? (order[order.length - 1] ?? null) : null], options);
    }
  }

  /** Jackpot instances with each pot's recent values. */
  function withPotHistory(items: JackpotUpdated[]): JackpotsSnapshotItem[] {
    return items.map((j) => {
      const history: Record<string, HistoryPoint[]> = {};
      for (const pot of j.pots) {
        const series = pots.get(potKey(j.instance_id, pot.id));
        if (series?.length) history[pot.id] = series.slice();
      }
      return { ...j, history };
    });
  }

  /** The markets items followed by one `price_history` item per market whose selections they hold. */
  function withPriceHistory(items: MarketsSnapshotItem[]): MarketsSnapshotItem[] {
    const added = new Set<string>();
    const history: MarketsSnapshotItem[] = [];
    for (const item of items) {
      if (item.kind !== 'selections') continue;
      const key = marketKey(item.sport_event_id, item.market_id);
      const series = prices.get(key);
      if (added.has(key) || !series?.length) continue;
      added.add(key);
      history.push({ kind: 'price_history', sport_event_id: item.sport_event_id, market_id: item.market_id, points: series.slice() });
    }
    return [...items, ...history];
  }

  return {
    /** Keeps the values of one published event; other events are ignored. */
    record,
    /** Wraps a channel's snapshot provider so its items carry the recent values (jackpots, markets); others pass through. */
    withHistory(channel: Channel, provider: SnapshotProvider): SnapshotProvider {
      if (channel === 'jackpots') return (params, user) => withPotHistory(provider(params, user) as JackpotUpdated[]);
      if (channel === 'markets') return (params, user) => withPriceHistory(provider(params, user) as MarketsSnapshotItem[]);
      return provider;
    },
  };
}

export type RecentHistory = ReturnType<typeof createRecentHistory>;
