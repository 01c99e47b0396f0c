import { beforeEach, describe, expect, it } from 'vitest';
import type { AdoptedSocket, DataFrame } from './socket-types';
import { SocketClient } from './socket-client';
import { FakeClock, FakeSocket } from './test-doubles';

const MOVE_MS = 2000;
const welcome = (session = 's-1') => ({
  type: 'welcome',
  session_id: session,
  epoch: 'e-1',
  user: { user_id: 'u-1', name: 'Ana', role: 'operator' },
  heartbeat_interval_ms: 5000,
  server_time: new Date().toISOString(),
});
const bet = (seq: number, sub = 'sub-game') => ({ type: 'event', channel: 'game', event: 'bet.placed', subscription_id: sub, seq, id: `ev-${seq}`, ts: '', data: {} });

function answerSubscribes(socket: FakeSocket, recovered?: boolean) {
  for (const f of socket.sentOfType('subscribe')) {
    socket.receive({ type: 'response', id: f.id, success: true, subscription_id: `sub-${f.channel}`, channel: f.channel, recovered });
  }
}

/** A client that adopts `early` (the head script's socket) and moves off it `MOVE_MS` after its welcome. */
function setup() {
  const clock = new FakeClock();
  const early = new FakeSocket('ws://gw/v1/ws');
  const statuses: string[] = [];
  const seqs: number[] = [];
  const adopted: AdoptedSocket = { socket: early, authSent: true, replay: () => undefined };
  const client = new SocketClient({
    url: () => 'ws://gw/v1/ws',
    token: () => 't',
    WebSocketImpl: FakeSocket,
    adopt: () => adopted,
    moveAdoptedAfterMs: MOVE_MS,
    subscriptions: () => [
      { channel: 'game', params: {} },
      { channel: 'alerts', params: {} },
    ],
    clock,
    listener: { status: (s) => statuses.push(s), data: (f: DataFrame) => f.type === 'event' && seqs.push(f.seq) },
  });
  client.start();
  early.receive(welcome());
  answerSubscribes(early);
  early.receive(bet(1));
  early.receive(bet(2));
  return { client, clock, early, statuses, seqs };
}

/** The socket the move opened: the last one made, other than the head script's. */
const successor = (early: FakeSocket) => {
  const last = FakeSocket.last();
  return last === early ? null : last;
};

describe('moving the head script connection onto the client own', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
  });

  it('subscribes the new socket from where each channel stands, delivers each event once, and closes the old one after', () => {
    const { clock, early, statuses, seqs } = setup();
    clock.advance(MOVE_MS - 1);
    expect(successor(early)).toBeNull();
    clock.advance(1);
    const next = successor(early)!;
    next.open();
    expect(next.sent).toEqual([{ type: 'auth', token: 't' }]);

    // Until the new one is welcomed and subscribed, the old one goes on delivering.
    early.receive(bet(3));
    next.receive(welcome('s-2'));
    expect(next.sentOfType('subscribe').map((f) => [f.channel, f.since])).toEqual([
      ['game', 3],
      ['alerts', undefined],
    ]);
    early.receive(bet(4));
    next.receive(bet(4));
    next.receive(bet(5));
    expect(early.closed).toBe(false);
    answerSubscribes(next, true);
    expect(early.closed).toBe(true);
    early.receive(bet(6));
    next.receive(bet(6));

    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(statuses).toEqual(['connecting', 'live', 'live']);
    // Pings and requests now go on the new socket.
    clock.advance(5000);
    expect(next.sentOfType('ping').length).toBeGreaterThan(0);
    expect(early.sentOfType('ping')).toHaveLength(1);
  });

  it('waits while a request is unanswered, and moves once it is', async () => {
    const { client, clock, early } = setup();
    const answer = client.request({ type: 'ack', alarm_id: 'a-1' });
    clock.advance(MOVE_MS + 500);
    expect(successor(early)).toBeNull();
    const ack = early.sentOfType('ack')[0];
    early.receive({ type: 'response', id: ack.id, success: true });
    await expect(answer).resolves.toMatchObject({ ok: true });
    clock.advance(500);
    expect(successor(early)).not.toBeNull();
  });

  it('stays on the old socket when the new one fails before its welcome, and moves no more', () => {
    const { clock, early, seqs, statuses } = setup();
    clock.advance(MOVE_MS);
    const next = successor(early)!;
    next.open();
    next.serverClose(1006);
    early.receive(bet(3));
    expect(early.closed).toBe(false);
    expect(seqs).toEqual([1, 2, 3]);
    expect(statuses.at(-1)).toBe('live');
    const made = FakeSocket.instances.length;
    for (let seq = 4; seq < 34; seq++) {
      clock.advance(1000);
      early.receive(bet(seq));
    }
    expect(FakeSocket.instances).toHaveLength(made);
    expect(early.closed).toBe(false);
  });

  it('gives the new socket up when it is refused, without signing out', () => {
    const { clock, early, statuses } = setup();
    clock.advance(MOVE_MS);
    const next = successor(early)!;
    next.open();
    next.receive({ type: 'error', code: 'unauthorized', message: 'Token refused' });
    expect(next.closed).toBe(true);
    expect(early.closed).toBe(false);
    expect(statuses.at(-1)).toBe('live');
  });

  it('drops the move when the old connection ends first, and reconnects as after any drop', () => {
    const { clock, early, statuses } = setup();
    clock.advance(MOVE_MS);
    const next = successor(early)!;
    early.serverClose(1006);
    expect(next.closed).toBe(true);
    expect(statuses.at(-1)).toBe('reconnecting');
  });

  it('never moves a connection the client opened itself', () => {
    const clock = new FakeClock();
    const client = new SocketClient({
      url: () => 'ws://gw/v1/ws',
      token: () => 't',
      WebSocketImpl: FakeSocket,
      moveAdoptedAfterMs: MOVE_MS,
      subscriptions: () => [],
      clock,
      listener: {},
    });
    client.start();
    FakeSocket.last().receive(welcome());
    clock.advance(MOVE_MS * 5);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});
