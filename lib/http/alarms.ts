import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlarmFilter, AlarmService } from '../gateway/alarms';
import { ALARM_PAGE, AlarmListQuerySchema, type AlarmListQuery } from '../protocol';
import { alarmReader, parseQuery, queryLocations } from './alarm-access';
import { CSV_COLUMNS, csvRow, writePaced } from './alarm-csv';
import { decodeCursor, encodeCursor } from './alarm-cursor';
import type { RouteHandler } from './routes';
import { sendError, sendJson } from './respond';

/**
 * `GET /api/v1/alarms?state=&severity=&kind=&location_id=&since=&until=&q=&limit=&cursor=` (bearer,
 * `alerts.read`): the whole alarm history, cleared alarms included, newest raised first, in keyset pages;
 * `Accept: text/csv` or `format=csv` streams every page as one CSV (docs/protocol.md §11.2).
 */
export const handleAlarmsQuery: RouteHandler = async (req, res, { tokens, alarms }, url) => {
  const user = await alarmReader(req, res, tokens);
  if (!user) return;
  const query = parseQuery(res, url, AlarmListQuerySchema);
  if (!query) return;
  const locations = queryLocations(res, user, query.location_id);
  if (!locations) return;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (after === null) return sendError(res, 400, 'invalid_params', { message: 'cursor must be a next_cursor this API returned' });
  const filter = toFilter(query, locations.ids, after);
  if (wantsCsv(req, query)) return streamCsv(res, alarms, filter);
  const page = await alarms.page(filter);
  sendJson(res, 200, { alarms: page.alarms, next_cursor: page.next ? encodeCursor(page.next) : null });
};

function toFilter(query: AlarmListQuery, locationIds: string[] | null, after: AlarmFilter['after']): AlarmFilter {
  return {
    states: query.state,
    severities: query.severity,
    kinds: query.kind,
    locationIds,
    sinceMs: query.since === undefined ? undefined : Date.parse(query.since),
    untilMs: query.until === undefined ? undefined : Date.parse(query.until),
    q: query.q,
    limit: query.limit ?? ALARM_PAGE.default,
    after,
  };
}

function wantsCsv(req: IncomingMessage, query: AlarmListQuery): boolean {
  if (query.format) return query.format === 'csv';
  return /\btext\/csv\b/i.test(req.headers.accept ?? '');
}

/** Every matching alarm as CSV, a page at a time so a large history never sits in memory or blocks the loop. */
async function streamCsv(res: ServerResponse, alarms: AlarmService, filter: AlarmFilter): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="alarms.csv"',
    'cache-control': 'no-store',
  });
  let after = filter.after;
  if (!(await writePaced(res, `${CSV_COLUMNS.join(',')}\r\n`))) return;
  for (;;) {
    const page = await alarms.page({ ...filter, limit: ALARM_PAGE.max, after });
    if (page.alarms.length > 0 && !(await writePaced(res, page.alarms.map(csvRow).join('')))) return;
    if (!page.next) break;
    after = page.next;
    // Let other connections in between pages of a long export.
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}
