import type { RouteHandler } from './routes';
import { sendJson } from './respond';

/** `GET /api/health`: liveness, connections, each upstream's state, and this node's engines; 503 while Redis is unreachable. */
export const handleHealth: RouteHandler = (_req, res, { hub, sources, startedAt, engines }) => {
  const reachable = engines.ready();
  sendJson(res, reachable ? 200 : 503, {
    status: reachable ? 'ok' : 'unavailable',
    node_id: engines.nodeId,
    engine: engines.engine,
    database: engines.database,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    connections: hub.connectionCount(),
    sources: sources.health(),
  });
};
