import { afterEach, describe, expect, it } from 'vitest';
import { createJackpotConnector } from './jackpot-connector';
import { createSources } from './index';
import { counterValue, fakeDeps } from './test-support/fakes';
import { COMMUNITY_PAYOUT_ERROR, JACKPOT_UPDATE, JACKPOT_WIN, OPT_IN } from './test-support/jackpot-fixtures';
import { FAST, startUpstream, waitFor } from './test-support/ws-harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('jackpot connector against a live WebSocket', () => {
  it('authenticates first, dedups by event_id, raises payout alarms and survives bad frames', async () => {
    const f = fakeDeps();
    const upstream = await startUpstream();
    const connector = createJackpotConnector({ deps: f.deps, timing: FAST });
    cleanups.push(connector.close, upstream.close);
    connector.start(upstream.url, 'thrill-jwt');
    const conn = await upstream.connection(1);
    await waitFor(() => conn.frames.length === 1);
    expect(JSON.parse(conn.frames[0])).toEqual({ action: { Authenticate: { auth_token: 'thrill-jwt' } } });

    for (const frame of [JACKPOT_UPDATE, '{broken', JACKPOT_UPDATE, { event_type: 'Nope', event_id: 'n', data: {} }, JACKPOT_WIN, JACKPOT_WIN, OPT_IN, COMMUNITY_PAYOUT_ERROR, COMMUNITY_PAYOUT_ERROR]) {
      conn.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    }
    await waitFor(() => f.raised.length === 1 && f.named('player.opt_in').length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(f.events.filter((e) => e.channel !== 'system').map((e) => [e.event, e.id])).toEqual([
      ['jackpot.updated', JACKPOT_UPDATE.event_id],
      ['jackpot.won', JACKPOT_WIN.event_id],
      ['jackpot.opt_in', OPT_IN.event_id],
      ['player.opt_in', OPT_IN.event_id],
    ]);
    expect(f.raised).toEqual([expect.objectContaining({ kind: 'payout_error', source_ref: 'jp-grand:round-77' })]);
    expect(await counterValue(f.metrics.badInput, { source: 'jackpot' })).toBe(2);
    const [snapshot] = connector.snapshot({}, { user_id: 'u', name: 'U', role: 'operator' }) as { pots: unknown[] }[];
    expect(snapshot.pots).toHaveLength(2);
  });

  it('keeps retrying with backoff when the platform closes on a refused token', async () => {
    const f = fakeDeps();
    const upstream = await startUpstream();
    cleanups.push(upstream.close);
    const connector = createJackpotConnector({ deps: f.deps, timing: FAST });
    cleanups.push(connector.close);
    connector.start(upstream.url, 'bad');
    for (let n = 1; n <= 3; n++) {
      const conn = await upstream.connection(n);
      await waitFor(() => conn.frames.length === 1);
      conn.ws.close(4401, 'authentication failed');
    }
    await waitFor(() => f.named('source.disconnected').length >= 3);
    expect(connector.health().connected).toBe(false);
  });
});

describe('upstream endpoints', () => {
  it('sends a configured platform only its configured token, never the embedded mock\'s', async () => {
    const upstream = await startUpstream();
    cleanups.push(upstream.close);
    const f = fakeDeps({ JACKPOT_WS_URL: upstream.url });
    const sources = createSources({ ...f.deps, config: f.config, defaultFloor: null, defaultUpstream: (name) => ({ url: `ws://127.0.0.1:9/mock/${name}`, token: 'mock-upstream-token' }) });
    cleanups.push(sources.close);
    sources.start('http://127.0.0.1:9');
    const conn = await upstream.connection(1);
    await waitFor(() => conn.frames.length === 1);
    expect(JSON.parse(conn.frames[0])).toEqual({ action: { Authenticate: { auth_token: '' } } });
  });
});
