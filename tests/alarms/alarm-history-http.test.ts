import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm, AlarmTransition, Role } from '../../lib/protocol';
import { startAlarmApi } from './alarm-api-harness';
import { seedStats } from './alarm-stats-seed';
import { manager, openService, otherManager, tempDataDir } from './support';

const dataDir = tempDataDir();
let clock = Date.parse('2025-05-11T00:00:00Z');
const at = (iso: string) => (clock = Date.parse(iso));
// Flood alarms would add rows of their own to every figure below; the flood detector has its own tests.
const { service } = openService(dataDir, { now: () => clock, floodLimits: { windowMs: 600_000, tripAbove: 1e9, clearBelow: 1 } });
let api: Awaited<ReturnType<typeof startAlarmApi>>;

const BULK = 1150;
const VIP = 30;
let total = 0;
let handled: Alarm;
let tricky: Alarm;

beforeAll(async () => {
  await service.batch(() => {
    for (let i = 0; i < BULK; i++) {
      if (i % 3 === 0) clock += 1000; // runs of three alarms share a raised_at: the cursor must break ties
      void service.raise({ kind: 'device_offline', source_ref: `BULK-${i}`, location_id: 'loc-main', message: `Slot machine BULK-${i} at Main Floor is offline` });
    }
    for (let i = 0; i < VIP; i++) void service.raise({ kind: 'device_offline', source_ref: `VIP-${i}`, location_id: 'loc-vip', message: `Terminal VIP-${i} at VIP Lounge is offline` });
  });
  await service.raise({ kind: 'source_disconnected', source_ref: 'jackpot', location_id: null, message: 'Source jackpot disconnected for 30 s' });
  tricky = await service.raise({ kind: 'casino_alert', source_ref: 'SLOT-A1:doorOpen', location_id: 'loc-main', message: '=SUM(A1), "door" open\nagain', severity: 'critical' });
  at('2025-05-11T01:00:00Z');
  handled = await service.raise({ kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 at Main Floor is offline' });
  at('2025-05-11T01:00:30Z');
  await service.raise({ kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-main', message: 'Terminal T-19 at Main Floor is offline' });
  at('2025-05-11T01:01:00Z');
  await service.shelve(handled.alarm_id, otherManager, 60, 'technician on site');
  at('2025-05-11T01:02:00Z');
  await service.unshelve(handled.alarm_id, otherManager);
  at('2025-05-11T01:03:00Z');
  await service.ack(handled.alarm_id, manager, 'reset the terminal');
  at('2025-05-11T01:04:00Z');
  handled = (await service.clear('device_offline', 'T-19'))!;
  total = BULK + VIP + 3;
  await seedStats(service, at);

  api = await startAlarmApi(service);
}, 60_000);
afterAll(async () => {
  await api.close();
  service.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Page = { alarms: Alarm[]; next_cursor: string | null; error?: string; message?: string };
const mint = (role: Role, locations?: string[]) => api.mint(role, locations);
const get = <T = Page>(path: string, token?: string, headers: Record<string, string> = {}) => api.get<T>(path, token, headers);

/** Every alarm of a query, page by page, following next_cursor to the end. */
async function walk(query: string, token: string, limit: number): Promise<{ alarms: Alarm[]; pages: number }> {
  const alarms: Alarm[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { status, body }: { status: number; body: Page } = await get(`?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    expect(status).toBe(200);
    alarms.push(...body.alarms);
    cursor = body.next_cursor;
    pages++;
  } while (cursor);
  return { alarms, pages };
}

function newestFirst(alarms: Alarm[]): boolean {
  return alarms.every((a, i) => i === 0 || Date.parse(alarms[i - 1].raised_at) > Date.parse(a.raised_at) || (alarms[i - 1].raised_at === a.raised_at && alarms[i - 1].alarm_id > a.alarm_id));
}

describe('GET /api/v1/alarms: pages', () => {
  it('answers 100 alarms by default, newest raised first, with a cursor to the next page', async () => {
    const { status, body } = await get('', await mint('admin'));
    expect(status).toBe(200);
    expect(body.alarms).toHaveLength(100);
    expect(newestFirst(body.alarms)).toBe(true);
    expect(body.next_cursor).toEqual(expect.any(String));
  });

  it('takes limit 1 and 1000, and refuses 0, 1001 and non-numbers', async () => {
    const token = await mint('admin');
    const one = await get('?limit=1', token);
    expect(one.body.alarms).toHaveLength(1);
    expect(one.body.alarms[0].source_ref).toBe('C-1:doorOpen');
    expect((await get('?limit=1000', token)).body.alarms).toHaveLength(1000);
    for (const bad of ['0', '1001', 'ten', '2.5']) {
      expect(await get(`?limit=${bad}`, token)).toMatchObject({ status: 400, body: { error: 'invalid_params', message: expect.stringContaining('1 to 1000') } });
    }
  });

  it('walks every alarm once with the cursor, cleared history included, whatever the page size', async () => {
    const token = await mint('admin');
    const all = await walk('', token, 1000);
    expect(all.alarms).toHaveLength(total + 1 + 12 + 1);
    expect(new Set(all.alarms.map((a) => a.alarm_id)).size).toBe(all.alarms.length);
    expect(newestFirst(all.alarms)).toBe(true);
    expect(all.alarms.find((a) => a.alarm_id === handled.alarm_id)).toMatchObject({ state: 'cleared', acked_by: 'Maya Chen' });
    const small = await walk('', token, 7);
    expect(small.alarms.map((a) => a.alarm_id)).toEqual(all.alarms.map((a) => a.alarm_id));
    const single = await walk('location_id=loc-vip', token, 1);
    expect(single.pages).toBe(VIP);
  });

  it('keeps a walk stable while new alarms are raised', async () => {
    const token = await mint('admin');
    const first = await get('?location_id=loc-vip&limit=10', token);
    at('2025-05-13T00:00:00Z');
    await service.raise({ kind: 'device_offline', source_ref: 'VIP-NEW', location_id: 'loc-vip', message: 'Terminal VIP-NEW is offline' });
    const rest = await walk(`location_id=loc-vip&cursor=${first.body.next_cursor}`, token, 10);
    const ids = [...first.body.alarms, ...rest.alarms].map((a) => a.source_ref);
    expect(ids).toHaveLength(VIP);
    expect(ids).not.toContain('VIP-NEW');
  });

  it('refuses a cursor it did not give out', async () => {
    const token = await mint('admin');
    for (const bad of ['nonsense', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect(await get(`?cursor=${bad}`, token)).toMatchObject({ status: 400, body: { error: 'invalid_params', message: expect.stringContaining('cursor') } });
    }
  });
});

describe('GET /api/v1/alarms: filters', () => {
  it('filters by comma lists of state, severity and kind', async () => {
    const token = await mint('manager');
    const cleared = await walk('state=cleared,acked', token, 1000);
    expect(cleared.alarms.map((a) => a.source_ref).sort()).toEqual(['S-0', 'S-1', 'S-2', 'S-3', 'T-19']);
    expect((await get('?severity=critical', token)).body.alarms.map((a) => a.alarm_id)).toEqual([tricky.alarm_id]);
    // The last two were raised in the same millisecond: their order is the alarm ids', not the test's.
    const kinds = (await get('?kind=source_disconnected,casino_alert&limit=10', token)).body.alarms.map((a) => a.source_ref);
    expect(kinds[0]).toBe('C-1:doorOpen');
    expect(kinds.slice(1).sort()).toEqual(['SLOT-A1:doorOpen', 'jackpot']);
  });

  it('filters by raised time, since inclusive and until exclusive', async () => {
    const token = await mint('manager');
    const { body } = await get('?since=2025-05-12T10:00:00Z&until=2025-05-12T10:01:00Z', token);
    expect(body.alarms.map((a) => a.source_ref)).toEqual(['S-5', 'S-4', 'S-3', 'S-2', 'S-1', 'S-0']);
    expect((await get('?since=2025-05-12T12:00:00%2B02:00&until=2025-05-12T10:00:10Z', token)).body.alarms.map((a) => a.source_ref)).toEqual(['S-0']);
  });

  it('searches message, source_ref and acked_by, ignoring case', async () => {
    const token = await mint('manager');
    expect((await get('?q=maya', token)).body.alarms.map((a) => a.source_ref).sort()).toEqual(['S-0', 'S-1', 'S-2', 'S-3', 'T-19']);
    expect((await get('?q=t-19', token)).body.alarms.map((a) => a.alarm_id)).toEqual([handled.alarm_id]);
    expect((await get('?q=VIP Lounge&limit=1000', token)).body.alarms).toHaveLength(VIP);
    expect((await get('?q=%25', token)).body.alarms).toEqual([]); // % is a character, not a wildcard
  });

  it('answers 400 invalid_params naming what each parameter takes', async () => {
    const token = await mint('admin');
    const cases: [string, string][] = [
      ['state=open', 'cleared_unacked'],
      ['severity=urgent', 'critical, high, medium, low'],
      ['kind=tilt', 'device_offline'],
      ['since=yesterday', 'ISO-8601'],
      ['until=2025-13-01', 'ISO-8601'],
      ['format=xml', 'json or csv'],
    ];
    for (const [query, hint] of cases) {
      expect(await get(`?${query}`, token)).toMatchObject({ status: 400, body: { error: 'invalid_params', message: expect.stringContaining(hint) } });
    }
  });
});

describe('GET /api/v1/alarms: who sees what', () => {
  it('answers 401 without a valid token and 403 without alerts.read', async () => {
    expect((await get('')).status).toBe(401);
    expect(await get('', await mint('sportsbook'))).toMatchObject({ status: 403, body: { error: 'unauthorized', required_permission: 'alerts.read' } });
  });

  it('shows a location-restricted token only its locations, and refuses a location_id outside them', async () => {
    const token = await mint('operator', ['loc-vip']);
    const seen = await walk('', token, 1000);
    expect(seen.alarms.every((a) => a.location_id === 'loc-vip')).toBe(true);
    expect(seen.alarms.length).toBeGreaterThanOrEqual(VIP);
    expect(await get('?location_id=loc-main', token)).toMatchObject({ status: 403, body: { error: 'unauthorized' } });
    expect((await get('?q=jackpot', token)).body.alarms).toEqual([]);
    expect((await get('', await mint('admin', []))).body.alarms).toEqual([]);
  });
});

describe('GET /api/v1/alarms as CSV', () => {
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    const endField = () => {
      row.push(field);
      field = '';
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted && c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (quoted && c === '"') quoted = false;
      else if (quoted) field += c;
      else if (c === '"') quoted = true;
      else if (c === ',') endField();
      else if (c === '\r' && text[i + 1] === '\n') {
        endField();
        rows.push(row);
        row = [];
        i++;
      } else field += c;
    }
    return rows;
  }

  it('streams every matching alarm, all pages joined, with a header and RFC 4180 quoting', async () => {
    const token = await mint('manager');
    const { status, type, body } = await get<string>('?location_id=loc-main', token, { accept: 'text/csv' });
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/csv/);
    const rows = parseCsv(body);
    expect(rows[0]).toEqual(['alarm_id', 'kind', 'severity', 'state', 'shelved_until', 'source_ref', 'location_id', 'message', 'count', 'raised_at', 'acked_at', 'acked_by', 'cleared_at', 'note']);
    expect(rows).toHaveLength(1 + BULK + 2);
    const trickyRow = rows.find((r) => r[0] === tricky.alarm_id);
    expect(trickyRow?.[7]).toBe(`'=SUM(A1), "door" open\nagain`);
    expect(rows.find((r) => r[0] === handled.alarm_id)).toEqual([
      handled.alarm_id, 'device_offline', 'high', 'cleared', '', 'T-19', 'loc-main', 'Terminal T-19 at Main Floor is offline',
      '2', handled.raised_at, '2025-05-11T01:03:00.000Z', 'Maya Chen', '2025-05-11T01:04:00.000Z', 'reset the terminal',
    ]);
  });

  it('answers CSV for format=csv too, filtered and scoped like JSON', async () => {
    const { body } = await get<string>('?format=csv&state=cleared', await mint('operator', ['loc-main']));
    expect(parseCsv(body).map((r) => r[5])).toEqual(['source_ref', 'T-19']);
  });
});

describe('GET /api/v1/alarms/{alarm_id}', () => {
  it('answers the alarm and its whole audit trail, oldest first', async () => {
    const { status, body } = await get<{ alarm: Alarm; transitions: AlarmTransition[] }>(`/${handled.alarm_id}`, await mint('operator'));
    expect(status).toBe(200);
    expect(body.alarm).toEqual(handled);
    expect(body.transitions.map((t) => [t.action, t.from, t.to, t.by_name, t.note, t.reason, t.count])).toEqual([
      ['raise', null, 'unacked', 'system', null, null, 1],
      ['repeat', 'unacked', 'unacked', 'system', null, null, 2],
      ['shelve', 'unacked', 'unacked', 'Sam Ortiz', null, 'technician on site', 2],
      ['unshelve', 'unacked', 'unacked', 'Sam Ortiz', null, null, 2],
      ['ack', 'unacked', 'acked', 'Maya Chen', 'reset the terminal', null, 2],
      ['clear', 'acked', 'cleared', 'system', null, null, 2],
    ]);
    expect(body.transitions[2]).toMatchObject({ at: '2025-05-11T01:01:00.000Z', by: 'user-sam-ortiz', shelved_until: '2025-05-11T02:01:00.000Z' });
  });

  it('answers 404 alarm_not_found for an unknown id and for one outside the token\'s locations', async () => {
    expect(await get('/alm-nope', await mint('admin'))).toMatchObject({ status: 404, body: { error: 'alarm_not_found' } });
    expect(await get(`/${handled.alarm_id}`, await mint('manager', ['loc-vip']))).toMatchObject({ status: 404, body: { error: 'alarm_not_found' } });
    expect((await get(`/${handled.alarm_id}`, await mint('manager', ['loc-main']))).status).toBe(200);
    expect((await get(`/${handled.alarm_id}`)).status).toBe(401);
    expect((await get(`/${handled.alarm_id}`, await mint('sportsbook'))).status).toBe(403);
  });
});
