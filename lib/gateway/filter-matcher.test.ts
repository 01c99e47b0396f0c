import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../protocol';
import { compileFilter, filterFields, matchesEvent, matchesItem } from './filter-matcher';

const admin: SessionUser = { user_id: 'u-admin', name: 'Ada', role: 'admin' };
const bet = (over: object = {}) => ({ round_id: 'r1', player_id: 'p1', game_id: 'g1', device_id: 'd1', location_id: 'loc-a', amount: 10, currency: 'EUR', ...over });

describe('matchesEvent', () => {
  it('passes everything on a channel when there are no params', () => {
    const f = compileFilter('game', {}, admin);
    expect(matchesEvent(f, 'bet.placed', bet())).toBe(true);
    expect(matchesEvent(f, 'round.won', bet({ location_id: null }))).toBe(true);
  });

  it('narrows by location_id and location_ids together', () => {
    const f = compileFilter('game', { location_id: 'loc-a', location_ids: ['loc-b'] }, admin);
    expect(matchesEvent(f, 'bet.placed', bet())).toBe(true);
    expect(matchesEvent(f, 'bet.placed', bet({ location_id: 'loc-b' }))).toBe(true);
    expect(matchesEvent(f, 'bet.placed', bet({ location_id: 'loc-c' }))).toBe(false);
    expect(matchesEvent(f, 'bet.placed', bet({ location_id: null }))).toBe(false);
  });

  it('narrows by device, game, player, event name and min_amount', () => {
    expect(matchesEvent(compileFilter('game', { device_ids: ['d2', 'd1'] }, admin), 'bet.placed', bet())).toBe(true);
    expect(matchesEvent(compileFilter('game', { device_id: 'd2' }, admin), 'bet.placed', bet())).toBe(false);
    expect(matchesEvent(compileFilter('game', { game_id: 'g2' }, admin), 'bet.placed', bet())).toBe(false);
    expect(matchesEvent(compileFilter('game', { player_id: 'p1' }, admin), 'bet.placed', bet())).toBe(true);
    expect(matchesEvent(compileFilter('game', { events: ['round.won'] }, admin), 'bet.placed', bet())).toBe(false);
    const min = compileFilter('game', { min_amount: 10 }, admin);
    expect(matchesEvent(min, 'bet.placed', bet({ amount: 10 }))).toBe(true);
    expect(matchesEvent(min, 'bet.placed', bet({ amount: 9.99 }))).toBe(false);
  });

  it('matches alarms by severity and state', () => {
    const f = compileFilter('alerts', { severities: ['critical', 'high'], states: ['unacked'] }, admin);
    expect(matchesEvent(f, 'alarm.raised', { severity: 'high', state: 'unacked', location_id: null })).toBe(true);
    expect(matchesEvent(f, 'alarm.raised', { severity: 'low', state: 'unacked' })).toBe(false);
    expect(matchesEvent(f, 'alarm.acknowledged', { severity: 'high', state: 'acked' })).toBe(false);
  });

  it('matches exchange ids as numbers, and a sport event change by its own id', () => {
    const f = compileFilter('markets', { sport_event_ids: [42] }, admin);
    expect(matchesEvent(f, 'market.selections', { sport_event_id: 42, market_id: 7 })).toBe(true);
    expect(matchesEvent(f, 'market.selections', { sport_event_id: '42', market_id: 7 })).toBe(true);
    expect(matchesEvent(f, 'sport_event.changed', { id: 42, op: 'u', info: {} })).toBe(true);
    expect(matchesEvent(f, 'sport_event.changed', { id: 43, op: 'u', info: {} })).toBe(false);
    expect(matchesEvent(compileFilter('markets', { market_id: 7 }, admin), 'market.changed', { id: 7, op: 'c', info: {} })).toBe(true);
  });

  it('limits notifications to the own user id when none is given', () => {
    const op: SessionUser = { user_id: 'u-op', name: 'Op', role: 'operator' };
    const f = compileFilter('notifications', {}, op);
    expect(matchesEvent(f, 'notification.alert', { user_id: 'u-op', title: 't', body: 'b' })).toBe(true);
    expect(matchesEvent(f, 'notification.alert', { user_id: 'u-other', title: 't', body: 'b' })).toBe(false);
  });

  it('hides events outside the location claim, including an unknown location, but not location-less ones', () => {
    const scoped: SessionUser = { user_id: 'u', name: 'U', role: 'operator', locations: ['loc-a'] };
    const f = compileFilter('system', {}, scoped);
    expect(matchesEvent(f, 'device.offline', { device_id: 'd1', location_id: 'loc-a', lost_at: 'x' })).toBe(true);
    expect(matchesEvent(f, 'device.offline', { device_id: 'd2', location_id: 'loc-b', lost_at: 'x' })).toBe(false);
    expect(matchesEvent(f, 'device.offline', { device_id: 'd3', location_id: null, lost_at: 'x' })).toBe(false);
    expect(matchesEvent(f, 'source.connected', { source: 'casino', connected: true, at: 'x' })).toBe(true);
  });
});

describe('matchesItem', () => {
  it('checks snapshot items only on the fields they carry', () => {
    const f = compileFilter('alerts', { location_id: 'loc-a', events: ['alarm.raised'], severities: ['critical'] }, admin);
    expect(matchesItem(f, { alarm_id: 'a1', location_id: 'loc-a', severity: 'critical' })).toBe(true);
    expect(matchesItem(f, { alarm_id: 'a2', location_id: 'loc-b', severity: 'critical' })).toBe(false);
    expect(matchesItem(f, { alarm_id: 'a3', location_id: 'loc-a', severity: 'low' })).toBe(false);
    expect(matchesItem(compileFilter('jackpots', { instance_id: 'j1' }, admin), { instance_id: 'j2' })).toBe(false);
  });

  it('applies the location claim to items too', () => {
    const scoped: SessionUser = { user_id: 'u', name: 'U', role: 'operator', locations: ['loc-a'] };
    const f = compileFilter('system', {}, scoped);
    expect(matchesItem(f, { device_id: 'd1', location_id: 'loc-a' })).toBe(true);
    expect(matchesItem(f, { device_id: 'd2', location_id: 'loc-b' })).toBe(false);
  });
});

describe('filterFields', () => {
  const scoped: SessionUser = { user_id: 'u-op', name: 'Olu', role: 'operator', locations: ['loc-a'] };
  const filters = [
    compileFilter('game', {}, admin),
    compileFilter('game', {}, scoped),
    compileFilter('game', { location_id: 'loc-a', device_ids: ['d1'], game_id: 'g1', player_id: 'p1', min_amount: 5 }, admin),
    compileFilter('game', { events: ['bet.placed'], min_amount: 50 }, admin),
    compileFilter('alerts', { severities: ['critical'], states: ['active_unacked'] }, admin),
    compileFilter('jackpots', { instance_id: 'j1' }, admin),
    compileFilter('markets', { sport_event_id: 7, market_id: 3 }, admin),
    compileFilter('notifications', {}, admin),
  ];
  const events: [string, Record<string, unknown>][] = [
    ['bet.placed', bet({ note: 'not filtered', nested: { a: 1 } })],
    ['bet.placed', bet({ amount: 60 })],
    ['round.won', bet({ location_id: null })],
    ['round.won', bet({ location_id: 'loc-b', device_id: 'd2' })],
    ['alarm.raised', { alarm_id: 'a1', severity: 'critical', state: 'active_unacked', location_id: 'loc-a' }],
    ['alarm.updated', { alarm_id: 'a1', severity: 'low', state: 'acked' }],
    ['pot.updated', { instance_id: 'j1', amount: 1000 }],
    ['sport_event.changed', { id: 7, name: 'A v B' }],
    ['market.changed', { id: 3, sport_event_id: 7 }],
    ['market.selections', { market_id: 3, sport_event_id: 8, selections: [] }],
    ['notification.alert', { user_id: 'u-admin', message: 'hi' }],
  ];

  it('keeps only what filters read, and every filter decides the same on it as on the whole data', () => {
    expect(filterFields('bet.placed', bet({ note: 'x' }))).not.toHaveProperty('note');
    for (const filter of filters) {
      for (const [event, data] of events) expect(matchesEvent(filter, event, filterFields(event, data))).toBe(matchesEvent(filter, event, data));
    }
  });
});
