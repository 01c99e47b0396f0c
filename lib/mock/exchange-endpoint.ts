import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWsEndpoint } from './ws-endpoint';

/** As the exchange does: every 5 seconds a health check goes to every session. */
const HEALTH_CHECK_MS = 5000;

/** The seed's health_check frame, with the current time in nanoseconds. */
export function healthCheckFrame(now = Date.now()) {
  return { event: 'health_check', data: { change_type: 'private_system_signal', op: 'u', payload: 'e30=', timestamp: now * 1e6 } };
}

/** `/mock/exchange`: the sports exchange (docs/protocol.md §12.1). New sessions get the current entities as `c` envelopes, then live changes. */
export function createExchangeEndpoint(welcome: () => object[]) {
  const endpoint = createWsEndpoint((ws) => {
    for (const envelope of welcome()) ws.send(JSON.stringify(envelope));
    const beat = setInterval(() => ws.readyState === ws.OPEN && ws.send(JSON.stringify(healthCheckFrame())), HEALTH_CHECK_MS);
    ws.once('close', () => clearInterval(beat));
  });
  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => endpoint.accept(req, socket, head),
    /** Broadcasts one envelope. */
    publish: (envelope: object) => endpoint.send(envelope),
    close: endpoint.close,
  };
}
