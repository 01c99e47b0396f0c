import type { MarketsSnapshotItem } from '@/lib/protocol';
import { prependBounded } from '../ring';
import { SeriesRing, type SeriesView, orNull, viewOf } from '../series-ring';
import { type BatchContext, type ChannelItem, eventTime, str } from './channel-item';
import { type MarketTrading, type OwnWager, type RunnerBook, emptyTrading, mergeSelections, recordMatch, toOwnWager, tradingFromSnapshot } from './market-book';
import { type MarketInfo, type SportEventInfo, classifyMarketItem, marketKey } from './market-items';

export const MATCHED_CAP = 100;

export type PriceMove = 'up' | 'down';

/** A market's selections, each with its back and lay ladder, and the direction of each best price's last change. */
export interface MarketBook {
  key: string;
  sport_event_id: string;
  market_id: string;
  name: string;
  updatedAt: number;
  runners: RunnerBook[];
  /** Last move of each selection's best back and lay price (`selectionKey`), with when it happened. */
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

/** Best back prices of a market's first and last selection at one moment, for the price chart. */
export interface PricePoint {
  t: number;
  side0: number | null;
  side1: number | null;
}

/** How far back price charts reach, and how densely. */
export const PRICE_WINDOW_MS = 10 * 60_000;
export const PRICE_SAMPLE_MS = 2000;
/** Points one market's window holds: the ring is allocated at this size from the first price on. */
const PRICE_CAPACITY = PRICE_WINDOW_MS / PRICE_SAMPLE_MS + 2;

export interface MarketsSlice {
  sportEvents: Record<string, SportEventInfo>;
  markets: Record<string, MarketInfo>;
  books: Record<string, MarketBook>;
  /** Best back prices over time, by market key: a fixed-size ring per market (`pricePoints` reads it). */
  prices: Record<string, SeriesView>;
  /** Matched bets, newest first. */
  matched: MatchedRow[];
  /** Total matched, last traded price and volume by price, by market key. */
  trading: Record<string, MarketTrading>;
  /** The operator's open plays by id (sportsbook and admin users only receive them). */
  wagers: Record<string, OwnWager>;
}

export const initialMarkets: MarketsSlice = { sportEvents: {}, markets: {}, books: {}, prices: {}, matched: [], trading: {}, wagers: {} };

/** The key a best price's move is remembered by: the selection and the side. */
export const selectionKey = (outcomeId: number, side: 'back' | 'lay') => `${outcomeId}:${side}`;

function movesFor(prev: MarketBook | undefined, runners: RunnerBook[], now: number): MarketBook['moves'] {
  const moves = { ...(prev?.moves ?? {}) };
  if (!prev) return moves;
  for (const r of runners) {
    const before = prev.runners.find((p) => p.outcome_id === r.outcome_id);
    if (!before) continue;
    for (const side of ['back', 'lay'] as const) {
      const was = before[side][0]?.odds;
      const is = r[side][0]?.odds;
      if (was !== undefined && is !== undefined && was !== is) moves[selectionKey(r.outcome_id, side)] = { dir: is > was ? 'up' : 'down', at: now };
    }
  }
  return moves;
}

/** The market's price points, oldest first, as the chart draws them; made when a chart renders, not kept. */
export function pricePoints(view: SeriesView): PricePoint[] {
  const { ring } = view;
  return ring.map((t, i) => ({ t, side0: orNull(ring.value(i, 0)), side1: orNull(ring.value(i, 1)) }));
}

/**
 * Adds a price point. The newest point follows the book until it is a sample period after the point
 * before it; then it stays and the next price starts a new one. So a market whose book changes many
 * times a second still gains one point per period, and the chart ends at the price shown now.
 */
function addPrice(ring: SeriesRing, t: number, side0: number | null, side1: number | null): void {
  const n = ring.length;
  // A price no later than the newest point (the snapshot's book, then the same book again) replaces it.
  if (n > 0 && t <= ring.lastTime()) ring.setLast(ring.lastTime(), side0 ?? NaN, side1 ?? NaN);
  else if (n >= 2 && t - ring.time(n - 2) < PRICE_SAMPLE_MS) ring.setLast(t, side0 ?? NaN, side1 ?? NaN);
  else ring.push(t, side0 ?? NaN, side1 ?? NaN);
  ring.dropBefore(t - PRICE_WINDOW_MS);
}

function withPrice(view: SeriesView | undefined, book: MarketBook, now: number): SeriesView {
  const ring = view?.ring ?? new SeriesRing(PRICE_CAPACITY, 2);
  const first = book.runners[0];
  const last = book.runners.length > 1 ? book.runners[book.runners.length - 1] : undefined;
  addPrice(ring, now, first?.back[0]?.odds ?? null, last?.back[0]?.odds ?? null);
  return viewOf(ring);
}

type Draft = Pick<MarketsSlice, 'sportEvents' | 'markets' | 'books' | 'prices' | 'wagers'> & {
  /** Markets whose book changed in this batch: each gets one price point once the batch is applied. */
  touched: Set<string>;
};

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
    const { sport_event_id, market_id, name, sides } = item.value;
    const key = marketKey(sport_event_id, market_id);
    const prev = draft.books[key];
    const runners = mergeSelections(prev?.runners ?? [], sides);
    const book: MarketBook = { key, sport_event_id, market_id, name, updatedAt: now, runners, moves: movesFor(prev, runners, now) };
    draft.books[key] = book;
    draft.touched.add(key);
    if (!draft.markets[key]) draft.markets[key] = { key, sport_event_id, market_id, name, status: null };
  } else if (item.kind === 'wager') {
    const wager = toOwnWager(item.value, marketKey(item.sport_event_id, item.market_id));
    const id = str(item.value.id);
    if (wager) draft.wagers[wager.id] = wager;
    else if (id) delete draft.wagers[id];
  }
}

/**
 * Opens a market's price chart with the gateway's recent best prices (a snapshot's `price_history`
 * item), then the price the snapshot's book shows now.
 */
function seedPrices(draft: Draft, item: MarketsSnapshotItem, now: number): void {
  if (item.kind !== 'price_history') return;
  const key = marketKey(String(item.sport_event_id), String(item.market_id));
  const book = draft.books[key];
  if (!book) return;
  const ring = draft.prices[key]?.ring ?? new SeriesRing(PRICE_CAPACITY, 2);
  ring.clear();
  // The gateway's points are a sample period apart already: each one stays.
  for (const [t, side0, side1] of item.points) {
    ring.push(t, side0 ?? NaN, side1 ?? NaN);
    ring.dropBefore(t - PRICE_WINDOW_MS);
  }
  ring.dropBefore(now - PRICE_WINDOW_MS);
  draft.prices[key] = withPrice(viewOf(ring), book, now);
}

/** Applies the markets snapshot (rebuilds everything, traded volume from the gateway's `traded` items) and market events; arrows come from best-price changes. */
export function reduceMarkets(slice: MarketsSlice, items: ChannelItem[], ctx: BatchContext): MarketsSlice {
  let draft: Draft | null = null;
  const matched: MatchedRow[] = [];
  let trading = slice.trading;
  for (const item of items) {
    if (item.type === 'snapshot' && item.channel === 'markets') {
      draft = { sportEvents: {}, markets: {}, books: {}, prices: { ...slice.prices }, wagers: {}, touched: new Set() };
      trading = {};
      for (const raw of item.data) {
        if (raw.kind === 'traded') trading[marketKey(String(raw.sport_event_id), String(raw.market_id))] = tradingFromSnapshot(raw, ctx.now);
        else apply(draft, raw, undefined, ctx.now);
      }
      for (const raw of item.data) seedPrices(draft, raw, ctx.now);
      // Price history survives a resync for the markets that are still there, and only for those.
      for (const key of Object.keys(draft.prices)) if (!draft.books[key]) delete draft.prices[key];
    } else if (item.type === 'event' && item.event === 'market.matched') {
      const d = item.data;
      const row: MatchedRow = {
        id: item.id,
        ts: eventTime(item, ctx.now),
        marketKey: marketKey(String(d.sport_event_id), String(d.market_id)),
        outcome_id: d.outcome_id,
        line_id: d.line_id,
        odds: d.matched_odds,
        stake: d.matched_stake,
      };
      matched.push(row);
      if (trading === slice.trading) trading = { ...trading };
      trading[row.marketKey] = recordMatch(trading[row.marketKey] ?? emptyTrading, row.outcome_id, row.odds, row.stake, row.ts);
    } else if (item.type === 'event') {
      draft ??= { sportEvents: { ...slice.sportEvents }, markets: { ...slice.markets }, books: { ...slice.books }, prices: { ...slice.prices }, wagers: { ...slice.wagers }, touched: new Set() };
      apply(draft, item.data, item.event, eventTime(item, ctx.now));
    }
  }
  if (!draft && matched.length === 0 && trading === slice.trading) return slice;
  if (!draft) return { ...slice, trading, matched: prependBounded(slice.matched, matched, MATCHED_CAP) };
  const { touched, ...data } = draft;
  for (const key of touched) if (data.books[key]) data.prices[key] = withPrice(data.prices[key], data.books[key], data.books[key].updatedAt);
  return { ...slice, ...data, trading, matched: prependBounded(slice.matched, matched, MATCHED_CAP) };
}
