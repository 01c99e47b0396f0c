import fs from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthority } from '../../lib/gateway/auth';
import { handleAlarmsQuery } from '../../lib/http/alarms';
import type { Alarm } from '../../lib/protocol';
import type { Services } from '../../lib/server/services';
import { manager, openService, tempDataDir } from './support';

const tokens = new TokenAuthority('alarm-route-test-secret-0123456789');
const dataDir = tempDataDir();
const { service } = openService(dataDir);
let server: Server;
let base: string;
let main: Alarm;
let other: Alarm;
let floorWide: Alarm;
let cleared: Alarm;

beforeAll(async () => {
  main = await service.raise({ kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'T-19 offline' });
  other = await service.raise({ kind: 'device_offline', source_ref: 'T-40', location_id: 'loc-vip', message: 'T-40 offline' });
  floorWide = await service.raise({ kind: 'source_disconnected', source_ref: 'jackpot', location_id: null, message: 'jackpot feed down' });
  cleared = await service.raise({ kind: 'device_offline', source_ref: 'T-20', location_id: 'loc-main', message: 'T-20 offline' });
  await service.ack(cleared.alarm_id, manager);
  await service.clear('device_offline', 'T-20');
  const services = { tokens, alarms: service } as unknown as Services;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void handleAlarmsQuery(req, res, services, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/alarms`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  service.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function get(query: string, token?: string) {
  const res = await fetch(`${base}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as { alarms?: Alarm[]; error?: string; message?: string; required_permission?: string } };
}
const ids = (alarms: Alarm[] | undefined) => (alarms ?? []).map((a) => a.alarm_id).sort();
const mint = (role: 'operator' | 'manager' | 'sportsbook' | 'admin', locations?: string[]) =>
  tokens.mint({ user_id: `u-${role}`, name: role, role, locations });

describe('GET /api/v1/alarms', () => {
  it('answers 401 without a token or with a bad one', async () => {
    expect(await get('')).toEqual({ status: 401, body: { error: 'unauthorized' } });
    expect(await get('', 'not-a-jwt')).toEqual({ status: 401, body: { error: 'unauthorized' } });
    const foreign = await new TokenAuthority('some-other-secret-0123456789').mint({ user_id: 'u', name: 'u', role: 'admin' });
    expect((await get('', foreign)).status).toBe(401);
  });

  it('answers 403 naming alerts.read for a sportsbook token', async () => {
    expect(await get('', await mint('sportsbook'))).toEqual({ status: 403, body: { error: 'unauthorized', required_permission: 'alerts.read' } });
  });

  it('lists every alarm, cleared ones included, for an operator', async () => {
    const { status, body } = await get('', await mint('operator'));
    expect(status).toBe(200);
    expect(ids(body.alarms)).toEqual(ids([main, other, floorWide, cleared]));
    expect(body.alarms?.find((a) => a.alarm_id === cleared.alarm_id)).toMatchObject({ state: 'cleared', acked_by: 'Maya Chen' });
  });

  it('filters by state and since, treating empty parameters as absent', async () => {
    const token = await mint('manager');
    expect(ids((await get('?state=cleared', token)).body.alarms)).toEqual([cleared.alarm_id]);
    expect(ids((await get('?state=&since=', token)).body.alarms)).toHaveLength(4);
    expect((await get('?since=2999-01-01T00:00:00Z', token)).body.alarms).toEqual([]);
    expect(ids((await get('?since=2000-01-01T00:00:00%2B02:00&state=unacked', token)).body.alarms)).toEqual(ids([main, other, floorWide]));
  });

  it('answers 400 invalid_params with an actionable message for a bad query', async () => {
    const token = await mint('admin');
    const badState = await get('?state=open', token);
    expect(badState).toMatchObject({ status: 400, body: { error: 'invalid_params', message: expect.stringContaining('cleared_unacked') } });
    const badSince = await get('?since=yesterday', token);
    expect(badSince).toMatchObject({ status: 400, body: { error: 'invalid_params', message: expect.stringContaining('ISO-8601') } });
  });

  it('shows a location-restricted token only the alarms at its locations', async () => {
    const { body } = await get('', await mint('operator', ['loc-main']));
    expect(ids(body.alarms)).toEqual(ids([main, cleared]));
    expect((await get('', await mint('admin', []))).body.alarms).toEqual([]);
  });
});
