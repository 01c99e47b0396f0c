import { afterEach, describe, expect, it } from 'vitest';
import { createSources } from './index';
import { fakeDeps } from './test-support/fakes';
import { startUpstream, waitFor } from './test-support/ws-harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('upstreams as duties', () => {
  it('lists each upstream with an endpoint, and connects, closes and connects it again on demand', async () => {
    const upstream = await startUpstream();
    cleanups.push(upstream.close);
    const f = fakeDeps({ JACKPOT_WS_URL: upstream.url, JACKPOT_TOKEN: 'thrill-jwt' });
    const sources = createSources({ ...f.deps, config: f.config, defaultFloor: null });
    cleanups.push(sources.close);
    const duties = sources.upstreams('http://127.0.0.1:9');
    expect(duties.map((d) => d.name)).toEqual(['jackpot']);
    const [jackpot] = duties;

    jackpot.start();
    const first = await upstream.connection(1);
    await waitFor(() => sources.health().jackpot.connected);
    await jackpot.stop();
    await waitFor(() => first.ws.readyState === first.ws.CLOSED);
    expect(sources.health().jackpot.connected).toBe(false);

    jackpot.start();
    const second = await upstream.connection(2);
    await waitFor(() => second.frames.length === 1);
    expect(JSON.parse(second.frames[0])).toEqual({ action: { Authenticate: { auth_token: 'thrill-jwt' } } });
    expect(upstream.connections).toHaveLength(2);
  });
});
