import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../lib/gateway/connection';
import { PresenceRoster } from '../../lib/gateway/presence';
import type { PresenceAnnouncement, PresenceScope, PresenceStore } from '../../lib/gateway/presence-store';
import type { PresenceUser } from '../../lib/protocol';
import { type Gateway, sleep, startGateway } from '../support/gateway-harness';

/**
 * A store that answers as a shared one does: later, with promises, and sometimes not at all. Per-connection
 * calls stay synchronous and answers keep the order of calls, as the `PresenceStore` contract asks.
 */
class SlowPresence implements PresenceStore<Connection> {
  readonly local = new PresenceRoster<Connection>();
  delayMs = 30;
  failing = false;
  private listener: ((a: PresenceAnnouncement) => void) | null = null;

  private later<T>(value: () => T): Promise<T> {
    const failing = this.failing;
    return sleep(this.delayMs).then(() => {
      if (failing) throw new Error('presence store unreachable');
      return value();
    });
  }

  join(scope: PresenceScope, conn: Connection, user: PresenceUser) {
    const answer = this.local.join(scope, conn, user);
    return this.later(() => answer);
  }
  leave(scope: PresenceScope, conn: Connection, userId: string) {
    const answer = this.local.leave(scope, conn, userId);
    return this.later(() => answer);
  }
  leaveAll(conn: Connection, userId: string) {
    const answer = this.local.leaveAll(conn, userId);
    return this.later(() => answer);
  }
  list(scope: PresenceScope) {
    const answer = this.local.list(scope);
    return this.later(() => answer);
  }
  scopeCount = (conn: Connection) => this.local.scopeCount(conn);
  isJoined = (scope: PresenceScope, conn: Connection) => this.local.isJoined(scope, conn);
  scopesOf = (conn: Connection) => this.local.scopesOf(conn);
  connections = (scope: PresenceScope) => this.local.connections(scope);
  onAnnouncement(listener: (a: PresenceAnnouncement) => void) {
    this.listener = listener;
    return () => (this.listener = null);
  }
  /** Plays a join or leave another node decided. */
  fromElsewhere(a: PresenceAnnouncement): void {
    this.listener?.(a);
  }
}

const hall = { channel: 'alerts', params: { location_id: 'loc-a' } };

describe('presence on a store that answers later', () => {
  const store = new SlowPresence();
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({}, { presence: store });
  });
  afterAll(() => gw.close());

  it('answers each request once the store has, in the order the requests came', async () => {
    const ada = await gw.login('manager', { user_id: 'u-ada' });
    const bob = await gw.login('operator', { user_id: 'u-bob' });
    await bob.subscribe('alerts', { location_id: 'loc-a' });
    ada.send({ type: 'presence_join', id: 'j', ...hall });
    ada.send({ type: 'ping', id: 'p' });
    ada.send({ type: 'presence_list', id: 'l', ...hall });
    ada.send({ type: 'presence_leave', id: 'x', ...hall });
    ada.send({ type: 'ping', id: 'q' });
    await ada.waitFor((f) => f.id === 'q');
    const answers = ada.frames.filter((f) => typeof f.id === 'string' && 'jplxq'.includes(f.id));
    expect(answers.map((f) => f.id)).toEqual(['j', 'p', 'l', 'x', 'q']);
    expect(answers[2].users.map((u: PresenceUser) => u.user_id)).toEqual(['u-ada']);
    expect(answers[3]).toMatchObject({ type: 'response', message: 'Left presence' });
    await bob.waitFor((f) => f.type === 'presence' && f.event === 'user_left');
    expect(bob.frames.filter((f) => f.type === 'presence').map((f) => f.event)).toEqual(['user_joined', 'user_left']);
    await ada.close();
    await bob.close();
  });

  it('announces a join and the departure that follows it in that order, even when the user closes before the store answers', async () => {
    const bob = await gw.login('operator', { user_id: 'u-bob' });
    await bob.subscribe('alerts', { location_id: 'loc-a' });
    const cy = await gw.login('operator', { user_id: 'u-cy' });
    cy.send({ type: 'presence_join', id: 'j', ...hall });
    await sleep(5);
    cy.ws.terminate();
    await bob.waitFor((f) => f.type === 'presence' && f.event === 'user_left');
    expect(bob.frames.filter((f) => f.type === 'presence').map((f) => `${f.event}:${f.data.user_id}`)).toEqual(['user_joined:u-cy', 'user_left:u-cy']);
    expect([...store.connections({ channel: 'alerts', location_id: 'loc-a' })]).toEqual([]);
    await bob.close();
  });

  it("delivers other nodes' joins and leaves to this node's audience of the scope only", async () => {
    const bob = await gw.login('operator', { user_id: 'u-bob' });
    await bob.subscribe('alerts', { location_id: 'loc-a' });
    const eve = await gw.login('operator', { user_id: 'u-eve' });
    await eve.subscribe('alerts', { location_id: 'loc-b' });
    const dee = { user_id: 'u-dee', user_info: { name: 'Dee', role: 'operator' }, joined_at: '2025-01-01T00:00:00.000Z' };
    store.fromElsewhere({ event: 'user_joined', scope: { channel: 'alerts', location_id: 'loc-a' }, user: dee });
    expect(await bob.waitFor((f) => f.type === 'presence')).toEqual({ type: 'presence', event: 'user_joined', channel: 'alerts', params: { location_id: 'loc-a' }, data: dee });
    expect(await eve.quiet(50, (f) => f.type === 'presence')).toEqual([]);
    await bob.close();
    await eve.close();
  });

  it('takes a connection out of scopes its refreshed token no longer allows once the store answers, and tells the others', async () => {
    const bob = await gw.login('operator', { user_id: 'u-bob' });
    await bob.subscribe('alerts', { location_id: 'loc-a' });
    const max = await gw.login('manager', { user_id: 'u-max', locations: ['loc-a', 'loc-b'] });
    await max.request({ type: 'presence_join', ...hall });
    await bob.waitFor((f) => f.type === 'presence' && f.data.user_id === 'u-max');
    expect(await max.request({ type: 'auth', token: await gw.token('manager', { user_id: 'u-max', locations: ['loc-b'] }) })).toMatchObject({ success: true });
    expect(await bob.waitFor((f) => f.type === 'presence' && f.event === 'user_left')).toMatchObject({ data: { user_id: 'u-max' } });
    expect((await bob.request({ type: 'presence_list', ...hall })).users).toEqual([]);
    await max.close();
    await bob.close();
  });

  it('ends only the connection whose store call failed, with 1011, and keeps serving the rest', async () => {
    const bob = await gw.login('operator', { user_id: 'u-bob' });
    const ann = await gw.login('operator', { user_id: 'u-ann' });
    expect(await ann.request({ type: 'presence_join', ...hall })).toMatchObject({ type: 'response', success: true });
    store.failing = true;
    bob.send({ type: 'presence_join', id: 'boom', ...hall });
    expect((await bob.closed).code).toBe(1011);
    // A departure the store cannot record is logged; the process and the other connections carry on.
    await ann.close();
    await sleep(store.delayMs * 2);
    store.failing = false;
    const cy = await gw.login('operator', { user_id: 'u-cy' });
    expect(await cy.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await cy.close();
  });
});
