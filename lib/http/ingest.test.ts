import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleIngest } from './ingest';
import type { Services } from '../server/services';
import { createSources } from '../sources';
import { fakeDeps } from '../sources/test-support/fakes';

const f = fakeDeps({ INGEST_API_KEYS: 'key-a,key-b' });
const sources = createSources({ ...f.deps, config: f.config, defaultFloor: null });
const services = { config: f.config, metrics: f.metrics, logger: f.logger, sources } as unknown as Services;
const BET = { event: 'gameround', data: { unique_id: 'bet-1', timestamp: '2025-01-15T12:00:00Z', player_id: 'StQ-1', game_id: 'GD8', round_id: 'r-1', amount: 0.5, currency: 'EUR', is_win: false, is_bonus: false } };

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => void handleIngest(req, res, services, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/events`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'x-api-key': 'key-b', 'content-type': 'application/json', ...headers }, body });
}

describe('POST /api/v1/events', () => {
  it('answers 204 for a valid batch and publishes it', async () => {
    const before = f.events.length;
    const res = await post(JSON.stringify({ items: [BET] }));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(f.events.slice(before).map((e) => e.event)).toEqual(['bet.placed']);
  });

  it('answers 204 again for the duplicate without publishing', async () => {
    const before = f.events.length;
    expect((await post(JSON.stringify({ items: [BET] }))).status).toBe(204);
    expect(f.events.length).toBe(before);
  });

  it('answers 401 for a missing or unknown key', async () => {
    const missing = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: 'unauthorized' });
    expect((await post('{}', { 'x-api-key': 'nope' })).status).toBe(401);
  });

  it('answers 415 for a body that is not JSON by type', async () => {
    const res = await post('items', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'unsupported_media_type' });
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const res = await post('{"items": [');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json' });
  });

  it('answers 413 over 1 MiB and over 1000 items', async () => {
    const big = await post(JSON.stringify({ items: [{ event: 'login', data: { pad: 'x'.repeat(1024 * 1024) } }] }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'too_large' });
    const many = await post(JSON.stringify({ items: Array.from({ length: 1001 }, () => BET) }));
    expect(many.status).toBe(413);
    expect(await many.json()).toMatchObject({ error: 'too_large' });
  });

  it('answers 400 invalid_items listing every bad item and publishes none', async () => {
    const before = f.events.length;
    const good = { ...BET, data: { ...BET.data, unique_id: 'bet-2' } };
    const res = await post(JSON.stringify({ items: [good, { event: 'deposit', data: { unique_id: 'd' } }, good, { event: 'gameround' }] }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; items: { index: number; message: string }[] };
    expect(body.error).toBe('invalid_items');
    expect(body.items.map((i) => i.index)).toEqual([1, 3]);
    expect(body.items.every((i) => i.message.length > 0)).toBe(true);
    expect(f.events.length).toBe(before);
  });

  it('answers 400 invalid_items for no items', async () => {
    const res = await post(JSON.stringify({ items: [] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_items', items: [], message: expect.any(String) });
  });
});
