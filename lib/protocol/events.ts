import type { Alarm } from './alarm';
import type { ChannelOf, EventName, EventPayloads } from './channels';

/** Amounts are numbers in major units; `location_id` is null for a device the floor registry does not know. */
export interface BetPlaced {
  round_id: string;
  player_id: string;
  game_id: string | null;
  device_id: string | null;
  location_id: string | null;
  amount: number;
  currency: string;
}

export interface RoundWon extends BetPlaced {
  /** The stake of the paired bet with the same `round_id`, null if none was seen. */
  bet_amount: number | null;
}

export interface CashMovement {
  player_id: string;
  amount: number;
  currency: string;
  method: string | null;
  location_id: string | null;
}

export interface PlayerLogin {
  player_id: string;
  location_id: string | null;
}

export interface JackpotOptIn {
  instance_id: string;
  player_id: string;
  opted_in: boolean;
}

export interface DeviceOffline {
  device_id: string;
  location_id: string | null;
  lost_at: string;
}

export interface DeviceOnline {
  device_id: string;
  location_id: string | null;
  restored_at: string;
}

/** `source.connected` / `source.disconnected`: one of the gateway's upstream connectors changed state. */
export interface SourceStatus {
  source: string;
  connected: boolean;
  at: string;
  reason?: string;
}

export interface JackpotPot {
  id: string;
  is_progressive: boolean;
  current_value: number;
}

export interface JackpotUpdated {
  instance_id: string;
  name: string;
  currency: string;
  status: string;
  pots: JackpotPot[];
}

export interface JackpotWon {
  instance_id: string;
  jackpot_name: string;
  player_id: string;
  win_pot_id: string;
  win_amount: number;
  currency: string;
}

export interface RaffleWon {
  instance_id: string;
  jackpot_name: string;
  currency: string;
  winners: { player_id: string; currency: string; win_amount: number }[];
}

/** One best selection of an exchange market side (the exchange's own fields, docs/protocol.md §12.1). */
export interface MarketSelection {
  outcome_id: number;
  name: string;
  competitor_id: number;
  line: number;
  line_id: string;
  odds: number;
  display_odds: string;
  display_line: string;
  display_name: string;
  value: number;
  stake: number;
  updated_at: number;
}

/** One selection's book: its back side (first array) and lay side (second), up to ten levels each. */
export interface MarketSelections {
  /** The upstream's own `info.id` of this book (its market line). */
  id: number;
  sport_event_id: number;
  market_id: number;
  name: string;
  selections: [MarketSelection[], MarketSelection[]];
}

export interface MarketMatched {
  sport_event_id: number;
  market_id: number;
  outcome_id: number;
  line_id: string;
  matched_odds: number;
  matched_stake: number;
}

/** One of the operator's own plays on the exchange, as the private `wager` message reports it (the exchange's own fields, docs/protocol.md §12.1). */
export interface Wager {
  id: string;
  market_id: number;
  sport_event_id: number;
  outcome_id: number;
  line_id: string | null;
  odds: number;
  stake: number;
  /** Stake matched so far. */
  totally_matched_stake: number;
  unmatched_stake: number;
  matched_odds: number | null;
  matching_status: string | null;
  winning_status: string | null;
  status: string;
  update_type: string | null;
  /** Every other field of the upstream `info`, as sent. */
  [field: string]: unknown;
}

/** `wager.changed`: a play was placed, matched, cancelled or settled. Only sportsbook and admin users receive it. */
export interface WagerChanged extends Wager {
  op: 'c' | 'u' | 'd';
}

/** Tournament, sport event, market and market line changes carry the upstream `info` plus `op`. */
export interface EntityChanged {
  id: string | number;
  op: 'c' | 'u' | 'd';
  sport_event_id?: number;
  /** `sport_event.changed`: the tournament the upstream files the event under, when it says. */
  tournament_id?: string;
  market_id?: number;
  info: Record<string, unknown>;
}

/**
 * `kpi.minute` (channel `kpis`): one location's running totals for the minute starting at `minute`.
 * A later `kpi.minute` for the same `minute` and `location_id` replaces it. The minute is the one of
 * the counted event's own time (`ts`), so a late or backfilled event lands in the minute it happened.
 */
export interface KpiMinute {
  /** Start of the minute, ISO, whole minute (`2026-01-18T14:30:00.000Z`). */
  minute: string;
  /** Null holds events from devices the floor registry does not know; only unrestricted tokens see it. */
  location_id: string | null;
  /** Count of `bet.placed`. */
  bets: number;
  /** Sum of `bet.placed` amounts. */
  turnover: number;
  /** Count of `round.won`. */
  wins: number;
  /** Sum of `round.won` amounts. */
  payout: number;
  /** Sum of `cash.deposit` amounts. */
  deposits: number;
  /** Sum of `cash.withdraw` amounts. */
  withdrawals: number;
}

export interface Notification {
  user_id: string;
  title: string;
  body: string;
  /** The alarm a `notification.alert` is about, when it is about one. */
  alarm_id?: string;
  severity?: string;
  /** The dashboard page to open for it, e.g. `/alarms?alarm=<alarm_id>`. */
  link?: string;
}

/** Data of `alarm.*` events: the alarm after the change. */
export type AlarmEventData = Alarm;

/** One event as it travels inside the gateway, before it is framed per subscription, typed by its name. */
export interface PublishedEventOf<E extends EventName> {
  channel: ChannelOf<E>;
  event: E;
  seq: number;
  id: string;
  ts: string;
  data: EventPayloads[E];
}

/** Any published event: a union over event names, so checking `event` narrows `data`. */
export type PublishedEvent = { [E in EventName]: PublishedEventOf<E> }[EventName];
