import { type ChannelParams, type DeviceState, seesLocation } from '../protocol';
import type { SnapshotProvider } from '../gateway/types';
import type { FloorRegistry } from './floor-registry';


function matches(state: DeviceState, p: ChannelParams): boolean {
  if (p.location_id !== undefined && state.location_id !== p.location_id) return false;
  if (p.location_ids && (state.location_id === null || !p.location_ids.includes(state.location_id))) return false;
  if (p.device_id !== undefined && state.device_id !== p.device_id) return false;
  if (p.device_ids && !p.device_ids.includes(state.device_id)) return false;
  return true;
}

/** The `system` snapshot: `DeviceState[]` for the devices matching the params and the user's locations. */
export function systemSnapshot(registry: FloorRegistry): SnapshotProvider {
  return (params, user) => registry.states().filter((s) => matches(s, params) && seesLocation(user, s.location_id));
}
