import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { TokenAuthority } from '../gateway/auth';
import { ALARM_QUERY_HINTS, type SessionUser, can, seesLocation } from '../protocol';
import { bearerToken, sendError } from './respond';

/** The bearer's user when it may read alarms (`alerts.read`); otherwise answers 401/403 and returns null. */
export async function alarmReader(req: IncomingMessage, res: ServerResponse, tokens: TokenAuthority): Promise<SessionUser | null> {
  const check = await tokens.verify(bearerToken(req));
  if (!check.ok) {
    sendError(res, 401, 'unauthorized');
    return null;
  }
  if (!can(check.user.role, 'alerts.read')) {
    sendError(res, 403, 'unauthorized', { required_permission: 'alerts.read' });
    return null;
  }
  return check.user;
}

/**
 * The locations a query covers: the one asked for, else every location the token may see (null: all,
 * alarms without a location included). A location outside the token's is answered 403 and gives null.
 */
export function queryLocations(res: ServerResponse, user: SessionUser, locationId: string | undefined): { ids: string[] | null } | null {
  if (locationId === undefined) return { ids: user.locations ?? null };
  if (!seesLocation(user, locationId)) {
    sendError(res, 403, 'unauthorized', { message: `location_id ${locationId} is outside the locations this token may see` });
    return null;
  }
  return { ids: [locationId] };
}

/**
 * Parses the query string with a schema, empty parameters counting as absent and unknown ones ignored.
 * A bad value is answered 400 `invalid_params` with a message naming the parameter and what it takes.
 */
export function parseQuery<S extends z.ZodObject>(res: ServerResponse, url: URL, schema: S): z.infer<S> | null {
  const known = new Set(Object.keys(schema.shape));
  const raw = Object.fromEntries([...url.searchParams].filter(([key, value]) => known.has(key) && value !== ''));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const key = String(parsed.error.issues[0].path[0] ?? '');
  sendError(res, 400, 'invalid_params', { message: ALARM_QUERY_HINTS[key] ?? parsed.error.issues[0].message });
  return null;
}
