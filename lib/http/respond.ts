import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpErrorCode } from '../protocol';

/** Sends a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/** Sends an error body `{"error", …fields}` with one of the API's codes (docs/protocol.md §13.2). */
export function sendError(res: ServerResponse, status: number, error: HttpErrorCode, fields: Record<string, unknown> = {}): void {
  sendJson(res, status, { error, ...fields });
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1].trim();
}

export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' };

/** Reads a request body up to `limit` bytes; past it, stops reading and reports `too_large`. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, reason: 'too_large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        resolve({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
    });
    req.on('error', reject);
  });
}

/** Whether a request declares a JSON body. */
export function isJsonRequest(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/([\w.+-]*\+)?json\b/i.test(type.trim());
}

export type JsonBodyRead = { ok: true; value: unknown } | { ok: false; status: 413 | 415 | 400; error: Extract<HttpErrorCode, 'too_large' | 'unsupported_media_type' | 'invalid_json'> };

/** Reads a JSON request body: 415 when not declared JSON, 413 past `limit` bytes, 400 when it does not parse. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBodyRead> {
  if (!isJsonRequest(req)) {
    req.resume();
    return { ok: false, status: 415, error: 'unsupported_media_type' };
  }
  const read = await readBody(req, limit);
  if (!read.ok) return { ok: false, status: 413, error: 'too_large' };
  try {
    return { ok: true, value: JSON.parse(read.body.toString('utf8')) };
  } catch {
    return { ok: false, status: 400, error: 'invalid_json' };
  }
}
