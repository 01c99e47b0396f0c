import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../server/services';
import { ALARM_DETAIL_PREFIX, handleAlarmDetail } from './alarm-detail';
import { handleAlarmStats } from './alarm-stats';
import { handleAlarmsQuery } from './alarms';
import { handleDevLogin } from './dev-login';
import { handleHealth } from './health';
import { handleIngest } from './ingest';
import { handleMetrics } from './metrics';
import { handleMockStream } from './mock-stream';
import { sendError } from './respond';

/** An API endpoint: parse, call lib, answer. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, services: Services, url: URL) => void | Promise<void>;

/** The machine API the gateway answers itself, on the same port as the pages (docs/protocol.md §1). */
const ROUTES: Record<string, Partial<Record<string, RouteHandler>>> = {
  '/api/v1/events': { POST: handleIngest },
  '/api/v1/alarms': { GET: handleAlarmsQuery },
  // Before the `{alarm_id}` prefix below: `stats` is not an alarm id.
  '/api/v1/alarms/stats': { GET: handleAlarmStats },
  '/api/health': { GET: handleHealth },
  '/api/metrics': { GET: handleMetrics },
  '/api/mock-stream': { GET: handleMockStream, POST: handleMockStream },
  '/api/auth/dev-login': { POST: handleDevLogin },
};

/** `/api/v1/alarms/{alarm_id}`: every path under the alarm list that is not an exact route above. */
const ALARM_DETAIL: Partial<Record<string, RouteHandler>> = { GET: handleAlarmDetail };

/** Answers a request on one of the gateway's paths; returns false for every other path so Next serves it. */
export function routeHttp(req: IncomingMessage, res: ServerResponse, services: Services): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const methods = ROUTES[url.pathname] ?? (url.pathname.startsWith(ALARM_DETAIL_PREFIX) ? ALARM_DETAIL : undefined);
  if (!methods) return false;
  const handler = methods[req.method ?? 'GET'];
  if (!handler) {
    res.setHeader('allow', Object.keys(methods).join(', '));
    sendError(res, 405, 'method_not_allowed');
    return true;
  }
  Promise.resolve()
    .then(() => handler(req, res, services, url))
    .catch((err: unknown) => {
      services.logger.error({ err, path: url.pathname }, 'API handler failed');
      if (!res.headersSent) sendError(res, 500, 'internal_error');
      else res.destroy();
    });
  return true;
}
