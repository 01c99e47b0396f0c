import { alarmReader } from './alarm-access';
import type { RouteHandler } from './routes';
import { sendError, sendJson } from './respond';

/** Path prefix of one alarm: `/api/v1/alarms/{alarm_id}`. */
export const ALARM_DETAIL_PREFIX = '/api/v1/alarms/';

/**
 * `GET /api/v1/alarms/{alarm_id}` (bearer, `alerts.read`): the alarm and its audit trail, oldest first.
 * An alarm outside the token's locations is answered exactly like an unknown one, so its id reveals nothing.
 */
export const handleAlarmDetail: RouteHandler = async (req, res, { tokens, alarms }, url) => {
  const user = await alarmReader(req, res, tokens);
  if (!user) return;
  let alarmId: string;
  try {
    alarmId = decodeURIComponent(url.pathname.slice(ALARM_DETAIL_PREFIX.length));
  } catch {
    return sendError(res, 404, 'alarm_not_found');
  }
  const found = alarmId.length > 0 && alarmId.length <= 200 && !alarmId.includes('/') ? await alarms.detail(alarmId, user) : null;
  if (!found) return sendError(res, 404, 'alarm_not_found');
  sendJson(res, 200, found);
};
