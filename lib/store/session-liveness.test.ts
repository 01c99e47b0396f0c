import { beforeEach, describe, expect, it } from 'vitest';
import { createMonitorStore } from './monitor-store';
import { FakeClock, FakeSocket } from './test-doubles';
import { TOKEN_KEY } from './token';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token whose claims the store can read; `exp` in seconds. */
const token = (name = 'Mia', exp = 4_000_000_000) => `${b64({ alg: 'HS256' })}.${b64({ sub: `user-${name.toLowerCase()}`, name, role: 'manager', exp })}.sig`;
const welcome = { type: 'welcome', session_id: 's', epoch: 'e-1', user: { user_id: 'user-mia', name: 'Mia', role: 'manager' }, heartbeat_interval_ms: 5000, server_time: '' };

function setup(stored: string | null = token()) {
  const data = new Map<string, string>(stored ? [[TOKEN_KEY, stored]] : []);
  const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
  const clock = new FakeClock();
  const never = () => () => undefined;
  const store = createMonitorStore({ WebSocketImpl: FakeSocket, wsUrl: () => 'ws://gw/v1/ws', storage, tickerSchedule: never, tableSchedule: never, clock });
  return { store, clock, data };
}

describe('a session shared by the browser tabs', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
  });

  it('ends here when the user signed out in another tab, and says so', () => {
    const { store, data } = setup();
    store.getState().actions.start();
    FakeSocket.last().receive(welcome);
    data.delete(TOKEN_KEY);
    store.getState().actions.syncToken();
    expect(store.getState().session).toMatchObject({ user: null, ended: { reason: 'signed_out' } });
    expect(FakeSocket.last().closed).toBe(true);
  });

  it('signs in here when another tab signed in', () => {
    const { store, data } = setup(null);
    expect(store.getState().actions.start()).toBe(false);
    data.set(TOKEN_KEY, token('Noor'));
    store.getState().actions.syncToken();
    expect(store.getState().session.user).toMatchObject({ name: 'Noor' });
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('forgets a kept token that has expired and says the session expired', () => {
    const { store, data } = setup(token('Old', 500));
    expect(store.getState().actions.start()).toBe(false);
    expect(data.has(TOKEN_KEY)).toBe(false);
    expect(store.getState().session.ended).toEqual({ reason: 'expired' });
    expect(FakeSocket.instances).toHaveLength(0);
  });

  it("keeps the gateway's own words when it refuses the token", () => {
    const { store } = setup();
    store.getState().actions.start();
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ type: 'error', code: 'unauthorized', message: 'Token rejected: bad signature or claims' });
    socket.serverClose(4401, 'Unauthorized');
    expect(store.getState().session.ended).toEqual({ reason: 'refused', message: 'Token rejected: bad signature or claims' });
  });
});

describe('liveness in the store', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
  });

  it('marks the data quiet after a heartbeat and a half without any frame, before the link is replaced', () => {
    const { store, clock } = setup();
    store.getState().actions.start();
    FakeSocket.last().receive(welcome);
    clock.advance(5000);
    expect(store.getState().connection.quiet).toBe(false);
    clock.advance(3000);
    expect(store.getState().connection).toMatchObject({ status: 'live', quiet: true });
    FakeSocket.last().receive({ type: 'health_check', ts: clock.now() });
    clock.advance(1000);
    expect(store.getState().connection.quiet).toBe(false);
  });

  it('replaces a silent link at once when the page wakes', () => {
    const { store, clock } = setup();
    store.getState().actions.start();
    FakeSocket.last().receive(welcome);
    clock.sleep(120_000);
    store.getState().actions.checkLiveness();
    expect(store.getState().connection.status).toBe('reconnecting');
  });
});
