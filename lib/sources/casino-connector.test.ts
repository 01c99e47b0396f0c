import { afterEach, describe, expect, it } from 'vitest';
import { buildMockFloor } from '../mock/mock-floor';
import { CASINO_CHANNELS, createCasinoConnector } from './casino-connector';
import { DedupWindow } from './dedup-window';
import { createFloorEvents } from './floor-events';
import { createFloorRegistry } from './floor-registry';
import { counterValue, fakeDeps } from './test-support/fakes';
import { FAST, startUpstream, waitFor } from './test-support/ws-harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** The casino platform's published examples, verbatim apart from the typographic quotes. */
const BET_PLACED = { event: 'betPlaced', timestamp: '2025-05-11T11:10:00Z', data: { playerId: 'u3849', amount: 20, device: 'Slot-A12' } };
const DEVICE_OFFLINE = { event: 'deviceOffline', data: { terminalId: 'T-19', lostAt: '2025-05-11T11:12:03Z' } };

describe('casino connector against a live WebSocket', () => {
  it('connects with the token, subscribes to every channel and maps events like the ingest', async () => {
    const f = fakeDeps();
    const registry = createFloorRegistry(buildMockFloor());
    const upstream = await startUpstream();
    // A slow connect on a busy machine must not raise the source-disconnected alarm this test does not expect.
    const connector = createCasinoConnector({ deps: f.deps, timing: { ...FAST, disconnectAlarmMs: 30_000 }, floorEvents: createFloorEvents({ ...f.deps, registry }), dedup: new DedupWindow() });
    cleanups.push(connector.close, upstream.close);
    connector.start(upstream.url, 'casino-secret');
    const conn = await upstream.connection(1);
    expect(new URL(conn.req.url!, 'http://x').searchParams.get('token')).toBe('casino-secret');
    await waitFor(() => conn.frames.length === CASINO_CHANNELS.length);
    expect(conn.frames.map((t) => JSON.parse(t).channel)).toEqual([...CASINO_CHANNELS]);

    for (const frame of [{ type: 'response', id: 'sub-game', success: true }, BET_PLACED, BET_PLACED, 'garbage', { event: 'betPlaced', data: { playerId: 'u1' } }, DEVICE_OFFLINE]) {
      conn.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    }
    conn.ws.send(JSON.stringify({ event: 'doorOpen', channel: 'alerts', timestamp: '2025-05-11T11:13:00Z', data: { terminalId: 'SLOT-H01', message: 'Door open', severity: 'high' } }));
    await waitFor(() => f.raised.length === 2);
    expect(f.events.filter((e) => e.channel !== 'system' || e.event.startsWith('device')).map((e) => e.event)).toEqual(['bet.placed', 'device.offline']);
    expect(f.named('bet.placed')[0].data).toMatchObject({ player_id: 'u3849', device_id: 'SLOT-A12', location_id: 'loc-main', amount: 20 });
    expect(f.raised).toEqual([
      expect.objectContaining({ kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-sports' }),
      expect.objectContaining({ kind: 'casino_alert', source_ref: 'SLOT-H01:doorOpen', location_id: 'loc-high', severity: 'high', message: 'Door open' }),
    ]);
    expect(await counterValue(f.metrics.badInput, { source: 'casino' })).toBe(2);
    conn.ws.send(JSON.stringify({ event: 'doorOpen', channel: 'alerts', timestamp: '2025-05-11T11:15:00Z', data: { terminalId: 'SLOT-H01', cleared: true } }));
    await waitFor(() => f.cleared.some((c) => c.kind === 'casino_alert'));
    expect(f.cleared.filter((c) => c.kind === 'casino_alert')).toEqual([{ kind: 'casino_alert', sourceRef: 'SLOT-H01:doorOpen' }]);
    expect(connector.health()).toEqual({ connected: true, last_event_at: expect.any(String) });
  });
});
