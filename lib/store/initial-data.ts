import type { MonitorData } from './monitor-state';
import { SLICES, SLICE_KEYS, type SliceData } from './slices';
import { initialConnection, initialSession, initialUi } from './slices/connection-slice';
import { initialPresence } from './slices/presence-slice';

/** A store with nothing received yet. */
export function initialData(): MonitorData {
  const slices = Object.fromEntries(SLICE_KEYS.map((key) => [key, SLICES[key].initial])) as SliceData;
  return { ...slices, session: initialSession, connection: initialConnection, presence: initialPresence, ui: initialUi };
}
