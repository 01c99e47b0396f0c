import { MockStreamPatchSchema } from '../mock/patch-schema';
import type { RouteHandler } from './routes';
import { bearerToken, isJsonRequest, readBody, sendJson } from './respond';

/** `GET /api/mock-stream` → `{running, rate_per_s}`; `POST` with those fields (admin or manager token) changes them. */
export const handleMockStream: RouteHandler = async (req, res, { mock, tokens }) => {
  if (!mock) return sendJson(res, 404, { error: 'mock_disabled', message: 'The mock stream is off (MOCK_STREAM=off)' });
  if (req.method !== 'POST') return sendJson(res, 200, mock.status());

  const check = await tokens.verify(bearerToken(req));
  if (!check.ok) return sendJson(res, 401, { error: 'unauthorized', message: `Send a valid dev login token as Authorization: Bearer (${check.reason})` });
  if (check.user.role !== 'admin' && check.user.role !== 'manager') {
    return sendJson(res, 403, { error: 'forbidden', message: 'Changing the mock stream needs the admin or manager role' });
  }
  if (!isJsonRequest(req)) return sendJson(res, 415, { error: 'unsupported_media_type' });
  const read = await readBody(req, 16 * 1024);
  if (!read.ok) return sendJson(res, 413, { error: 'too_large' });
  let raw: unknown;
  try {
    raw = JSON.parse(read.body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'invalid_json' });
  }
  const parsed = MockStreamPatchSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return sendJson(res, 400, { error: 'invalid_params', message: `${issue.path.join('.') || 'body'}: ${issue.message}` });
  }
  sendJson(res, 200, mock.update(parsed.data));
};
