import { WebSocketServer } from 'ws';
import { CLOSE_CODES, type Channel, LIMITS, type PublishedEvent, type SessionUser } from '../protocol';
import type { RemotePublication } from './broker/broker';
import type { Logger } from '../runtime/logger';
import type { Metrics } from '../runtime/metrics';
import type { TokenAuthority } from './auth';
import type { Broker } from './broker/broker';
import { type Connection, DashboardSocket } from './connection';
import { createDelivery } from './delivery';
import { startHeartbeat } from './heartbeat';
import { DEFAULT_HUB_OPTIONS, type HubOptions, createHubContext } from './hub-context';
import { createHubPublishing } from './hub-publish';
import { originAllowed } from './origin-check';
import { recentEvents } from './recent-events';
import { announcePresence } from './presence-announce';
import type { PresenceStore } from './presence-store';
import { cutSlowConsumer, expireToken, failConnection, openSession } from './session';
import type { Hub, RemoteListener } from './types';

/** What the hub needs from the process; `options` is for tests and benchmarks. */
export interface HubDeps {
  tokens: TokenAuthority;
  metrics: Metrics;
  logger: Logger;
  options?: Partial<HubOptions>;
  /** Where publications are numbered, kept and replayed; by default a `MemoryBroker` on `options.history`. */
  broker?: Broker;
  /**
   * Who is present where; by default a `PresenceRoster` in memory. A shared store (`createRedisPresence`)
   * makes presence span nodes; its owner closes it after the hub.
   */
  presence?: PresenceStore<Connection>;
}

/** Creates the dashboard WebSocket hub of `/v1/ws` (docs/protocol.md §3–§9). */
export function createHub(deps: HubDeps): Hub {
  const options: HubOptions = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
  const ctx = createHubContext(deps, options);
  ctx.failConnection = (conn, err) => failConnection(ctx, conn, err);
  ctx.cutSlowConsumer = (conn) => cutSlowConsumer(ctx, conn);
  ctx.expireToken = (conn) => expireToken(ctx, conn);
  ctx.broker.onPublication(createDelivery(ctx));
  // Joins and leaves decided on other nodes reach this node's audience; this node's own are announced where they are answered.
  const stopAnnouncements = ctx.presence.onAnnouncement?.((a) => announcePresence(ctx, null, a.scope, a.event, a.user));
  const { metrics, logger } = deps;
  // Compression would cost CPU per client per frame, which defeats serializing each event once.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxInboundBytes,
    perMessageDeflate: false,
    clientTracking: false,
    WebSocket: DashboardSocket,
  });
  const publishing = createHubPublishing(ctx.broker, metrics, logger);
  const stopHeartbeat = startHeartbeat(ctx);
  let closed = false;

  const remoteListeners = new Set<RemoteListener>();

  function notify(listenersOf: Set<RemoteListener>, published: PublishedEvent, origin: 'live' | 'history' = 'live'): void {
    for (const listener of listenersOf) {
      try {
        listener(published, origin);
      } catch (err) {
        logger.error({ err, channel: published.channel, event: published.event }, 'publish listener failed');
      }
    }
  }

  ctx.broker.onRemote?.((remote: RemotePublication) => {
    if (remoteListeners.size === 0) return;
    let data: unknown;
    try {
      data = JSON.parse(remote.dataJson);
    } catch (err) {
      return logger.error({ err, channel: remote.channel, seq: remote.seq }, 'unreadable publication from another node');
    }
    notify(remoteListeners, { channel: remote.channel as Channel, event: remote.event, seq: remote.seq, id: remote.id, ts: remote.ts, data } as PublishedEvent, remote.origin);
  });

  // The shared history was lost: every screen reconnects, resumes against the new epoch and gets snapshots.
  ctx.broker.onEpochChange?.(() => {
    for (const conn of ctx.connections) {
      conn.closing = true;
      conn.clearTimers();
      conn.ws.close(CLOSE_CODES.historyReset, 'History was reset; reconnect');
    }
  });

  return {
    get epoch() {
      return ctx.broker.epoch;
    },
    publish: publishing.publish,
    batch: publishing.batch,
    settled: publishing.settled,
    get brokerReady() {
      return ctx.broker.ready ?? true;
    },
    onRemotePublish(listener) {
      remoteListeners.add(listener);
      return () => remoteListeners.delete(listener);
    },
    catchUp() {
      ctx.broker.replayLoaded?.();
    },
    setSnapshotProvider(channel, provider) {
      ctx.snapshots.set(channel, provider);
    },
    setAlarmActions(actions) {
      ctx.alarmActions = actions;
    },
    setLocationDirectory(isLocation) {
      ctx.isLocation = isLocation;
    },
    onPublish: publishing.onPublish,
    handleUpgrade(req, socket, head) {
      if (closed) return void socket.destroy();
      if (!originAllowed(req, options.allowedOrigins)) {
        metrics.drops.inc({ reason: 'forbidden_origin' });
        const body = '{"error":"forbidden_origin","message":"This origin may not open the dashboard socket"}';
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws: DashboardSocket) => {
        try {
          openSession(ctx, ws, req);
        } catch (err) {
          logger.error({ err }, 'opening a dashboard session failed');
          ws.terminate();
        }
      });
    },
    connectionCount: () => ctx.connections.size,
    recentEvents: (user, channel, event, limit) => recentEvents(ctx, user, channel, event, limit),
    connectedUsers() {
      const users = new Map<string, SessionUser>();
      for (const conn of ctx.connections) if (conn.user) users.set(conn.user.user_id, conn.user);
      return [...users.values()];
    },
    async close() {
      if (closed) return;
      closed = true;
      stopHeartbeat();
      ctx.expiries.close();
      const closing = [...ctx.connections].map(
        (conn) =>
          new Promise<void>((resolve) => {
            conn.ws.once('close', () => resolve());
            conn.closing = true;
            conn.clearTimers();
            conn.ws.close(1001, 'Gateway shutting down');
            setTimeout(() => {
              conn.ws.terminate();
              resolve();
            }, 1000).unref();
          }),
      );
      await Promise.all(closing);
      stopAnnouncements?.();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
