import { beforeEach, describe, expect, it } from 'vitest';
import type { DataFrame, SocketListener } from './socket-types';
import { SocketClient } from './socket-client';
import { FakeClock, FakeSocket } from './test-doubles';

const welcome = (epoch = 'e-1') => ({
  type: 'welcome',
  session_id: 's-1',
  epoch,
  user: { user_id: 'u-1', name: 'Ana', role: 'operator' },
  heartbeat_interval_ms: 5000,
  server_time: new Date().toISOString(),
});
const bet = (seq: number) => ({ type: 'event', channel: 'game', event: 'bet.placed', subscription_id: 'sub-1', seq, id: `ev-${seq}`, ts: '', data: {} });

function setup(listener: SocketListener = {}, random = () => 0.5) {
  const clock = new FakeClock();
  const statuses: string[] = [];
  const data: DataFrame[] = [];
  const client = new SocketClient({
    url: () => 'ws://gw/v1/ws',
    token: () => 't',
    WebSocketImpl: FakeSocket,
    subscriptions: () => [
      { channel: 'game', params: {} },
      { channel: 'alerts', params: {} },
    ],
    clock,
    random,
    listener: { status: (s) => statuses.push(s), data: (f) => data.push(f), ...listener },
  });
  return { client, clock, statuses, data };
}

/** Answers every subscribe the socket has sent, as the gateway would. */
function answerSubscribes(socket: FakeSocket, recovered?: boolean) {
  for (const f of socket.sentOfType('subscribe')) {
    socket.receive({ type: 'response', id: f.id, success: true, subscription_id: `sub-${f.channel}`, channel: f.channel, recovered });
  }
}

describe('SocketClient', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
  });

  it('goes live on welcome and subscribes to each channel without resume fields the first time', () => {
    const { client, statuses } = setup();
    client.start();
    expect(statuses).toEqual(['connecting']);
    FakeSocket.last().receive(welcome());
    expect(statuses.at(-1)).toBe('live');
    const subs = FakeSocket.last().sentOfType('subscribe');
    expect(subs.map((s) => s.channel)).toEqual(['game', 'alerts']);
    expect(subs[0]).not.toHaveProperty('since');
  });

  it('reconnects with growing jittered delays and resumes from the last seq and its epoch', () => {
    const { client, clock, statuses } = setup({}, () => 1);
    client.start();
    const first = FakeSocket.last();
    first.receive(welcome('e-1'));
    answerSubscribes(first);
    first.receive(bet(41));
    first.receive(bet(42));

    first.serverClose(1006);
    expect(statuses.at(-1)).toBe('reconnecting');
    clock.advance(499);
    expect(FakeSocket.instances).toHaveLength(1);
    clock.advance(1);
    expect(FakeSocket.instances).toHaveLength(2);

    FakeSocket.last().serverClose(1006);
    clock.advance(999);
    expect(FakeSocket.instances).toHaveLength(2);
    clock.advance(1);
    expect(FakeSocket.instances).toHaveLength(3);

    const third = FakeSocket.last();
    third.receive(welcome('e-1'));
    expect(statuses.at(-1)).toBe('live');
    const game = third.sentOfType('subscribe').find((s) => s.channel === 'game');
    expect(game).toMatchObject({ since: 42, epoch: 'e-1' });
  });

  it('drops replayed events it has already seen', () => {
    const { client, data } = setup();
    client.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    [bet(1), bet(2), bet(2), bet(1), bet(3)].forEach((f) => socket.receive(f));
    expect(data.map((f) => (f.type === 'event' ? f.seq : null))).toEqual([1, 2, 3]);
  });

  it('asks for a rebuild when the gateway cannot replay, and accepts the new epoch from seq 1', () => {
    const resynced: string[] = [];
    const { client, clock, data } = setup({ resync: (c) => resynced.push(c) });
    client.start();
    FakeSocket.last().receive(welcome('e-1'));
    FakeSocket.last().receive(bet(900));
    FakeSocket.last().serverClose(1006);
    clock.advance(10_000);

    const socket = FakeSocket.last();
    socket.receive(welcome('e-2'));
    expect(socket.sentOfType('subscribe').find((s) => s.channel === 'game')).toMatchObject({ since: 900, epoch: 'e-1' });
    answerSubscribes(socket, false);
    expect(resynced).toEqual(['game']);
    socket.receive(bet(1));
    expect(data.filter((f) => f.type === 'event').map((f) => (f as { seq: number }).seq)).toEqual([900, 1]);
  });

  it('stops on close 4401 and reports the refused token', () => {
    let refused = false;
    const { client, clock, statuses } = setup({ unauthorized: () => (refused = true) });
    client.start();
    FakeSocket.last().open();
    FakeSocket.last().serverClose(4401, 'token expired');
    clock.advance(60_000);
    expect(refused).toBe(true);
    expect(statuses.at(-1)).toBe('offline');
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('measures round-trip time from ping to pong and counts events per second', () => {
    const stats: { rttMs: number | null; eventsPerSec: number }[] = [];
    const { client, clock } = setup({ stats: (s) => stats.push(s) });
    client.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    const ping = socket.sentOfType('ping')[0];
    clock.advance(40);
    socket.receive({ type: 'pong', id: ping.id, ts: 1 });
    socket.receive(bet(1));
    socket.receive(bet(2));
    const lastFrameAt = clock.now();
    clock.advance(960);
    expect(stats.at(-1)).toEqual({ rttMs: 40, eventsPerSec: 2, lastFrameAt });
  });

  it('replaces a connection that went silent for two heartbeat intervals, heartbeats included', () => {
    const details: { reason?: string }[] = [];
    const { client, clock, statuses } = setup({ status: (s, d) => (statuses.push(s), details.push(d)) });
    client.start();
    const first = FakeSocket.last();
    first.receive(welcome());
    for (let i = 0; i < 4; i++) {
      clock.advance(5000);
      first.receive({ type: 'health_check', ts: clock.now() });
    }
    expect(statuses.at(-1)).toBe('live');
    clock.advance(10_000);
    expect(statuses.at(-1)).toBe('live');
    clock.advance(1000);
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(details.at(-1)?.reason).toMatch(/^No data for 1\d s$/);
    expect(first.closed).toBe(true);
  });

  it('reconnects instead of signing out when 4401 came before its auth frame could leave', () => {
    const refused: string[] = [];
    const { client, statuses } = setup({ unauthorized: (m) => refused.push(m) });
    client.start();
    FakeSocket.last().serverClose(4401, 'Unauthorized');
    expect(refused).toEqual([]);
    expect(statuses.at(-1)).toBe('reconnecting');
  });

  it('authenticates with its first frame, never in the URL', () => {
    const { client } = setup();
    client.start();
    const socket = FakeSocket.last();
    expect(socket.url).toBe('ws://gw/v1/ws');
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([{ type: 'auth', token: 't' }]);
  });

  it('applies a snapshot in parts once its last part is in, then the events held meanwhile', () => {
    const { client, data } = setup();
    client.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    answerSubscribes(socket);
    const alarm = (n: number) => ({ alarm_id: `a-${n}` });
    const raised = (seq: number) => ({ type: 'event', channel: 'alerts', event: 'alarm.raised', subscription_id: 'sub-2', seq, id: `ev-${seq}`, ts: '', data: alarm(seq) });
    const part = (n: number, items: unknown[]) => ({ type: 'snapshot', subscription_id: 'sub-2', channel: 'alerts', seq: 10, part: n, parts: 3, data: items });
    socket.receive(part(1, [alarm(1), alarm(2)]));
    socket.receive(part(2, [alarm(3)]));
    socket.receive(raised(10));
    socket.receive(raised(11));
    socket.receive(bet(7));
    expect(data.map((f) => f.type)).toEqual(['event']);
    socket.receive(part(3, [alarm(4), alarm(5)]));
    expect(data.map((f) => f.type)).toEqual(['event', 'snapshot', 'event']);
    expect(data[1]).toMatchObject({ type: 'snapshot', channel: 'alerts', seq: 10, data: [1, 2, 3, 4, 5].map(alarm) });
    expect(data[1]).not.toHaveProperty('part');
    expect(data[2]).toMatchObject({ seq: 11 });
  });

  it('drops frames not shaped as the protocol says: unknown types, events of another channel, snapshots of stateless channels', () => {
    const { client, data } = setup();
    client.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    answerSubscribes(socket);
    socket.receive({ type: 'event', channel: 'game', event: 'alarm.raised', subscription_id: 'sub-1', seq: 1, id: 'x', ts: '', data: {} });
    socket.receive({ ...bet(2), seq: 'two' });
    socket.receive({ ...bet(3), data: null });
    socket.receive({ type: 'snapshot', subscription_id: 'sub-1', channel: 'game', seq: 4, data: [1, 2] });
    socket.receive({ type: 'surprise' });
    socket.receive(bet(5));
    expect(data.map((f) => (f.type === 'event' ? f.seq : f.type))).toEqual([5]);
  });

  it('resolves a request with its response, or with the gateway error', async () => {
    const { client } = setup();
    client.start();
    const socket = FakeSocket.last();
    socket.receive(welcome());
    const ack = client.request({ type: 'ack', alarm_id: 'a-1' });
    const sent = socket.sentOfType('ack')[0];
    socket.receive({ type: 'error', id: sent.id, code: 'already_acknowledged', message: 'Already acknowledged' });
    await expect(ack).resolves.toEqual({ ok: false, error: { code: 'already_acknowledged', message: 'Already acknowledged' } });
  });

  it('answers a request at once with not_connected while offline', async () => {
    const { client } = setup();
    await expect(client.request({ type: 'ack', alarm_id: 'a-1' })).resolves.toMatchObject({ ok: false, error: { code: 'not_connected' } });
  });

  it('says offline after several failed attempts but keeps retrying', () => {
    const { client, clock, statuses } = setup({}, () => 1);
    client.start();
    for (let i = 0; i < 8; i++) {
      FakeSocket.last().serverClose(1006);
      clock.advance(10_000);
    }
    expect(statuses.at(-1)).toBe('offline');
    expect(FakeSocket.instances.length).toBe(9);
  });
});
