import { z } from 'zod';
import { ALARM_KINDS, ALARM_STATES, SEVERITIES } from './alarm';

/** Most alarms one page of `GET /api/v1/alarms` may hold, and how many it holds unless asked. */
export const ALARM_PAGE = { max: 1000, default: 100 } as const;

const isoTime = z.iso.datetime({ offset: true });

/** A comma-separated list of known values, e.g. `state=unacked,cleared_unacked`. */
function commaList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(values)).min(1));
}

/** Query parameters of `GET /api/v1/alarms` (docs/protocol.md §11.2). */
export const AlarmListQuerySchema = z.object({
  state: commaList(ALARM_STATES).optional(),
  severity: commaList(SEVERITIES).optional(),
  kind: commaList(ALARM_KINDS).optional(),
  location_id: z.string().min(1).max(200).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ALARM_PAGE.max).optional(),
  cursor: z.string().max(200).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export type AlarmListQuery = z.infer<typeof AlarmListQuerySchema>;

/** Query parameters of `GET /api/v1/alarms/stats`. */
export const AlarmStatsQuerySchema = z.object({
  since: isoTime.optional(),
  until: isoTime.optional(),
  location_id: z.string().min(1).max(200).optional(),
});
export type AlarmStatsQuery = z.infer<typeof AlarmStatsQuerySchema>;

const ISO_HINT = 'an ISO-8601 date-time with a zone, e.g. 2025-05-11T11:00:00Z';

/** What to tell a caller about each parameter it got wrong. */
export const ALARM_QUERY_HINTS: Record<string, string> = {
  state: `state must be a comma-separated list of ${ALARM_STATES.join(', ')}`,
  severity: `severity must be a comma-separated list of ${SEVERITIES.join(', ')}`,
  kind: `kind must be a comma-separated list of ${ALARM_KINDS.join(', ')}`,
  location_id: 'location_id must be a location id of 1 to 200 characters',
  since: `since must be ${ISO_HINT}`,
  until: `until must be ${ISO_HINT}`,
  q: 'q must be at most 200 characters',
  limit: `limit must be a whole number from 1 to ${ALARM_PAGE.max}`,
  cursor: 'cursor must be a next_cursor this API returned',
  format: 'format must be json or csv',
};
