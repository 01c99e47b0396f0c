import type { RouteHandler } from './routes';
import { sendJson } from './respond';

/** `GET /api/health`: liveness, connections and each upstream's state. */
export const handleHealth: RouteHandler = (_req, res, { hub, sources, startedAt }) => {
  sendJson(res, 200, {
    status: 'ok',
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    connections: hub.connectionCount(),
    sources: sources.health(),
  });
};
