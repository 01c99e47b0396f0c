import type { RouteHandler } from './routes';
import { readJsonBody, sendError } from './respond';

/** Largest ingest body accepted (docs/protocol.md §11.1). */
const MAX_BODY_BYTES = 1024 * 1024;

/** `POST /api/v1/events`: the HTTP ingest. Parses, hands the batch to the sources, answers per docs/protocol.md §11.1. */
export const handleIngest: RouteHandler = async (req, res, { config, sources, metrics }) => {
  const started = process.hrtime.bigint();
  const key = req.headers['x-api-key'];
  if (typeof key !== 'string' || !config.ingestApiKeys.has(key)) {
    req.resume();
    return sendError(res, 401, 'unauthorized');
  }
  const body = await readJsonBody(req, MAX_BODY_BYTES);
  if (!body.ok) return sendError(res, body.status, body.error);
  const result = await sources.ingest(body.value);
  if (!result.ok) {
    if (result.error === 'too_large') return sendError(res, 413, 'too_large', { message: result.message });
    return sendError(res, 400, 'invalid_items', { ...(result.message ? { message: result.message } : {}), items: result.items });
  }
  metrics.ingestLatency.observe({ source: 'ingest' }, Number(process.hrtime.bigint() - started) / 1e9);
  res.writeHead(204).end();
};
