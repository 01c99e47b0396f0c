import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { CasinoChannel } from './floor-sim';
import { createWsEndpoint, refuseUpgrade } from './ws-endpoint';

const CHANNELS = ['game', 'cash', 'alerts', 'system', 'player'] as const;
const RequestSchema = z.object({ type: z.enum(['subscribe', 'unsubscribe']), id: z.string().optional(), channel: z.enum(CHANNELS) });

/** `/mock/casino`: the casino platform (docs/protocol.md §12.3). Token in the query on connect; events only on subscribed channels. */
export function createCasinoEndpoint(token: string) {
  const subscriptions = new WeakMap<WebSocket, Set<string>>();
  const endpoint = createWsEndpoint((ws) => {
    const channels = new Set<string>();
    subscriptions.set(ws, channels);
    ws.on('message', (data) => {
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        return ws.send(JSON.stringify({ type: 'error', message: 'Frames must be JSON' }));
      }
      const req = RequestSchema.safeParse(raw);
      if (!req.success) return ws.send(JSON.stringify({ type: 'error', message: `Expected {"type":"subscribe"|"unsubscribe","channel":${CHANNELS.join('|')}}` }));
      const { type, id, channel } = req.data;
      if (type === 'subscribe') channels.add(channel);
      else channels.delete(channel);
      ws.send(JSON.stringify({ type: 'response', id, success: true, channel, message: type === 'subscribe' ? 'Subscribed' : 'Unsubscribed successfully' }));
    });
  });

  return {
    /** Takes an upgrade on `/mock/casino`, refusing a missing or wrong token with 401. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const given = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
      if (given !== token) return refuseUpgrade(socket, 401, 'Unauthorized');
      endpoint.accept(req, socket, head);
    },
    /** Sends a casino-format message to the clients subscribed to its channel. */
    publish(channel: CasinoChannel, message: object): void {
      endpoint.send(channel === 'alerts' ? { ...message, channel } : message, (ws) => subscriptions.get(ws)?.has(channel) ?? false);
    },
    close: endpoint.close,
  };
}
