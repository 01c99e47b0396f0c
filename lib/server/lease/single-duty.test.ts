import pino from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, servicesAvailable, startRedis } from '../../../tests/support/services';
import { type Lease, type LeaseChange, LeaseListeners } from './lease';
import { until } from './lease.conformance';
import { MemoryLease } from './memory-lease';
import { RedisLease } from './redis-lease';
import { type Duty, runSingleDuty } from './single-duty';

const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lease the test wins and loses by hand. */
class HandLease implements Lease {
  readonly name = 'hand';
  token: number | null = null;
  released = 0;
  closed = false;
  private readonly listeners = new LeaseListeners('hand', silent);
  onChange(listener: (change: LeaseChange) => void) {
    return this.listeners.add(listener);
  }
  start() {}
  set(change: LeaseChange) {
    this.token = change.held ? change.token : null;
    this.listeners.emit(change);
  }
  async release() {
    this.released++;
    if (this.token !== null) this.set({ held: false, reason: 'released' });
  }
  async close() {
    this.closed = true;
    if (this.token !== null) this.set({ held: false, reason: 'closed' });
  }
}

/** A duty whose steps take `stepMs`, recording them and whether a step ever began while another was under way. */
function recordingDuty(stepMs: number, shared = { running: 0, most: 0 }) {
  const steps: string[] = [];
  let busy = false;
  let overlapped = false;
  const step = async (name: string, delta: number) => {
    if (busy) overlapped = true;
    busy = true;
    steps.push(name);
    shared.running += delta;
    shared.most = Math.max(shared.most, shared.running);
    await sleep(stepMs);
    busy = false;
  };
  const duty: Duty = { start: (token) => step(`start ${token}`, 1), stop: () => step('stop', -1) };
  return { duty, steps, overlapped: () => overlapped, shared };
}

describe('runSingleDuty', () => {
  it('follows the lease without ever starting twice without a stop between, however fast it changes', async () => {
    const lease = new HandLease();
    const { duty, steps, overlapped } = recordingDuty(30);
    const runner = runSingleDuty(lease, duty, silent);
    lease.set({ held: true, token: 1 });
    await until(() => steps.length === 1, 1_000);
    // The lease flaps while the first start is still under way: the duty then goes straight to the latest hold.
    lease.set({ held: false, reason: 'expired' });
    lease.set({ held: true, token: 2 });
    lease.set({ held: false, reason: 'taken' });
    lease.set({ held: true, token: 3 });
    await until(() => steps.length === 3, 1_000);
    await sleep(100);
    expect(steps).toEqual(['start 1', 'stop', 'start 3']);
    expect(overlapped()).toBe(false);
    expect(runner.running).toBe(true);
    await runner.close();
    expect(steps).toEqual(['start 1', 'stop', 'start 3', 'stop']);
    expect(lease.closed).toBe(true);
  });

  it('undoes a start that fails, logs it, releases the lease, and starts again on the next hold', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const lease = new HandLease();
    const steps: string[] = [];
    let failures = 1;
    const runner = runSingleDuty(
      lease,
      {
        start(token) {
          steps.push(`start ${token}`);
          if (failures-- > 0) throw new Error('upstream refused');
        },
        stop: () => void steps.push('stop'),
      },
      logger,
    );
    lease.set({ held: true, token: 1 });
    await until(() => lease.released === 1, 1_000);
    expect(steps).toEqual(['start 1', 'stop']);
    expect(runner.running).toBe(false);
    expect(lines.some((line) => line.includes('the duty failed to start') && line.includes('upstream refused'))).toBe(true);
    lease.set({ held: true, token: 2 });
    await until(() => runner.running, 1_000);
    expect(steps).toEqual(['start 1', 'stop', 'start 2']);
    await runner.close();
  });

  it('on close stops the duty before giving the lease up, and settles though the stop fails', async () => {
    const lease = new MemoryLease({ name: 'kpis', logger: silent });
    const order: string[] = [];
    lease.onChange((change) => order.push(change.held ? 'held' : change.reason));
    const runner = runSingleDuty(
      lease,
      {
        start: () => void order.push('start'),
        async stop() {
          await sleep(20);
          order.push('stop');
          throw new Error('socket already gone');
        },
      },
      silent,
    );
    await until(() => runner.running, 1_000);
    await runner.close();
    await runner.close();
    expect(order).toEqual(['held', 'start', 'stop', 'closed']);
    expect(runner.running).toBe(false);
  });

  it('starts at once on a lease this node already holds', async () => {
    const lease = new MemoryLease({ name: 'kpis', logger: silent });
    lease.start();
    const { duty, steps } = recordingDuty(0);
    const runner = runSingleDuty(lease, duty, silent);
    await until(() => steps.length > 0, 1_000);
    await sleep(20);
    expect(steps).toEqual(['start 1']);
    await runner.close();
  });
});

describe.skipIf(!servicesAvailable().redis)('runSingleDuty on Redis leases', () => {
  let redis: TestService;
  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs the duty on one of three nodes at a time while holders die, and on a survivor at the end', async () => {
    const shared = { running: 0, most: 0 };
    const nodes = await Promise.all(
      ['n1', 'n2', 'n3'].map(async (nodeId) => {
        const client = createClient({ url: redis.url });
        client.on('error', () => undefined);
        await client.connect();
        const lease = new RedisLease(client, { name: 'source:casino', nodeId, logger: silent, ttlMs: 1_000, intervalMs: 200 });
        const recorded = recordingDuty(10, shared);
        return { lease, client, recorded, runner: runSingleDuty(lease, recorded.duty, silent) };
      }),
    );
    const alive = new Set(nodes);
    try {
      for (let death = 0; death < 2; death++) {
        await until(() => [...alive].some((n) => n.runner.running), 2_000);
        const holder = [...alive].find((n) => n.runner.running)!;
        // A killed process: its connection drops without a release.
        holder.client.destroy();
        alive.delete(holder);
      }
      await until(() => [...alive].some((n) => n.runner.running), 2_000);
      await until(() => shared.running === 1, 2_000);
      expect(shared.most).toBe(1);
    } finally {
      for (const node of nodes) await node.runner.close();
      for (const node of alive) await node.client.quit();
    }
  });
});
