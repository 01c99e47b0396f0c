import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, sleep, startGateway } from '../support/gateway-harness';

describe('heartbeat', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ heartbeatIntervalMs: 100 });
  });
  afterAll(() => gw.close());

  it('sends health_check frames and WebSocket pings every interval', async () => {
    const client = await gw.login('operator');
    let pings = 0;
    client.ws.on('ping', () => pings++);
    expect(client.frames[0].heartbeat_interval_ms).toBe(100);
    // Three intervals on a quiet machine; a loaded one may hold timers back, so wait up to five seconds.
    const healthChecks = () => client.frames.filter((f) => f.type === 'health_check');
    for (let waited = 0; waited < 5000 && (healthChecks().length < 2 || pings < 2); waited += 50) await sleep(50);
    const checks = healthChecks();
    expect(checks.length).toBeGreaterThanOrEqual(2);
    expect(checks[0]).toEqual({ type: 'health_check', ts: expect.any(Number) });
    expect(Math.abs(checks[checks.length - 1].ts - Date.now())).toBeLessThan(1000);
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    await client.close();
  });

  it('drops a peer that stays silent for two intervals', async () => {
    const client = await gw.login('operator');
    const before = gw.hub.connectionCount();
    (client.ws as unknown as { _socket: Socket })._socket.pause();
    for (let i = 0; i < 20 && gw.hub.connectionCount() >= before; i++) await sleep(50);
    expect(gw.hub.connectionCount()).toBe(before - 1);
    (client.ws as unknown as { _socket: Socket })._socket.resume();
    expect((await client.closed).code).not.toBe(1000);
  });
});
