import type { DeviceState } from './floor';
import type { JackpotUpdated, KpiMinute, MarketSelections, Wager } from './events';

/*
 * Snapshot items of the stateful channels (`{"type":"snapshot","data":[…]}`):
 * - `system`:   DeviceState, one per known device.
 * - `kpis`:     KpiMinute, the last 60 minutes of every location the subscription may see, oldest first.
 * - `jackpots`: JackpotsSnapshotItem, the latest state of each jackpot instance (the `jackpot.updated`
 *               data) with the recent values of its pots.
 * - `markets`:  MarketsSnapshotItem, tagged by `kind` so the dashboard can list sport events and
 *               markets, draw each market's selections, and open its price chart with recent history;
 *               `wager` items (the operator's open plays) only for the roles that may receive `wager.changed`;
 *               `traded` items (matched volume), so a page opened now shows what has traded, not only what it saw.
 */

export type SystemSnapshotItem = DeviceState;
export type KpisSnapshotItem = KpiMinute;

/** One recent value of a series: `[ms since epoch, value]`, oldest first. */
export type HistoryPoint = [t: number, value: number];

/** A jackpot instance as last updated, with each pot's recent values (bounded: minutes, a few hundred points). */
export type JackpotsSnapshotItem = JackpotUpdated & { history?: Record<string, HistoryPoint[]> };

/** One recent best price of a market: `[ms since epoch, best odds of side 1, best odds of side 2]` (null: side empty). */
export type PricePointItem = [t: number, side0: number | null, side1: number | null];

/** One entity of the exchange state; `info` is the upstream's own object (docs/protocol.md §12.1), as last received. */
export type MarketsSnapshotItem =
  | { kind: 'tournament'; id: string; info: Record<string, unknown> }
  | { kind: 'sport_event'; id: string; sport_event_id: number; tournament_id: string | null; info: Record<string, unknown> }
  | { kind: 'market'; id: number; sport_event_id: number; market_id: number; info: Record<string, unknown> }
  | { kind: 'market_line'; id: number; sport_event_id: number; market_id: number; info: Record<string, unknown> }
  | ({ kind: 'selections' } & MarketSelections)
  | ({ kind: 'wager' } & Wager)
  | MarketTradedItem
  | { kind: 'price_history'; sport_event_id: number; market_id: number; points: PricePointItem[] };

/** What has traded on a market since the gateway started: the total, and per selection the last price and the volume by price. */
export interface MarketTradedItem {
  kind: 'traded';
  sport_event_id: number;
  market_id: number;
  total_matched: number;
  runners: { outcome_id: number; last_traded: number; volume: [price: number, stake: number][] }[];
}
