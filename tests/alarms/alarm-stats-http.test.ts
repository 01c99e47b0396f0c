import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmStats } from '../../lib/protocol';
import { startAlarmApi } from './alarm-api-harness';
import { seedStats } from './alarm-stats-seed';
import { openService, tempDataDir } from './support';

/* `GET /api/v1/alarms/stats` over real HTTP, against the alarm load seeded below. */

const dataDir = tempDataDir();
let clock = Date.parse('2025-05-11T00:00:00Z');
const at = (iso: string) => (clock = Date.parse(iso));
// Flood alarms would add rows of their own to every figure below; the flood detector has its own tests.
const { service } = openService(dataDir, { now: () => clock, floodLimits: { windowMs: 600_000, tripAbove: 1e9, clearBelow: 1 } });
let api: Awaited<ReturnType<typeof startAlarmApi>>;
const mint: typeof api.mint = (role, locations) => api.mint(role, locations);
const get = <T>(path: string, token?: string) => api.get<T>(path, token);

beforeAll(async () => {
  await seedStats(service, at);
  api = await startAlarmApi(service);
}, 60_000);
afterAll(async () => {
  await api.close();
  service.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/v1/alarms/stats', () => {
  const range = 'since=2025-05-12T10:00:00Z&until=2025-05-12T12:00:00Z';

  it('measures the alarm load of a range as ISA-18.2 does', async () => {
    const { status, body } = await get<AlarmStats>(`/stats?${range}&location_id=loc-stats`, await mint('manager'));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      raised: 13,
      acknowledged: 4,
      mtta_s: 285,
      mttr_s: 600,
      max_per_10min: 12,
      // Eleven or more in the preceding ten minutes from 10:01:40 (the 11th) to 10:10:10 (the 2nd leaves): 510 s of 7,200.
      flood_time_pct: 7.1,
      standing: 1,
      chattering: [{ kind: 'casino_alert', source_ref: 'C-1:doorOpen', count: 3 }],
    });
    expect(body.top).toHaveLength(10);
    // Each source carries its latest message and place, so a report can name it as staff know it.
    expect(body.top[0]).toEqual({ kind: 'casino_alert', source_ref: 'C-1:doorOpen', count: 3, message: expect.any(String), location_id: 'loc-stats' });
  });

  it('covers the last twelve hours unless asked, and answers null means when nothing was acknowledged', async () => {
    const { body } = await get<AlarmStats>('/stats', await mint('admin'));
    expect(Date.parse(body.until) - Date.parse(body.since)).toBe(12 * 3600_000);
    expect(body).toMatchObject({ raised: 0, acknowledged: 0, mtta_s: null, mttr_s: null, max_per_10min: 0, flood_time_pct: 0, chattering: [], top: [] });
  });

  it('counts only the alarms a token may see', async () => {
    const vip = await mint('operator', ['loc-vip']);
    expect((await get<AlarmStats>(`/stats?${range}`, vip)).body).toMatchObject({ raised: 0, acknowledged: 0, top: [] });
    expect(await get(`/stats?${range}&location_id=loc-stats`, vip)).toMatchObject({ status: 403, body: { error: 'unauthorized' } });
    expect((await get<AlarmStats>(`/stats?${range}`, await mint('admin'))).body.raised).toBe(13);
  });

  it('refuses a bad or empty range', async () => {
    const token = await mint('admin');
    expect(await get('/stats?since=noon', token)).toMatchObject({ status: 400, body: { error: 'invalid_params', message: expect.stringContaining('since') } });
    expect(await get('/stats?since=2025-05-12T12:00:00Z&until=2025-05-12T10:00:00Z', token)).toMatchObject({ status: 400, body: { message: 'since must be before until' } });
  });
});
