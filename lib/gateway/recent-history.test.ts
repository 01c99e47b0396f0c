import { describe, expect, it } from 'vitest';
import type { EventName, JackpotUpdated, MarketSelection, MarketsSnapshotItem, PublishedEvent, SessionUser } from '../protocol';
import { createRecentHistory } from './recent-history';

const T0 = Date.parse('2026-01-18T14:30:00.000Z');
const user: SessionUser = { user_id: 'u', name: 'U', role: 'admin' };
let seq = 0;
const published = (event: EventName, data: object, at: number): PublishedEvent =>
  ({ channel: event === 'jackpot.updated' ? 'jackpots' : 'markets', event, seq: ++seq, id: `e${seq}`, ts: new Date(at).toISOString(), data }) as PublishedEvent;
const jackpot = (value: number): JackpotUpdated => ({ instance_id: 'jp', name: 'Grand', currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: value }] });
const selection = (odds: number, outcome_id: number) => ({ odds, outcome_id }) as MarketSelection;
/** One selection's book: its best back price, and a lay price one tick above. */
const book = (outcome: number, back: number) => ({ sport_event_id: 7, market_id: 3, name: 'Winner', selections: [[selection(back, outcome)], [selection(back + 0.02, outcome)]] });

describe('recent history of pots and prices', () => {
  it('gives each pot of the jackpots snapshot its recent values, sampled and bounded to the window', () => {
    const recent = createRecentHistory({ windowMs: 60_000, sampleMs: 2000, maxPoints: 100 });
    for (let i = 0; i <= 90; i++) recent.record(published('jackpot.updated', jackpot(1000 + i), T0 + i * 1000));
    const snapshot = recent.withHistory('jackpots', () => [jackpot(1090)])({}, user) as (JackpotUpdated & { history: Record<string, [number, number][]> })[];
    const points = snapshot[0].history.grand;
    expect(points[0]).toEqual([T0 + 30_000, 1030]);
    expect(points.at(-1)).toEqual([T0 + 90_000, 1090]);
    expect(points).toHaveLength(31);
    expect(snapshot[0]).toMatchObject({ instance_id: 'jp', pots: [{ current_value: 1090 }] });
  });

  it('keeps at most maxPoints per series', () => {
    const recent = createRecentHistory({ windowMs: 3600_000, sampleMs: 0, maxPoints: 10 });
    for (let i = 0; i < 50; i++) recent.record(published('jackpot.updated', jackpot(i), T0 + i));
    const [item] = recent.withHistory('jackpots', () => [jackpot(49)])({}, user) as (JackpotUpdated & { history: Record<string, unknown[]> })[];
    expect(item.history.grand).toHaveLength(10);
  });

  it('adds one price_history item per market the markets snapshot holds, with points only where a best price moved', () => {
    const recent = createRecentHistory({ windowMs: 600_000, sampleMs: 2000, maxPoints: 300 });
    // The chart follows the first and the last selection's best back price.
    recent.record(published('market.selections', book(1, 2.0), T0));
    recent.record(published('market.selections', book(2, 1.8), T0));
    recent.record(published('market.selections', book(2, 1.8), T0 + 5_000));
    recent.record(published('market.selections', book(1, 2.1), T0 + 10_000));
    recent.record(published('market.selections', { ...book(1, 5), market_id: 4 }, T0 + 10_000));
    const items: MarketsSnapshotItem[] = [{ kind: 'selections', id: 1, ...book(1, 2.1) } as MarketsSnapshotItem, { kind: 'selections', id: 2, ...book(2, 1.8) } as MarketsSnapshotItem];
    const snapshot = recent.withHistory('markets', () => items)({}, user);
    expect(snapshot.at(-1)).toEqual({ kind: 'price_history', sport_event_id: 7, market_id: 3, points: [[T0, 2.0, null], [T0 + 5_000, 2.0, 1.8], [T0 + 10_000, 2.1, 1.8]] });
    expect(snapshot).toHaveLength(3);
  });

  it('leaves other channels as they are', () => {
    const provider = () => [{ device_id: 'd1' }];
    expect(createRecentHistory().withHistory('system', provider)).toBe(provider);
  });
});
