import { WebSocketServer } from 'ws';
import { type ChannelOf, type EventName, type EventPayloads, LIMITS, type PublishedEvent, type SessionUser } from '../protocol';
import type { Logger } from '../runtime/logger';
import type { Metrics } from '../runtime/metrics';
import type { TokenAuthority } from './auth';
import type { Broker } from './broker/broker';
import type { Connection } from './connection';
import { createDelivery } from './delivery';
import { stableEventId } from './event-id';
import { filterFields } from './filter-matcher';
import { startHeartbeat } from './heartbeat';
import { DEFAULT_HUB_OPTIONS, type HubOptions, createHubContext } from './hub-context';
import { originAllowed } from './origin-check';
import { announcePresence } from './presence-announce';
import type { PresenceStore } from './presence-store';
import { failConnection, openSession } from './session';
import type { Hub, PublishPosition } from './types';

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
  ctx.broker.onPublication(createDelivery(ctx));
  // Joins and leaves decided on other nodes reach this node's audience; this node's own are announced where they are answered.
  const stopAnnouncements = ctx.presence.onAnnouncement?.((a) => announcePresence(ctx, null, a.scope, a.event, a.user));
  const { metrics, logger } = deps;
  // Compression would cost CPU per client per frame, which defeats serializing each event once.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxInboundBytes, perMessageDeflate: false, clientTracking: false });
  const listeners = new Set<(event: PublishedEvent) => void>();
  const stopHeartbeat = startHeartbeat(ctx);
  let closed = false;

  function publish<E extends EventName>(channel: ChannelOf<E>, event: E, data: EventPayloads[E], meta?: { id?: string; ts?: string }): PublishPosition {
    const dataJson = JSON.stringify(data);
    const id = meta?.id ?? stableEventId(channel, event, dataJson);
    const ts = meta?.ts ?? new Date().toISOString();
    // The broker numbers and keeps the event, then hands it to the delivery handler before it returns.
    const { seq } = ctx.broker.publish(channel, { event, id, ts, dataJson, fields: filterFields(event, data) });
    metrics.eventsPublished.inc({ channel });
    if (listeners.size === 0) return { seq, id, ts };
    const published = { channel, event, seq, id, ts, data } as PublishedEvent;
    for (const listener of listeners) {
      try {
        listener(published);
      } catch (err) {
        logger.error({ err, channel, event }, 'publish listener failed');
      }
    }
    return { seq, id, ts };
  }

  return {
    get epoch() {
      return ctx.broker.epoch;
    },
    publish,
    setSnapshotProvider(channel, provider) {
      ctx.snapshots.set(channel, provider);
    },
    setAlarmActions(actions) {
      ctx.alarmActions = actions;
    },
    setLocationDirectory(isLocation) {
      ctx.isLocation = isLocation;
    },
    onPublish(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handleUpgrade(req, socket, head) {
      if (closed) return void socket.destroy();
      if (!originAllowed(req, options.allowedOrigins)) {
        metrics.drops.inc({ reason: 'forbidden_origin' });
        const body = '{"error":"forbidden_origin","message":"This origin may not open the dashboard socket"}';
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          openSession(ctx, ws, req);
        } catch (err) {
          logger.error({ err }, 'opening a dashboard session failed');
          ws.terminate();
        }
      });
    },
    connectionCount: () => ctx.connections.size,
    connectedUsers() {
      const users = new Map<string, SessionUser>();
      for (const conn of ctx.connections) if (conn.user) users.set(conn.user.user_id, conn.user);
      return [...users.values()];
    },
    async close() {
      if (closed) return;
      closed = true;
      stopHeartbeat();
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
