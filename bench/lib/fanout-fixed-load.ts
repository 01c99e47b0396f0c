/**
 * P1's fixed-load phase: every system fed the same rate, below any of their saturation points, for
 * the same time. What it costs the server to deliver that load (deliveries per server CPU-second) and
 * how late the frames arrive then (p50/p99) compare servers without the clients' share of the two
 * cores deciding who saturates first, as it does on the ramp.
 */
import os from 'node:os';
import path from 'node:path';
import { type FanoutSetup, startFanout, type System, SYSTEMS, total } from './fanout-systems';
import type { LatencySummary } from './histogram';
import { cpuSeconds, waitForQuietMachine } from './processes';
import { type ResultRow, round, row, target, type TargetCheck } from './report';
import { nowUs } from './seed-items';

export interface FixedLoad {
  clients: number;
  receiverProcesses: number;
  rateEventsPerS: number;
  /** Posted at the rate before measuring (JIT, sockets, caches), then drained. */
  warmupMs: number;
  ms: number;
  drainMs: number;
  /** Up to this long before starting each system, the bench waits for the machine to be quiet (`waitForQuietMachine`). */
  settleMs: number;
  /**
   * Where each server writes a V8 CPU profile of its whole life (`node --cpu-prof`), when asked. The
   * profiler costs the server CPU, so the figures of a profiled run are not the figures.
   */
  cpuProfDir?: string;
}

/** Below this share of the machine's CPU time busy for a second, a system of the fixed load may start. */
const QUIET_SHARE = 0.1;

export const FULL_FIXED: FixedLoad = { clients: 100, receiverProcesses: 2, rateEventsPerS: 2000, warmupMs: 3000, ms: 10_000, drainMs: 8000, settleMs: 15_000 };
export const SMOKE_FIXED: FixedLoad = { clients: 10, receiverProcesses: 1, rateEventsPerS: 200, warmupMs: 400, ms: 1000, drainMs: 2000, settleMs: 0 };

export interface FixedLoadResult {
  system: System;
  clients: number;
  rate_events_per_s: number;
  /** From the first post to the last delivery (the run, then the drain). */
  seconds: number;
  expected: number;
  delivered: number;
  delivered_share: number;
  /** True when the server absorbed every post (the poster never stalled) and the clients received everything within the drain. */
  kept_up: boolean;
  post_errors: number;
  stalled_ticks: number;
  server_cpu_s: number;
  /** CPU in cores (1 = one core busy all the time) of the server, the receivers and this poster. */
  server_cores: number;
  receivers_cores: number;
  poster_cores: number;
  deliveries_per_server_cpu_s: number;
  latency: LatencySummary;
  /** One-minute load average when the measurement ended: other work on the machine skews it. */
  loadavg_1m: number;
  /** The measured window on the machine's monotonic clock (µs, as a V8 CPU profile's timestamps), to cut a profile to it. */
  window_us: [number, number];
  received_by_group: Record<string, number>;
  server_closes: { count: number; codes: Record<string, number> };
}

/**
 * Measures one system at the fixed load. The server's CPU is counted from before the first post to
 * after the last frame arrived, so it holds all the work those deliveries took and nothing of the
 * warm-up; latency is recorded for every frame of the measured run.
 */
export async function measureFixedLoad(system: System, load: FixedLoad, log: (line: string) => void, turn = 1): Promise<FixedLoadResult> {
  let setup: FanoutSetup | null = null;
  const profile = load.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(load.cpuProfDir, `p1-${system.replace(/\W+/g, '-')}-round-${turn}`)}`] : undefined;
  try {
    const busy = load.settleMs > 0 ? await waitForQuietMachine(QUIET_SHARE, load.settleMs) : 0;
    if (busy >= QUIET_SHARE) log(`  the machine was still ${Math.round(busy * 100)} % busy after ${load.settleMs / 1000} s of waiting; measuring anyway`);
    setup = await startFanout(system, load.clients, load.receiverProcesses, profile);
    const { server, pool } = setup;
    await setup.run(load.rateEventsPerS, load.warmupMs);
    await setup.drain(load.drainMs);

    await pool.startRecording();
    const before = total(await pool.received());
    const expectedBefore = setup.expected();
    const [srv0, rcv0] = [await cpuSeconds(server.proc.pid), await pool.cpuSeconds()];
    const self0 = process.cpuUsage();
    const t0 = performance.now();
    const from = nowUs();
    const posted = await setup.run(load.rateEventsPerS, load.ms);
    const drained = await setup.drain(load.drainMs);
    const to = nowUs();
    const seconds = (performance.now() - t0) / 1000;
    const keptUp = drained && posted.stalled_ticks === 0 && posted.errors === 0;
    const [srv1, rcv1] = [await cpuSeconds(server.proc.pid), await pool.cpuSeconds()];
    const self = process.cpuUsage(self0);
    const delivered = total(await pool.received()) - before;
    const latency = (await pool.stopRecording()).summary();
    const expected = setup.expected() - expectedBefore;
    const serverCpu = srv1 - srv0;
    const result: FixedLoadResult = {
      system,
      clients: load.clients,
      rate_events_per_s: load.rateEventsPerS,
      seconds: round(seconds, 2),
      expected,
      delivered,
      delivered_share: expected > 0 ? round(delivered / expected, 4) : 0,
      kept_up: keptUp,
      post_errors: posted.errors,
      stalled_ticks: posted.stalled_ticks,
      server_cpu_s: round(serverCpu, 2),
      server_cores: round(serverCpu / seconds, 3),
      receivers_cores: round((rcv1 - rcv0) / seconds, 2),
      poster_cores: round((self.user + self.system) / 1e6 / seconds, 2),
      deliveries_per_server_cpu_s: serverCpu > 0 ? Math.round(delivered / serverCpu) : 0,
      latency,
      loadavg_1m: round(os.loadavg()[0], 2),
      window_us: [from, to],
      received_by_group: await pool.received(),
      server_closes: await pool.closes(),
    };
    log(
      `  ${system}: ${load.clients} clients × ${load.rateEventsPerS} events/s for ${load.ms / 1000} s: ${delivered.toLocaleString('en-US')} of ` +
        `${expected.toLocaleString('en-US')} delivered, server ${result.server_cpu_s} CPU-s (${result.server_cores} cores) → ` +
        `${result.deliveries_per_server_cpu_s.toLocaleString('en-US')} per CPU-s; p50 ${latency.p50_ms} ms, p99 ${latency.p99_ms} ms; ` +
        `clients ${result.receivers_cores} cores, load average ${result.loadavg_1m}${keptUp ? '' : ', did NOT keep up'}`,
    );
    return result;
  } finally {
    await setup?.close();
  }
}

/** Best of several rounds, figure by figure: the cheapest deliveries, the least disturbed latency. */
export function bestFixedLoad(a: FixedLoadResult, b: FixedLoadResult): FixedLoadResult {
  const capacity = b.deliveries_per_server_cpu_s > a.deliveries_per_server_cpu_s ? b : a;
  const latency = b.latency.p99_ms < a.latency.p99_ms ? b : a;
  return { ...capacity, latency: latency.latency };
}

/** The fixed-load rows and targets: the gateway's cost per delivery and its latency against the pre-framed limit. */
export function fixedReport(results: Record<System, FixedLoadResult>, load: FixedLoad, notes: string[]): { rows: ResultRow[]; targets: TargetCheck[] } {
  const g = results.gateway;
  const limit = results['pre-framed limit'];
  const baselines = SYSTEMS.filter((s) => s !== 'gateway' && results[s]);
  const at = `at ${load.clients} clients × ${load.rateEventsPerS.toLocaleString('en-US')} events/s`;
  const behind = Object.values(results).filter((r) => !r.kept_up).map((r) => r.system);
  if (behind.length) notes.push(`at the fixed load ${behind.join(', ')} did not keep up (the poster stalled, or the clients still missed frames after the drain): those fixed-load figures are past saturation`);
  return {
    rows: [
      ...baselines.map((s) => row(`delivered per server CPU-second ${at}`, 'msgs', g.deliveries_per_server_cpu_s, results[s].deliveries_per_server_cpu_s, s)),
      ...baselines.flatMap((s) => [
        row(`p50 latency ${at}`, 'ms', g.latency.p50_ms, results[s].latency.p50_ms, s),
        row(`p99 latency ${at}`, 'ms', g.latency.p99_ms, results[s].latency.p99_ms, s),
      ]),
    ],
    targets: [
      target('fixed load: delivered per server CPU-second vs pre-framed limit', (g.deliveries_per_server_cpu_s / limit.deliveries_per_server_cpu_s) * 100, '>=', 90, '%'),
      target('fixed load: p99 latency vs pre-framed limit', g.latency.p99_ms / limit.latency.p99_ms, '<=', 1.5, '×'),
    ],
  };
}
