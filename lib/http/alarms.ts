import { type Alarm, AlarmQuerySchema, type SessionUser, can } from '../protocol';
import type { RouteHandler } from './routes';
import { bearerToken, sendJson } from './respond';

/**
 * `GET /api/v1/alarms?state=&since=` with `Authorization: Bearer`: the alarm ledger for audit and BI
 * (contract section 6). Empty parameters count as absent, so `?state=&since=` lists everything.
 */
export const handleAlarmsQuery: RouteHandler = async (req, res, { tokens, alarms }, url) => {
  const check = await tokens.verify(bearerToken(req));
  if (!check.ok) return sendJson(res, 401, { error: 'unauthorized' });
  if (!can(check.user.role, 'alerts.read')) {
    return sendJson(res, 403, { error: 'unauthorized', required_permission: 'alerts.read' });
  }
  const raw = Object.fromEntries([...url.searchParams].filter(([key, value]) => (key === 'state' || key === 'since') && value !== ''));
  const query = AlarmQuerySchema.safeParse(raw);
  if (!query.success) {
    const issue = query.error.issues[0];
    const message =
      issue.path[0] === 'since'
        ? 'since must be an ISO-8601 date-time with a zone, e.g. 2025-05-11T11:00:00Z'
        : 'state must be one of unacked, acked, cleared, cleared_unacked';
    return sendJson(res, 400, { error: 'invalid_params', message });
  }
  sendJson(res, 200, { alarms: alarms.list(query.data).filter((alarm) => visibleTo(alarm, check.user)) });
};

/**
 * A token with a `locations` claim sees only alarms at those locations. Alarms with no location
 * (an upstream down, a payout error) concern the whole floor, not a location the user was given,
 * so a location-restricted user does not see them; a token without the claim sees every alarm.
 */
function visibleTo(alarm: Alarm, user: SessionUser): boolean {
  if (!user.locations) return true;
  return alarm.location_id !== null && user.locations.includes(alarm.location_id);
}
