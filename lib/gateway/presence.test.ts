import { describe, expect, it } from 'vitest';
import { PresenceRoster } from './presence';
import { presenceStoreConformance } from './presence-store.conformance';

const ada = { user_id: 'ada', user_info: { name: 'Ada' }, joined_at: 't1' };
const bob = { user_id: 'bob', user_info: { name: 'Bob' }, joined_at: 't2' };
const scope = { channel: 'alerts' as const, location_id: 'loc-a' };

describe('PresenceRoster', () => {
  it('lists each user once and reports them gone only when their last connection leaves', () => {
    const roster = new PresenceRoster<string>();
    expect(roster.join(scope, 'c1', ada).first).toBe(true);
    expect(roster.join(scope, 'c2', ada).first).toBe(false);
    roster.join(scope, 'c3', bob);
    expect(roster.list(scope).map((u) => u.user_id)).toEqual(['ada', 'bob']);
    expect(roster.leave(scope, 'c1', 'ada')).toBeNull();
    expect(roster.leaveAll('c2', 'ada')).toEqual([{ scope, user: ada }]);
    expect(roster.list(scope).map((u) => u.user_id)).toEqual(['bob']);
  });

  it('keeps scopes apart by location', () => {
    const roster = new PresenceRoster<string>();
    roster.join(scope, 'c1', ada);
    roster.join({ channel: 'alerts', location_id: 'loc-b' }, 'c2', bob);
    expect(roster.list(scope).map((u) => u.user_id)).toEqual(['ada']);
    expect([...roster.connections({ channel: 'alerts' })]).toEqual([]);
  });
});

presenceStoreConformance(() => new PresenceRoster<string>());

describe('PresenceRoster.memberships', () => {
  it('counts the connections holding each user in each scope', () => {
    const roster = new PresenceRoster<string>();
    roster.join(scope, 'c1', ada);
    roster.join(scope, 'c2', ada);
    roster.join({ channel: 'alerts' }, 'c3', bob);
    roster.leave(scope, 'c2', 'ada');
    expect([...roster.memberships()]).toEqual([
      { scope, user: ada, connections: 1 },
      { scope: { channel: 'alerts' }, user: bob, connections: 1 },
    ]);
  });
});
