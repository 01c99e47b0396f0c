import type { WelcomeFrame } from '@/lib/protocol';
import { parseServerFrame } from '@/lib/protocol/server-frame-parse';
import { type Clock, type SocketClientOptions, type SocketLike, WELCOME_TIMEOUT_MS, authFrame } from './socket-types';

/** How long a move waits, when the connection is busy (requests unanswered, not live), before trying again. */
const BUSY_RETRY_MS = 1000;

/** What a move needs from the client whose connection it moves. */
export interface MoveHost {
  /** Live, and no request waits for an answer on the current socket. */
  canMove(): boolean;
  /** Makes `next` the connection, welcomed with `welcome`; returns the old socket, still delivering its frames. */
  takeOver(next: SocketLike, welcome: WelcomeFrame): SocketLike | null;
}

/**
 * Moves a live connection onto a new socket without a gap: the new one is opened and authenticated
 * beside the old, takes over with its welcome (the client then subscribes on it from where each channel
 * stands), and the old one closes only once those subscriptions are answered. Meanwhile both deliver;
 * the client drops by seq what arrives twice. The user's connections never drop to none, so the
 * gateway's presence lists do not see them leave. A new socket that fails before its welcome is given up.
 */
export class ConnectionMove {
  private timer: unknown = null;
  private successor: SocketLike | null = null;
  private leaving: SocketLike | null = null;

  constructor(
    private readonly options: Pick<SocketClientOptions, 'WebSocketImpl' | 'url' | 'token'>,
    private readonly host: MoveHost,
    private readonly clock: Clock,
  ) {}

  schedule(afterMs: number): void {
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.start(), afterMs);
  }

  /** The new connection's subscriptions are answered: the old one goes. */
  settled(): void {
    const old = this.leaving;
    this.leaving = null;
    if (old) retire(old, 1000, 'moved');
  }

  /** The connection ended or the client stopped: nothing moves, and neither extra socket stays open. */
  cancel(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    const next = this.successor;
    this.successor = null;
    if (next) retire(next, 1000, 'not needed');
    this.settled();
  }

  private start(): void {
    this.timer = null;
    if (!this.host.canMove()) return this.schedule(BUSY_RETRY_MS);
    let next: SocketLike;
    try {
      next = new this.options.WebSocketImpl(this.options.url());
    } catch {
      return;
    }
    this.successor = next;
    // Not welcomed in time, the new socket is given up and the page stays on the one it has.
    const welcomeTimer = this.clock.setTimeout(() => giveUp(), WELCOME_TIMEOUT_MS);
    const giveUp = () => {
      this.clock.clearTimeout(welcomeTimer);
      if (this.successor !== next) return;
      this.successor = null;
      retire(next, 1000, 'no welcome');
    };
    next.onopen = () => next.send(authFrame(this.options.token()));
    next.onmessage = (ev) => {
      // The gateway's first frame on a connection is its welcome; anything else (a refusal) ends the move.
      const frame = parseServerFrame(String(ev.data));
      if (frame?.type !== 'welcome') return giveUp();
      this.clock.clearTimeout(welcomeTimer);
      this.successor = null;
      this.leaving = this.host.takeOver(next, frame);
    };
    next.onclose = giveUp;
    next.onerror = () => undefined;
  }
}

/** Closes a socket the client no longer listens to. */
export function retire(socket: SocketLike, code: number, reason: string): void {
  socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  try {
    socket.close(code, reason);
  } catch {
    // already closed
  }
}
