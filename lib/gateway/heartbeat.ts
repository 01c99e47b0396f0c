import { encodeFrame } from './frames';
import { guardConnection } from './guard';
import type { HubContext } from './hub-context';

/**
 * Every interval: a `health_check` frame to each authenticated connection (docs/protocol.md §3.3) and a
 * WebSocket ping; a peer silent (no frame, no pong) for two intervals is dropped. Returns a stop.
 */
export function startHeartbeat(ctx: HubContext): () => void {
  const interval = ctx.options.heartbeatIntervalMs;
  const timer = setInterval(() => {
    const now = Date.now();
    const healthCheck = encodeFrame({ type: 'health_check', ts: now });
    for (const conn of ctx.connections) {
      if (conn.closing) continue;
      guardConnection(ctx, conn, () => {
        if (now - conn.lastSeen > 2 * interval) {
          ctx.logger.info({ session: conn.sessionId }, 'dashboard peer silent for two heartbeat intervals; dropping it');
          conn.ws.terminate();
          return;
        }
        if (conn.user) conn.send(healthCheck);
        if (!conn.closing && conn.ws.readyState === conn.ws.OPEN) conn.ws.ping();
      });
    }
  }, interval);
  timer.unref();
  return () => clearInterval(timer);
}
