/**
 * P7 connection scale: 10,000 dashboard connections on one gateway, held by several receiver processes,
 * each signing in with its first frame and subscribing to all of `game`, as the dashboard does.
 * Reports the server's resident memory per connection (RSS after a full garbage collection, with the
 * connections against without them, idle and after a stream), the server CPU an idle floor costs
 * (heartbeats and pings only), and publish→receive latency of a 10 events/s stream reaching every
 * connection. Baseline: the bare `ws` broadcaster of P1 under the same connections and stream, the
 * floor of what a `ws` socket costs.
 */
import os from 'node:os';
import { argValue, type FigureOptions, isEntryPoint, runAsScript } from './lib/cli';
import { BENCH_INGEST_KEY, benchToken, type RunningServer, startBaseline, startGateway } from './lib/gateway';
import type { LatencySummary } from './lib/histogram';
import { JsonPoster, openLoop } from './lib/http-load';
import { serverInspector } from './lib/inspector';
import { cpuSeconds, sleep } from './lib/processes';
import { type ReceiverPool, spawnReceivers } from './lib/receiver-pool';
import type { FramePoolOptions } from './lib/receivers';
import { publish, round, row, startFigure, target, type FigureResult } from './lib/report';
import { GameroundFactory } from './lib/seed-items';
import { type MemoryReading, checkOpenFiles, cpuOver, settledMemory } from './lib/server-usage';

export type System = 'gateway' | 'bare ws';

export interface Sizes {
  connections: number;
  receiverProcesses: number;
  /** Clients that connect, receive and leave before the first reading, so JIT and pools are warm. */
  warmupClients: number;
  /** Idle window without connections: what the process's own timers cost. */
  baselineIdleMs: number;
  /** Idle window with every connection: heartbeats and pings only. */
  idleMs: number;
  ratePerS: number;
  streamMs: number;
  settleMs: number;
  drainMs: number;
  /** Readings per memory figure, each after a full garbage collection; the smallest is kept. */
  memorySamples: number;
}

export const FULL: Sizes = {
  connections: 10_000,
  receiverProcesses: 8,
  warmupClients: 200,
  baselineIdleMs: 10_000,
  idleMs: 30_000,
  ratePerS: 10,
  streamMs: 30_000,
  settleMs: 3000,
  drainMs: 15_000,
  memorySamples: 3,
};
export const SMOKE: Sizes = {
  connections: 200,
  receiverProcesses: 2,
  warmupClients: 20,
  baselineIdleMs: 500,
  idleMs: 1500,
  ratePerS: 10,
  streamMs: 2000,
  settleMs: 300,
  drainMs: 3000,
  memorySamples: 1,
};

interface SystemResult {
  system: System;
  connections: number;
  connect_s: number;
  /** Connections still open after the stream (the server drops a client too far behind to answer its pings). */
  open_after_stream: number;
  before: MemoryReading;
  idle: MemoryReading;
  streamed: MemoryReading;
  rss_per_connection_idle_kb: number;
  rss_per_connection_streamed_kb: number;
  /** The same, from readings without a forced collection (garbage included, so noisier). */
  rss_unforced_per_connection_idle_kb: number;
  rss_unforced_per_connection_streamed_kb: number;
  heap_per_connection_idle_kb: number;
  /** Server CPU in % of one core: without connections, idle with them, and while streaming. */
  cpu_no_connections_pct: number;
  cpu_idle_pct: number;
  cpu_stream_pct: number;
  /** Server CPU from the stream's start until its last frame arrived, per frame delivered. */
  server_us_per_delivery: number;
  receivers_cpu_stream_pct: number;
  latency: LatencySummary;
  /** Events the poster got out, against those the rate asked for: it stalls while the server leaves posts unanswered. */
  events_sent: number;
  events_due: number;
  post_stalls: number;
  expected: number;
  delivered: number;
  server_closes: { count: number; codes: Record<string, number> };
  loadavg: Record<string, number>;
}

const kb = (bytes: number) => round(bytes / 1024, 2);
const load1 = () => round(os.loadavg()[0], 2);

/** Measures one system: memory without and with the connections, idle CPU, then a stream to all of them. */
export async function measureConnections(system: System, sizes: Sizes, log: (line: string) => void): Promise<SystemResult> {
  const inspector = await serverInspector();
  let server: RunningServer | null = null;
  let pool: ReceiverPool | null = null;
  let poster: JsonPoster | null = null;
  const loadavg: Record<string, number> = { start: load1() };
  try {
    server =
      system === 'gateway'
        ? await startGateway({ next: false, floor: true, nodeArgs: inspector.nodeArgs })
        : await startBaseline('broadcast-ws', {}, inspector.nodeArgs);
    const pid = server.proc.pid;
    await checkOpenFiles(pid, sizes.connections, sizes.receiverProcesses);
    const url = `ws://127.0.0.1:${server.port}/v1/ws`;
    const clients: FramePoolOptions = { authToken: await benchToken(), unfiltered: true };
    poster = new JsonPoster(`${server.baseUrl}/api/v1/events`, { 'x-api-key': BENCH_INGEST_KEY });
    const factory = new GameroundFactory();
    const stream = (ms: number) => openLoop({ poster: poster!, ratePerS: sizes.ratePerS, durationMs: ms, makeBody: (n) => factory.body(n) });

    // Warm-up: a few clients connect, receive and leave, so the readings compare warm processes.
    const warm = await spawnReceivers('frames', url, sizes.warmupClients, 1, clients);
    await stream(Math.min(2000, sizes.streamMs));
    await warm.close();
    await sleep(sizes.settleMs);
    const before = await settledMemory(pid, inspector, sizes.memorySamples);
    const cpuNoConnections = await cpuOver(pid, sizes.baselineIdleMs);

    const t0 = performance.now();
    pool = await spawnReceivers('frames', url, sizes.connections, sizes.receiverProcesses, clients);
    const connectS = (performance.now() - t0) / 1000;
    log(`  ${system}: ${sizes.connections.toLocaleString('en-US')} connections subscribed in ${round(connectS, 1)} s`);
    await sleep(sizes.settleMs);
    const idle = await settledMemory(pid, inspector, sizes.memorySamples);
    const closesAtIdle = await pool.closes();
    loadavg.idle = load1();
    const cpuIdle = await cpuOver(pid, sizes.idleMs);
    log(`  ${system}: RSS ${kb(before.rss_bytes)} → ${kb(idle.rss_bytes)} KB, idle CPU ${round(cpuIdle, 2)} % of a core (${round(cpuNoConnections, 2)} % without connections)`);

    const p = pool;
    const madeBefore = factory.made;
    const receivedBefore = (await p.received()).all;
    const [srv0, rcv0, s0] = [await cpuSeconds(pid), await p.cpuSeconds(), performance.now()];
    const recordFrom = setTimeout(() => void p.startRecording(), Math.min(1000, sizes.streamMs / 4));
    loadavg.stream = load1();
    const load = await stream(sizes.streamMs);
    clearTimeout(recordFrom);
    const seconds = (performance.now() - s0) / 1000;
    const [srv1, rcv1] = [await cpuSeconds(pid), await p.cpuSeconds()];
    const expected = (factory.made - madeBefore) * sizes.connections;
    const deadline = Date.now() + sizes.drainMs;
    let delivered = 0;
    while ((delivered = (await p.received()).all - receivedBefore) < expected && Date.now() < deadline) await sleep(100);
    const serverUsPerDelivery = delivered > 0 ? (((await cpuSeconds(pid)) - srv0) * 1e6) / delivered : NaN;
    const latency = (await p.stopRecording()).summary();
    log(`  ${system}: ${sizes.ratePerS} events/s to every connection: p50 ${latency.p50_ms} ms, p99 ${latency.p99_ms} ms, ${delivered} of ${expected} delivered`);
    await sleep(sizes.settleMs);
    const streamed = await settledMemory(pid, inspector, sizes.memorySamples);
    loadavg.end = load1();
    // Clients that fell too far behind to answer pings were dropped by the server: count the ones still open.
    const closes = await p.closes();
    const open = { idle: sizes.connections - closesAtIdle.count, streamed: sizes.connections - closes.count };
    const perConnection = (m: MemoryReading, n: number) => kb((m.rss_bytes - before.rss_bytes) / n);
    const unforcedPerConnection = (m: MemoryReading, n: number) => kb((m.rss_unforced_bytes - before.rss_unforced_bytes) / n);
    return {
      system,
      connections: sizes.connections,
      connect_s: round(connectS, 1),
      before,
      idle,
      streamed,
      open_after_stream: open.streamed,
      rss_per_connection_idle_kb: perConnection(idle, open.idle),
      rss_per_connection_streamed_kb: perConnection(streamed, open.streamed),
      rss_unforced_per_connection_idle_kb: unforcedPerConnection(idle, open.idle),
      rss_unforced_per_connection_streamed_kb: unforcedPerConnection(streamed, open.streamed),
      heap_per_connection_idle_kb: kb((idle.heap_bytes - before.heap_bytes) / sizes.connections),
      cpu_no_connections_pct: round(cpuNoConnections, 2),
      cpu_idle_pct: round(cpuIdle, 2),
      cpu_stream_pct: round(((srv1 - srv0) / seconds) * 100, 1),
      server_us_per_delivery: round(serverUsPerDelivery, 2),
      receivers_cpu_stream_pct: round(((rcv1 - rcv0) / seconds) * 100, 1),
      latency,
      events_sent: factory.made - madeBefore,
      events_due: Math.round((sizes.ratePerS * sizes.streamMs) / 1000),
      post_stalls: load.stalled_ticks,
      expected,
      delivered,
      server_closes: closes,
      loadavg,
    };
  } finally {
    poster?.close();
    await pool?.close();
    await server?.stop();
  }
}

/** Runs P7 and returns its result (also printed and written to bench/results/p7-connections.json). */
export async function runConnections(
  options: FigureOptions & { connections?: number; processes?: number; seconds?: number; rate?: number; baseline?: boolean },
  log: (line: string) => void = console.log,
): Promise<FigureResult> {
  const base = options.smoke ? SMOKE : FULL;
  const seconds = options.seconds;
  const sizes: Sizes = {
    ...base,
    connections: options.connections ?? base.connections,
    receiverProcesses: options.processes ?? base.receiverProcesses,
    ratePerS: options.rate ?? base.ratePerS,
    ...(seconds ? { idleMs: seconds * 1000, streamMs: seconds * 1000 } : {}),
  };
  if (sizes.connections < 2 || sizes.connections > 50_000) throw new Error('--connections must be between 2 and 50000');
  if (sizes.receiverProcesses < 1 || sizes.receiverProcesses > 16) throw new Error('--processes must be between 1 and 16');
  if (sizes.streamMs < 1000 || sizes.streamMs > 300_000) throw new Error('--seconds must be between 1 and 300');
  if (sizes.ratePerS <= 0 || sizes.ratePerS > 1000) throw new Error('--rate must be between 1 and 1000 events/s');
  const title = `connection scale: ${sizes.connections.toLocaleString('en-US')} subscribed connections, ${sizes.ratePerS} events/s`;
  const fig = startFigure('p7-connections', title, options.smoke);
  log('P7 gateway…');
  const g = await measureConnections('gateway', sizes, log);
  let bare: SystemResult | null = null;
  if (options.baseline !== false) {
    log('P7 bare ws…');
    bare = await measureConnections('bare ws', sizes, log);
  }
  const notes: string[] = [];
  if (g.delivered < g.expected) notes.push(`the gateway's clients received ${g.delivered} of ${g.expected} event frames within the drain window`);
  if (g.server_closes.count > 0) {
    notes.push(
      `the gateway closed ${g.server_closes.count} connections (${JSON.stringify(g.server_closes.codes)}): clients that fell behind the stream ` +
        'answer pings late, and a peer silent for two heartbeat intervals is dropped; memory per connection counts the ones still open',
    );
  }
  if (g.events_sent < 0.9 * g.events_due) {
    notes.push(`the poster sent ${g.events_sent} of ${g.events_due} events: the gateway left posts unanswered while it fanned events out, so the stream was slower than asked`);
  }
  if (g.receivers_cpu_stream_pct > 150) notes.push(`the receivers used ${g.receivers_cpu_stream_pct} % of a core while streaming: on this machine latency is partly theirs`);
  const worstRss = Math.max(g.rss_per_connection_idle_kb, g.rss_per_connection_streamed_kb);
  const b = <K extends keyof SystemResult>(key: K) => (bare ? (bare[key] as number) : null);
  return publish(
    fig.finish({
      rows: [
        row('server RSS per connection, idle', 'KB', g.rss_per_connection_idle_kb, b('rss_per_connection_idle_kb'), 'bare ws'),
        row('server RSS per connection, after the stream', 'KB', g.rss_per_connection_streamed_kb, b('rss_per_connection_streamed_kb'), 'bare ws'),
        row('server RSS per connection, after the stream, no forced GC', 'KB', g.rss_unforced_per_connection_streamed_kb, b('rss_unforced_per_connection_streamed_kb'), 'bare ws'),
        row('server V8 heap per connection, idle', 'KB', g.heap_per_connection_idle_kb, b('heap_per_connection_idle_kb'), 'bare ws'),
        row('server CPU idle with the connections', '% of a core', g.cpu_idle_pct, g.cpu_no_connections_pct, 'no connections'),
        row(`p50 latency at ${sizes.ratePerS} events/s`, 'ms', g.latency.p50_ms, bare?.latency.p50_ms ?? null, 'bare ws'),
        row(`p99 latency at ${sizes.ratePerS} events/s`, 'ms', g.latency.p99_ms, bare?.latency.p99_ms ?? null, 'bare ws'),
        row('server CPU while streaming', '% of a core', g.cpu_stream_pct, b('cpu_stream_pct'), 'bare ws'),
        row('server CPU per frame delivered', 'µs', g.server_us_per_delivery, b('server_us_per_delivery'), 'bare ws'),
      ],
      targets: [
        target('server RSS per connection', worstRss, '<=', 16, 'KB'),
        target(`p99 latency at ${sizes.ratePerS} events/s`, g.latency.p99_ms, '<=', 100, 'ms'),
        // What the connections add to an idle gateway: its own timers (KPI minutes, metrics) run without them too.
        // (Clamped at 0: short windows count CPU in 10 ms ticks, and the two readings' noise can cross.)
        target('heartbeats and pings, server CPU', Math.max(0, round(g.cpu_idle_pct - g.cpu_no_connections_pct, 2)), '<=', 5, '% of a core'),
      ],
      details: { sizes, systems: { gateway: g, ...(bare ? { 'bare ws': bare } : {}) } },
      notes,
    }),
  );
}

if (isEntryPoint(import.meta.url)) {
  const num = (name: string) => Number(argValue(name)) || undefined;
  runAsScript((o) =>
    runConnections({
      ...o,
      connections: num('connections'),
      processes: num('processes'),
      seconds: num('seconds'),
      rate: num('rate'),
      baseline: !process.argv.includes('--skip-baseline'),
    }),
  );
}
