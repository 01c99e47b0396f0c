import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { EARLY_SOCKET_KEY, type EarlySocketState, earlySocketScript, takeEarlySocket } from './early-socket';
import { SocketClient } from './socket-client';
import { FakeClock, FakeSocket } from './test-doubles';
import { TOKEN_KEY } from './token';

const URL_ = 'ws://floor.example/v1/ws';

function token(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part(claims)}.sig`;
}
const TOKEN = token({ sub: 'u-1', name: 'Ana', role: 'operator', exp: Math.floor(Date.now() / 1000) + 3600 });

/** A browser socket stand-in with `readyState`, as the head script sees it. */
class RawFake extends FakeSocket {
  readyState = 0;
  static made: RawFake[] = [];
  constructor(url: string) {
    super(url);
    RawFake.made.push(this);
  }
  override open(): void {
    this.readyState = 1;
    super.open();
  }
  override close(): void {
    this.readyState = 3;
    super.close();
  }
}

/** Runs the head script in a page-like global with `stored` as the token in storage. */
function runScript(stored: string | null) {
  RawFake.made = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const page: Record<string, unknown> = {
    localStorage: { getItem: (k: string) => (k === TOKEN_KEY ? stored : null) },
    location: { protocol: 'http:', host: 'floor.example' },
    WebSocket: RawFake,
    atob: (s: string) => Buffer.from(s, 'base64').toString('latin1'),
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
    JSON,
    Date,
  };
  page.window = page;
  vm.runInNewContext(earlySocketScript(), page);
  return { page, timers, early: page[EARLY_SOCKET_KEY] as EarlySocketState | undefined };
}

describe('the head script', () => {
  it('opens the gateway connection and sends the auth frame as it opens, keeping frames for the store', () => {
    const { early } = runScript(TOKEN);
    const raw = RawFake.made[0];
    expect(raw.url).toBe(URL_);
    expect(raw.sent).toEqual([]);
    raw.open();
    expect(raw.sent).toEqual([{ type: 'auth', token: TOKEN }]);
    raw.receive({ type: 'welcome' });
    expect(early).toMatchObject({ token: TOKEN, url: URL_, authSent: true, frames: ['{"type":"welcome"}'] });
  });

  it('opens nothing without a token, or with an expired one', () => {
    expect(runScript(null).early).toBeUndefined();
    expect(runScript(token({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) - 60 })).early).toBeUndefined();
    expect(RawFake.made).toEqual([]);
  });

  it('closes a connection nobody took', () => {
    const { page, timers } = runScript(TOKEN);
    timers[0].fn();
    expect(page[EARLY_SOCKET_KEY]).toBeUndefined();
    expect(RawFake.made[0].closed).toBe(true);
  });
});

describe('takeEarlySocket', () => {
  it('hands the frames that came first to the new handlers on replay, in order, once', () => {
    const { page } = runScript(TOKEN);
    const raw = RawFake.made[0];
    raw.open();
    raw.receive({ n: 1 });
    raw.receive({ n: 2 });
    const adopted = takeEarlySocket(page, URL_, TOKEN)!;
    expect(adopted.authSent).toBe(true);
    const seen: unknown[] = [];
    adopted.socket.onmessage = (ev) => seen.push(JSON.parse(String(ev.data)).n);
    expect(seen).toEqual([]);
    adopted.replay();
    expect(seen).toEqual([1, 2]);
    raw.receive({ n: 3 });
    adopted.replay();
    expect(seen).toEqual([1, 2, 3]);
    expect(takeEarlySocket(page, URL_, TOKEN)).toBeNull();
  });

  it('lets a still-opening connection open for the store, which then authenticates itself', () => {
    const { page } = runScript(TOKEN);
    const adopted = takeEarlySocket(page, URL_, TOKEN)!;
    expect(adopted.authSent).toBe(false);
    const onopen = vi.fn();
    adopted.socket.onopen = onopen;
    RawFake.made[0].open();
    expect(onopen).toHaveBeenCalledTimes(1);
    // Only the store's handler ran: the script's own auth frame did not go as well.
    expect(RawFake.made[0].sent).toEqual([]);
  });

  it('lets go of a connection for another token, or one already closed', () => {
    let { page } = runScript(TOKEN);
    expect(takeEarlySocket(page, URL_, 'another')).toBeNull();
    expect(RawFake.made[0].closed).toBe(true);
    ({ page } = runScript(TOKEN));
    RawFake.made[0].serverClose(4401, 'refused');
    expect(takeEarlySocket(page, URL_, TOKEN)).toBeNull();
  });
});

describe('SocketClient on a connection the page opened', () => {
  it('does not authenticate twice and subscribes at once on the welcome that came before it', () => {
    const { page } = runScript(TOKEN);
    const raw = RawFake.made[0];
    raw.open();
    raw.receive({ type: 'welcome', session_id: 's-1', epoch: 'e-1', user: { user_id: 'u-1', name: 'Ana', role: 'operator' }, heartbeat_interval_ms: 5000 });
    FakeSocket.instances = [];
    const statuses: string[] = [];
    const clock = new FakeClock();
    const client = new SocketClient({
      url: () => URL_,
      token: () => TOKEN,
      WebSocketImpl: FakeSocket,
      adopt: () => takeEarlySocket(page, URL_, TOKEN),
      subscriptions: () => [{ channel: 'game', params: {} }],
      clock,
      listener: { status: (s) => statuses.push(s) },
    });
    client.start();
    expect(FakeSocket.instances).toEqual([]);
    expect(statuses.at(-1)).toBe('live');
    expect(raw.sentOfType('auth')).toHaveLength(1);
    expect(raw.sentOfType('subscribe').map((f) => f.channel)).toEqual(['game']);
    // The welcome it answered counts: the connection is not dropped for want of one.
    clock.advance(10_000);
    expect(raw.closed).toBe(false);
    client.stop();
  });
});
