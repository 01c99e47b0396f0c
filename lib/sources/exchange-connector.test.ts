import { afterEach, describe, expect, it } from 'vitest';
import { createExchangeConnector } from './exchange-connector';
import { HEALTH_CHECK, MARKET, selections } from './test-support/exchange-fixtures';
import { counterValue, fakeDeps } from './test-support/fakes';
import { FAST, envelope, startUpstream, waitFor } from './test-support/ws-harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(timing = {}) {
  const f = fakeDeps();
  const upstream = await startUpstream();
  const connector = createExchangeConnector({ deps: f.deps, timing: { ...FAST, ...timing } });
  cleanups.push(connector.close, upstream.close);
  connector.start(upstream.url);
  return { ...f, upstream, connector };
}

describe('exchange connector against a live WebSocket', () => {
  it('publishes changes, ignores stale sequences and survives bad frames', async () => {
    const { upstream, connector, named, metrics } = await setup();
    const conn = await upstream.connection(1);
    await waitFor(() => connector.health().connected);
    expect(named('source.connected')[0].data).toMatchObject({ source: 'exchange', connected: true });
    conn.ws.send(JSON.stringify(envelope('market_selections', 'u', selections(5, 100))));
    conn.ws.send('not json');
    conn.ws.send(JSON.stringify({ ...envelope('market', 'u', MARKET), payload: '@@@' }));
    conn.ws.send(JSON.stringify(envelope('nonsense', 'u', {})));
    conn.ws.send(JSON.stringify(envelope('market_selections', 'u', selections(4, 1))));
    conn.ws.send(JSON.stringify(HEALTH_CHECK));
    conn.ws.send(JSON.stringify(envelope('market_selections', 'u', selections(6, 200))));
    await waitFor(() => named('market.selections').length === 2);
    const stakes = named('market.selections').map((e) => (e.data as { selections: { stake: number }[][] }).selections[0][0].stake);
    expect(stakes).toEqual([100, 200]);
    expect(named('market.selections')[0]).toMatchObject({ channel: 'markets', ts: '2024-06-06T15:58:46.365Z' });
    expect(await counterValue(metrics.badInput, { source: 'exchange' })).toBe(3);
    expect(await counterValue(metrics.drops, { reason: 'stale_sequence' })).toBe(1);
    expect(connector.health()).toEqual({ connected: true, last_event_at: expect.any(String) });
    expect(upstream.connections).toHaveLength(1);
  });

  it('reconnects after the upstream drops it, announcing both transitions', async () => {
    const { upstream, connector, named } = await setup();
    (await upstream.connection(1)).ws.close(1001, 'restart');
    await upstream.connection(2);
    await waitFor(() => named('source.connected').length === 2);
    expect(named('source.disconnected')[0].data).toMatchObject({ source: 'exchange', connected: false, reason: expect.stringContaining('1001') });
    expect(connector.health().connected).toBe(true);
  });

  it('reconnects when no frame arrives within the stale window, and not while health checks flow', async () => {
    const { upstream } = await setup({ staleMs: 150 });
    const first = await upstream.connection(1);
    const beat = setInterval(() => first.ws.send(JSON.stringify(HEALTH_CHECK)), 40);
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(beat);
    expect(upstream.connections).toHaveLength(1);
    await upstream.connection(2);
  });

  it('raises source_disconnected after the alarm delay and clears it on reconnect', async () => {
    const f = fakeDeps();
    const connector = createExchangeConnector({ deps: f.deps, timing: { ...FAST, backoffMinMs: 50 } });
    cleanups.push(connector.close);
    connector.start('ws://127.0.0.1:9/unreachable');
    await waitFor(() => f.raised.length === 1, 2000);
    expect(f.raised[0]).toMatchObject({ kind: 'source_disconnected', source_ref: 'exchange', location_id: null });
    expect(f.named('source.disconnected')).toHaveLength(1);
    await connector.close();

    const upstream = await startUpstream();
    cleanups.push(upstream.close);
    const again = createExchangeConnector({ deps: f.deps, timing: FAST });
    cleanups.push(again.close);
    again.start(upstream.url);
    await waitFor(() => f.cleared.some((c) => c.kind === 'source_disconnected' && c.sourceRef === 'exchange'));
  });
});
