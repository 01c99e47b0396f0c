import { CHANNELS, type Channel, type ChannelParams, type SessionUser, mayReceive } from '../protocol';

/** A subscription's params compiled for matching, with the user's `locations` claim folded in. */
export interface EventFilter {
  events?: ReadonlySet<string>;
  /** Explicit `location_id` / `location_ids`. */
  locations?: ReadonlySet<string>;
  /** The token's `locations` claim: events carrying a `location_id` must fall inside it. */
  scope?: ReadonlySet<string>;
  devices?: ReadonlySet<string>;
  gameId?: string;
  playerId?: string;
  userId?: string;
  minAmount?: number;
  severities?: ReadonlySet<string>;
  states?: ReadonlySet<string>;
  instances?: ReadonlySet<string>;
  sportEvents?: ReadonlySet<number>;
  marketId?: number;
  /** Events of the channel the user's role may not receive (`wager.changed` for all but sportsbook and admin). */
  withheld?: ReadonlySet<string>;
}

type Data = Record<string, unknown>;

function union<T>(one: T | undefined, many: readonly T[] | undefined): Set<T> | undefined {
  if (one === undefined && !many) return undefined;
  const set = new Set<T>(many ?? []);
  if (one !== undefined) set.add(one);
  return set;
}

/** Compiles validated params; on `notifications` an absent `user_id` means the user's own id. */
export function compileFilter(channel: Channel, params: ChannelParams, user: SessionUser): EventFilter {
  const filter: EventFilter = {
    events: params.events ? new Set(params.events) : undefined,
    locations: union(params.location_id, params.location_ids),
    scope: user.locations ? new Set(user.locations) : undefined,
    devices: union(params.device_id, params.device_ids),
    gameId: params.game_id,
    playerId: params.player_id,
    userId: params.user_id,
    minAmount: params.min_amount,
    severities: params.severities ? new Set(params.severities) : undefined,
    states: params.states ? new Set(params.states) : undefined,
    instances: union(params.instance_id, params.instance_ids),
    sportEvents: union(params.sport_event_id, params.sport_event_ids),
    marketId: params.market_id,
  };
  const withheld = (CHANNELS[channel].events as readonly string[]).filter((e) => !mayReceive(user.role, e));
  if (withheld.length) filter.withheld = new Set(withheld);
  if (channel === 'notifications' && filter.userId === undefined) filter.userId = user.user_id;
  return filter;
}

/** Exchange entity events carry their own id as `id`, so a `sport_event.changed` matches `sport_event_id` by it. */
export function eventField(field: string, event: string | undefined, data: Data): unknown {
  const value = data[field];
  if (value !== undefined) return value;
  if (field === 'sport_event_id' && event === 'sport_event.changed') return data.id;
  if (field === 'market_id' && event === 'market.changed') return data.id;
  return undefined;
}

function inSet(set: ReadonlySet<string>, value: unknown): boolean {
  return typeof value === 'string' && set.has(value);
}

function asNumber(value: unknown): number {
  return typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
}

/** Snapshot items that stand for an event, so a withheld event is withheld from snapshots too. */
const SNAPSHOT_KIND_EVENTS: Record<string, string> = { wager: 'wager.changed' };

/** In lenient mode a field the data does not carry is not checked. */
function skip(lenient: boolean, field: string, event: string | undefined, data: Data): boolean {
  return lenient && eventField(field, event, data) === undefined;
}

/**
 * Whether data passes a filter. Events must carry every filtered field (strict); snapshot items are
 * only checked on the fields they carry (lenient), since entities do not have event names or amounts.
 * The location claim is checked the same way in both: a `location_id` outside it, or null, is hidden.
 */
function passes(f: EventFilter, event: string | undefined, data: Data, lenient: boolean): boolean {
  if (f.withheld && f.withheld.has(event ?? SNAPSHOT_KIND_EVENTS[String(data.kind)] ?? '')) return false;
  if (f.events && event !== undefined && !f.events.has(event)) return false;
  // seesLocation (lib/protocol/identity.ts), with the claim compiled into a set once per subscription.
  if (f.scope && 'location_id' in data && !inSet(f.scope, data.location_id)) return false;
  if (f.locations && !skip(lenient, 'location_id', event, data) && !inSet(f.locations, data.location_id)) return false;
  if (f.devices && !skip(lenient, 'device_id', event, data) && !inSet(f.devices, data.device_id)) return false;
  if (f.gameId !== undefined && !skip(lenient, 'game_id', event, data) && data.game_id !== f.gameId) return false;
  if (f.playerId !== undefined && !skip(lenient, 'player_id', event, data) && data.player_id !== f.playerId) return false;
  if (f.userId !== undefined && !skip(lenient, 'user_id', event, data) && data.user_id !== f.userId) return false;
  if (f.minAmount !== undefined && !lenient && !(typeof data.amount === 'number' && data.amount >= f.minAmount)) return false;
  if (f.severities && !skip(lenient, 'severity', event, data) && !inSet(f.severities, data.severity)) return false;
  if (f.states && !skip(lenient, 'state', event, data) && !inSet(f.states, data.state)) return false;
  if (f.instances && !skip(lenient, 'instance_id', event, data) && !inSet(f.instances, data.instance_id)) return false;
  if (f.sportEvents && !skip(lenient, 'sport_event_id', event, data) && !f.sportEvents.has(asNumber(eventField('sport_event_id', event, data)))) return false;
  if (f.marketId !== undefined && !skip(lenient, 'market_id', event, data) && asNumber(eventField('market_id', event, data)) !== f.marketId) return false;
  return true;
}

/** Every data field `passes` reads (besides the entity `id` that `eventField` falls back on). */
const FILTERED_FIELDS = ['location_id', 'device_id', 'game_id', 'player_id', 'user_id', 'amount', 'severity', 'state', 'instance_id', 'sport_event_id', 'market_id'] as const;

/**
 * The part of an event's data any filter can read, so history can keep it instead of the whole
 * data: `matchesEvent(f, event, filterFields(event, data))` equals `matchesEvent(f, event, data)`.
 */
export function filterFields(event: string, payload: object): Data {
  const data = payload as Data;
  // The busiest events, whose payloads always carry these keys (`BetPlaced`): the object the loop below
  // would build, made as one literal.
  if (event === 'bet.placed' || event === 'round.won') {
    return { location_id: data.location_id, device_id: data.device_id, game_id: data.game_id, player_id: data.player_id, amount: data.amount };
  }
  const fields: Data = {};
  for (const field of FILTERED_FIELDS) if (field in data) fields[field] = data[field];
  if (event === 'sport_event.changed' || event === 'market.changed') fields.id = data.id;
  return fields;
}

/**
 * Whether a filter checks nothing but `key` (nothing at all when `key` is null), so an index that
 * compares that one field as `passes` does decides it alone.
 */
export function checksOnly(filter: EventFilter, key: keyof EventFilter | null): boolean {
  for (const k in filter) if (k !== key && filter[k as keyof EventFilter] !== undefined) return false;
  return true;
}

/** Whether a published event reaches a subscription. */
export function matchesEvent(filter: EventFilter, event: string, data: Data): boolean {
  return passes(filter, event, data, false);
}

/** Whether a snapshot item belongs in a subscription's snapshot. */
export function matchesItem(filter: EventFilter, item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return true;
  return passes(filter, undefined, item as Data, true);
}
