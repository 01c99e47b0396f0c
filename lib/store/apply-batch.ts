import type { Channel, PresenceFrame, PresenceListFrame } from '@/lib/protocol';
import type { MonitorData } from './monitor-state';
import { SLICES, SLICE_KEYS, type SliceData, type SliceDef } from './slices';
import type { BatchContext, ChannelItem } from './slices/channel-item';
import { reducePresence } from './slices/presence-slice';

/** Anything the socket hands the store for batching. */
export type StoreItem = ChannelItem | PresenceFrame | PresenceListFrame;

const isPresence = (i: StoreItem): i is PresenceFrame | PresenceListFrame => i.type === 'presence' || i.type === 'presence_list_response';

/** Runs one slice's reducer over the batch's frames of its channels. */
function reduceSlice<S>(def: SliceDef<S>, state: S, byChannel: Map<Channel, ChannelItem[]>, all: ChannelItem[], ctx: BatchContext): S {
  const items = def.channels === null ? all : def.channels.length === 1 ? (byChannel.get(def.channels[0]) ?? []) : all.filter((i) => def.channels!.includes(i.channel));
  return items.length === 0 ? state : def.reduce(state, items, ctx);
}

/**
 * Folds one batch of frames into the store's data slices and returns only the slices that changed,
 * so the store makes one `set()` per batch and untouched slices keep their identity.
 */
export function applyBatch(state: MonitorData, items: StoreItem[], ctx: BatchContext): Partial<MonitorData> {
  const channelItems: ChannelItem[] = [];
  const presence: (PresenceFrame | PresenceListFrame)[] = [];
  const byChannel = new Map<Channel, ChannelItem[]>();
  for (const item of items) {
    if (isPresence(item)) {
      presence.push(item);
      continue;
    }
    channelItems.push(item);
    const list = byChannel.get(item.channel);
    if (list) list.push(item);
    else byChannel.set(item.channel, [item]);
  }

  const patch: Partial<MonitorData> = {};
  for (const key of SLICE_KEYS) {
    const next = reduceSlice<SliceData[typeof key]>(SLICES[key] as SliceDef<SliceData[typeof key]>, state[key], byChannel, channelItems, ctx);
    if (next !== state[key]) Object.assign(patch, { [key]: next });
  }
  if (presence.length > 0) {
    const next = reducePresence(state.presence, presence);
    if (next !== state.presence) patch.presence = next;
  }

  const snapshots = channelItems.filter((i) => i.type === 'snapshot').map((i) => i.channel);
  if (snapshots.length > 0) {
    const channels = { ...state.connection.channels };
    for (const c of snapshots) channels[c] = 'ready';
    patch.connection = { ...state.connection, channels };
  }
  return patch;
}
