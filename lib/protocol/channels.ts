import type { Permission } from './identity';

/** Channel definitions of contract section 4: events, filter keys, permission, and whether a snapshot follows subscribe. */
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
    events: ['tournament.changed', 'sport_event.changed', 'market.changed', 'market_line.changed', 'market.selections', 'market.matched'],
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
} as const satisfies Record<string, { events: readonly string[]; filters: readonly string[]; permission: Permission; stateful: boolean }>;

export type Channel = keyof typeof CHANNELS;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

/** The event names a channel carries. */
export type ChannelEvent<C extends Channel> = (typeof CHANNELS)[C]['events'][number];
export type EventName = ChannelEvent<Channel>;

/** Whether a string names a channel. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}
