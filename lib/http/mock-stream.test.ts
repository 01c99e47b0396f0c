import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthority } from '../gateway/auth';
import { handleMockStream } from './mock-stream';
import type { MockStream, MockStreamStatus } from '../mock';
import type { Services } from '../server/services';

const tokens = new TokenAuthority('mock-route-test-secret-0123456789');
let status: MockStreamStatus = { running: true, rate_per_s: 40 };
const mock = { status: () => status, update: (p: Partial<MockStreamStatus>) => (status = { ...status, ...p }) } as unknown as MockStream;
let services = { tokens, mock } as unknown as Services;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => void handleMockStream(req, res, services, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mock-stream`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: unknown, role?: 'admin' | 'manager' | 'operator') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (role) headers.authorization = `Bearer ${await tokens.mint({ user_id: 'u1', name: 'Maya', role })}`;
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('/api/mock-stream', () => {
  it('shows the status', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ running: true, rate_per_s: 40 });
  });

  it('changes rate and running for a manager or admin', async () => {
    const res = await post({ rate_per_s: 200 }, 'manager');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ running: true, rate_per_s: 200 });
    expect(await (await post({ running: false }, 'admin')).json()).toEqual({ running: false, rate_per_s: 200 });
  });

  it('refuses a missing token with 401 and an operator with 403', async () => {
    const none = await post({ running: true });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'unauthorized' });
    const operator = await post({ running: true }, 'operator');
    expect(operator.status).toBe(403);
    expect(await operator.json()).toMatchObject({ error: 'forbidden' });
  });

  it('refuses a body with unknown or wrong fields', async () => {
    expect((await post({ rate_per_s: -1 }, 'admin')).status).toBe(400);
    const res = await post({ speed: 3 }, 'admin');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_params' });
  });

  it('answers 404 mock_disabled when the mock is off', async () => {
    services = { tokens, mock: null } as unknown as Services;
    const res = await fetch(url);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'mock_disabled' });
  });
});
