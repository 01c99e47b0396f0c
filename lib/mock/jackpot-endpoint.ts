import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { createWsEndpoint } from './ws-endpoint';

const AUTH_TIMEOUT_MS = 5000;
const AuthenticateSchema = z.object({ action: z.object({ Authenticate: z.object({ auth_token: z.string() }) }) });

/**
 * `/mock/jackpot/events`: the jackpot platform (docs/protocol.md §12.2). The first frame must be the
 * Authenticate action with the expected token; otherwise the connection is closed.
 */
export function createJackpotEndpoint(token: string, welcome: () => object[]) {
  const authenticated = new WeakSet<WebSocket>();
  const endpoint = createWsEndpoint((ws) => {
    const timer = setTimeout(() => ws.close(4401, 'authentication required'), AUTH_TIMEOUT_MS);
    ws.once('close', () => clearTimeout(timer));
    ws.once('message', (data) => {
      clearTimeout(timer);
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        raw = null;
      }
      const auth = AuthenticateSchema.safeParse(raw);
      if (!auth.success || auth.data.action.Authenticate.auth_token !== token) return ws.close(4401, 'authentication failed');
      authenticated.add(ws);
      // Current pots first, so a new subscriber can draw them at once.
      for (const event of welcome()) ws.send(JSON.stringify(event));
    });
  });

  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => endpoint.accept(req, socket, head),
    /** Sends a jackpot-format event to every authenticated client. */
    publish: (event: object) => endpoint.send(event, (ws) => authenticated.has(ws)),
    close: endpoint.close,
  };
}
