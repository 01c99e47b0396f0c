import { describe, expect, it } from 'vitest';
import type { PresenceUser } from '../protocol';
import type { Eventually } from './eventually';
import type { PresenceScope, PresenceStore } from './presence-store';

/** Makes an empty presence store; connections are named by strings. */
export type PresenceStoreFactory = () => Eventually<PresenceStore<string>> | Promise<Eventually<PresenceStore<string>>>;

const user = (id: string, joinedAt = 't0'): PresenceUser => ({ user_id: id, user_info: { name: id.toUpperCase() }, joined_at: joinedAt });
const ids = (users: PresenceUser[]) => users.map((u) => u.user_id).sort();
const keyOf = (s: PresenceScope) => `${s.channel}/${s.location_id ?? ''}`;

const hall: PresenceScope = { channel: 'alerts', location_id: 'loc-a' };
const bar: PresenceScope = { channel: 'alerts', location_id: 'loc-b' };
const everywhere: PresenceScope = { channel: 'alerts' };
const games: PresenceScope = { channel: 'game', location_id: 'loc-a' };

/**
 * The guarantees of `PresenceStore` (see its doc comment), for any implementation. Every call is awaited,
 * so a store answering with promises passes unchanged.
 */
export function presenceStoreConformance(make: PresenceStoreFactory): void {
  describe('PresenceStore conformance', () => {
    it("lists a user once per scope, with their first join's entry, however many connections joined", async () => {
      const store = await make();
      expect(await store.list(hall)).toEqual([]);
      expect(await store.join(hall, 'c1', user('ada', 't1'))).toEqual({ first: true, user: user('ada', 't1') });
      expect(await store.join(hall, 'c2', user('ada', 't2'))).toEqual({ first: false, user: user('ada', 't1') });
      expect((await store.join(hall, 'c3', user('bob'))).first).toBe(true);
      const listed = await store.list(hall);
      expect(ids(listed)).toEqual(['ada', 'bob']);
      expect(listed.find((u) => u.user_id === 'ada')).toEqual(user('ada', 't1'));
    });

    it('reports a user gone only when their last connection in the scope leaves', async () => {
      const store = await make();
      await store.join(hall, 'c1', user('ada'));
      await store.join(hall, 'c2', user('ada'));
      expect(await store.leave(hall, 'c1', 'ada')).toBeNull();
      expect(ids(await store.list(hall))).toEqual(['ada']);
      expect(await store.leave(hall, 'c2', 'ada')).toEqual(user('ada'));
      expect(await store.list(hall)).toEqual([]);
      expect((await store.join(hall, 'c1', user('ada'))).first).toBe(true);
    });

    it('changes nothing when a connection leaves a scope it never joined', async () => {
      const store = await make();
      await store.join(hall, 'c1', user('ada'));
      expect(await store.leave(hall, 'c9', 'ada')).toBeNull();
      expect(await store.leave(bar, 'c1', 'ada')).toBeNull();
      expect(ids(await store.list(hall))).toEqual(['ada']);
      expect(await store.isJoined(hall, 'c1')).toBe(true);
    });

    it('keeps scopes apart by channel and by location, a scope without location included', async () => {
      const store = await make();
      await store.join(hall, 'c1', user('ada'));
      await store.join(bar, 'c2', user('bob'));
      await store.join(everywhere, 'c3', user('cy'));
      await store.join(games, 'c4', user('dee'));
      expect(ids(await store.list(hall))).toEqual(['ada']);
      expect(ids(await store.list(bar))).toEqual(['bob']);
      expect(ids(await store.list(everywhere))).toEqual(['cy']);
      expect(ids(await store.list(games))).toEqual(['dee']);
      expect([...(await store.connections(hall))]).toEqual(['c1']);
      expect([...(await store.connections({ channel: 'game' }))]).toEqual([]);
    });

    it('answers per connection: how many scopes, which, and whether joined', async () => {
      const store = await make();
      await store.join(hall, 'c1', user('ada'));
      await store.join(games, 'c1', user('ada'));
      await store.join(bar, 'c2', user('ada'));
      expect(await store.scopeCount('c1')).toBe(2);
      expect(await store.scopeCount('c2')).toBe(1);
      expect(await store.scopeCount('c9')).toBe(0);
      expect((await store.scopesOf('c1')).map(keyOf).sort()).toEqual([keyOf(hall), keyOf(games)].sort());
      expect(await store.scopesOf('c9')).toEqual([]);
      expect(await store.isJoined(hall, 'c1')).toBe(true);
      expect(await store.isJoined(bar, 'c1')).toBe(false);
      expect(await store.isJoined(everywhere, 'c1')).toBe(false);
      await store.join(hall, 'c1', user('ada'));
      expect(await store.scopeCount('c1')).toBe(2);
    });

    it('takes a closing connection out of every scope, returning those its user has left', async () => {
      const store = await make();
      await store.join(hall, 'c1', user('ada'));
      await store.join(bar, 'c1', user('ada'));
      await store.join(games, 'c1', user('ada'));
      await store.join(bar, 'c2', user('ada'));
      await store.join(hall, 'c3', user('bob'));
      const left = await store.leaveAll('c1', 'ada');
      expect(left.map((l) => keyOf(l.scope)).sort()).toEqual([keyOf(hall), keyOf(games)].sort());
      for (const l of left) expect(l.user).toEqual(user('ada'));
      expect(await store.scopeCount('c1')).toBe(0);
      expect(await store.scopesOf('c1')).toEqual([]);
      expect(await store.isJoined(hall, 'c1')).toBe(false);
      expect(ids(await store.list(hall))).toEqual(['bob']);
      expect(ids(await store.list(bar))).toEqual(['ada']);
      expect(await store.list(games)).toEqual([]);
      expect(await store.leaveAll('c1', 'ada')).toEqual([]);
    });

    it('yields every connection joined to a scope once, and none that left', async () => {
      const store = await make();
      for (let i = 0; i < 20; i++) await store.join(hall, `c${i}`, user(`u${i % 5}`));
      expect([...(await store.connections(hall))].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`).sort());
      expect(ids(await store.list(hall))).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
      await store.leave(hall, 'c0', 'u0');
      await store.leaveAll('c1', 'u1');
      const still = [...(await store.connections(hall))];
      expect(still).toHaveLength(18);
      expect(still).not.toContain('c0');
      expect(still).not.toContain('c1');
    });
  });
}
