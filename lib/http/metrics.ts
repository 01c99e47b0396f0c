import type { RouteHandler } from './routes';

/** `GET /api/metrics`: Prometheus text exposition. */
export const handleMetrics: RouteHandler = async (_req, res, { metrics }) => {
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType });
  res.end(body);
};
