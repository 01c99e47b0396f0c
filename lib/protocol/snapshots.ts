import type { DeviceState } from './floor';
import type { JackpotUpdated, MarketSelections, Wager } from './events';

/*
 * Snapshot items of the stateful channels the sources keep (`{"type":"snapshot","data":[…]}`):
 * - `system`:   DeviceState, one per known device.
 * - `jackpots`: JackpotUpdated, the latest state of each jackpot instance (same shape as `jackpot.updated` data).
 * - `markets`:  MarketsSnapshotItem, tagged by `kind` so the dashboard can list sport events and
 *               markets and draw each market's selections; `wager` items (the operator's open plays)
 *               only for the roles that may receive `wager.changed`; `traded` items (matched volume), so
 *               a page opened now shows what has traded, not only what it saw.
 */

export type SystemSnapshotItem = DeviceState;
export type JackpotsSnapshotItem = JackpotUpdated;

/** One entity of the exchange state; `info` is the upstream's own object (seed 002), as last received. */
export type MarketsSnapshotItem =
  | { kind: 'tournament'; id: string; info: Record<string, unknown> }
  | { kind: 'sport_event'; id: string; sport_event_id: number; tournament_id: string | null; info: Record<string, unknown> }
  | { kind: 'market'; id: number; sport_event_id: number; market_id: number; info: Record<string, unknown> }
  | { kind: 'market_line'; id: number; sport_event_id: number; market_id: number; info: Record<string, unknown> }
  | ({ kind: 'selections' } & MarketSelections)
  | ({ kind: 'wager' } & Wager)
  | MarketTradedItem;

/** What has traded on a market since the gateway started: the total, and per selection the last price and the volume by price. */
export interface MarketTradedItem {
  kind: 'traded';
  sport_event_id: number;
  market_id: number;
  total_matched: number;
  runners: { outcome_id: number; last_traded: number; volume: [price: number, stake: number][] }[];
}
