import { CHANNELS, type Channel, type ChannelParams } from '../protocol';
import { type EventFilter, checksOnly, eventField, matchesEvent } from './filter-matcher';

/** One live subscription of one connection. */
export interface Subscription<Owner = unknown> {
  id: string;
  channel: Channel;
  /** The params as validated, echoed in responses and lists. */
  params: ChannelParams;
  created_at: string;
  filter: EventFilter;
  /** The start of this subscription's event frames (`eventPrefix`), encoded once. */
  prefix: Buffer;
  owner: Owner;
}

/** Where a subscription sits in its channel's index: one field and the values it accepts, or nowhere. */
interface Placement {
  field: string | null;
  values: string[];
  /** Indexed by the token's location claim only: it must also see events that carry no location. */
  scopeOnly: boolean;
  /**
   * Whether being found under one of `values` (or, unindexed, at all) is the whole filter: the filter
   * checks nothing else, and the index compares the field's string value exactly as `matchesEvent` does.
   */
  decided: boolean;
}

/**
 * Subscriptions in one place of an index. Events are delivered far more often than subscriptions change,
 * so besides the set it keeps an array to visit, remade on the first visit after a change, with whether
 * being found here already decides each one's filter (`Placement.decided`).
 */
class Bucket<Owner> {
  private readonly members = new Map<Subscription<Owner>, boolean>();
  private list: Subscription<Owner>[] | null = null;
  private decided: boolean[] = [];

  get size(): number {
    return this.members.size;
  }

  add(sub: Subscription<Owner>, decided: boolean): void {
    this.members.set(sub, decided);
    this.list = null;
  }

  delete(sub: Subscription<Owner>): void {
    if (this.members.delete(sub)) this.list = null;
  }

  /** Visits each member the event passes, in the order they were added; `matchesEvent` only where the place does not decide. */
  visitMatching(event: string, data: Record<string, unknown>, visit: (sub: Subscription<Owner>) => void): void {
    if (this.list === null) {
      this.list = [...this.members.keys()];
      this.decided = [...this.members.values()];
    }
    // A visit may end a connection and so change this bucket: the arrays of this pass stay as they were.
    const list = this.list;
    const decided = this.decided;
    for (let i = 0; i < list.length; i++) {
      const sub = list[i];
      if (decided[i] || matchesEvent(sub.filter, event, data)) visit(sub);
    }
  }
}

/** One field's part of a channel's index: the subscriptions under each value of it. */
interface FieldIndex<Owner> {
  field: string;
  byValue: Map<string, Bucket<Owner>>;
}

interface ChannelIndex<Owner> {
  /** In the order fields were first used; an array, so a publication's visit allocates no iterator entries. */
  fields: FieldIndex<Owner>[];
  unindexed: Bucket<Owner>;
  scopeOnly: Bucket<Owner>;
  all: Set<Subscription<Owner>>;
}

const nums = (set: ReadonlySet<number>) => [...set].map(String);

/**
 * Picks the most selective filter field, so most events touch few subscriptions. Exchange ids are
 * normalized as numbers by both the index and the filter, but not the same way for every input, so
 * their filter is always checked.
 */
function placementOf(channel: Channel, f: EventFilter): Placement {
  const pick = (field: string, values: Iterable<string>, key: keyof EventFilter | null): Placement => ({
    field,
    values: [...values],
    scopeOnly: false,
    decided: key !== null && checksOnly(f, key),
  });
  if (f.devices) return pick('device_id', f.devices, 'devices');
  if (f.playerId !== undefined) return pick('player_id', [f.playerId], 'playerId');
  if (f.userId !== undefined) return pick('user_id', [f.userId], 'userId');
  if (f.instances) return pick('instance_id', f.instances, 'instances');
  if (f.marketId !== undefined) return pick('market_id', [String(f.marketId)], null);
  if (f.sportEvents) return pick('sport_event_id', nums(f.sportEvents), null);
  if (f.gameId !== undefined) return pick('game_id', [f.gameId], 'gameId');
  if (f.locations) return pick('location_id', f.locations, 'locations');
  if (f.scope && (CHANNELS[channel].filters as readonly string[]).includes('location_id')) {
    return { field: 'location_id', values: [...f.scope], scopeOnly: true, decided: checksOnly(f, 'scope') };
  }
  return { field: null, values: [], scopeOnly: false, decided: checksOnly(f, null) };
}

/** Normalizes an event's field value to the string keys the index uses (exchange ids are numbers). */
function keyOf(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (field === 'sport_event_id' || field === 'market_id') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? String(n) : null;
  }
  return typeof value === 'string' ? value : null;
}

/** Subscriptions indexed by channel and by their most selective filter field, so matching never scans them all. */
export class SubscriptionRegistry<Owner = unknown> {
  private readonly channels = new Map<Channel, ChannelIndex<Owner>>();
  private readonly placements = new Map<Subscription<Owner>, Placement>();

  /** Adds a subscription to its channel's index. */
  add(sub: Subscription<Owner>): void {
    let index = this.channels.get(sub.channel);
    if (!index) {
      index = { fields: [], unindexed: new Bucket(), scopeOnly: new Bucket(), all: new Set() };
      this.channels.set(sub.channel, index);
    }
    const placement = placementOf(sub.channel, sub.filter);
    this.placements.set(sub, placement);
    index.all.add(sub);
    if (placement.field === null) {
      index.unindexed.add(sub, placement.decided);
      return;
    }
    if (placement.scopeOnly) index.scopeOnly.add(sub, placement.decided);
    let byField = index.fields.find((f) => f.field === placement.field);
    if (!byField) index.fields.push((byField = { field: placement.field, byValue: new Map() }));
    for (const value of placement.values) {
      let bucket = byField.byValue.get(value);
      if (!bucket) byField.byValue.set(value, (bucket = new Bucket()));
      bucket.add(sub, placement.decided);
    }
  }

  /** Removes a subscription; unknown ones are ignored. */
  remove(sub: Subscription<Owner>): void {
    const placement = this.placements.get(sub);
    const index = this.channels.get(sub.channel);
    if (!placement || !index) return;
    this.placements.delete(sub);
    index.all.delete(sub);
    if (placement.field === null) {
      index.unindexed.delete(sub);
      return;
    }
    index.scopeOnly.delete(sub);
    const at = index.fields.findIndex((f) => f.field === placement.field);
    if (at < 0) return;
    const { byValue } = index.fields[at];
    for (const value of placement.values) {
      const bucket = byValue.get(value);
      if (!bucket) continue;
      bucket.delete(sub);
      if (bucket.size === 0) byValue.delete(value);
    }
    // A new array, not a splice: a delivery walking the old one (whose visit ended a connection) goes on unchanged.
    if (byValue.size === 0) index.fields = index.fields.filter((_, i) => i !== at);
  }

  /**
   * Visits every subscription whose filter an event passes (`matchesEvent`), each once: a subscription
   * sits under one field, and an event has one value per field. The index finds the candidates, and
   * the filter runs only where the index has not already decided it.
   */
  forMatching(channel: Channel, event: string, data: Record<string, unknown>, visit: (sub: Subscription<Owner>) => void): void {
    const index = this.channels.get(channel);
    if (!index || index.all.size === 0) return;
    const fields = index.fields;
    for (let i = 0; i < fields.length; i++) {
      const { field, byValue } = fields[i];
      const key = keyOf(field, eventField(field, event, data));
      if (key === null) continue;
      byValue.get(key)?.visitMatching(event, data, visit);
    }
    index.unindexed.visitMatching(event, data, visit);
    if (index.scopeOnly.size > 0 && !('location_id' in data)) index.scopeOnly.visitMatching(event, data, visit);
  }

  /** Every subscription on a channel, for presence fan-out. */
  onChannel(channel: Channel): Iterable<Subscription<Owner>> {
    return this.channels.get(channel)?.all ?? [];
  }

  /** How many subscriptions a channel has. */
  count(channel: Channel): number {
    return this.channels.get(channel)?.all.size ?? 0;
  }
}
