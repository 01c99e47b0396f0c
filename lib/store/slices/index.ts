import type { Channel } from '@/lib/protocol';
import { initialAlarms, reduceAlarms } from './alarms-slice';
import { initialBets, reduceBets } from './bets-slice';
import type { BatchContext, ChannelItem } from './channel-item';
import { initialDevices, reduceDevices } from './devices-slice';
import { initialFeeds, reduceFeeds } from './feeds-slice';
import { initialJackpots, reduceJackpots } from './jackpots-slice';
import { initialKpis, reduceKpis } from './kpis-slice';
import { initialMarkets, reduceMarkets } from './markets-slice';
import { initialNotifications, reduceNotifications } from './notifications-slice';
import { initialWins, reduceWins } from './wins-slice';

/** One data slice: the channels it reads, what it holds before anything arrives, and how a batch changes it. */
export interface SliceDef<S> {
  /** The channels whose frames the reducer receives, in arrival order; null for every channel. */
  channels: readonly Channel[] | null;
  initial: S;
  /** Returns the same object when nothing changed, so untouched slices keep their identity. */
  reduce(slice: S, items: ChannelItem[], ctx: BatchContext): S;
}

const slice = <S>(def: SliceDef<S>) => def;

/**
 * Every data slice the dashboard draws from, by its key in the store. A panel on a channel's events
 * reads an existing slice (or `feeds`, for a channel with `feed` in the registry); a panel that needs
 * its own state adds one line here and its slice file.
 */
export const SLICES = {
  bets: slice({ channels: ['game'], initial: initialBets, reduce: reduceBets }),
  wins: slice({ channels: ['game', 'jackpots'], initial: initialWins, reduce: reduceWins }),
  kpis: slice({ channels: ['kpis'], initial: initialKpis, reduce: reduceKpis }),
  jackpots: slice({ channels: ['jackpots'], initial: initialJackpots, reduce: reduceJackpots }),
  alarms: slice({ channels: ['alerts'], initial: initialAlarms, reduce: reduceAlarms }),
  devices: slice({ channels: ['system'], initial: initialDevices, reduce: reduceDevices }),
  markets: slice({ channels: ['markets'], initial: initialMarkets, reduce: reduceMarkets }),
  notifications: slice({ channels: ['notifications'], initial: initialNotifications, reduce: reduceNotifications }),
  feeds: slice({ channels: null, initial: initialFeeds, reduce: reduceFeeds }),
};

export type SliceKey = keyof typeof SLICES;

/** The data slices' state, by key. */
export type SliceData = { [K in SliceKey]: (typeof SLICES)[K]['initial'] };

export const SLICE_KEYS = Object.keys(SLICES) as SliceKey[];
