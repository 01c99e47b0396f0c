import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** A mock upstream endpoint on the gateway's port: accepts upgrades and keeps its clients. */
export function createWsEndpoint(onConnection: (ws: WebSocket, req: IncomingMessage) => void) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  wss.on('connection', onConnection);
  return {
    /** Completes an upgrade already routed to this endpoint. */
    accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    /** Sends a text frame to every open client for which `filter` holds. */
    send(frame: unknown, filter: (ws: WebSocket) => boolean = () => true): void {
      const text = JSON.stringify(frame);
      for (const ws of wss.clients) if (ws.readyState === ws.OPEN && filter(ws)) ws.send(text);
    },
    clientCount: () => wss.clients.size,
    close(): void {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/** Refuses an upgrade with an HTTP status before the WebSocket handshake. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
