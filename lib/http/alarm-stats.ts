import { AlarmStatsQuerySchema } from '../protocol';
import { alarmReader, parseQuery, queryLocations } from './alarm-access';
import type { RouteHandler } from './routes';
import { sendError, sendJson } from './respond';

/** The range stats cover unless asked: the last twelve hours, about one shift. */
export const DEFAULT_STATS_RANGE_MS = 12 * 3600_000;

/**
 * `GET /api/v1/alarms/stats?since=&until=&location_id=` (bearer, `alerts.read`): the alarm load of a range
 * as ISA-18.2 measures it, over the alarms the token may see.
 */
export const handleAlarmStats: RouteHandler = async (req, res, { tokens, alarms }, url) => {
  const user = await alarmReader(req, res, tokens);
  if (!user) return;
  const query = parseQuery(res, url, AlarmStatsQuerySchema);
  if (!query) return;
  const locations = queryLocations(res, user, query.location_id);
  if (!locations) return;
  const untilMs = query.until === undefined ? Date.now() : Date.parse(query.until);
  const sinceMs = query.since === undefined ? untilMs - DEFAULT_STATS_RANGE_MS : Date.parse(query.since);
  if (sinceMs >= untilMs) return sendError(res, 400, 'invalid_params', { message: 'since must be before until' });
  sendJson(res, 200, await alarms.stats({ sinceMs, untilMs, locationIds: locations.ids }));
};
