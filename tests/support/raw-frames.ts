import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { rawSocketOf } from '../../lib/gateway/raw-socket';

/**
 * A server that writes given bytes raw to each new connection's socket, and a real `ws` client that
 * reads them: what a browser would make of frames framed by hand.
 */
export async function startRawFrameServer(): Promise<{ receive(bytes: Buffer, count: number): Promise<string[]>; close(): Promise<void> }> {
  let pending: Buffer = Buffer.alloc(0);
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  server.on('connection', (ws) => rawSocketOf(ws)?.write(pending));
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The text messages a `ws` client reads from `bytes`, in order. */
    async receive(bytes, count) {
      pending = bytes;
      const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false, maxPayload: 1 << 20 });
      const messages: string[] = [];
      await new Promise<void>((resolve, reject) => {
        client.on('message', (data: Buffer, isBinary: boolean) => {
          messages.push(isBinary ? '<binary>' : data.toString('utf8'));
          if (messages.length === count) resolve();
        });
        client.on('error', reject);
        client.on('close', () => reject(new Error('closed before every message arrived')));
      });
      client.terminate();
      return messages;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
