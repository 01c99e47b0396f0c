import { CHANNEL_NAMES, type Channel, feedSize } from '@/lib/protocol/channels';
import type { EventFrame } from '@/lib/protocol';
import { prependBounded } from '../ring';
import type { ChannelItem } from './channel-item';

/**
 * Recent events of each feed channel, newest first, at most the channel's `feed` count. A panel on such a
 * channel reads `feeds[channel]` and needs no slice of its own.
 */
export type FeedsSlice = Partial<Record<Channel, EventFrame[]>>;

export const initialFeeds: FeedsSlice = {};

const FEED_SIZES = new Map<Channel, number>(CHANNEL_NAMES.filter((c) => feedSize(c) > 0).map((c) => [c, feedSize(c)]));

/** A reducer keeping the newest events of the channels in `sizes`, each up to its size; other channels pass by. */
export function feedReducer(sizes: ReadonlyMap<Channel, number>) {
  return function reduceFeeds(slice: FeedsSlice, items: ChannelItem[]): FeedsSlice {
    let next = slice;
    for (const [channel, size] of sizes) {
      const incoming = items.filter((i): i is EventFrame => i.type === 'event' && i.channel === channel);
      if (incoming.length === 0) continue;
      if (next === slice) next = { ...slice };
      next[channel] = prependBounded(slice[channel] ?? [], incoming, size);
    }
    return next;
  };
}

/** The feeds of the registry's channels that set `feed`. */
export const reduceFeeds = feedReducer(FEED_SIZES);
