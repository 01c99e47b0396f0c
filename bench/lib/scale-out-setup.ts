/** One P6 setup measured: its nodes started, the clients and posters run, CPU and latency read (see `bench/p6-scale-out.ts`). */
import path from 'node:path';
import { BENCH_INGEST_KEY, benchToken, type RunningServer, startGateway } from './gateway';
import { LatencyHistogram, type LatencySummary } from './histogram';
import { JsonPoster, type OpenLoopResult, openLoop } from './http-load';
import { cpuSeconds, sleep } from './processes';
import { type ReceiverPool, spawnReceivers } from './receiver-pool';
import { round } from './report';
import { GameroundFactory } from './seed-items';
import type { BenchServices } from './services';

export type Setup = 'embedded' | 'redis';
export const SETUP_NAME: Record<Setup, string> = { embedded: 'one embedded node', redis: 'two nodes on Redis' };

export interface Sizes {
  clients: number;
  ratePerS: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  rounds: number;
  /** Where the nodes write V8 CPU profiles (`node --cpu-prof`), when asked; profiling slows them down. */
  cpuProfDir?: string;
}


/** The posters' origin letters: poster i posts to node i % nodes. */
const ORIGINS = ['a', 'b'] as const;

export interface SetupResult {
  setup: Setup;
  round: number;
  nodes: number;
  clients: number;
  rate_events_per_s: number;
  seconds: number;
  delivered_msgs: number;
  delivered_share: number;
  delivered_msgs_per_s: number;
  post_errors: number;
  stalled_ticks: number;
  /** CPU the gateway nodes used over the window, in seconds, each node apart. */
  node_cpu_s: number[];
  redis_cpu_s: number;
  postgres_cpu_s: number;
  /** The same, in cores (1 = one core busy all the window). */
  nodes_cpu: number;
  redis_cpu: number;
  receivers_cpu: number;
  poster_cpu: number;
  msgs_per_server_cpu_s: number;
  msgs_per_server_cpu_s_with_redis: number;
  latency: { all: LatencySummary; same_node: LatencySummary; cross_node: LatencySummary | null };
  server_closes: number;
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Waits until the pools hold `expected` messages or `maxMs` passed; true when they caught up. */
async function drain(pools: ReceiverPool[], expected: () => number, maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if ((await received(pools)) >= expected()) return true;
    await sleep(50);
  }
  return false;
}

async function received(pools: ReceiverPool[]): Promise<number> {
  const counts = await Promise.all(pools.map((p) => p.received()));
  return sumOf(counts.map((c) => c.all + c.filtered));
}

/** Starts the nodes of a setup: one embedded, or two on the shared services. */
async function startNodes(setup: Setup, turn: number, services: BenchServices | null, cpuProfDir?: string): Promise<RunningServer[]> {
  // A folder per node: each of its threads (the module loader's among them) writes a profile of its own.
  const nodeArgs = (name: string) => (cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cpuProfDir, `p6-${name}-round-${turn}`)}`] : []);
  if (setup === 'embedded') return [await startGateway({ floor: true, nodeArgs: nodeArgs('embedded') })];
  if (!services) throw new Error('two nodes need the shared Redis and PostgreSQL');
  const nodes: RunningServer[] = [];
  try {
    for (const id of ORIGINS) {
      const env = { REDIS_URL: services.redisUrl, DATABASE_URL: services.databaseUrl, NODE_ID: `bench-${id}` };
      nodes.push(await startGateway({ floor: true, env, nodeArgs: nodeArgs(`redis-${id}`) }));
    }
    return nodes;
  } catch (err) {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    throw err;
  }
}

/** Measures one setup: clients connected, warm-up, then one measured window at the fixed rate. */
export async function measureSetup(setup: Setup, turn: number, sizes: Sizes, services: BenchServices | null, log: (line: string) => void): Promise<SetupResult> {
  let nodes: RunningServer[] = [];
  const pools: ReceiverPool[] = [];
  const posters: JsonPoster[] = [];
  try {
    nodes = await startNodes(setup, turn, services, sizes.cpuProfDir);
    const token = await benchToken();
    // Two pools of half the clients each, one receiver process apiece: on node i % nodes.
    const half = Math.floor(sizes.clients / 2);
    for (const [i, clients] of [half, sizes.clients - half].entries()) {
      const node = nodes[i % nodes.length];
      pools.push(await spawnReceivers('frames', `ws://127.0.0.1:${node.port}/v1/ws?token=${encodeURIComponent(token)}`, clients, 1));
    }
    for (let i = 0; i < ORIGINS.length; i++) posters.push(new JsonPoster(`${nodes[i % nodes.length].baseUrl}/api/v1/events`, { 'x-api-key': BENCH_INGEST_KEY }));
    const factories = ORIGINS.map((origin) => new GameroundFactory(origin));
    // Each pool splits its clients: even ones get every event, odd ones only the filtered location's.
    const unfiltered = sumOf(pools.map((p) => Math.ceil(p.clients / 2)));
    const filtered = sizes.clients - unfiltered;
    const expected = () => sumOf(factories.map((f) => unfiltered * f.made + filtered * f.madeFiltered));
    const run = (ms: number) =>
      Promise.all(posters.map((poster, i) => openLoop({ poster, ratePerS: sizes.ratePerS / posters.length, durationMs: ms, makeBody: (n) => factories[i].body(n) })));

    // Warm-up: JIT, sockets, the nodes' first reads of the shared streams. Not measured.
    await run(sizes.warmupMs);
    if (!(await drain(pools, expected, sizes.drainMs))) log(`  ${setup}: the warm-up was not delivered in full within ${sizes.drainMs} ms`);

    const pids = nodes.map((n) => n.proc.pid);
    const cpu = async () => ({
      nodes: await Promise.all(pids.map((pid) => cpuSeconds(pid))),
      redis: services && setup === 'redis' ? await services.redisCpuSeconds() : 0,
      postgres: services && setup === 'redis' ? await services.postgresCpuSeconds() : 0,
      receivers: sumOf(await Promise.all(pools.map((p) => p.cpuSeconds()))),
    });
    const got0 = await received(pools);
    const expected0 = expected();
    await Promise.all(pools.map((p) => p.startRecording()));
    const cpu0 = await cpu();
    const self0 = process.cpuUsage();
    const t0 = performance.now();
    const loads: OpenLoopResult[] = await run(sizes.measureMs);
    const seconds = (performance.now() - t0) / 1000;
    // The window closes once the last events are delivered (or the drain gives up): the CPU they took is in it.
    await drain(pools, expected, sizes.drainMs);
    const cpu1 = await cpu();
    const self = process.cpuUsage(self0);
    const byPool = await Promise.all(pools.map((p) => p.stopRecordingByOrigin()));
    const delivered = (await received(pools)) - got0;
    const offered = expected() - expected0;

    const nodeCpu = cpu1.nodes.map((c, i) => c - cpu0.nodes[i]);
    const nodesCpuS = sumOf(nodeCpu);
    const redisCpuS = cpu1.redis - cpu0.redis;
    const latency = latencies(setup, nodes.length, byPool);
    const result: SetupResult = {
      setup,
      round: turn,
      nodes: nodes.length,
      clients: sizes.clients,
      rate_events_per_s: sizes.ratePerS,
      seconds: round2(seconds),
      delivered_msgs: delivered,
      delivered_share: offered > 0 ? round(delivered / offered, 4) : 0,
      delivered_msgs_per_s: Math.round(delivered / seconds),
      post_errors: sumOf(loads.map((l) => l.errors)),
      stalled_ticks: sumOf(loads.map((l) => l.stalled_ticks)),
      node_cpu_s: nodeCpu.map((c) => round2(c)),
      redis_cpu_s: round2(redisCpuS),
      // Backends that exit take their CPU time out of the sum: a small negative difference means none was used.
      postgres_cpu_s: round2(Math.max(0, cpu1.postgres - cpu0.postgres)),
      nodes_cpu: round2(nodesCpuS / seconds),
      redis_cpu: round2(redisCpuS / seconds),
      receivers_cpu: round2((cpu1.receivers - cpu0.receivers) / seconds),
      poster_cpu: round2((self.user + self.system) / 1e6 / seconds),
      msgs_per_server_cpu_s: nodesCpuS > 0 ? Math.round(delivered / nodesCpuS) : 0,
      msgs_per_server_cpu_s_with_redis: nodesCpuS + redisCpuS > 0 ? Math.round(delivered / (nodesCpuS + redisCpuS)) : 0,
      latency,
      server_closes: sumOf((await Promise.all(pools.map((p) => p.closes()))).map((c) => c.count)),
    };
    log(
      `  ${SETUP_NAME[setup]}: ${result.delivered_msgs_per_s.toLocaleString('en-US')} msgs/s (${(result.delivered_share * 100).toFixed(1)} % of expected), ` +
        `CPU nodes ${result.nodes_cpu}${setup === 'redis' ? ` Redis ${result.redis_cpu}` : ''} clients ${result.receivers_cpu} poster ${result.poster_cpu}; ` +
        `${result.msgs_per_server_cpu_s.toLocaleString('en-US')} msgs per node CPU-s; p99 same-node ${latency.same_node.p99_ms} ms` +
        (latency.cross_node ? `, cross-node ${latency.cross_node.p99_ms} ms` : ''),
    );
    return result;
  } finally {
    for (const poster of posters) poster.close();
    await Promise.allSettled(pools.map((p) => p.close()));
    await Promise.allSettled(nodes.map((n) => n.stop()));
  }
}

const round2 = (x: number) => round(x, 2);

/**
 * Pool i sits on node i % nodes, poster i posts to node i % nodes: a delivery is same-node when its
 * origin is the pool's own node, cross-node otherwise. One embedded node has only same-node deliveries.
 */
function latencies(setup: Setup, nodes: number, byPool: Map<string, LatencyHistogram>[]): SetupResult['latency'] {
  const all = new LatencyHistogram();
  const same = new LatencyHistogram();
  const cross = new LatencyHistogram();
  byPool.forEach((byOrigin, pool) => {
    for (const [origin, hist] of byOrigin) {
      all.merge(hist.toJSON());
      const postedTo = ORIGINS.indexOf(origin as (typeof ORIGINS)[number]) % nodes;
      (setup === 'embedded' || postedTo === pool % nodes ? same : cross).merge(hist.toJSON());
    }
  });
  return { all: all.summary(), same_node: same.summary(), cross_node: setup === 'embedded' ? null : cross.summary() };
}
