import type { DeviceOffline, DeviceOnline, DeviceState, SourceStatus } from '@/lib/protocol';
import type { ChannelItem } from './channel-item';

export interface DevicesSlice {
  /** Every device of the floor by `device_id`, from the system snapshot and device events. */
  byId: Record<string, DeviceState>;
  /** Upstream connectors by source name. */
  sources: Record<string, SourceStatus>;
}

export const initialDevices: DevicesSlice = { byId: {}, sources: {} };

function setOnline(byId: Record<string, DeviceState>, data: DeviceOffline | DeviceOnline): void {
  const prev = byId[data.device_id];
  const online = 'restored_at' in data;
  byId[data.device_id] = {
    device_id: data.device_id,
    location_id: data.location_id ?? prev?.location_id ?? null,
    type: prev?.type ?? 'device',
    game_id: prev?.game_id ?? null,
    online,
    changed_at: online ? data.restored_at : data.lost_at,
  };
}

/** Applies the system snapshot (replaces all devices), device online/offline and source status events. */
export function reduceDevices(slice: DevicesSlice, items: ChannelItem[]): DevicesSlice {
  let byId = slice.byId;
  let sources = slice.sources;
  for (const item of items) {
    if (item.type === 'snapshot' && item.channel === 'system') {
      byId = {};
      for (const d of item.data) byId[d.device_id] = d;
      continue;
    }
    if (item.type !== 'event') continue;
    if (item.event === 'device.offline' || item.event === 'device.online') {
      if (byId === slice.byId) byId = { ...byId };
      setOnline(byId, item.data);
    } else if (item.event === 'source.connected' || item.event === 'source.disconnected') {
      sources = { ...sources, [item.data.source]: item.data };
    }
  }
  if (byId === slice.byId && sources === slice.sources) return slice;
  return { byId, sources };
}
