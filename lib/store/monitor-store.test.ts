import { beforeEach, describe, expect, it } from 'vitest';
import type { Schedule } from './frame-batcher';
import { createMonitorStore } from './monitor-store';
import { FakeClock, FakeSocket } from './test-doubles';
import { TOKEN_KEY } from './token';
import type { PageSeed } from '@/lib/protocol/page-seed';

/** A token whose claims the store can read (the signature is the gateway's business). */
function token(role = 'manager', name = 'Mia') {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256' })}.${b64({ sub: `user-${name.toLowerCase()}`, name, role, exp: 4_000_000_000 })}.sig`;
}

/** A schedule that runs only when the test says so. */
function manualSchedule() {
  let pending: (() => void) | null = null;
  const schedule: Schedule = (run) => {
    pending = run;
    return () => (pending = null);
  };
  return { schedule, flush: () => pending?.() };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

function setup(opts: { storage?: ReturnType<typeof memoryStorage>; href?: string; seed?: PageSeed } = {}) {
  const tables = manualSchedule();
  const tickers = manualSchedule();
  const clock = new FakeClock();
  const storage = opts.storage ?? memoryStorage({ [TOKEN_KEY]: token() });
  let unauthorized = 0;
  const replaced: string[] = [];
  const store = createMonitorStore({
    WebSocketImpl: FakeSocket,
    wsUrl: () => 'ws://gw/v1/ws',
    storage,
    page: { location: { href: opts.href ?? 'http://gw/' }, history: { state: null, replaceState: (_s, _t, url) => void replaced.push(String(url)) } },
    tickerSchedule: tickers.schedule,
    tableSchedule: tables.schedule,
    clock,
    onUnauthorized: () => unauthorized++,
    seed: opts.seed,
  });
  return { store, tables, tickers, clock, storage, replaced, unauthorized: () => unauthorized };
}

const welcome = (epoch = 'e-1', role = 'manager') => ({
  type: 'welcome', session_id: 's', epoch, user: { user_id: 'user-mia', name: 'Mia', role }, heartbeat_interval_ms: 5000, server_time: '',
});
const bet = (seq: number, id = `b-${seq}`) => ({
  type: 'event', channel: 'game', event: 'bet.placed', subscription_id: 'sub-game', seq, id, ts: new Date(1_000_000 + seq).toISOString(),
  data: { round_id: `r-${seq}`, player_id: 'p-1', game_id: 'g-1', device_id: 'd-1', location_id: 'loc-a', amount: 2, currency: 'EUR' },
});
const alarm = (id: string, state = 'unacked', severity = 'critical') => ({
  alarm_id: id, kind: 'device_offline', severity, state, shelved_until: null, source_ref: 'd-1', location_id: 'loc-a', message: 'Device d-1 offline',
  count: 1, raised_at: '2026-01-01T00:00:00Z', acked_at: null, acked_by: null, cleared_at: null, note: null,
});

function answerSubscribes(socket: FakeSocket, recovered?: boolean) {
  for (const f of socket.sentOfType('subscribe')) {
    socket.receive({ type: 'response', id: f.id, success: true, subscription_id: `sub-${f.channel}`, channel: f.channel, recovered });
  }
}

describe('monitor store', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
  });

  it('applies a burst of events in one update per batch', () => {
    const { store, tables } = setup();
    store.getState().actions.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    answerSubscribes(socket);
    let updates = 0;
    const unsubscribe = store.subscribe(() => updates++);
    for (let i = 1; i <= 50; i++) socket.receive(bet(i));
    expect(store.getState().bets.rows).toHaveLength(0);
    tables.flush();
    unsubscribe();
    expect(updates).toBe(1);
    expect(store.getState().bets.rows[0].id).toBe('b-50');
    expect(store.getState().bets.rows).toHaveLength(50);
  });

  it('subscribes a manager to every channel and an operator never to markets', () => {
    const manager = setup();
    manager.store.getState().actions.start();
    FakeSocket.last().receive(welcome());
    expect(FakeSocket.last().sentOfType('subscribe').map((f) => f.channel)).toContain('markets');

    FakeSocket.instances = [];
    const operator = setup({ storage: memoryStorage({ [TOKEN_KEY]: token('operator') }) });
    operator.store.getState().actions.start();
    FakeSocket.last().receive(welcome('e-1', 'operator'));
    const channels = FakeSocket.last().sentOfType('subscribe').map((f) => f.channel);
    expect(channels).not.toContain('markets');
    expect(channels).toContain('game');
    expect(channels).toContain('kpis');
    expect(channels).not.toContain('cash');
  });

  it('subscribes sportsbook staff to markets and notifications only, and joins presence on markets', () => {
    const { store } = setup({ storage: memoryStorage({ [TOKEN_KEY]: token('sportsbook') }) });
    store.getState().actions.start();
    FakeSocket.last().receive(welcome('e-1', 'sportsbook'));
    expect(FakeSocket.last().sentOfType('subscribe').map((f) => f.channel)).toEqual(['markets', 'notifications']);
    expect(FakeSocket.last().sentOfType('presence_join')[0]).toMatchObject({ channel: 'markets' });
  });

  it('shows neither gap nor duplicate after a reconnect that replays', () => {
    const { store, tables, clock } = setup();
    store.getState().actions.start();
    let socket = FakeSocket.last();
    socket.receive(welcome());
    answerSubscribes(socket);
    [1, 2, 3].forEach((i) => socket.receive(bet(i)));
    socket.serverClose(1006);
    clock.advance(10_000);
    socket = FakeSocket.last();
    socket.receive(welcome());
    expect(socket.sentOfType('subscribe').find((f) => f.channel === 'game')).toMatchObject({ since: 3, epoch: 'e-1' });
    answerSubscribes(socket, true);
    [3, 4, 5].forEach((i) => socket.receive(bet(i)));
    tables.flush();
    expect(store.getState().bets.rows.map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
  });

  it('rebuilds alarms from the snapshot when the gateway cannot replay', () => {
    const { store, tables, clock } = setup();
    store.getState().actions.start();
    let socket = FakeSocket.last();
    socket.receive(welcome('e-1'));
    answerSubscribes(socket);
    socket.receive({ type: 'snapshot', subscription_id: 'sub-alerts', channel: 'alerts', seq: 10, data: [alarm('a-1'), alarm('a-2')] });
    tables.flush();
    expect(Object.keys(store.getState().alarms.byId)).toEqual(['a-1', 'a-2']);

    socket.serverClose(1006);
    clock.advance(10_000);
    socket = FakeSocket.last();
    socket.receive(welcome('e-2'));
    answerSubscribes(socket, false);
    socket.receive({ type: 'snapshot', subscription_id: 'sub-alerts', channel: 'alerts', seq: 2, data: [alarm('a-2', 'acked')] });
    tables.flush();
    expect(store.getState().alarms.byId).toEqual({ 'a-2': alarm('a-2', 'acked') });
  });

  it('acknowledges an alarm and surfaces the gateway refusal', async () => {
    const { store } = setup();
    store.getState().actions.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    const pending = store.getState().actions.acknowledge('a-1', 'checked the cabinet');
    expect(store.getState().alarms.actions['a-1']).toMatchObject({ status: 'pending' });
    const sent = socket.sentOfType('ack')[0];
    expect(sent).toMatchObject({ alarm_id: 'a-1', note: 'checked the cabinet' });
    socket.receive({ type: 'error', id: sent.id, code: 'already_acknowledged', message: 'Alarm a-1 is already acknowledged' });
    await pending;
    expect(store.getState().alarms.actions['a-1']).toMatchObject({ status: 'failed', message: 'Alarm a-1 is already acknowledged' });
  });

  it('takes ?token= from the address bar, keeps it for the session and removes it', () => {
    const storage = memoryStorage();
    const t = token('operator', 'Olu');
    const { store, replaced } = setup({ storage, href: `http://gw/alarms?token=${t}&x=1` });
    expect(store.getState().actions.start()).toBe(true);
    expect(storage.data.get(TOKEN_KEY)).toBe(t);
    expect(replaced).toEqual(['/alarms?x=1']);
    expect(store.getState().session.user).toMatchObject({ name: 'Olu', role: 'operator' });
  });

  it('forgets the token and asks for sign-in after close 4401', () => {
    const { store, storage, unauthorized } = setup();
    store.getState().actions.start();
    FakeSocket.last().open();
    FakeSocket.last().serverClose(4401, 'expired');
    expect(unauthorized()).toBe(1);
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
    expect(store.getState().session.user).toBeNull();
  });

  it('holds feed rows while paused and shows them on resume', () => {
    const { store, tables } = setup();
    store.getState().actions.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    socket.receive(bet(1));
    tables.flush();
    store.getState().actions.setPaused(true);
    socket.receive(bet(2));
    tables.flush();
    expect(store.getState().bets.rows.map((r) => r.seq)).toEqual([1]);
    store.getState().actions.setPaused(false);
    expect(store.getState().bets.rows.map((r) => r.seq)).toEqual([2, 1]);
  });

  it('signs out: forgets the token and clears every slice', () => {
    const { store, storage, tables } = setup();
    store.getState().actions.start();
    FakeSocket.last().receive(welcome());
    FakeSocket.last().receive(bet(1));
    tables.flush();
    store.getState().actions.signOut();
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
    expect(store.getState().bets.rows).toEqual([]);
    expect(store.getState().connection.status).toBe('offline');
  });

  describe('from the data the page was rendered with', () => {
    const seed = (userId = 'user-mia'): PageSeed => ({
      user: { user_id: userId, name: 'Mia', role: 'manager' },
      bets: { epoch: 'e-1', seq: 7, frames: [bet(3), bet(5), bet(7)] as PageSeed['bets']['frames'] },
    });

    it('starts signed in with the seeded bets, newest first, before any connection', () => {
      const { store } = setup({ seed: seed() });
      const state = store.getInitialState();
      expect(state.session).toMatchObject({ checked: true, user: { user_id: 'user-mia' } });
      expect(state.bets.rows.map((r) => r.id)).toEqual(['b-7', 'b-5', 'b-3']);
      expect(state.connection.status).toBe('connecting');
    });

    it("resumes game from the seed's seq, without gap or repeat", () => {
      const { store, tables } = setup({ seed: seed() });
      store.getState().actions.start();
      const socket = FakeSocket.last();
      socket.receive(welcome());
      expect(socket.sentOfType('subscribe').find((f) => f.channel === 'game')).toMatchObject({ since: 7, epoch: 'e-1' });
      expect(socket.sentOfType('subscribe').find((f) => f.channel === 'alerts')).not.toHaveProperty('since');
      answerSubscribes(socket, true);
      [7, 8].forEach((i) => socket.receive(bet(i)));
      tables.flush();
      expect(store.getState().bets.rows.map((r) => r.seq)).toEqual([8, 7, 5, 3]);
    });

    it("subscribes afresh when the token is another user's", () => {
      const { store } = setup({ seed: seed('user-other') });
      store.getState().actions.start();
      FakeSocket.last().receive(welcome());
      expect(FakeSocket.last().sentOfType('subscribe').find((f) => f.channel === 'game')).not.toHaveProperty('since');
    });
  });
});
