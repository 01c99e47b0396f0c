import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A WebSocket server on 127.0.0.1 the test controls: it records connections and their first frames. */
export async function startUpstream() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const connections: { ws: WebSocket; req: IncomingMessage; frames: string[] }[] = [];
  const waiters: (() => void)[] = [];
  wss.on('connection', (ws, req) => {
    const conn = { ws, req, frames: [] as string[] };
    ws.on('message', (data) => conn.frames.push(data.toString()));
    connections.push(conn);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/events`,
    connections,
    /** Resolves with the n-th connection (1-based) once it is open. */
    async connection(n: number) {
      await waitFor(() => connections.length >= n);
      return connections[n - 1];
    },
    /** Sends a frame to every open connection. */
    broadcast(frame: unknown) {
      const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
      for (const c of connections) if (c.ws.readyState === c.ws.OPEN) c.ws.send(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** Polls a condition every 10 ms, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An exchange-format envelope with its payload base64-encoded. */
export function envelope(changeType: string, op: 'c' | 'u' | 'd', payload: unknown, timestamp = 1717689526365275600) {
  return { timestamp, change_type: changeType, payload: Buffer.from(JSON.stringify(payload)).toString('base64'), op };
}

/** Short timings so reconnect tests run fast. */
export const FAST = { backoffMinMs: 20, backoffMaxMs: 100, disconnectAlarmMs: 300 };
