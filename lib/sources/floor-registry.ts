import { readFileSync } from 'node:fs';
import { type DeviceState, type Floor, FloorSchema } from '../protocol';

/** Device → location lookup and live device states, from `FLOOR_FILE`, the mock's floor, or nothing. */
export interface FloorRegistry {
  /** The registry's own spelling of a device id (lookups ignore case), or the id as given when unknown. */
  canonicalId(deviceId: string): string;
  /** Location of a device, null when the floor does not know it. */
  locationOf(deviceId: string): string | null;
  /** A location's name as staff know it, null when the floor does not know the location. */
  locationName(locationId: string): string | null;
  /** The device a game runs on, when the floor maps that game to exactly one device. */
  deviceForGame(gameId: string): string | null;
  /** The game a device runs, if the floor says. */
  gameOf(deviceId: string): string | null;
  /** Records a device going online or offline; returns its state after the change. */
  setOnline(deviceId: string, online: boolean, at: string): DeviceState;
  /** Every known device's state (the `system` snapshot). */
  states(): DeviceState[];
}

/** Reads and validates a floor file; the error names the file and the first problem. */
export function loadFloorFile(file: string): Floor {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`FLOOR_FILE ${file}: cannot read JSON (${(err as Error).message})`);
  }
  const parsed = FloorSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`FLOOR_FILE ${file}: invalid floor at '${issue.path.join('.') || '(root)'}': ${issue.message}`);
  }
  return parsed.data;
}

/** Builds the registry from a floor (empty when null). */
export function createFloorRegistry(floor: Floor | null): FloorRegistry {
  const devices = new Map<string, DeviceState>();
  const byGame = new Map<string, string | null>();
  const locationNames = new Map((floor?.locations ?? []).map((l) => [l.id, l.name]));
  for (const location of floor?.locations ?? []) {
    for (const d of location.devices) {
      const gameId = d.game_id ?? null;
      devices.set(d.id.toUpperCase(), { device_id: d.id, location_id: location.id, type: d.type, game_id: gameId, online: true, changed_at: null });
      // A game on several devices cannot name one device: remember that as null.
      if (gameId) byGame.set(gameId, byGame.has(gameId) ? null : d.id);
    }
  }
  const find = (id: string) => devices.get(id.toUpperCase());

  return {
    canonicalId: (id) => find(id)?.device_id ?? id,
    locationOf: (id) => find(id)?.location_id ?? null,
    locationName: (id) => locationNames.get(id) ?? null,
    deviceForGame: (gameId) => byGame.get(gameId) ?? null,
    gameOf: (id) => find(id)?.game_id ?? null,
    setOnline(id, online, at) {
      let state = find(id);
      if (!state) {
        state = { device_id: id, location_id: null, type: 'unknown', game_id: null, online, changed_at: at };
        devices.set(id.toUpperCase(), state);
      }
      state.online = online;
      state.changed_at = at;
      return state;
    },
    states: () => [...devices.values()].map((s) => ({ ...s })),
  };
}
