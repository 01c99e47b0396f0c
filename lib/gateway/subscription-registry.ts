import { CHANNELS, type Channel, type ChannelParams } from '../protocol';
import { type EventFilter, eventField } from './filter-matcher';

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
}

interface ChannelIndex<Owner> {
  byField: Map<string, Map<string, Set<Subscription<Owner>>>>;
  unindexed: Set<Subscription<Owner>>;
  scopeOnly: Set<Subscription<Owner>>;
  all: Set<Subscription<Owner>>;
}

const nums = (set: ReadonlySet<number>) => [...set].map(String);

/** Picks the most selective filter field, so most events touch few subscriptions. */
function placementOf(channel: Channel, f: EventFilter): Placement {
  const pick = (field: string, values: Iterable<string>): Placement => ({ field, values: [...values], scopeOnly: false });
  if (f.devices) return pick('device_id', f.devices);
  if (f.playerId !== undefined) return pick('player_id', [f.playerId]);
  if (f.userId !== undefined) return pick('user_id', [f.userId]);
  if (f.instances) return pick('instance_id', f.instances);
  if (f.marketId !== undefined) return pick('market_id', [String(f.marketId)]);
  if (f.sportEvents) return pick('sport_event_id', nums(f.sportEvents));
  if (f.gameId !== undefined) return pick('game_id', [f.gameId]);
  if (f.locations) return pick('location_id', f.locations);
  if (f.scope && (CHANNELS[channel].filters as readonly string[]).includes('location_id')) {
    return { field: 'location_id', values: [...f.scope], scopeOnly: true };
  }
  return { field: null, values: [], scopeOnly: false };
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
      index = { byField: new Map(), unindexed: new Set(), scopeOnly: new Set(), all: new Set() };
      this.channels.set(sub.channel, index);
    }
    const placement = placementOf(sub.channel, sub.filter);
    this.placements.set(sub, placement);
    index.all.add(sub);
    if (placement.field === null) {
      index.unindexed.add(sub);
      return;
    }
    if (placement.scopeOnly) index.scopeOnly.add(sub);
    let byValue = index.byField.get(placement.field);
    if (!byValue) index.byField.set(placement.field, (byValue = new Map()));
    for (const value of placement.values) {
      let bucket = byValue.get(value);
      if (!bucket) byValue.set(value, (bucket = new Set()));
      bucket.add(sub);
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
    const byValue = index.byField.get(placement.field);
    if (!byValue) return;
    for (const value of placement.values) {
      const bucket = byValue.get(value);
      if (!bucket) continue;
      bucket.delete(sub);
      if (bucket.size === 0) byValue.delete(value);
    }
    if (byValue.size === 0) index.byField.delete(placement.field);
  }

  /**
   * Visits every subscription that could match an event, each at most once (a subscription sits
   * under one field, and an event has one value per field). The caller still applies the full filter.
   */
  forCandidates(channel: Channel, event: string, data: Record<string, unknown>, visit: (sub: Subscription<Owner>) => void): void {
    const index = this.channels.get(channel);
    if (!index || index.all.size === 0) return;
    for (const [field, byValue] of index.byField) {
      const key = keyOf(field, eventField(field, event, data));
      if (key === null) continue;
      const bucket = byValue.get(key);
      if (bucket) for (const sub of bucket) visit(sub);
    }
    for (const sub of index.unindexed) visit(sub);
    if (index.scopeOnly.size > 0 && !('location_id' in data)) {
      for (const sub of index.scopeOnly) visit(sub);
    }
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
