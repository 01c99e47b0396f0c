import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, sleep, startGateway } from '../support/gateway-harness';

const device = (n: number, location_id = 'loc-a') => ({ device_id: `d${n}`, location_id, lost_at: `t${n}` });

describe('resume without loss', () => {
  let gw: Gateway;
  beforeEach(async () => {
    gw = await startGateway({ history: { minEvents: 200, maxAgeMs: 0, maxBytes: 2 ** 30, hardCap: 200 } });
    gw.hub.setSnapshotProvider('system', () => [{ device_id: 'd1', location_id: 'loc-a', online: false }]);
  });
  afterEach(() => gw.close());

  it('omits recovered when the subscribe carries no since or epoch', async () => {
    const client = await gw.login('operator');
    expect('recovered' in (await client.subscribe('system'))).toBe(false);
  });

  it('replays exactly the matching events after since, in order, without a snapshot', async () => {
    const first = await gw.login('operator');
    const welcome = first.frames[0];
    await first.subscribe('system', { location_id: 'loc-a' });
    for (let i = 1; i <= 5; i++) gw.hub.publish('system', 'device.offline', device(i));
    await first.waitFor((f) => f.type === 'event' && f.data.device_id === 'd5');
    const lastSeen = first.events().at(-1)!.seq;
    await first.close();

    for (let i = 6; i <= 12; i++) await gw.hub.publish('system', 'device.offline', device(i, i % 2 ? 'loc-b' : 'loc-a'));
    const second = await gw.login('operator');
    const res = await second.subscribe('system', { location_id: 'loc-a' }, { since: lastSeen, epoch: welcome.epoch });
    expect(res.recovered).toBe(true);
    gw.hub.publish('system', 'device.offline', device(13));
    await second.waitFor((f) => f.type === 'event' && f.data.device_id === 'd13');
    expect(second.events().map((e) => e.data.device_id)).toEqual(['d6', 'd8', 'd10', 'd12', 'd13']);
    expect(second.events().every((e) => e.subscription_id === res.subscription_id)).toBe(true);
    expect(second.frames.filter((f) => f.type === 'snapshot')).toEqual([]);
  });

  it('leaves no gap and no duplicate while events keep flowing during the reconnect', async () => {
    let n = 0;
    const pump = setInterval(() => {
      for (let i = 0; i < 5; i++) gw.hub.publish('game', 'bet.placed', { round_id: `r${++n}`, location_id: 'loc-a', amount: 1 });
    }, 2);
    try {
      const first = await gw.login('operator');
      await first.subscribe('game');
      await sleep(30);
      const seen = first.events().map((e) => e.seq);
      first.ws.terminate();
      await sleep(20);
      const second = await gw.login('operator');
      const res = await second.subscribe('game', undefined, { since: seen.at(-1), epoch: gw.hub.epoch });
      expect(res.recovered).toBe(true);
      await sleep(30);
      clearInterval(pump);
      await second.request({ type: 'ping' });
      const all = [...seen, ...second.events().map((e) => e.seq)];
      expect(all.length).toBeGreaterThan(20);
      expect(all).toEqual(Array.from({ length: all.length }, (_, i) => all[0] + i));
    } finally {
      clearInterval(pump);
    }
  });

  it('answers recovered:false with a snapshot when the epoch changed (restarted with its history lost)', async () => {
    const first = await gw.login('operator');
    const oldEpoch = first.frames[0].epoch;
    await first.subscribe('system');
    gw.hub.publish('system', 'device.offline', device(1));
    await first.waitForType('event');
    await gw.restartLosingHistory();
    expect((await first.closed).code).toBe(1001);
    gw.hub.setSnapshotProvider('system', () => [{ device_id: 'd1', location_id: 'loc-a', online: false }]);

    const second = await gw.login('operator');
    expect(second.frames[0].epoch).not.toBe(oldEpoch);
    const res = await second.subscribe('system', undefined, { since: 1, epoch: oldEpoch });
    expect(res.recovered).toBe(false);
    expect(await second.waitForType('snapshot')).toMatchObject({ subscription_id: res.subscription_id, seq: 0, data: [{ device_id: 'd1' }] });
  });

  it('recovers across a node restart exactly when its history outlives the node (shared history, not memory)', async () => {
    const first = await gw.login('operator');
    const oldEpoch = first.frames[0].epoch;
    await first.subscribe('system');
    gw.hub.publish('system', 'device.offline', device(1));
    const seen = await first.waitForType('event');
    await gw.restartHub();
    expect((await first.closed).code).toBe(1001);
    await gw.hub.publish('system', 'device.offline', device(2));

    const second = await gw.login('operator');
    const res = await second.subscribe('system', undefined, { since: seen.seq, epoch: oldEpoch });
    if (gw.engine === 'redis') {
      expect(second.frames[0].epoch).toBe(oldEpoch);
      expect(res.recovered).toBe(true);
      expect((await second.waitForType('event')).data).toMatchObject({ device_id: 'd2' });
      expect(second.frames.filter((f) => f.type === 'snapshot')).toEqual([]);
    } else {
      expect(second.frames[0].epoch).not.toBe(oldEpoch);
      expect(res.recovered).toBe(false);
      expect(await second.waitForType('snapshot')).toMatchObject({ subscription_id: res.subscription_id, seq: 1 });
    }
  });

  it('answers recovered:false when since is older than the history holds', async () => {
    await Promise.all(Array.from({ length: 250 }, (_, i) => gw.hub.publish('system', 'device.offline', device(i))));
    const client = await gw.login('operator');
    const res = await client.subscribe('system', undefined, { since: 10, epoch: gw.hub.epoch });
    expect(res.recovered).toBe(false);
    expect(await client.waitForType('snapshot')).toMatchObject({ seq: 250 });
    const ok = await client.subscribe('system', undefined, { since: 100, epoch: gw.hub.epoch });
    expect(ok.recovered).toBe(true);
    await client.request({ type: 'ping' });
    expect(client.events(ok.subscription_id)).toHaveLength(150);
  });
});
