import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthority } from '../gateway/auth';
import { loadConfig } from '../runtime/config';
import { createMetrics } from '../runtime/metrics';
import { memoryEngines } from '../server/engines';
import type { Services } from '../server/services';
import { routeHttp } from './routes';

const config = loadConfig({ AUTH_SECRET: 'route-test-secret-0123456789' });
const tokens = new TokenAuthority(config.authSecret);
const services = {
  config,
  tokens,
  logger: pino({ level: 'silent' }),
  metrics: createMetrics(),
  hub: { connectionCount: () => 3 },
  engines: memoryEngines({ nodeId: 'node-test' }),
  sources: { health: () => ({ exchange: { connected: true, last_event_at: null } }) },
  startedAt: Date.now() - 4000,
} as unknown as Services;

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!routeHttp(req, res, services)) res.writeHead(299).end('next');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('gateway HTTP routes', () => {
  it('answers health with uptime, connections and sources', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      node_id: 'node-test',
      engine: 'memory',
      database: 'sqlite',
      uptime_s: 4,
      connections: 3,
      sources: { exchange: { connected: true, last_event_at: null } },
    });
  });

  it('answers health 503 while the shared store is unreachable', async () => {
    const away = { ...services, engines: { ...services.engines, engine: 'redis', ready: () => false } } as Services;
    const down = createServer((req, res) => void routeHttp(req, res, away));
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(down.address() as AddressInfo).port}/api/health`);
    await new Promise<void>((resolve) => down.close(() => resolve()));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', engine: 'redis', node_id: 'node-test' });
  });

  it('serves Prometheus text', async () => {
    const res = await fetch(`${base}/api/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('floor_ws_connections');
  });

  it('mints a token the gateway accepts from the dev login', async () => {
    const res = await fetch(`${base}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Maya Chen', role: 'manager' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string };
    expect(await tokens.verify(body.token)).toMatchObject({ ok: true, user: { user_id: 'user-maya-chen', name: 'Maya Chen', role: 'manager' } });
  });

  it('refuses a dev login with an unknown role', async () => {
    const res = await fetch(`${base}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Eve', role: 'owner' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_params' });
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const res = await fetch(`${base}/api/health`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('leaves every other path to the pages', async () => {
    const res = await fetch(`${base}/alarms`);
    expect(res.status).toBe(299);
  });
});
