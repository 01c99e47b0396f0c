import type { MarketMatched, MarketsSnapshotItem } from '@/lib/protocol';
import { appendWindow, prependBounded } from '../ring';
import { type BatchContext, type ChannelItem, eventTime, num, str } from './channel-item';
import { type MarketBookData, type MarketInfo, type SportEventInfo, classifyMarketItem, marketKey } from './market-items';

export const MATCHED_CAP = 100;

export type PriceMove = 'up' | 'down';

/** A market's ladder with the direction of each selection's last price change. */
export interface MarketBook extends MarketBookData {
  key: string;
  updatedAt: number;
  /** Last move per ladder position (`side:level`), with when it happened. */
  moves: Record<string, { dir: PriceMove; at: number }>;
}

export interface MatchedRow {
  id: string;
  ts: number;
  marketKey: string;
  outcome_id: number;
  line_id: string;
  odds: number;
  stake: number;
}

/** Best odds of both sides at one moment, for the price chart. */
export interface PricePoint {
  t: number;
  side0: number | null;
  side1: number | null;
}

/** How far back price charts reach, and how densely. */
export const PRICE_WINDOW_MS = 10 * 60_000;
const PRICE_SAMPLE_MS = 2000;
const PRICE_CAP = 400;

export interface MarketsSlice {
  sportEvents: Record<string, SportEventInfo>;
  markets: Record<string, MarketInfo>;
  books: Record<string, MarketBook>;
  /** Best odds per side over time, by market key. */
  prices: Record<string, PricePoint[]>;
  /** Matched bets, newest first. */
  matched: MatchedRow[];
}

export const initialMarkets: MarketsSlice = { sportEvents: {}, markets: {}, books: {}, prices: {}, matched: [] };

/** The key a ladder position's price move is remembered by: side and level (0 = best). */
export const selectionKey = (side: number, level: number) => `${side}:${level}`;

function movesFor(prev: MarketBook | undefined, next: MarketBookData, now: number): MarketBook['moves'] {
  const moves = { ...(prev?.moves ?? {}) };
  if (!prev) return moves;
  next.sides.forEach((selections, side) => {
    selections.forEach((s, level) => {
      const before = prev.sides[side]?.[level];
      if (before && before.odds !== s.odds) moves[selectionKey(side, level)] = { dir: s.odds > before.odds ? 'up' : 'down', at: now };
    });
  });
  return moves;
}

function withPrice(series: PricePoint[], book: MarketBookData, now: number): PricePoint[] {
  const point = { t: now, side0: book.sides[0][0]?.odds ?? null, side1: book.sides[1][0]?.odds ?? null };
  const last = series[series.length - 1];
  const kept = last && now - last.t < PRICE_SAMPLE_MS && series.length > 1 ? series.slice(0, -1) : series;
  return appendWindow(kept, [point], PRICE_WINDOW_MS, PRICE_CAP);
}

type Draft = Pick<MarketsSlice, 'sportEvents' | 'markets' | 'books' | 'prices'>;

function apply(draft: Draft, raw: unknown, eventName: string | undefined, now: number): void {
  const item = classifyMarketItem(raw, eventName);
  if (item.kind === 'sport_event' && item.value.id) {
    if (item.op === 'd') delete draft.sportEvents[item.value.id];
    else draft.sportEvents[item.value.id] = { ...draft.sportEvents[item.value.id], ...item.value };
  } else if (item.kind === 'market' && item.value.market_id) {
    if (item.op === 'd') {
      delete draft.markets[item.value.key];
      delete draft.books[item.value.key];
      delete draft.prices[item.value.key];
    } else draft.markets[item.value.key] = item.value;
  } else if (item.kind === 'selections' && item.value.market_id) {
    const key = marketKey(item.value.sport_event_id, item.value.market_id);
    const prev = draft.books[key];
    draft.books[key] = { ...item.value, key, updatedAt: now, moves: movesFor(prev, item.value, now) };
    draft.prices[key] = withPrice(draft.prices[key] ?? [], item.value, now);
    if (!draft.markets[key]) {
      draft.markets[key] = { key, sport_event_id: item.value.sport_event_id, market_id: item.value.market_id, name: item.value.name, status: null };
    }
  }
}

/**
 * Opens a market's price chart with the gateway's recent best prices (a snapshot's `price_history`
 * item), then the price the snapshot's book shows now.
 */
function seedPrices(draft: Draft, raw: unknown, now: number): void {
  const item = raw as Partial<Extract<MarketsSnapshotItem, { kind: 'price_history' }>>;
  if (item?.kind !== 'price_history' || !Array.isArray(item.points)) return;
  const key = marketKey(str(item.sport_event_id) ?? '', str(item.market_id) ?? '');
  const book = draft.books[key];
  if (!book) return;
  const odds = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const points = item.points.filter((p) => Array.isArray(p) && Number.isFinite(p[0])).map(([t, side0, side1]) => ({ t, side0: odds(side0), side1: odds(side1) }));
  draft.prices[key] = withPrice(appendWindow([], points, PRICE_WINDOW_MS, PRICE_CAP), book, now);
}

/** Applies the markets snapshot (rebuilds everything) and market events; arrows come from odds changes. */
export function reduceMarkets(slice: MarketsSlice, items: ChannelItem[], ctx: BatchContext): MarketsSlice {
  let draft: Draft | null = null;
  const matched: MatchedRow[] = [];
  for (const item of items) {
    if (item.type === 'snapshot') {
      draft = { sportEvents: {}, markets: {}, books: {}, prices: { ...slice.prices } };
      for (const raw of item.data) apply(draft, raw, undefined, ctx.now);
      for (const raw of item.data) seedPrices(draft, raw, ctx.now);
      // Price history survives a resync for the markets that are still there, and only for those.
      for (const key of Object.keys(draft.prices)) if (!draft.books[key]) delete draft.prices[key];
    } else if (item.type === 'event' && item.event === 'market.matched') {
      const d = item.data as Partial<MarketMatched>;
      matched.push({
        id: item.id,
        ts: eventTime(item, ctx.now),
        marketKey: marketKey(str(d.sport_event_id) ?? '', str(d.market_id) ?? ''),
        outcome_id: num(d.outcome_id),
        line_id: str(d.line_id) ?? '',
        odds: num(d.matched_odds),
        stake: num(d.matched_stake),
      });
    } else if (item.type === 'event') {
      draft ??= { sportEvents: { ...slice.sportEvents }, markets: { ...slice.markets }, books: { ...slice.books }, prices: { ...slice.prices } };
      apply(draft, item.data, item.event, eventTime(item, ctx.now));
    }
  }
  if (!draft && matched.length === 0) return slice;
  return { ...slice, ...(draft ?? {}), matched: prependBounded(slice.matched, matched, MATCHED_CAP) };
}
