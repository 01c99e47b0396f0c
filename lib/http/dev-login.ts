import { z } from 'zod';
import { ROLES } from '../protocol';
import type { RouteHandler } from './routes';
import { readJsonBody, sendError, sendJson } from './respond';

const DevLoginSchema = z.object({
  name: z.string().trim().min(1, 'Type a name').max(80),
  role: z.enum(ROLES),
  locations: z.array(z.string().min(1)).optional(),
});

/** Stable user id for a display name, so the same person signing in twice is one presence. */
export function userIdFor(name: string): string {
  return `user-${name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'anon'}`;
}

/** `POST /api/auth/dev-login` `{name, role}` → `{token}`: the development login, off in production with a real secret. */
export const handleDevLogin: RouteHandler = async (req, res, { config, tokens }) => {
  if (!config.devLogin) return sendError(res, 404, 'dev_login_disabled', { message: 'The development login is off (AUTH_DEV_LOGIN)' });
  const body = await readJsonBody(req, 16 * 1024);
  if (!body.ok) return sendError(res, body.status, body.error);
  const parsed = DevLoginSchema.safeParse(body.value);
  if (!parsed.success) return sendError(res, 400, 'invalid_params', { message: parsed.error.issues[0].message });
  const { name, role, locations } = parsed.data;
  const user = { user_id: userIdFor(name), name, role, locations };
  const token = await tokens.mint(user);
  sendJson(res, 200, { token, user });
};
