import type { WebSocket } from 'ws';

/**
 * The one place the gateway reaches under `ws`'s public API. Event frames are framed here (RFC 6455, see
 * `ws-frame.ts`) and written straight to the connection's TCP socket, one write per tick, instead of one
 * `ws.send` per frame: that is the fan-out's speed. It relies on four things `ws` 8 does, each checked
 * by `raw-socket.test.ts` against the installed version, so an upgrade that changes one fails there:
 *
 * 1. An open `WebSocket` on the server keeps its `net.Socket` in `_socket` (cork, uncork, write).
 * 2. Without per-message compression, `ws.send` writes its frame to that socket at once, so a frame
 *    written here before or after a `send` reaches the peer in that order.
 * 3. `bufferedAmount` counts bytes written to that socket and not yet flushed, so the slow-consumer
 *    limit sees what was written here.
 * 4. Bytes written here as whole unmasked text frames are read by any client as ordinary messages, and a
 *    ping frame written here is answered with a pong that reaches the server socket's `pong` listeners.
 */
export interface RawSocket {
  cork(): void;
  uncork(): void;
  write(chunk: Buffer, done?: () => void): boolean;
  /** Bytes given to `write` and not yet written out (Node's `writable.writableLength`). */
  readonly writableLength: number;
}

interface WithSocket {
  _socket?: RawSocket | null;
}

/** The TCP socket under an open server-side `ws` WebSocket; undefined when `ws` keeps none (closed, or a changed `ws`). */
export function rawSocketOf(ws: WebSocket): RawSocket | undefined {
  const socket = (ws as WebSocket & WithSocket)._socket;
  return socket && typeof socket.write === 'function' && typeof socket.cork === 'function' ? socket : undefined;
}
