import type { Alarm, AlarmEscalated } from './alarm';
import type {
  BetPlaced,
  CashMovement,
  DeviceOffline,
  DeviceOnline,
  EntityChanged,
  JackpotOptIn,
  JackpotUpdated,
  JackpotWon,
  KpiMinute,
  MarketMatched,
  MarketSelections,
  Notification,
  PlayerLogin,
  RaffleWon,
  RoundWon,
  SourceStatus,
  WagerChanged,
} from './events';
import type { Permission, Role } from './identity';
import type { JackpotsSnapshotItem, KpisSnapshotItem, MarketsSnapshotItem, SystemSnapshotItem } from './snapshots';

/** The channel registry: every channel of `/v1/ws` (see `ChannelDef`). */
export const CHANNELS = {
  game: {
    events: ['bet.placed', 'round.won'],
    filters: ['location_id', 'location_ids', 'device_id', 'device_ids', 'game_id', 'player_id', 'min_amount', 'events'],
    permission: 'game.read',
    stateful: false,
  },
  cash: {
    events: ['cash.deposit', 'cash.withdraw'],
    filters: ['location_id', 'location_ids', 'player_id', 'min_amount', 'events'],
    permission: 'cash.read',
    stateful: false,
  },
  player: {
    events: ['player.login', 'player.opt_in'],
    filters: ['player_id', 'events'],
    permission: 'player.read',
    stateful: false,
  },
  system: {
    events: ['device.offline', 'device.online', 'source.connected', 'source.disconnected'],
    filters: ['location_id', 'location_ids', 'device_id', 'device_ids', 'events'],
    permission: 'system.read',
    stateful: true,
  },
  alerts: {
    events: ['alarm.raised', 'alarm.updated', 'alarm.acknowledged', 'alarm.cleared', 'alarm.shelved', 'alarm.unshelved', 'alarm.escalated'],
    filters: ['location_id', 'location_ids', 'severities', 'states', 'events'],
    permission: 'alerts.read',
    stateful: true,
  },
  kpis: {
    events: ['kpi.minute'],
    filters: ['location_id', 'location_ids', 'events'],
    permission: 'game.read',
    stateful: true,
  },
  jackpots: {
    events: ['jackpot.updated', 'jackpot.won', 'raffle.won', 'jackpot.opt_in'],
    filters: ['instance_id', 'instance_ids', 'events'],
    permission: 'jackpots.read',
    stateful: true,
  },
  markets: {
    events: ['tournament.changed', 'sport_event.changed', 'market.changed', 'market_line.changed', 'market.selections', 'market.matched', 'wager.changed'],
    filters: ['sport_event_id', 'sport_event_ids', 'market_id', 'events'],
    permission: 'markets.read',
    stateful: true,
  },
  notifications: {
    events: ['notification.alert', 'notification.message'],
    filters: ['user_id'],
    permission: 'notifications.read',
    stateful: false,
  },
} as const satisfies Record<string, ChannelDef>;

/**
 * A channel of the registry: its events (each with its payload type in `EventPayloads`), the filter keys
 * its subscriptions accept, the permission that opens it, and whether a snapshot comes first. `feed`
 * asks the dashboard to keep that many of its newest events as they come (`feeds` in the store), so a
 * panel on the channel needs no state of its own.
 */
export interface ChannelDef {
  events: readonly string[];
  filters: readonly string[];
  permission: Permission;
  stateful: boolean;
  feed?: number;
}

export type Channel = keyof typeof CHANNELS;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

/** The event names a channel carries. */
export type ChannelEvent<C extends Channel> = (typeof CHANNELS)[C]['events'][number];
export type EventName = ChannelEvent<Channel>;

/**
 * The payload (`data`) of every event, by event name: what the gateway's publish accepts and what the
 * dashboard's reducers read. A name missing here, or one no channel carries, fails to compile.
 */
export interface EventPayloads {
  'bet.placed': BetPlaced;
  'round.won': RoundWon;
  'cash.deposit': CashMovement;
  'cash.withdraw': CashMovement;
  'player.login': PlayerLogin;
  'player.opt_in': JackpotOptIn;
  'device.offline': DeviceOffline;
  'device.online': DeviceOnline;
  'source.connected': SourceStatus;
  'source.disconnected': SourceStatus;
  'alarm.raised': Alarm;
  'alarm.updated': Alarm;
  'alarm.acknowledged': Alarm;
  'alarm.cleared': Alarm;
  'alarm.shelved': Alarm;
  'alarm.unshelved': Alarm;
  'alarm.escalated': AlarmEscalated;
  'kpi.minute': KpiMinute;
  'jackpot.updated': JackpotUpdated;
  'jackpot.won': JackpotWon;
  'raffle.won': RaffleWon;
  'jackpot.opt_in': JackpotOptIn;
  'tournament.changed': EntityChanged;
  'sport_event.changed': EntityChanged;
  'market.changed': EntityChanged;
  'market_line.changed': EntityChanged;
  'market.selections': MarketSelections;
  'market.matched': MarketMatched;
  'wager.changed': WagerChanged;
  'notification.alert': Notification;
  'notification.message': Notification;
}

/** The snapshot item type of every stateful channel (`{"type":"snapshot","data":[…]}`). */
export interface SnapshotItems {
  system: SystemSnapshotItem;
  alerts: Alarm;
  kpis: KpisSnapshotItem;
  jackpots: JackpotsSnapshotItem;
  markets: MarketsSnapshotItem;
}

/** The stateful channels: the ones whose subscribers get a snapshot first. */
export type StatefulChannel = { [C in Channel]: (typeof CHANNELS)[C]['stateful'] extends true ? C : never }[Channel];

/** An event to publish, before the gateway numbers it: a union over event names, each with its channel and payload. */
export type EventDraft = { [E in EventName]: { channel: ChannelOf<E>; event: E; data: EventPayloads[E] } }[EventName];

/** The channel an event travels on. */
export type ChannelOf<E extends EventName> = { [C in Channel]: E extends ChannelEvent<C> ? C : never }[Channel];

// Compile-time checks: every event has a payload, every payload an event, every stateful channel a snapshot type.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const registryComplete: [Exactly<keyof EventPayloads, EventName>, Exactly<keyof SnapshotItems, StatefulChannel>] = [true, true];
void registryComplete;

/**
 * Events that the channel's permission alone does not open: only these roles receive them, at
 * delivery, in snapshots and in replays (docs/protocol.md §4.3: the operator's own exchange plays).
 */
export const RESTRICTED_EVENTS: Partial<Record<EventName, readonly Role[]>> = {
  'wager.changed': ['sportsbook', 'admin'],
};

/** Whether a role may receive an event of its channel (every event but the restricted ones). */
export function mayReceive(role: Role, event: string): boolean {
  const roles = Object.hasOwn(RESTRICTED_EVENTS, event) ? RESTRICTED_EVENTS[event as EventName] : undefined;
  return !roles || roles.includes(role);
}

/** How many of a channel's newest events the dashboard keeps as they come; 0 for none. */
export function feedSize(channel: Channel): number {
  const def: ChannelDef = CHANNELS[channel];
  return def.feed ?? 0;
}

/** Whether a string names a channel. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}
