import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, sleep, startGateway } from '../support/gateway-harness';

async function slowCuts(gw: Gateway): Promise<number> {
  return (await gw.metrics.slowConsumerDisconnects.get()).values[0]?.value ?? 0;
}

describe('slow consumers', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ slowConsumerGraceMs: 5000 });
  });
  afterAll(() => gw.close());

  it('cuts a stalled reader with 1013 while another client keeps receiving everything', async () => {
    const stalled = await gw.login('operator');
    const healthy = await gw.login('operator');
    await stalled.subscribe('game');
    const live = await healthy.subscribe('game');
    (stalled.ws as unknown as { _socket: Socket })._socket.pause();

    const padding = 'x'.repeat(2000);
    let published = 0;
    let firstSeq = 0;
    // Small batches with a yield between them: the healthy reader (same process) must get to drain.
    for (let batch = 0; batch < 400 && (await slowCuts(gw)) === 0; batch++) {
      const landed = await Promise.all(Array.from({ length: 100 }, () => gw.hub.publish('game', 'bet.placed', { round_id: `r${published++}`, location_id: 'loc-a', amount: 1, padding })));
      firstSeq ||= landed[0].seq;
      await sleep(1);
    }
    expect(await slowCuts(gw)).toBe(1);
    for (let i = 0; i < 100; i++, published++) gw.hub.publish('game', 'bet.placed', { round_id: `r${published}`, location_id: 'loc-a', amount: 1, padding });

    (stalled.ws as unknown as { _socket: Socket })._socket.resume();
    expect((await stalled.closed).code).toBe(1013);

    await healthy.waitFor((f) => f.type === 'event' && f.data.round_id === `r${published - 1}`, 10_000);
    const seqs = healthy.events(live.subscription_id).map((e) => e.seq);
    expect(seqs).toHaveLength(published);
    expect(seqs[0]).toBe(firstSeq);
    expect(seqs.at(-1)).toBe(firstSeq + published - 1);
    expect(stalled.events().length).toBeLessThan(published);
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
  });

  it('counts the frames of the current tick toward the limit, so one burst past it cuts at once', async () => {
    const small = await startGateway({ maxUnsentBytes: 64 * 1024, slowConsumerGraceMs: 5000 });
    try {
      const reader = await small.login('operator');
      await reader.subscribe('game');
      const padding = 'x'.repeat(2000);
      // One tick: every frame goes into the connection's batch before any of it is written.
      for (let i = 0; i < 100; i++) small.hub.publish('game', 'bet.placed', { round_id: `b${i}`, location_id: 'loc-a', amount: 1, padding });
      expect((await reader.closed).code).toBe(1013);
      expect(await slowCuts(small)).toBe(1);
      // Frames past the limit never left: what arrived fits in it.
      expect(reader.events().length).toBeLessThan(100);
    } finally {
      await small.close();
    }
  });
});
