/**
 * Smoke runs of every benchmark figure at tiny sizes: proves each one starts its servers, measures,
 * prints and writes a result with the expected fields, and stops everything it started. Not a
 * timed test: the numbers are only checked to be real (finite and positive).
 *
 * P3, P4 and P5 need Chromium and a production build (`next build`), so they run here only when
 * `BENCH_BROWSER_SMOKE=1` and both exist; otherwise run them by hand: `node --import tsx bench/p3-browser.ts --smoke`.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable, hasBuild } from './lib/browser';
import type { FigureResult } from './lib/report';
import { runFanout } from './p1-fanout';
import { runIngest } from './p2-ingest';
import { runBrowser } from './p3-browser';
import { runColdLoad } from './p4-cold-load';
import { runConnections } from './p7-connections';
import { runSoak } from './soak';

const quiet = () => {};

function expectWellFormed(result: FigureResult, figure: string) {
  expect(result.figure).toBe(figure);
  expect(result.smoke).toBe(true);
  expect(result.machine.nproc).toBeGreaterThan(0);
  expect(result.rows.length).toBeGreaterThan(0);
  for (const r of result.rows) {
    // A page can go a whole smoke window without a long task, and a short soak without growing; at P7's smoke
    // sizes memory per connection is within the readings' noise and a second of idling may cost no CPU tick.
    const mayBeZero = /long tasks|growth|per connection|idle/.test(r.metric);
    expect(Number.isFinite(r.project), `${r.metric}: project`).toBe(true);
    if (mayBeZero) continue;
    expect(r.project, `${r.metric}: project`).toBeGreaterThan(0);
    if (r.baseline !== null) {
      expect(r.baseline, `${r.metric}: baseline`).toBeGreaterThan(0);
      expect(r.ratio, `${r.metric}: ratio`).toBeGreaterThan(0);
    }
  }
  expect(result.targets.length).toBeGreaterThan(0);
  for (const t of result.targets) {
    expect(typeof t.pass).toBe('boolean');
    expect(Number.isFinite(t.value), `${t.target}: value`).toBe(true);
  }
}

describe('benchmark figures in smoke mode', () => {
  it('P1 fan-out measures the gateway, the pre-framed limit, bare ws and Socket.IO on the ramp, the gateway and the limit at a fixed load, and both client halves receive events', { timeout: 120_000 }, async () => {
    const result = await runFanout({ smoke: true }, quiet);
    expectWellFormed(result, 'p1-fanout');
    const names = ['Socket.IO', 'bare ws', 'gateway', 'pre-framed limit'];
    const systems = result.details.systems as Record<string, { saturation_msgs_per_s: number; latency: { count: number }; received_by_group: Record<string, number> }>;
    expect(Object.keys(systems).sort()).toEqual(names);
    for (const s of Object.values(systems)) {
      expect(s.saturation_msgs_per_s).toBeGreaterThan(0);
      expect(s.latency.count).toBeGreaterThan(0);
      expect(s.received_by_group.all).toBeGreaterThan(0);
      expect(s.received_by_group.filtered).toBeGreaterThan(0);
    }
    const fixed = result.details.fixed as Record<string, { expected: number; delivered: number; deliveries_per_server_cpu_s: number; latency: { count: number } }>;
    expect(Object.keys(fixed).sort()).toEqual(['gateway', 'pre-framed limit']);
    for (const [name, f] of Object.entries(fixed)) {
      expect(f.expected, name).toBeGreaterThan(0);
      expect(f.delivered, name).toBe(f.expected);
      expect(f.deliveries_per_server_cpu_s, name).toBeGreaterThan(0);
      expect(f.latency.count, name).toBeGreaterThan(0);
    }
    expect(result.targets.map((t) => t.target)).toContain('fixed load: delivered per server CPU-second vs pre-framed limit');
  });

  it('P2 ingest measures the gateway and the bare node:http baseline', { timeout: 30_000 }, async () => {
    const result = await runIngest({ smoke: true }, quiet);
    expectWellFormed(result, 'p2-ingest');
    expect((result.details.gateway as { errors: number }).errors).toBe(0);
  });

  it('P7 connection scale measures memory per connection, idle CPU and latency, and every connection receives the stream', { timeout: 60_000 }, async () => {
    // The gateway alone: the bare ws baseline would double the time, and P1's smoke already runs it.
    const result = await runConnections({ smoke: true, baseline: false }, quiet);
    expectWellFormed(result, 'p7-connections');
    const gateway = (result.details.systems as Record<string, { expected: number; delivered: number; server_closes: { count: number } }>).gateway;
    expect(gateway.expected).toBeGreaterThan(0);
    expect(gateway.delivered).toBe(gateway.expected);
    expect(gateway.server_closes.count).toBe(0);
  });

  const browser = process.env.BENCH_BROWSER_SMOKE === '1' && browserAvailable() && hasBuild();
  it.skipIf(!browser)('P3 browser measures the dashboard and the bare page', { timeout: 120_000 }, async () => {
    expectWellFormed(await runBrowser({ smoke: true }, quiet), 'p3-browser');
  });
  it.skipIf(!browser)('P4 cold load measures first row, first-load JS and the static page', { timeout: 120_000 }, async () => {
    expectWellFormed(await runColdLoad({ smoke: true }, quiet), 'p4-cold-load');
  });
  it.skipIf(!browser)('P5 soak samples server RSS and page heaps', { timeout: 120_000 }, async () => {
    expectWellFormed(await runSoak({ smoke: true }, quiet), 'p5-soak');
  });
});
