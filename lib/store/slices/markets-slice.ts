import type { MarketMatched, MarketSelection } from '@/lib/protocol';
import { prependBounded } from '../ring';
import { type BatchContext, type ChannelItem, eventTime, num, str } from './channel-item';
import { type MarketBookData, type MarketInfo, type SportEventInfo, classifyMarketItem, marketKey } from './market-items';

export const MATCHED_CAP = 100;

export type PriceMove = 'up' | 'down';

/** A market's ladder with the direction of each selection's last price change. */
export interface MarketBook extends MarketBookData {
  key: string;
  updatedAt: number;
  /** Last move per selection key (`side:line_id:outcome_id`), with when it happened. */
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

export interface MarketsSlice {
  sportEvents: Record<string, SportEventInfo>;
  markets: Record<string, MarketInfo>;
  books: Record<string, MarketBook>;
  /** Matched bets, newest first. */
  matched: MatchedRow[];
}

export const initialMarkets: MarketsSlice = { sportEvents: {}, markets: {}, books: {}, matched: [] };

/** The key a selection's price move is remembered by. */
export const selectionKey = (side: number, s: Pick<MarketSelection, 'line_id' | 'outcome_id'>) => `${side}:${s.line_id}:${s.outcome_id}`;

function movesFor(prev: MarketBook | undefined, next: MarketBookData, now: number): MarketBook['moves'] {
  const moves = { ...(prev?.moves ?? {}) };
  if (!prev) return moves;
  next.sides.forEach((selections, side) => {
    for (const s of selections) {
      const key = selectionKey(side, s);
      const before = prev.sides[side]?.find((p) => selectionKey(side, p) === key);
      if (before && before.odds !== s.odds) moves[key] = { dir: s.odds > before.odds ? 'up' : 'down', at: now };
    }
  });
  return moves;
}

type Draft = { sportEvents: MarketsSlice['sportEvents']; markets: MarketsSlice['markets']; books: MarketsSlice['books'] };

function apply(draft: Draft, raw: unknown, eventName: string | undefined, now: number): void {
  const item = classifyMarketItem(raw, eventName);
  if (item.kind === 'sport_event' && item.value.id) {
    if (item.op === 'd') delete draft.sportEvents[item.value.id];
    else draft.sportEvents[item.value.id] = { ...draft.sportEvents[item.value.id], ...item.value };
  } else if (item.kind === 'market' && item.value.market_id) {
    if (item.op === 'd') delete draft.markets[item.value.key];
    else draft.markets[item.value.key] = item.value;
  } else if (item.kind === 'selections' && item.value.market_id) {
    const key = marketKey(item.value.sport_event_id, item.value.market_id);
    const prev = draft.books[key];
    draft.books[key] = { ...item.value, key, updatedAt: now, moves: movesFor(prev, item.value, now) };
    if (!draft.markets[key]) {
      draft.markets[key] = { key, sport_event_id: item.value.sport_event_id, market_id: item.value.market_id, name: item.value.name, status: null };
    }
  }
}

/** Applies the markets snapshot (rebuilds everything) and market events; arrows come from odds changes. */
export function reduceMarkets(slice: MarketsSlice, items: ChannelItem[], ctx: BatchContext): MarketsSlice {
  let draft: Draft | null = null;
  const matched: MatchedRow[] = [];
  for (const item of items) {
    if (item.type === 'snapshot') {
      draft = { sportEvents: {}, markets: {}, books: {} };
      for (const raw of item.data) apply(draft, raw, undefined, ctx.now);
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
      draft ??= { sportEvents: { ...slice.sportEvents }, markets: { ...slice.markets }, books: { ...slice.books } };
      apply(draft, item.data, item.event, eventTime(item, ctx.now));
    }
  }
  if (!draft && matched.length === 0) return slice;
  return { ...slice, ...(draft ?? {}), matched: prependBounded(slice.matched, matched, MATCHED_CAP) };
}
