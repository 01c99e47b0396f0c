import type { Connection } from './connection';
import { encodeFrame } from './frames';
import type { HubContext } from './hub-context';
import { PING_FRAME, textFrame } from './ws-frame';

/** One interval's heartbeat, framed once for every connection. */
export interface Heartbeat {
  /** The `health_check` frame as text, for a connection whose raw socket is out of reach. */
  text: string;
  /** `health_check` then a WebSocket ping, as the bytes on the wire: what a signed-in connection gets. */
  checkAndPing: Buffer;
  /** A ping alone, for a connection that has not signed in yet. */
  ping: Buffer;
}

function heartbeatAt(now: number): Heartbeat {
  const text = encodeFrame({ type: 'health_check', ts: now });
  return { text, checkAndPing: Buffer.concat([textFrame(Buffer.from(text)), PING_FRAME]), ping: PING_FRAME };
}

/**
 * Every interval: a `health_check` frame to each authenticated connection (docs/protocol.md §3.3) and a
 * WebSocket ping; a peer silent (no frame, no pong) for two intervals is dropped. Returns a stop.
 *
 * Both frames are framed once per interval and the same bytes go to every socket in one write each:
 * at ten thousand connections the heartbeat is most of what an idle gateway does, so per connection
 * it costs one socket write and, when the pong comes back, one read (docs/PERFORMANCE.md, P7).
 */
export function startHeartbeat(ctx: HubContext): () => void {
  const interval = ctx.options.heartbeatIntervalMs;
  const beatOne = (conn: Connection, now: number, beat: Heartbeat) => {
    if (now - conn.lastSeen > 2 * interval) {
      ctx.logger.info({ session: conn.sessionId }, 'dashboard peer silent for two heartbeat intervals; dropping it');
      conn.ws.terminate();
      return;
    }
    conn.sendHeartbeat(beat);
  };
  const timer = setInterval(() => {
    const now = Date.now();
    const beat = heartbeatAt(now);
    for (const conn of ctx.connections) {
      if (conn.closing) continue;
      try {
        beatOne(conn, now, beat);
      } catch (err) {
        // As `guardConnection` does, without a closure per connection and beat.
        ctx.failConnection(conn, err);
      }
    }
  }, interval);
  timer.unref();
  return () => clearInterval(timer);
}
