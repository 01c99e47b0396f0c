import { describe, expect, it } from 'vitest';
import type { EventFrame, MarketSelection, MarketsSnapshotItem, SnapshotFrame } from '@/lib/protocol';
import { initialMarkets, pricePoints, reduceMarkets, selectionKey } from './markets-slice';

const ctx = { now: 1_000, paused: false };
const sel = (odds: number, stake: number, outcome_id = 1): MarketSelection => ({
  outcome_id, name: 'Arsenal', competitor_id: 7, line: 0, line_id: 'l-1', odds, display_odds: odds > 0 ? `+${odds}` : String(odds),
  display_line: '', display_name: 'Arsenal', value: 0, stake, updated_at: 0,
});
const snapshot = (data: MarketsSnapshotItem[]): SnapshotFrame => ({ type: 'snapshot', subscription_id: 's', channel: 'markets', seq: 5, data });
const event = (seq: number, name: EventFrame['event'], data: object): EventFrame =>
  ({ type: 'event', channel: 'markets', event: name, subscription_id: 's', seq, id: `e-${seq}`, ts: new Date(2_000 + seq).toISOString(), data }) as EventFrame;

describe('markets slice', () => {
  it('builds events, markets and books from the kind-tagged snapshot', () => {
    const next = reduceMarkets(initialMarkets, [
      snapshot([
        { kind: 'tournament', id: 't-1', info: { name: 'Premier League' } },
        { kind: 'sport_event', id: '44', sport_event_id: 44, tournament_id: 't-1', info: { event_id: 44, display_name: 'Arsenal v Chelsea', tournament_name: 'Premier League', status: 'live' } },
        { kind: 'market', id: 219, sport_event_id: 44, market_id: 219, info: { id: 219, sport_event_id: 44, name: 'Moneyline', status: 'open' } },
        { kind: 'market_line', id: 9, sport_event_id: 44, market_id: 219, info: { name: 'line' } },
        { kind: 'traded', sport_event_id: 44, market_id: 219, total_matched: 5120.5, runners: [{ outcome_id: 1, last_traded: 2.12, volume: [[2.12, 5000], [2.1, 120.5]] }] },
        { kind: 'selections', id: 3, sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(2.1, 100), sel(2.12, 80)], [sel(2.16, 50)]] },
      ]),
    ], ctx);
    expect(next.sportEvents['44']).toMatchObject({ name: 'Arsenal v Chelsea', tournament: 'Premier League', status: 'live' });
    expect(next.markets['44:219']).toMatchObject({ name: 'Moneyline', status: 'open' });
    expect(next.trading['44:219']).toMatchObject({ total: 5120.5, last: { 1: 2.12 }, volume: { 1: { '2.12': 5000, '2.1': 120.5 } } });
    // First array: the back side, best (highest) first; second: the lay side.
    expect(next.books['44:219'].runners).toEqual([{ outcome_id: 1, name: 'Arsenal', line_id: 'l-1', back: [{ odds: 2.12, stake: 80 }, { odds: 2.1, stake: 100 }], lay: [{ odds: 2.16, stake: 50 }] }]);
  });

  it('marks best-price moves, keeps matched bets newest first, and counts total matched, last traded price and volume by price', () => {
    const base = reduceMarkets(initialMarkets, [event(1, 'market.selections', { id: 1, sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(2.1, 100)], [sel(2.14, 50)]] })], ctx);
    const next = reduceMarkets(base, [
      event(2, 'market.selections', { id: 1, sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(2.12, 90)], [sel(2.12, 60)]] }),
      event(3, 'market.matched', { sport_event_id: 44, market_id: 219, outcome_id: 1, line_id: 'l-1', matched_odds: 2.1, matched_stake: 20 }),
      event(4, 'market.matched', { sport_event_id: 44, market_id: 219, outcome_id: 1, line_id: 'l-1', matched_odds: 2.12, matched_stake: 30 }),
      event(5, 'market.matched', { sport_event_id: 44, market_id: 219, outcome_id: 1, line_id: 'l-1', matched_odds: 2.1, matched_stake: 5 }),
    ], ctx);
    expect(next.books['44:219'].moves[selectionKey(1, 'back')].dir).toBe('up');
    expect(next.books['44:219'].moves[selectionKey(1, 'lay')].dir).toBe('down');
    expect(next.matched.map((m) => m.stake)).toEqual([5, 30, 20]);
    expect(next.trading['44:219']).toMatchObject({ total: 55, last: { 1: 2.1 }, volume: { 1: { '2.1': 25, '2.12': 30 } } });
    expect(next.prices['44:219'].ring.length).toBeGreaterThan(0);
  });

  it('builds a three-way market from one book per selection, in the order they came', () => {
    const book = (id: number, outcome: number, back: number) => event(id, 'market.selections', { id, sport_event_id: 44, market_id: 219, name: 'Match Odds', selections: [[sel(back, 100, outcome)], [sel(back + 0.02, 100, outcome)]] });
    const next = reduceMarkets(initialMarkets, [book(1, 4, 2.5), book(2, 6, 3.4), book(3, 5, 3.0), book(4, 4, 2.46)], ctx);
    expect(next.books['44:219'].runners.map((r) => [r.outcome_id, r.back[0].odds])).toEqual([[4, 2.46], [6, 3.4], [5, 3.0]]);
  });

  it('keeps the operator’s open plays by id and drops them once settled or cancelled', () => {
    const wager = (seq: number, status: string, matched: number) => event(seq, 'wager.changed', { id: 'w-1', op: 'u', sport_event_id: 44, market_id: 219, outcome_id: 4, odds: 2.5, stake: 100, totally_matched_stake: matched, unmatched_stake: 100 - matched, status });
    const open = reduceMarkets(initialMarkets, [wager(1, 'active', 40)], ctx);
    expect(open.wagers['w-1']).toMatchObject({ marketKey: '44:219', matched: 40, unmatched: 60, odds: 2.5 });
    const settled = reduceMarkets(open, [wager(2, 'settled', 100)], ctx);
    expect(settled.wagers).toEqual({});
  });

  it('forgets the book and price history of a deleted market, and after a snapshot of every market it no longer has', () => {
    const selections = (market: number) => event(market, 'market.selections', { id: market, sport_event_id: 44, market_id: market, name: 'M', selections: [[sel(2.1, 100)], [sel(2.14, 50)]] });
    const base = reduceMarkets(initialMarkets, [selections(1), selections(2), selections(3)], ctx);
    expect(Object.keys(base.prices)).toEqual(['44:1', '44:2', '44:3']);
    const deleted = reduceMarkets(base, [event(4, 'market.changed', { op: 'd', sport_event_id: 44, market_id: 1, info: { id: 1, sport_event_id: 44, name: 'M' } })], ctx);
    expect(Object.keys(deleted.books)).toEqual(['44:2', '44:3']);
    expect(Object.keys(deleted.prices)).toEqual(['44:2', '44:3']);
    const resynced = reduceMarkets(deleted, [snapshot([{ kind: 'selections', id: 3, sport_event_id: 44, market_id: 3, name: 'M', selections: [[sel(2.0, 100)], [sel(2.02, 50)]] }])], { ...ctx, now: 10_000 });
    expect(Object.keys(resynced.prices)).toEqual(['44:3']);
    expect(resynced.prices['44:3'].ring.length).toBeGreaterThan(1);
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
        { kind: 'selections', id: 3, sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(2.2, 100, 1)], [sel(2.24, 50, 1)]] },
        { kind: 'selections', id: 4, sport_event_id: 44, market_id: 219, name: 'Moneyline', selections: [[sel(1.7, 100, 2)], [sel(1.72, 50, 2)]] },
        { kind: 'price_history', sport_event_id: 44, market_id: 219, points: [[now - 900_000, 1.5, 2.5], [now - 300_000, 2.0, 1.8], [now - 100_000, 2.1, null]] },
        { kind: 'price_history', sport_event_id: 44, market_id: 999, points: [[now - 100_000, 3, 3]] },
      ]),
    ], { ...ctx, now });
    expect(pricePoints(next.prices['44:219'])).toEqual([
      { t: now - 300_000, side0: 2.0, side1: 1.8 },
      { t: now - 100_000, side0: 2.1, side1: null },
      { t: now, side0: 2.2, side1: 1.7 },
    ]);
    expect(next.prices['44:999']).toBeUndefined();
  });

  it('gains one price point per sample period while the book changes every flush, and ends at the price shown now', () => {
    const book = (seq: number, odds: number) => event(seq, 'market.selections', { id: 1, sport_event_id: 44, market_id: 1, name: 'M', selections: [[sel(odds, 100)], []] });
    let state = initialMarkets;
    // A flush every 250 ms for ten seconds, each moving the best price.
    for (let i = 0; i < 40; i++) {
      const at = 100_000 + i * 250;
      state = reduceMarkets(state, [{ ...book(i + 1, 2 + i / 100), ts: new Date(at).toISOString() }], { ...ctx, now: at });
    }
    const points = pricePoints(state.prices['44:1']);
    expect(points.length).toBeGreaterThanOrEqual(5);
    expect(points.length).toBeLessThanOrEqual(7);
    expect(points.at(-1)).toEqual({ t: 100_000 + 39 * 250, side0: 2.39, side1: null });
  });
});
