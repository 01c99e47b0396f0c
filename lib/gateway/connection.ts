import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import type { SessionUser } from '../protocol';
import { RateLimiter } from './rate-limiter';
import type { Subscription } from './subscription-registry';

/** One dashboard connection: who it is, what it subscribed to, and a send that watches its unsent buffer. */
export class Connection {
  /** Sent in `welcome` and logged, so one session can be followed across log lines. */
  readonly sessionId = `s-${randomBytes(8).toString('hex')}`;
  /** Null until a token has been verified. */
  user: SessionUser | null = null;
  /** When the current token expires (ms). */
  expiresAt = 0;
  readonly subscriptions = new Map<string, Subscription<Connection>>();
  /** Last time anything arrived from the peer (frame or pong), for the silent-peer check. */
  lastSeen = Date.now();
  /** Once set nothing more is sent or handled: the connection is on its way out. */
  closing = false;
  /** Frames that arrived while a token was being verified; handled in order once it is. Null when not verifying. */
  queue: string[] | null = null;
  authTimer: NodeJS.Timeout | undefined;
  expiryTimer: NodeJS.Timeout | undefined;
  private corked = false;

  constructor(
    readonly ws: WebSocket,
    readonly limiter: RateLimiter,
    private readonly maxUnsentBytes: number,
    private readonly onOverflow: (conn: Connection) => void,
  ) {}

  /** Sends a text frame; false when the connection is closing or was just cut for a full buffer. */
  send(text: string): boolean {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    if (!this.corked) this.cork();
    this.ws.send(text);
    if (this.ws.bufferedAmount > this.maxUnsentBytes) {
      this.onOverflow(this);
      return false;
    }
    return true;
  }

  /**
   * Holds this socket's writes until the current tick ends, so a burst of publishes leaves in one
   * write call instead of one system call per frame.
   */
  private cork(): void {
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
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
