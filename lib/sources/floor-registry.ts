import { readFileSync } from 'node:fs';
import { type DeviceState, type Floor, FloorSchema } from '../protocol';

/** A device as events name it: the registry's spelling of its id and its location (null when unknown). */
export interface DevicePlace {
  readonly device_id: string;
  readonly location_id: string | null;
}

/** Device → location lookup and live device states, from `FLOOR_FILE`, the mock's floor, or nothing. */
export interface FloorRegistry {
  /** The registry's own spelling of a device id (lookups ignore case), or the id as given when unknown. */
  canonicalId(deviceId: string): string;
  /** Location of a device, null when the floor does not know it. */
  locationOf(deviceId: string): string | null;
  /** Where a device is: its registry spelling and location (`canonicalId`, `locationOf`) in one look-up. */
  placeOf(deviceId: string): DevicePlace;
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
  /** Whether the floor has a location with this id (presence scopes must name one). */
  hasLocation(locationId: string): boolean;
}

/**
 * How many devices the floor does not list are remembered at once. A feed may name any terminal, so
 * without a bound it could grow the registry without end; the least recently heard from goes first.
 */
export const MAX_UNKNOWN_DEVICES = 10_000;

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
export function createFloorRegistry(floor: Floor | null, maxUnknown = MAX_UNKNOWN_DEVICES): FloorRegistry {
  const devices = new Map<string, DeviceState>();
  /** Devices heard of but not on the floor, oldest first (a Map keeps insertion order). */
  const unknown = new Map<string, DeviceState>();
  const locations = new Set((floor?.locations ?? []).map((l) => l.id));
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
  // Ids as the floor spells them, so the usual look-up needs no upper-casing (a new string per call).
  const exact = new Map([...devices.values()].map((state) => [state.device_id, state]));
  const find = (id: string) => {
    const known = exact.get(id);
    if (known) return known;
    const key = id.toUpperCase();
    return devices.get(key) ?? unknown.get(key);
  };
  /** Remembers an unknown device as the most recently heard from, forgetting the oldest past the bound. */
  const touchUnknown = (key: string, state: DeviceState) => {
    unknown.delete(key);
    unknown.set(key, state);
    if (unknown.size > maxUnknown) unknown.delete(unknown.keys().next().value as string);
  };

  return {
    canonicalId: (id) => find(id)?.device_id ?? id,
    locationOf: (id) => find(id)?.location_id ?? null,
    placeOf: (id) => find(id) ?? { device_id: id, location_id: null },
    locationName: (id) => locationNames.get(id) ?? null,
    deviceForGame: (gameId) => byGame.get(gameId) ?? null,
    gameOf: (id) => find(id)?.game_id ?? null,
    setOnline(id, online, at) {
      const key = id.toUpperCase();
      let state = devices.get(key);
      if (!state) {
        state = unknown.get(key) ?? { device_id: id, location_id: null, type: 'unknown', game_id: null, online, changed_at: at };
        touchUnknown(key, state);
      }
      state.online = online;
      state.changed_at = at;
      return state;
    },
    states: () => [...devices.values(), ...unknown.values()].map((s) => ({ ...s })),
    hasLocation: (locationId) => locations.has(locationId),
  };
}
