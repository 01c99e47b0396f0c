import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleIngest } from '../http/ingest';
import { createMockStream } from './index';
import { MOCK_UPSTREAM_TOKEN } from './endpoints';
import { healthCheckFrame } from './exchange-endpoint';
import type { Services } from '../server/services';
import { createSources } from '../sources';
import { parseExchangeFrame } from '../sources/exchange-frames';
import { fakeDeps, counterValue } from '../sources/test-support/fakes';
import { waitFor } from '../sources/test-support/ws-harness';

const f = fakeDeps({ MOCK_STREAM: '600', MOCK_SEED: '42' });
const mock = createMockStream({ config: f.config, logger: f.logger });
const sources = createSources({ ...f.deps, config: f.config, defaultFloor: mock.floor, defaultUpstream: mock.endpoint, timing: { backoffMinMs: 50, backoffMaxMs: 200 } });
const services = { config: f.config, metrics: f.metrics, logger: f.logger, sources } as unknown as Services;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => void handleIngest(req, res, services, new URL(req.url ?? '/', 'http://x')));
  server.on('upgrade', (req, socket, head) => {
    if (!mock.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mock.start(base);
  sources.start(base);
});
afterAll(async () => {
  mock.close();
  await sources.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Opens a client on a mock path and collects what it receives until it closes. */
function open(path: string) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}${path}`);
  const frames: string[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (d) => frames.push(d.toString()));
  ws.on('error', () => {});
  return { ws, frames, closed, opened: new Promise<void>((resolve) => ws.on('open', () => resolve())) };
}

describe('mock stream feeding the real sources', () => {
  it('plays every format through the sources: game, cash, markets, jackpots, all sources connected', async () => {
    await waitFor(() => ['bet.placed', 'round.won', 'market.selections', 'jackpot.updated', 'cash.deposit'].every((e) => f.named(e).length > 0), 8000);
    await waitFor(() => f.named('source.connected').length === 3);
    expect(sources.health()).toMatchObject({ exchange: { connected: true }, jackpot: { connected: true }, casino: { connected: true }, ingest: { connected: true } });
    expect(await counterValue(f.metrics.badInput, {})).toBe(0);
    const markets = sources.snapshotProviders().find(([c]) => c === 'markets')![1]({}, { user_id: 'u', name: 'U', role: 'admin' }) as { kind: string }[];
    // Matched volume (`traded`) and the operator's open plays (`wager`, admin may see them) follow as the mock plays.
    expect(new Set(markets.map((m) => m.kind).filter((k) => k !== 'traded' && k !== 'wager'))).toEqual(new Set(['tournament', 'sport_event', 'market', 'market_line', 'selections']));
    const jackpots = sources.snapshotProviders().find(([c]) => c === 'jackpots')![1]({}, { user_id: 'u', name: 'U', role: 'admin' }) as { name: string }[];
    expect(jackpots.map((j) => j.name)).toEqual(expect.arrayContaining(['Grand Progressive', 'High Limit Mega', 'Weekly Raffle']));
  });

  it('changes rate and running live', () => {
    expect(mock.status()).toEqual({ running: true, rate_per_s: 600 });
    expect(mock.update({ rate_per_s: 100 })).toEqual({ running: true, rate_per_s: 100 });
    expect(mock.update({ running: false })).toEqual({ running: false, rate_per_s: 100 });
    expect(mock.update({ running: true, rate_per_s: 600 })).toEqual({ running: true, rate_per_s: 600 });
  });

  it('closes a jackpot session whose first frame is not a valid Authenticate', async () => {
    const c = open('/mock/jackpot/events');
    await c.opened;
    c.ws.send(JSON.stringify({ action: { Authenticate: { auth_token: 'wrong' } } }));
    expect(await c.closed).toBe(4401);
  });

  it('sends current pots after a valid Authenticate', async () => {
    const c = open('/mock/jackpot/events');
    await c.opened;
    c.ws.send(JSON.stringify({ action: { Authenticate: { auth_token: MOCK_UPSTREAM_TOKEN } } }));
    await waitFor(() => c.frames.length >= 3);
    expect(JSON.parse(c.frames[0])).toMatchObject({ event_type: 'JackpotUpdateEvent', event_id: expect.any(String), data: { id: 'jp-grand', pots: expect.any(Array) } });
    c.ws.close();
  });

  it('refuses a casino connection without the token', async () => {
    const c = open('/mock/casino');
    expect(await c.closed).toBe(1006);
  });

  it('speaks the exchange envelopes, health_check in the exchange shape', async () => {
    const c = open('/mock/exchange');
    await waitFor(() => c.frames.length >= 5);
    for (const frame of c.frames.slice(0, 5)) expect(parseExchangeFrame(frame)).toMatchObject({ kind: 'change', op: 'c' });
    c.ws.close();
    const beat = healthCheckFrame(1717689526365);
    expect(beat).toEqual({ event: 'health_check', data: { change_type: 'private_system_signal', op: 'u', payload: 'e30=', timestamp: 1717689526365000000 } });
    expect(parseExchangeFrame(JSON.stringify(beat))).toEqual({ kind: 'keepalive' });
  });
});
