import type { Channel, PresenceFrame, PresenceListFrame } from '@/lib/protocol';
import type { MonitorData } from './monitor-state';
import { reduceAlarms } from './slices/alarms-slice';
import { reduceBets } from './slices/bets-slice';
import type { BatchContext, ChannelItem } from './slices/channel-item';
import { reduceDevices } from './slices/devices-slice';
import { reduceJackpots } from './slices/jackpots-slice';
import { reduceKpis } from './slices/kpis-slice';
import { reduceMarkets } from './slices/markets-slice';
import { reduceNotifications } from './slices/notifications-slice';
import { reducePresence } from './slices/presence-slice';
import { reduceWins } from './slices/wins-slice';

/** Anything the socket hands the store for batching. */
export type StoreItem = ChannelItem | PresenceFrame | PresenceListFrame;

const isPresence = (i: StoreItem): i is PresenceFrame | PresenceListFrame => i.type === 'presence' || i.type === 'presence_list_response';

/**
 * Folds one batch of frames into the store's data slices and returns only the slices that changed,
 * so the store makes one `set()` per batch and untouched slices keep their identity.
 */
export function applyBatch(state: MonitorData, items: StoreItem[], ctx: BatchContext): Partial<MonitorData> {
  const channelItems = items.filter((i): i is ChannelItem => !isPresence(i));
  const on = (...channels: Channel[]) => channelItems.filter((i) => channels.includes(i.channel));
  const patch: Partial<MonitorData> = {};
  const game = on('game');
  const jackpots = on('jackpots');

  const next = {
    bets: reduceBets(state.bets, game, ctx),
    wins: reduceWins(state.wins, on('game', 'jackpots'), ctx),
    kpis: reduceKpis(state.kpis, on('kpis')),
    jackpots: reduceJackpots(state.jackpots, jackpots, ctx),
    alarms: reduceAlarms(state.alarms, on('alerts')),
    devices: reduceDevices(state.devices, on('system')),
    markets: reduceMarkets(state.markets, on('markets'), ctx),
    presence: reducePresence(state.presence, items.filter(isPresence)),
    notifications: reduceNotifications(state.notifications, on('notifications'), ctx),
  };
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] !== state[key]) Object.assign(patch, { [key]: next[key] });
  }

  const snapshots = channelItems.filter((i) => i.type === 'snapshot').map((i) => i.channel);
  if (snapshots.length > 0) {
    const channels = { ...state.connection.channels };
    for (const c of snapshots) channels[c] = 'ready';
    patch.connection = { ...state.connection, channels };
  }
  return patch;
}
