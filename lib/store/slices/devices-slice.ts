import type { DeviceOffline, DeviceOnline, DeviceState, SourceStatus } from '@/lib/protocol';
import { type ChannelItem, str } from './channel-item';

export interface DevicesSlice {
  /** Every device of the floor by `device_id`, from the system snapshot and device events. */
  byId: Record<string, DeviceState>;
  /** Upstream connectors by source name. */
  sources: Record<string, SourceStatus>;
}

export const initialDevices: DevicesSlice = { byId: {}, sources: {} };

function setOnline(byId: Record<string, DeviceState>, data: Partial<DeviceOffline & DeviceOnline>, online: boolean): void {
  const id = str(data.device_id);
  if (!id) return;
  const prev = byId[id];
  byId[id] = {
    device_id: id,
    location_id: str(data.location_id) ?? prev?.location_id ?? null,
    type: prev?.type ?? 'device',
    game_id: prev?.game_id ?? null,
    online,
    changed_at: str(online ? data.restored_at : data.lost_at) ?? new Date().toISOString(),
  };
}

/** Applies the system snapshot (replaces all devices), device online/offline and source status events. */
export function reduceDevices(slice: DevicesSlice, items: ChannelItem[]): DevicesSlice {
  let byId = slice.byId;
  let sources = slice.sources;
  for (const item of items) {
    if (item.type === 'snapshot') {
      byId = {};
      for (const d of item.data as DeviceState[]) if (d && typeof d.device_id === 'string') byId[d.device_id] = d;
      continue;
    }
    if (item.type !== 'event') continue;
    if (item.event === 'device.offline' || item.event === 'device.online') {
      if (byId === slice.byId) byId = { ...byId };
      setOnline(byId, item.data, item.event === 'device.online');
    } else if (item.event === 'source.connected' || item.event === 'source.disconnected') {
      const s = item.data as unknown as SourceStatus;
      if (typeof s.source === 'string') sources = { ...sources, [s.source]: s };
    }
  }
  if (byId === slice.byId && sources === slice.sources) return slice;
  return { byId, sources };
}
