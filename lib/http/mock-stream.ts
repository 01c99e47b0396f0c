import { z } from 'zod';
import type { RouteHandler } from './routes';
import { bearerToken, readJsonBody, sendError, sendJson } from './respond';

/** Body of `POST /api/mock-stream`: either field may be left out (docs/protocol.md §11.8). */
const MockStreamPatchSchema = z.strictObject({
  running: z.boolean().optional(),
  rate_per_s: z.number().min(0).max(5000).optional(),
});

/** `GET /api/mock-stream` → `{running, rate_per_s}`; `POST` with those fields (admin or manager token) changes them. */
export const handleMockStream: RouteHandler = async (req, res, { mock, tokens }) => {
  if (!mock) return sendError(res, 404, 'mock_disabled', { message: 'The mock stream is off (MOCK_STREAM=off)' });
  if (req.method !== 'POST') return sendJson(res, 200, mock.status());

  const check = await tokens.verify(bearerToken(req));
  if (!check.ok) return sendError(res, 401, 'unauthorized', { message: `Send a valid dev login token as Authorization: Bearer (${check.reason})` });
  if (check.user.role !== 'admin' && check.user.role !== 'manager') {
    return sendError(res, 403, 'forbidden', { message: 'Changing the mock stream needs the admin or manager role' });
  }
  const body = await readJsonBody(req, 16 * 1024);
  if (!body.ok) return sendError(res, body.status, body.error);
  const parsed = MockStreamPatchSchema.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return sendError(res, 400, 'invalid_params', { message: `${issue.path.join('.') || 'body'}: ${issue.message}` });
  }
  sendJson(res, 200, mock.update(parsed.data));
};
