import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SeededEvents } from '../protocol/page-seed';
import type { Alarm, Channel, ChannelOf, ChannelParams, EventFrame, EventName, EventPayloads, PublishedEvent, SessionUser } from '../protocol';

/** Publishes normalized events into the gateway. Sources, alarms and the mock only ever see this. */
export interface Publisher {
  /**
   * Publishes one event on its channel, its payload typed by the channel registry: assigns the channel's
   * next `seq`, keeps it in history, and delivers it once to every matching subscription. `meta.id`
   * defaults to a stable hash of the event.
   */
  publish<E extends EventName>(channel: ChannelOf<E>, event: E, data: EventPayloads[E], meta?: { id?: string; ts?: string }): void;
  /**
   * Runs `work` (synchronous) and publishes what it published when it returns, in the same order, as if
   * published one by one then; a channel's consecutive events are numbered, kept and delivered together.
   * Taps (`onPublish`) see each event after its delivery. Inside another batch, it joins that one.
   */
  batch?<T>(work: () => T): T;
  /**
   * Resolves once every event published before the call is stored (at once on one process; with Redis,
   * once the shared stream holds them), so an ingest answers only for what is kept.
   */
  settled?(): Promise<void>;
}

/** Serves a stateful channel's snapshot: the current entities visible to this user under these params. */
export type SnapshotProvider = (params: ChannelParams, user: SessionUser) => unknown[];

export type AlarmActionResult =
  | { ok: true; alarm: Alarm }
  | { ok: false; code: 'alarm_not_found' | 'already_acknowledged' | 'invalid_params'; message: string };

/** The answer to a bulk `ack`: the alarms acknowledged, and each id refused with its error code. */
export interface BulkAckResult {
  alarms: Alarm[];
  failed: { alarm_id: string; code: 'alarm_not_found' | 'already_acknowledged' | 'invalid_params' }[];
}

/**
 * What the hub calls for `ack`, `shelve` and `unshelve` frames, after it has checked `alerts.ack`. Each
 * promise settles once the change is committed (or refused); it rejects when the ledger could not be reached.
 */
export interface AlarmActions {
  ack(alarmId: string, user: SessionUser, note?: string): Promise<AlarmActionResult>;
  /** Acknowledges each alarm on its own (one commit each), with one note for all. */
  ackMany(alarmIds: string[], user: SessionUser, note?: string): Promise<BulkAckResult>;
  shelve(alarmId: string, user: SessionUser, minutes: number, reason?: string): Promise<AlarmActionResult>;
  /** Ends an alarm's shelving at once; `invalid_params` when it is not shelved. */
  unshelve(alarmId: string, user: SessionUser): Promise<AlarmActionResult>;
}

/** Follows another node's event: `live` as it happens, `history` when caught up from before this node started. */
export type RemoteListener = (event: PublishedEvent, origin: 'live' | 'history') => void;

/** The dashboard WebSocket hub (`/v1/ws`). */
export interface Hub extends Publisher {
  /** This gateway's sequence space; changes when sequences restart. */
  readonly epoch: string;
  /** Registers the snapshot source of a stateful channel. */
  setSnapshotProvider(channel: Channel, provider: SnapshotProvider): void;
  /** Registers the handler of `ack` / `shelve` / `unshelve` frames. */
  setAlarmActions(actions: AlarmActions): void;
  /** Tells the hub which locations are on the floor; presence scopes must name one of them. */
  setLocationDirectory(isLocation: (locationId: string) => boolean): void;
  /**
   * Taps every event published by this process, once it has its seq (alarms watch `system`, KPIs, tests);
   * returns an unsubscribe.
   */
  onPublish(listener: (event: PublishedEvent) => void): () => void;
  /**
   * Taps every event other nodes of the floor publish (with `REDIS_URL`), in seq order per channel, so this
   * node's copies of the floor's state follow them; returns an unsubscribe. Never called on one process.
   */
  onRemotePublish(listener: RemoteListener): () => void;
  /**
   * Hands the remote listeners the history this node found when it started (`origin: 'history'`), so the
   * state they keep starts where the floor is. Call once, after every remote listener is registered.
   */
  catchUp(): void;
  settled(): Promise<void>;
  /** Whether the shared store behind the broker is reachable (always, on one process). */
  readonly brokerReady: boolean;
  /** Takes over an HTTP upgrade on `/v1/ws`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open dashboard connections. */
  connectionCount(): number;
  /** The newest events of one kind a user may read on a channel (`recent-events.ts`), for a page rendered with data. */
  recentEvents(user: SessionUser, channel: Channel, event: EventName, limit: number): SeededEvents<EventFrame> | null;
  /** The users with at least one authenticated connection, once each. */
  connectedUsers(): SessionUser[];
  /** Closes every connection and stops timers. */
  close(): Promise<void>;
}
