import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceOffline } from './support/alarms';
import { recordFigures } from './support/figures';
import { ReliabilityGateway, mintToken } from './support/gateway';
import { Peer, sleep } from './support/peer';
import { SCALE, TIMEOUT_MS, deadline } from './support/scale';

/*
 * Ingest batches of 1,000 alarms must not stall the gateway: its event-loop lag p99 stays under 50 ms.
 * The figure is the gateway's own (`nodejs_eventloop_lag_p99_seconds` of prom-client's default metrics,
 * whose histogram restarts at every scrape), read right after each batch so each sample covers one batch.
 * A ping→pong round trip measured from a client during the batches is printed beside it.
 */
const BATCH = 1000;
/**
 * The full run holds the 50 ms target. The reduced run inside `npm test` shares two cores with the
 * other test files, so a timing there is not a measurement: it only guards against the loop stalling
 * for a whole second (one fsync per alarm held it for 0.4–10 s per batch).
 */
const LAG_BOUND_S = SCALE.name === 'full' ? 0.05 : 1;

let gateway: ReliabilityGateway;
const lagP99: number[] = [];
const rtts: number[] = [];
let batchMs: number[] = [];
let idleP99: number | undefined;

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))];

beforeAll(async () => {
  gateway = await ReliabilityGateway.start();
  const peer = await Peer.login(gateway.wsUrl, await mintToken('operator', { user_id: 'u-lag' }), { keep: false });
  let pinging = true;
  const pinger = (async () => {
    for (let n = 0; pinging && peer.isOpen; n++) {
      const sent = performance.now();
      const pong = await peer.request({ type: 'ping', id: `lag-${n}` }, 10_000).catch(() => null);
      if (pong?.type === 'pong') rtts.push(performance.now() - sent);
      await sleep(20);
    }
  })();
  // The same figure over two idle seconds first: what the machine alone costs the loop.
  await gateway.metrics();
  await sleep(2000);
  idleP99 = await gateway.metric('nodejs_eventloop_lag_p99_seconds');
  const times: number[] = [];
  const stopAt = deadline('lag');
  for (let b = 0; b < SCALE.lagBatches && Date.now() < stopAt; b++) {
    const started = performance.now();
    await gateway.ingest(Array.from({ length: BATCH }, (_, i) => deviceOffline(`LAG-${b}-${i}`)));
    times.push(performance.now() - started);
    const lag = await gateway.metric('nodejs_eventloop_lag_p99_seconds');
    if (lag !== undefined) lagP99.push(lag);
  }
  batchMs = times;
  pinging = false;
  await pinger;
  peer.terminate();
  recordFigures('7-loop-lag', {
    '1,000-alarm batches': times.length,
    'event-loop lag p99, idle 2 s before ms': idleP99 === undefined ? 'n/a' : (idleP99 * 1000).toFixed(1),
    'event-loop lag p99, worst batch ms': lagP99.length ? (Math.max(...lagP99) * 1000).toFixed(1) : 'not exposed',
    'event-loop lag p99, median batch ms': lagP99.length ? (lagP99.sort((a, b) => a - b)[Math.floor(lagP99.length / 2)] * 1000).toFixed(1) : 'n/a',
    'batch answer time max ms': Math.round(Math.max(...batchMs)),
    'ping→pong p99 / max ms (client side)': rtts.length ? `${p99(rtts).toFixed(1)} / ${Math.max(...rtts).toFixed(1)}` : 'n/a',
  });
}, TIMEOUT_MS);

afterAll(async () => {
  await gateway?.dispose();
});

describe(`1,000-alarm ingest batches (${SCALE.name} scale)`, () => {
  it(`keep the event-loop lag p99 under ${LAG_BOUND_S * 1000} ms`, () => {
    expect(batchMs.length).toBeGreaterThan(0);
    expect(lagP99.length, 'the gateway exposes nodejs_eventloop_lag_p99_seconds').toBe(batchMs.length);
    expect(Math.max(...lagP99)).toBeLessThan(LAG_BOUND_S);
  });

  it(`sends ${SCALE.lagBatches} batches within its time budget`, () => {
    expect(batchMs.length).toBe(SCALE.lagBatches);
  });
});
