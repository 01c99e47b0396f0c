import type { RouteHandler } from './routes';
import { readJsonBody, sendJson } from './respond';

/** Largest ingest body accepted (contract section 7). */
const MAX_BODY_BYTES = 1024 * 1024;

/** `POST /api/v1/events`: the seed 001 HTTP ingest. Parses, hands the batch to the sources, answers per contract section 7. */
export const handleIngest: RouteHandler = async (req, res, { config, sources, metrics }) => {
  const started = process.hrtime.bigint();
  const key = req.headers['x-api-key'];
  if (typeof key !== 'string' || !config.ingestApiKeys.has(key)) {
    req.resume();
    return sendJson(res, 401, { error: 'unauthorized' });
  }
  const body = await readJsonBody(req, MAX_BODY_BYTES);
  if (!body.ok) return sendJson(res, body.status, { error: body.error });
  const result = await sources.ingest(body.value);
  if (!result.ok) {
    if (result.error === 'too_large') return sendJson(res, 413, { error: 'too_large', message: result.message });
    return sendJson(res, 400, { error: 'invalid_items', ...(result.message ? { message: result.message } : {}), items: result.items });
  }
  metrics.ingestLatency.observe({ source: 'ingest' }, Number(process.hrtime.bigint() - started) / 1e9);
  res.writeHead(204).end();
};
