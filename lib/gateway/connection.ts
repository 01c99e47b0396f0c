import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import type { SessionUser } from '../protocol';
import { RateLimiter } from './rate-limiter';
import { type RawSocket, rawSocketOf } from './raw-socket';
import type { Subscription } from './subscription-registry';
import { FrameBatch } from './ws-frame';

/** One dashboard connection: who it is, what it subscribed to, and a send that watches its unsent buffer. */
export class Connection {
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
  authTimer: NodeJS.Timeout | undefined;
  expiryTimer: NodeJS.Timeout | undefined;
  private corked = false;
  /** Snapshot bytes handed to ws and not yet written: a snapshot never by itself makes a slow consumer. */
  private snapshotBytes = 0;
  /** Event frames of the current tick; written before any other frame, so order holds. */
  private readonly batch = new FrameBatch((bytes, done) => {
    const socket = this.socket();
    if (socket && this.ws.readyState === WebSocket.OPEN) socket.write(bytes, () => done());
    else done();
  });

  constructor(
    readonly ws: WebSocket,
    readonly limiter: RateLimiter,
    private readonly maxUnsentBytes: number,
    private readonly onOverflow: (conn: Connection) => void,
  ) {}

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
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    if (!this.socket()) return this.send(prefix.toString() + tail.toString());
    this.batch.add(prefix, tail);
    return this.checkBuffer();
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
      written();
    });
    return true;
  }

  /** Cuts the connection once its unsent bytes pass the limit (ws counts socket-level writes too). */
  private checkBuffer(): boolean {
    if (this.ws.bufferedAmount - this.snapshotBytes + this.batch.bytes > this.maxUnsentBytes) {
      this.onOverflow(this);
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

  /** Stops the token and first-frame timers. */
  clearTimers(): void {
    clearTimeout(this.authTimer);
    clearTimeout(this.expiryTimer);
  }
}
