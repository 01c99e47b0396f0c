import { describe, expect, it } from 'vitest';
import type { Channel, ChannelParams, SessionUser } from '../protocol';
import { compileFilter } from './filter-matcher';
import { type Subscription, SubscriptionRegistry } from './subscription-registry';

const admin: SessionUser = { user_id: 'u-admin', name: 'Ada', role: 'admin' };

function sub(id: string, channel: Channel, params: ChannelParams, user = admin): Subscription<string> {
  return { id, channel, params, created_at: '', filter: compileFilter(channel, params, user), prefix: Buffer.from(id), owner: id };
}

function candidates(registry: SubscriptionRegistry<string>, channel: Channel, event: string, data: Record<string, unknown>): string[] {
  const seen: string[] = [];
  registry.forCandidates(channel, event, data, (s) => seen.push(s.id));
  return seen.sort();
}

describe('SubscriptionRegistry', () => {
  it('visits only subscriptions indexed under the event values, plus unindexed ones, each once', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add(sub('a', 'game', { location_id: 'loc-a' }));
    registry.add(sub('b', 'game', { location_ids: ['loc-a', 'loc-b'] }));
    registry.add(sub('c', 'game', { device_id: 'd9' }));
    registry.add(sub('d', 'game', { events: ['bet.placed'] }));
    registry.add(sub('e', 'cash', {}));
    expect(candidates(registry, 'game', 'bet.placed', { location_id: 'loc-a', device_id: 'd1' })).toEqual(['a', 'b', 'd']);
    expect(candidates(registry, 'game', 'bet.placed', { location_id: 'loc-b', device_id: 'd9' })).toEqual(['b', 'c', 'd']);
    expect(candidates(registry, 'cash', 'cash.deposit', { location_id: 'loc-a' })).toEqual(['e']);
  });

  it('forgets removed subscriptions', () => {
    const registry = new SubscriptionRegistry<string>();
    const a = sub('a', 'jackpots', { instance_ids: ['j1', 'j2'] });
    registry.add(a);
    registry.add(sub('b', 'jackpots', {}));
    registry.remove(a);
    expect(candidates(registry, 'jackpots', 'jackpot.updated', { instance_id: 'j1' })).toEqual(['b']);
    expect(registry.count('jackpots')).toBe(1);
  });

  it('offers claim-scoped subscriptions events of their locations and location-less events', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add(sub('s', 'system', {}, { ...admin, role: 'operator', locations: ['loc-a'] }));
    expect(candidates(registry, 'system', 'device.offline', { location_id: 'loc-a' })).toEqual(['s']);
    expect(candidates(registry, 'system', 'device.offline', { location_id: 'loc-b' })).toEqual([]);
    expect(candidates(registry, 'system', 'source.connected', { source: 'casino' })).toEqual(['s']);
  });

  it('indexes exchange ids whether events carry them as numbers or strings', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add(sub('m', 'markets', { sport_event_id: 42 }));
    expect(candidates(registry, 'markets', 'market.selections', { sport_event_id: '42' })).toEqual(['m']);
    expect(candidates(registry, 'markets', 'sport_event.changed', { id: 42 })).toEqual(['m']);
  });
});
