import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import type { SessionUser } from '../protocol';
import type { Heartbeat } from './heartbeat';
import type { HubContext } from './hub-context';
import type { RateLimiter } from './rate-limiter';
import { type RawSocket, rawSocketOf } from './raw-socket';
import type { Subscription } from './subscription-registry';
import { type BatchSink, FrameBatch } from './ws-frame';

/**
 * The server's socket of one `/v1/ws` connection (the hub's `ws` server makes these). It carries its
 * `Connection`, so the session's socket listeners are functions shared by every connection that read
 * `this.connection`, instead of closures made for each one: that is memory per connection, which ten
 * thousand connections multiply (docs/PERFORMANCE.md, P7).
 */
export class DashboardSocket extends WebSocket {
  connection: Connection | null = null;
}

/** The connection a socket listener was called for (ws calls listeners with the socket as `this`). */
export function connectionOf(ws: WebSocket): Connection | null {
  return ws instanceof DashboardSocket ? ws.connection : null;
}

/** One dashboard connection: who it is, what it subscribed to, and a send that watches its unsent buffer. */
export class Connection implements BatchSink {
  /** Sent in `welcome` and logged, so one session can be followed across log lines. */
  readonly sessionId = `s-${randomBytes(8).toString('hex')}`;
  /** Null until a token has been verified. */
  user: SessionUser | null = null;
  /** The user this connection counts against in `MAX_CONNECTIONS_PER_USER`, once authenticated. */
  countedUser: string | null = null;
  /** When the current token expires (ms). */
  expiresAt = 0;
  readonly subscriptions = new Map<string, Subscription<Connection>>();
  /** Last time anything arrived from the peer (frame or pong), for the silent-peer check. */
  lastSeen = Date.now();
  /** Once set nothing more is sent or handled: the connection is on its way out. */
  closing = false;
  /**
   * Frames that arrived while a token was being verified, or while a request waits for a shared store;
   * handled in order once it is done. Null when nothing is pending.
   */
  queue: string[] | null = null;
  /** The first-frame deadline, only until the connection has signed in. */
  authTimer: NodeJS.Timeout | undefined;
  /** Whether `expiresAt` is in the hub's expiry schedule. */
  private expiryScheduled = false;
  private corked = false;
  /** Snapshot bytes handed to ws and not yet written: a snapshot never by itself makes a slow consumer. */
  private snapshotBytes = 0;
  /** How far the batch may grow before the unsent bytes pass the limit; set at the batch's first frame. */
  private room = 0;
  /** Event frames of the current tick; written before any other frame, so order holds. */
  private readonly batch = new FrameBatch(this);

  constructor(
    readonly ws: WebSocket,
    /** The hub this connection belongs to: its limits, its schedules, and what to do with a slow consumer. */
    readonly ctx: HubContext,
    readonly limiter: RateLimiter,
  ) {}

  /** Where the batch of event frames goes: straight to the TCP socket, while ws has it open. */
  writeBatch(bytes: Buffer): void {
    const socket = this.socket();
    if (socket && this.ws.readyState === WebSocket.OPEN) socket.write(bytes);
  }

  /** Whether the TCP socket has written out everything it was given (a batch's buffer is free again). */
  drained(): boolean {
    const socket = this.socket();
    return socket !== undefined && socket.writableLength === 0;
  }

  /** Sends a text frame; false when the connection is closing or was just cut for a full buffer. */
  send(text: string): boolean {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    this.batch.flush();
    if (!this.corked) this.cork();
    this.ws.send(text);
    return this.checkBuffer();
  }

  /**
   * Sends an event frame made of a subscription's prefix and the event's shared tail. It is framed
   * here into the tick's batch and written straight to the socket with the rest of the batch: no
   * string per delivery. Order with ws's own frames holds because `send` flushes the batch first and,
   * without compression and Blobs, ws writes every frame to the socket at once. (Frames batched when
   * ws starts closing are dropped, so nothing follows the close frame.)
   */
  sendEvent(prefix: Buffer, tail: Buffer): boolean {
    if (this.closing) return false;
    if (this.batch.bytes === 0) {
      // The socket's state and its unsent bytes change only between ticks, or by a write through `send`,
      // `sendSnapshot` or `sendHeartbeat`, each of which hands the batch over first: so they are read at
      // a batch's first frame, and each further frame only compares the batch's size with what was left.
      if (this.ws.readyState !== WebSocket.OPEN) return false;
      if (!this.socket()) return this.send(prefix.toString() + tail.toString());
      this.room = this.ctx.options.maxUnsentBytes - this.ws.bufferedAmount + this.snapshotBytes;
    }
    this.batch.add(prefix, tail);
    if (this.batch.bytes <= this.room) return true;
    this.ctx.cutSlowConsumer(this);
    return false;
  }

  /**
   * Sends a snapshot frame, exempt from the slow-consumer limit; `written` runs once ws has written it
   * to the socket (or failed to), so a caller can send the next part only as the socket drains.
   */
  sendSnapshot(text: string, written: () => void): boolean {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    this.batch.flush();
    if (!this.corked) this.cork();
    const bytes = Buffer.byteLength(text);
    this.snapshotBytes += bytes;
    this.ws.send(text, () => {
      this.snapshotBytes -= bytes;
      // Written bytes leave `bufferedAmount` before this runs: an open batch's room shrinks as `checkBuffer`'s sum grows.
      this.room -= bytes;
      written();
    });
    return true;
  }

  /**
   * Sends the interval's heartbeat: `health_check` (once signed in) and a WebSocket ping, framed once for
   * every connection and written straight to the socket after this tick's events, so order holds.
   */
  sendHeartbeat(beat: Heartbeat): boolean {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    const socket = this.socket();
    if (!socket) {
      if (this.user && !this.send(beat.text)) return false;
      this.ws.ping();
      return true;
    }
    this.batch.flush();
    socket.write(this.user ? beat.checkAndPing : beat.ping);
    return this.checkBuffer();
  }

  /** Cuts the connection once its unsent bytes pass the limit (ws counts socket-level writes too). */
  private checkBuffer(): boolean {
    if (this.ws.bufferedAmount - this.snapshotBytes + this.batch.bytes > this.ctx.options.maxUnsentBytes) {
      this.ctx.cutSlowConsumer(this);
      return false;
    }
    return true;
  }

  private socket(): RawSocket | undefined {
    return rawSocketOf(this.ws);
  }

  /**
   * Holds this socket's writes until the current tick ends, so a burst of publishes leaves in one
   * write call instead of one system call per frame.
   */
  private cork(): void {
    const socket = this.socket();
    if (!socket) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  /** Stops the first-frame deadline and lets its timer go (a cleared Timeout kept here would stay in memory). */
  clearAuthTimer(): void {
    clearTimeout(this.authTimer);
    this.authTimer = undefined;
  }

  /** Takes `expiresAt` as the token's expiry and has the hub's schedule watch it. */
  setExpiry(expiresAt: number): void {
    this.clearExpiry();
    this.expiresAt = expiresAt;
    this.ctx.expiries.add(this, expiresAt);
    this.expiryScheduled = true;
  }

  private clearExpiry(): void {
    if (this.expiryScheduled) this.ctx.expiries.delete(this, this.expiresAt);
    this.expiryScheduled = false;
  }

  /** Stops the token and first-frame timers. */
  clearTimers(): void {
    this.clearAuthTimer();
    this.clearExpiry();
  }
}
