'use client';

import { useMemo } from 'react';
import type { DeviceState } from '@/lib/protocol';
import { useMonitor } from '@/lib/store/use-monitor';

export interface LocationGroup {
  locationId: string | null;
  devices: DeviceState[];
  offline: number;
}

/** Natural order of device ids ("SLOT-A2" before "SLOT-A10"); one collator, not one per comparison as `localeCompare` with options makes. */
const deviceOrder = new Intl.Collator('en', { numeric: true });

/** Devices grouped by location (selected location only; devices of no known location last), offline counted, ids in natural order. */
export function useFloorDevices(): LocationGroup[] {
  const byId = useMonitor((s) => s.devices.byId);
  const locationId = useMonitor((s) => s.ui.locationId);
  return useMemo(() => {
    const groups = new Map<string | null, DeviceState[]>();
    for (const d of Object.values(byId)) {
      if (locationId && d.location_id !== locationId) continue;
      const list = groups.get(d.location_id) ?? [];
      list.push(d);
      groups.set(d.location_id, list);
    }
    return [...groups.entries()]
      .map(([id, devices]) => ({
        locationId: id,
        devices: devices.sort((a, b) => deviceOrder.compare(a.device_id, b.device_id)),
        offline: devices.filter((d) => !d.online).length,
      }))
      .sort((a, b) => (a.locationId === null ? 1 : b.locationId === null ? -1 : a.locationId.localeCompare(b.locationId)));
  }, [byId, locationId]);
}

/** Open device-offline alarms by device id, for linking a dark tile to its alarm. */
export function useDeviceAlarmIds(): Record<string, string> {
  const alarms = useMonitor((s) => s.alarms.byId);
  return useMemo(() => {
    const byDevice: Record<string, string> = {};
    for (const a of Object.values(alarms)) if (a.kind === 'device_offline') byDevice[a.source_ref] = a.alarm_id;
    return byDevice;
  }, [alarms]);
}
