import type { Channel, EventFrame, ServerFrame, SnapshotFrame, WelcomeFrame } from '@/lib/protocol';
import { CLOSE_CODES } from '@/lib/protocol/errors';
import { parseServerFrame } from '@/lib/protocol/server-frame-parse';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff';
import { ChannelCursors } from './channel-cursors';
import { PendingRequests } from './pending-requests';
import { SnapshotAssembly } from './snapshot-assembly';
import { type ResubscribeContext, subscribeAll } from './resubscribe';
import { ConnectionMove, retire } from './socket-move';
import type { Clock, ConnectionStatus, RequestResult, SocketClientOptions, SocketLike, StatusDetail } from './socket-types';
import { WELCOME_TIMEOUT_MS, authFrame, realClock } from './socket-types';

/** Heartbeat intervals without any frame after which the connection counts as dead and is replaced. */
const SILENT_INTERVALS = 2;

/** Frames with an `id` that may answer a request. */
const ANSWERS = new Set(['response', 'error', 'pong', 'subscriptions_list', 'presence_list_response']);

/**
 * The dashboard's connection to `/v1/ws`: subscribes after every welcome with resume fields,
 * drops replayed duplicates, pings for round-trip time, and reconnects with capped, jittered backoff.
 * It holds no UI state; the store listens to it.
 */
export class SocketClient {
  private readonly clock: Clock;
  private readonly cursors = new ChannelCursors();
  private readonly pending: PendingRequests;
  private readonly snapshots = new SnapshotAssembly();
  /** Whether this socket's auth frame went out: a 4401 before it is a missed deadline, not a refused token. */
  private authSent = false;
  private socket: SocketLike | null = null;
  private stopped = true;
  private attempt = 0;
  private epoch: string | null = null;
  private heartbeatMs = 5000;
  private nextId = 0;
  private retryTimer: unknown = null;
  private tickTimer: unknown = null;
  private welcomeTimer: unknown = null;
  private lastFrameAt = 0;
  private lastPingAt = 0;
  private rttMs: number | null = null;
  private eventsThisSecond = 0;
  private currentStatus: ConnectionStatus = 'offline';
  /** Whether the current socket is the one the page opened before the client (`options.adopt`). */
  private adopted = false;
  private readonly move: ConnectionMove;
  private readonly resubscribe: ResubscribeContext;

  constructor(private readonly options: SocketClientOptions) {
    this.clock = options.clock ?? realClock;
    this.pending = new PendingRequests(this.clock);
    for (const { channel, seq, epoch } of options.resumeFrom ?? []) this.cursors.resetTo(channel, seq, epoch);
    const timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.resubscribe = { cursors: this.cursors, listener: options.listener, send: (frame, done) => this.sendRequest(frame, done, timeoutMs) };
    const canMove = () => !this.stopped && this.currentStatus === 'live' && this.pending.size === 0;
    this.move = new ConnectionMove(options, { canMove, takeOver: (next, welcome) => this.takeOver(next, welcome) }, this.clock);
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** Opens the connection; reconnects on its own until `stop()` or a refused token. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  /** Closes for good (sign out, unmount) and fails pending requests. */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.move.cancel();
    this.detach(1000, 'client stopped');
    this.pending.failAll('not_connected', 'Connection closed');
    this.setStatus('offline', { attempt: this.attempt });
  }

  /**
   * Checks at once whether data is still arriving, instead of at the next tick: a page waking from
   * sleep or a background tab had its timers held back, and a dead link must not read "Live" meanwhile.
   */
  checkLiveness(): void {
    if (this.stopped || this.currentStatus !== 'live' || !this.lastFrameAt) return;
    const silentMs = this.clock.now() - this.lastFrameAt;
    this.options.listener.stats?.({ rttMs: this.rttMs, eventsPerSec: this.eventsThisSecond, lastFrameAt: this.lastFrameAt });
    if (silentMs > this.heartbeatMs * SILENT_INTERVALS) this.drop(4000, `No data for ${Math.round(silentMs / 1000)} s`);
  }

  /** Sends a request frame with a fresh `id` and resolves with its answer. */
  request(frame: Record<string, unknown> & { type: string }, timeoutMs = this.options.requestTimeoutMs ?? 10_000): Promise<RequestResult> {
    return new Promise((resolve) => this.sendRequest(frame, resolve, timeoutMs));
  }

  private sendRequest(frame: Record<string, unknown> & { type: string }, done: (r: RequestResult) => void, timeoutMs: number): void {
    if (!this.socket || this.currentStatus !== 'live') {
      done({ ok: false, error: { code: 'not_connected', message: 'Not connected to the gateway' } });
      return;
    }
    const id = `r-${++this.nextId}`;
    this.pending.add(id, done, timeoutMs);
    this.socket.send(JSON.stringify({ ...frame, id }));
  }

  private open(): void {
    this.setStatus(this.attempt === 0 ? 'connecting' : this.currentStatus, { attempt: this.attempt });
    // The first connection may be one the page opened before its scripts loaded (and maybe authenticated);
    // the frames it already holds are replayed once the handlers and the welcome timer are set (below).
    const adopted = this.attempt === 0 ? (this.options.adopt?.() ?? null) : null;
    let socket: SocketLike;
    try {
      socket = adopted?.socket ?? new this.options.WebSocketImpl(this.options.url());
    } catch {
      this.handleClose(1006, 'could not open');
      return;
    }
    this.adopted = adopted !== null;
    this.snapshots.clear();
    this.attach(socket, adopted?.authSent ?? false);
    this.welcomeTimer = this.clock.setTimeout(() => this.drop(4000, 'no welcome'), WELCOME_TIMEOUT_MS);
    adopted?.replay();
  }

  /** Makes `next` the connection (a move's new socket, welcomed); the old one's frames count until the move retires it. */
  private takeOver(next: SocketLike, welcome: WelcomeFrame): SocketLike | null {
    const old = this.socket;
    if (old) old.onopen = old.onclose = old.onerror = null;
    this.attach(next, true);
    this.handleWelcome(welcome);
    return old;
  }

  private attach(socket: SocketLike, authSent: boolean): void {
    this.socket = socket;
    // The token goes in the first frame, never in the URL: URLs end up in proxy logs and histories.
    this.authSent = authSent;
    socket.onopen = () => {
      socket.send(authFrame(this.options.token()));
      this.authSent = true;
    };
    socket.onmessage = (ev) => this.handleMessage(ev.data);
    socket.onclose = (ev) => this.handleClose(ev.code, ev.reason);
    socket.onerror = () => undefined;
  }

  private handleMessage(raw: unknown): void {
    this.lastFrameAt = this.clock.now();
    const frame = parseServerFrame(String(raw));
    if (!frame) return;
    const id = 'id' in frame && frame.id !== undefined ? String(frame.id) : null;
    if (id && ANSWERS.has(frame.type) && this.answer(id, frame)) {
      if (frame.type === 'presence_list_response') this.options.listener.data?.(frame);
      return;
    }
    switch (frame.type) {
      case 'welcome':
        return this.handleWelcome(frame);
      case 'event':
        return this.handleEvent(frame);
      case 'snapshot':
        return this.handleSnapshot(frame);
      case 'presence':
      case 'presence_list_response':
        return this.options.listener.data?.(frame);
      case 'pong':
        this.rttMs = this.clock.now() - this.lastPingAt;
        return;
      case 'error':
        // A refused token is followed by close 4401, handled in handleClose.
        return this.options.listener.error?.(frame);
      default:
        return;
    }
  }

  private handleEvent(frame: EventFrame): void {
    const held = this.snapshots.hold(frame);
    if (held === 'overflow') return this.abandonSnapshot(frame.channel);
    if (held) return;
    if (!this.epoch || !this.cursors.accept(frame.channel, frame.seq, this.epoch)) return;
    this.eventsThisSecond++;
    this.options.listener.data?.(frame);
  }

  /**
   * Applies a snapshot; one in parts is gathered and applied once its last part is in, followed by the
   * channel's events that arrived meanwhile (those the snapshot already covers are dropped by seq).
   */
  private handleSnapshot(frame: SnapshotFrame): void {
    const assembled = this.snapshots.add(frame);
    if (!assembled) return;
    this.applySnapshot(assembled.whole);
    for (const event of assembled.held) this.handleEvent(event);
  }

  private applySnapshot(frame: SnapshotFrame): void {
    if (this.epoch) this.cursors.resetTo(frame.channel, frame.seq, this.epoch);
    this.options.listener.data?.(frame);
  }

  /** Too much arrived behind an unfinished snapshot: start the channel over on a fresh connection. */
  private abandonSnapshot(channel: Channel): void {
    this.cursors.forget(channel);
    this.drop(4000, `snapshot of ${channel} did not complete`);
  }

  private answer(id: string, frame: ServerFrame): boolean {
    if (!this.pending.answer(id, frame)) return false;
    if (frame.type === 'pong') this.rttMs = this.clock.now() - this.lastPingAt;
    return true;
  }

  private handleWelcome(frame: WelcomeFrame): void {
    this.clock.clearTimeout(this.welcomeTimer);
    this.epoch = frame.epoch;
    this.heartbeatMs = frame.heartbeat_interval_ms || 5000;
    this.attempt = 0;
    this.setStatus('live', { attempt: 0 });
    this.options.listener.welcome?.(frame);
    subscribeAll(this.resubscribe, this.options.subscriptions(), () => this.move.settled());
    this.scheduleTick();
    // The head script's connection moves onto one of the client's own once the page is up; that one stays.
    if (this.adopted && this.options.moveAdoptedAfterMs !== undefined) this.move.schedule(this.options.moveAdoptedAfterMs);
    this.adopted = false;
  }

  /** Once a second: events/s, and every ping interval a ping plus a staleness check. */
  private scheduleTick(): void {
    this.clock.clearTimeout(this.tickTimer);
    let seconds = 0;
    const pingEvery = Math.max(1, Math.round((this.options.pingIntervalMs ?? 5000) / 1000));
    const tick = () => {
      const now = this.clock.now();
      this.options.listener.stats?.({ rttMs: this.rttMs, eventsPerSec: this.eventsThisSecond, lastFrameAt: this.lastFrameAt || null });
      this.eventsThisSecond = 0;
      // Heartbeats arrive every interval: two without any frame means the link is dead, even if the
      // socket still looks open (a cut cable, a paused server, a laptop that slept).
      const silentMs = now - this.lastFrameAt;
      if (silentMs > this.heartbeatMs * SILENT_INTERVALS) return this.drop(4000, `No data for ${Math.round(silentMs / 1000)} s`);
      if (seconds++ % pingEvery === 0 && this.socket) {
        this.lastPingAt = now;
        this.socket.send(JSON.stringify({ type: 'ping', id: `ping-${++this.nextId}` }));
      }
      this.tickTimer = this.clock.setTimeout(tick, 1000);
    };
    tick();
  }

  /** Abandons the current socket (stale or never welcomed) and goes through the reconnect path. */
  private drop(code: number, reason: string): void {
    this.detach(code, reason);
    this.handleClose(code, reason);
  }

  private detach(code: number, reason: string): void {
    if (this.socket) retire(this.socket, code, reason);
    this.socket = null;
  }

  private handleClose(code: number, reason: string): void {
    this.socket = null;
    this.clearTimers();
    this.move.cancel();
    this.pending.failAll('not_connected', 'Connection lost');
    if (this.stopped) return;
    // A socket closed with 4401 before its auth frame left (a page too busy to send it in time) was not
    // refused: it reconnects like any other drop instead of signing the user out.
    if (code === CLOSE_CODES.unauthorized && this.authSent) {
      this.stopped = true;
      this.setStatus('offline', { attempt: this.attempt, closeCode: code, reason: 'unauthorized' });
      this.options.listener.unauthorized?.(reason || 'Token refused');
      return;
    }
    this.attempt++;
    const retryInMs = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
    const offline = this.attempt > (this.options.offlineAfterAttempts ?? 6);
    this.setStatus(offline ? 'offline' : 'reconnecting', { attempt: this.attempt, retryInMs, closeCode: code, reason });
    this.retryTimer = this.clock.setTimeout(() => this.open(), retryInMs);
  }

  private clearTimers(): void {
    for (const t of [this.retryTimer, this.tickTimer, this.welcomeTimer]) this.clock.clearTimeout(t);
    this.retryTimer = this.tickTimer = this.welcomeTimer = null;
  }

  private setStatus(status: ConnectionStatus, detail: StatusDetail): void {
    this.currentStatus = status;
    this.options.listener.status?.(status, detail);
  }
}
