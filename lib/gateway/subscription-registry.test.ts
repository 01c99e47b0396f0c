import { describe, expect, it } from 'vitest';
import type { Channel, ChannelParams, SessionUser } from '../protocol';
import { compileFilter, matchesEvent } from './filter-matcher';
import { type Subscription, SubscriptionRegistry } from './subscription-registry';

const admin: SessionUser = { user_id: 'u-admin', name: 'Ada', role: 'admin' };

function sub(id: string, channel: Channel, params: ChannelParams, user = admin): Subscription<string> {
  return { id, channel, params, created_at: '', filter: compileFilter(channel, params, user), prefix: Buffer.from(id), owner: id };
}

function matching(registry: SubscriptionRegistry<string>, channel: Channel, event: string, data: Record<string, unknown>): string[] {
  const seen: string[] = [];
  registry.forMatching(channel, event, data, (s) => seen.push(s.id));
  return seen.sort();
}

describe('SubscriptionRegistry', () => {
  it('visits the subscriptions whose filter the event passes, each once', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add(sub('a', 'game', { location_id: 'loc-a' }));
    registry.add(sub('b', 'game', { location_ids: ['loc-a', 'loc-b'] }));
    registry.add(sub('c', 'game', { device_id: 'd9' }));
    registry.add(sub('d', 'game', { events: ['bet.placed'] }));
    registry.add(sub('e', 'cash', {}));
    expect(matching(registry, 'game', 'bet.placed', { location_id: 'loc-a', device_id: 'd1' })).toEqual(['a', 'b', 'd']);
    expect(matching(registry, 'game', 'bet.placed', { location_id: 'loc-b', device_id: 'd9' })).toEqual(['b', 'c', 'd']);
    expect(matching(registry, 'game', 'round.won', { location_id: 'loc-a', device_id: 'd9' })).toEqual(['a', 'b', 'c']);
    expect(matching(registry, 'cash', 'cash.deposit', { location_id: 'loc-a' })).toEqual(['e']);
  });

  it('forgets removed subscriptions', () => {
    const registry = new SubscriptionRegistry<string>();
    const a = sub('a', 'jackpots', { instance_ids: ['j1', 'j2'] });
    registry.add(a);
    registry.add(sub('b', 'jackpots', {}));
    registry.remove(a);
    expect(matching(registry, 'jackpots', 'jackpot.updated', { instance_id: 'j1' })).toEqual(['b']);
    expect(registry.count('jackpots')).toBe(1);
  });

  it('offers claim-scoped subscriptions events of their locations and location-less events', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add(sub('s', 'system', {}, { ...admin, role: 'operator', locations: ['loc-a'] }));
    expect(matching(registry, 'system', 'device.offline', { location_id: 'loc-a' })).toEqual(['s']);
    expect(matching(registry, 'system', 'device.offline', { location_id: 'loc-b' })).toEqual([]);
    expect(matching(registry, 'system', 'source.connected', { source: 'casino' })).toEqual(['s']);
  });

  it('indexes exchange ids whether events carry them as numbers or strings', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.add(sub('m', 'markets', { sport_event_id: 42 }));
    expect(matching(registry, 'markets', 'market.selections', { sport_event_id: '42' })).toEqual(['m']);
    expect(matching(registry, 'markets', 'sport_event.changed', { id: 42 })).toEqual(['m']);
  });

  it('visits exactly the subscriptions matchesEvent accepts, for every kind of filter and event value', () => {
    const operator: SessionUser = { user_id: 'u-op', name: 'Olli', role: 'operator', locations: ['loc-a'] };
    const subs = [
      sub('all', 'game', {}),
      sub('scoped', 'game', {}, operator),
      sub('scoped-events', 'game', { events: ['bet.placed'] }, operator),
      sub('loc', 'game', { location_id: 'loc-a' }),
      sub('loc-scoped', 'game', { location_id: 'loc-b' }, operator),
      sub('locs-events', 'game', { location_ids: ['loc-a', 'loc-b'], events: ['round.won'] }),
      sub('device', 'game', { device_id: 'd1' }),
      sub('device-loc', 'game', { device_ids: ['d1', 'd2'], location_id: 'loc-b' }),
      sub('game', 'game', { game_id: 'g1' }),
      sub('player', 'game', { player_id: 'p1' }),
      sub('player-min', 'game', { player_id: 'p1', min_amount: 5 }),
    ];
    const registry = new SubscriptionRegistry<string>();
    for (const s of subs) registry.add(s);
    const values = {
      location_id: ['loc-a', 'loc-b', null, 7, undefined],
      device_id: ['d1', 'd2', null],
      game_id: ['g1', 'g2', 1],
      player_id: ['p1', 'p2'],
      amount: [1, 10],
    };
    let checked = 0;
    for (const event of ['bet.placed', 'round.won'])
      for (const location_id of values.location_id)
        for (const device_id of values.device_id)
          for (const game_id of values.game_id)
            for (const player_id of values.player_id)
              for (const amount of values.amount) {
                const data: Record<string, unknown> = { device_id, game_id, player_id, amount };
                if (location_id !== undefined) data.location_id = location_id;
                const expected = subs.filter((s) => matchesEvent(s.filter, event, data)).map((s) => s.id).sort();
                expect(matching(registry, 'game', event, data), JSON.stringify({ event, data })).toEqual(expected);
                checked++;
              }
    expect(checked).toBe(2 * 5 * 3 * 3 * 2 * 2);
  });
});
