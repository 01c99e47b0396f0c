import type {
  Channel,
  ChannelParams,
  ErrorFrame,
  EventFrame,
  PresenceFrame,
  PresenceListFrame,
  ResponseFrame,
  ServerFrame,
  SnapshotFrame,
  WelcomeFrame,
} from '@/lib/protocol';
import type { BackoffPolicy } from './backoff';

/** What the badge shows: first connect, live, retrying after a drop, or given up / signed out. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The part of the browser WebSocket the client uses; tests pass a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketConstructor = new (url: string) => SocketLike;

/** A connection opened before the client existed: the socket, and whether its auth frame already went out. */
export interface AdoptedSocket {
  socket: SocketLike;
  authSent: boolean;
  /** Hands the frames that arrived before the take-over to the socket's handlers, in order; once. */
  replay(): void;
}

/** Timers and time, injectable so reconnect and ping logic run under a fake clock in tests. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A connection not welcomed in this time is given up. */
export const WELCOME_TIMEOUT_MS = 10_000;

/** The first frame of every connection: the token goes here, never in the URL (URLs end up in logs). */
export const authFrame = (token: string): string => JSON.stringify({ type: 'auth', token });

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A channel the client keeps subscribed across reconnects. */
export interface SubscriptionRequest {
  channel: Channel;
  params: ChannelParams;
}

/** Frames that carry data for the store (everything but connection control). */
export type DataFrame = SnapshotFrame | EventFrame | PresenceFrame | PresenceListFrame;

/** Why the status changed, for the badge's tooltip. */
export interface StatusDetail {
  attempt: number;
  retryInMs?: number;
  closeCode?: number;
  reason?: string;
}

/** Once-a-second figures for the badge. */
export interface SocketStats {
  rttMs: number | null;
  eventsPerSec: number;
  /** When the last frame of any kind (heartbeats included) arrived, ms; null before the first. */
  lastFrameAt: number | null;
}

/** An answer to a request frame: the gateway's response, its error, or a local failure. */
export type RequestResult =
  | { ok: true; frame: ServerFrame }
  | { ok: false; error: Pick<ErrorFrame, 'code' | 'message'> | { code: 'not_connected' | 'timeout'; message: string } };

/** Callbacks the store implements. All optional so tests listen only to what they check. */
export interface SocketListener {
  status?(status: ConnectionStatus, detail: StatusDetail): void;
  welcome?(frame: WelcomeFrame): void;
  data?(frame: DataFrame): void;
  /** A subscription is active; `recovered` tells whether missed events were replayed. */
  subscribed?(channel: Channel, response: ResponseFrame): void;
  /** The gateway could not replay: the channel's state must be rebuilt from what follows. */
  resync?(channel: Channel): void;
  channelError?(channel: Channel, error: ErrorFrame): void;
  /** An error frame that answers no pending request (rate limits and the like). */
  error?(frame: ErrorFrame): void;
  stats?(stats: SocketStats): void;
  /** The token was refused (close 4401): the user has to sign in again. */
  unauthorized?(message: string): void;
}

export interface SocketClientOptions {
  /** The `/v1/ws` address, computed at each (re)connect. It never carries the token: URLs end up in logs. */
  url: () => string;
  /** The token sent as the first frame of every connection. */
  token: () => string;
  WebSocketImpl: SocketConstructor;
  /**
   * A connection already opened for this token, taken instead of opening one on the first connect;
   * `authSent` when its auth frame went out. Reconnects always open their own.
   */
  adopt?: () => AdoptedSocket | null;
  /**
   * Once an adopted connection is welcomed, how long until the client moves onto one of `WebSocketImpl`'s
   * (the head script's socket is the page's main thread's; the store's own run in a worker). The new one
   * is subscribed from where the old one stopped before the old one closes, so nothing is missed and the
   * user never leaves the presence lists. Never moves when absent.
   */
  moveAdoptedAfterMs?: number;
  /** Channels to (re)subscribe after each welcome. */
  subscriptions: () => SubscriptionRequest[];
  /** Where channels already stand before the first connection (a page rendered with data): their first subscribe resumes there. */
  resumeFrom?: { channel: Channel; seq: number; epoch: string }[];
  listener: SocketListener;
  clock?: Clock;
  random?: () => number;
  backoff?: BackoffPolicy;
  pingIntervalMs?: number;
  requestTimeoutMs?: number;
  /** Retries after which the badge says offline instead of reconnecting (retrying continues). */
  offlineAfterAttempts?: number;
}
