import type { RouteHandler } from './routes';
import { isJsonRequest, readBody, sendJson } from './respond';

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
  if (!isJsonRequest(req)) {
    req.resume();
    return sendJson(res, 415, { error: 'unsupported_media_type' });
  }
  const read = await readBody(req, MAX_BODY_BYTES);
  if (!read.ok) return sendJson(res, 413, { error: 'too_large' });
  let body: unknown;
  try {
    body = JSON.parse(read.body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'invalid_json' });
  }
  const result = sources.ingest(body);
  if (!result.ok) {
    if (result.error === 'too_large') return sendJson(res, 413, { error: 'too_large', message: result.message });
    return sendJson(res, 400, { error: 'invalid_items', ...(result.message ? { message: result.message } : {}), items: result.items });
  }
  metrics.ingestLatency.observe({ source: 'ingest' }, Number(process.hrtime.bigint() - started) / 1e9);
  res.writeHead(204).end();
};
