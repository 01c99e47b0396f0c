import { describe, expect, it } from 'vitest';
import type { EventFrame, MarketSelection, MarketsSnapshotItem, SnapshotFrame } from '@/lib/protocol';
import { initialMarkets, reduceMarkets, selectionKey } from './markets-slice';

const ctx = { now: 1_000, paused: false };
const sel = (odds: number, stake: number): MarketSelection => ({
  outcome_id: 1, name: 'Arsenal', competitor_id: 7, line: 0, line_id: 'l-1', odds, display_odds: odds > 0 ? `+${odds}` : String(odds),
  display_line: '', display_name: 'Arsenal', value: 0, stake, updated_at: 0,
});
const snapshot = (data: MarketsSnapshotItem[]): SnapshotFrame => ({ type: 'snapshot', subscription_id: 's', channel: 'markets', seq: 5, data });
const event = (seq: number, name: EventFrame['event'], data: object): EventFrame => ({
  type: 'event', channel: 'markets', event: name, subscription_id: 's', seq, id: `e-${seq}`, ts: new Date(2_000 + seq).toISOString(), data: data as Record<string, unknown>,
});

describe('markets slice', () => {
  it('builds events, markets and books from the kind-tagged snapshot', () => {
    const next = reduceMarkets(initialMarkets, [
      snapshot([
        { kind: 'tournament', id: 't-1', info: { name: 'Premier League' } },
        { kind: 'sport_event', id: '44', sport_event_id: 44, tournament_id: 't-1', info: { event_id: 44, display_name: 'Arsenal v Chelsea', tournament_name: 'Premier League', status: 'live' } },
        { kind: 'market', id: 219, sport_event_id: 44, market_id: 219, info: { id: 219, sport_event_id: 44, name: 'Moneyline', status: 'open' } },
        { kind: 'market_line', id: 9, sport_event_id: 44, market_id: 219, info: { name: 'line' } },
        { kind: 'selections', id: 3, sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(-120, 100)], [sel(110, 50)]] },
      ]),
    ], ctx);
    expect(next.sportEvents['44']).toMatchObject({ name: 'Arsenal v Chelsea', tournament: 'Premier League', status: 'live' });
    expect(next.markets['44:219']).toMatchObject({ name: 'Moneyline', status: 'open' });
    expect(next.books['44:219'].sides[1][0].odds).toBe(110);
  });

  it('marks price moves per ladder position and keeps matched bets newest first', () => {
    const base = reduceMarkets(initialMarkets, [event(1, 'market.selections', { sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(-120, 100)], [sel(110, 50)]] })], ctx);
    const next = reduceMarkets(base, [
      event(2, 'market.selections', { sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(-115, 90)], [sel(105, 60)]] }),
      event(3, 'market.matched', { sport_event_id: 44, market_id: 219, outcome_id: 1, line_id: 'l-1', matched_odds: -115, matched_stake: 20 }),
      event(4, 'market.matched', { sport_event_id: 44, market_id: 219, outcome_id: 1, line_id: 'l-1', matched_odds: -115, matched_stake: 30 }),
    ], ctx);
    expect(next.books['44:219'].moves[selectionKey(0, 0)].dir).toBe('up');
    expect(next.books['44:219'].moves[selectionKey(1, 0)].dir).toBe('down');
    expect(next.matched.map((m) => m.stake)).toEqual([30, 20]);
    expect(next.prices['44:219'].length).toBeGreaterThan(0);
  });

  it('forgets the book and price history of a deleted market, and after a snapshot of every market it no longer has', () => {
    const selections = (market: number) => event(market, 'market.selections', { sport_event_id: 44, market_id: market, name: 'M', selections: [[sel(-120, 100)], [sel(110, 50)]] });
    const base = reduceMarkets(initialMarkets, [selections(1), selections(2), selections(3)], ctx);
    expect(Object.keys(base.prices)).toEqual(['44:1', '44:2', '44:3']);
    const deleted = reduceMarkets(base, [event(4, 'market.changed', { op: 'd', sport_event_id: 44, market_id: 1, info: { id: 1, sport_event_id: 44, name: 'M' } })], ctx);
    expect(Object.keys(deleted.books)).toEqual(['44:2', '44:3']);
    expect(Object.keys(deleted.prices)).toEqual(['44:2', '44:3']);
    const resynced = reduceMarkets(deleted, [snapshot([{ kind: 'selections', id: 3, sport_event_id: 44, market_id: 3, name: 'M', selections: [[sel(-110, 100)], [sel(100, 50)]] }])], ctx);
    expect(Object.keys(resynced.prices)).toEqual(['44:3']);
    expect(resynced.prices['44:3'].length).toBeGreaterThan(1);
  });

  it('removes a sport event on delete', () => {
    const base = reduceMarkets(initialMarkets, [event(1, 'sport_event.changed', { id: '44', op: 'c', sport_event_id: 44, info: { event_id: 44, name: 'A v B' } })], ctx);
    expect(base.sportEvents['44']).toBeDefined();
    const next = reduceMarkets(base, [event(2, 'sport_event.changed', { id: '44', op: 'd', sport_event_id: 44, info: {} })], ctx);
    expect(next.sportEvents['44']).toBeUndefined();
  });

  it('opens a price chart with the recent best prices the snapshot carries, then the current one', () => {
    const now = 700_000;
    const next = reduceMarkets(initialMarkets, [
      snapshot([
        { kind: 'selections', id: 3, sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(2.2, 100)], [sel(1.7, 50)]] },
        { kind: 'price_history', sport_event_id: 44, market_id: 219, points: [[now - 900_000, 1.5, 2.5], [now - 300_000, 2.0, 1.8], [now - 100_000, 2.1, null]] },
        { kind: 'price_history', sport_event_id: 44, market_id: 999, points: [[now - 100_000, 3, 3]] },
      ]),
    ], { ...ctx, now });
    expect(next.prices['44:219']).toEqual([
      { t: now - 300_000, side0: 2.0, side1: 1.8 },
      { t: now - 100_000, side0: 2.1, side1: null },
      { t: now, side0: 2.2, side1: 1.7 },
    ]);
    expect(next.prices['44:999']).toBeUndefined();
  });
});
