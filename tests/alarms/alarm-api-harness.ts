import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { TokenAuthority } from '../../lib/gateway/auth';
import type { AlarmService } from '../../lib/gateway/alarms/types';
import { routeHttp } from '../../lib/http/routes';
import type { Role } from '../../lib/protocol';
import type { Services } from '../../lib/server/services';

/** `/api/v1/alarms` served over real HTTP on 127.0.0.1 from an alarm service, with tokens to call it. */
export async function startAlarmApi(service: AlarmService) {
  const tokens = new TokenAuthority('alarm-history-test-secret-0123456789');
  const services = { tokens, alarms: service, logger: pino({ level: 'silent' }) } as unknown as Services;
  const server: Server = createServer((req, res) => {
    if (!routeHttp(req, res, services)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/alarms`;
  return {
    mint: (role: Role, locations?: string[]) => tokens.mint({ user_id: `u-${role}`, name: role, role, locations }),
    /** GETs a path under `/api/v1/alarms`; the body parsed as JSON when it is JSON, else as text. */
    async get<T>(path: string, token?: string, headers: Record<string, string> = {}) {
      const res = await fetch(`${base}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      const type = res.headers.get('content-type') ?? '';
      const body = type.startsWith('application/json') ? ((await res.json()) as T) : ((await res.text()) as T);
      return { status: res.status, type, body };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
