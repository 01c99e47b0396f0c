import { beforeEach, describe, expect, it } from 'vitest';
import { SocketClient } from './socket-client';
import type { SocketStats } from './socket-types';
import { FakeClock, FakeSocket } from './test-doubles';

const welcome = { type: 'welcome', session_id: 's-1', epoch: 'e-1', user: { user_id: 'u-1', name: 'Ana', role: 'operator' }, heartbeat_interval_ms: 5000, server_time: '' };

function setup() {
  const clock = new FakeClock();
  const statuses: string[] = [];
  const stats: SocketStats[] = [];
  const client = new SocketClient({
    url: () => 'ws://gw/v1/ws',
    token: () => 't',
    WebSocketImpl: FakeSocket,
    subscriptions: () => [],
    clock,
    listener: { status: (s) => statuses.push(s), stats: (s) => stats.push(s) },
  });
  client.start();
  FakeSocket.last().receive(welcome);
  return { client, clock, statuses, stats };
}

describe('SocketClient.checkLiveness', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
  });

  it('replaces the connection at once when the page wakes after more than two silent heartbeats', () => {
    const { client, clock, statuses } = setup();
    const asleep = FakeSocket.last();
    clock.sleep(60_000);
    expect(statuses.at(-1)).toBe('live');
    client.checkLiveness();
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(asleep.closed).toBe(true);
  });

  it('keeps a connection that is still hearing from the gateway, and reports when it last did', () => {
    const { client, clock, statuses, stats } = setup();
    clock.sleep(3000);
    FakeSocket.last().receive({ type: 'health_check', ts: clock.now() });
    clock.sleep(2000);
    client.checkLiveness();
    expect(statuses.at(-1)).toBe('live');
    expect(stats.at(-1)?.lastFrameAt).toBe(clock.now() - 2000);
  });

  it('does nothing once stopped', () => {
    const { client, clock, statuses } = setup();
    client.stop();
    clock.sleep(60_000);
    client.checkLiveness();
    expect(statuses.at(-1)).toBe('offline');
  });
});
