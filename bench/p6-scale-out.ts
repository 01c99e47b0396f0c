/**
 * P6 scale-out: what a second node costs. The same load, in the same run, on (a) one embedded node and
 * (b) two nodes sharing one Redis (and one PostgreSQL, which the configuration requires beside it):
 * N dashboard clients on `game`, half on each node (in (a) both halves on the one node), and events
 * posted through `POST /api/v1/events` by two open-loop posters at half the rate each, one per node in
 * (b), so half the events cross from one node to the other through Redis.
 *
 * Reports delivered messages per server CPU-second (the nodes' own, then with Redis's added), their
 * ratio (b)/(a), and publish→receive latency; in (b) split into same-node deliveries (posted to the
 * node the client is on) and cross-node ones. Each poster stamps its items with an origin letter the
 * receivers read back from the frames.
 */
import { argValue, type FigureOptions, isEntryPoint, runAsScript } from './lib/cli';
import { publish, round, row, startFigure, type FigureResult } from './lib/report';
import { startBenchServices } from './lib/services';
import { type Setup, type SetupResult, type Sizes, SETUP_NAME, measureSetup } from './lib/scale-out-setup';

export type { Setup, Sizes } from './lib/scale-out-setup';

export const FULL: Sizes = { clients: 100, ratePerS: 1500, warmupMs: 5000, measureMs: 25_000, drainMs: 10_000, rounds: 2 };
export const SMOKE: Sizes = { clients: 10, ratePerS: 200, warmupMs: 500, measureMs: 2000, drainMs: 3000, rounds: 1 };

/** Keeps, setup by setup, the round with the most messages per node CPU-second, and the least disturbed latency. */
function bestOf(results: SetupResult[], setup: Setup): SetupResult {
  const mine = results.filter((r) => r.setup === setup);
  const capacity = mine.reduce((a, b) => (b.msgs_per_server_cpu_s > a.msgs_per_server_cpu_s ? b : a));
  const quiet = mine.reduce((a, b) => (b.latency.all.p99_ms < a.latency.all.p99_ms ? b : a));
  return { ...capacity, latency: quiet.latency };
}

/** Runs P6 and returns its result (also printed and written to bench/results/p6-scale-out.json). */
export async function runScaleOut(options: FigureOptions & Partial<Sizes>, log: (line: string) => void = console.log): Promise<FigureResult> {
  const base = options.smoke ? SMOKE : FULL;
  const sizes: Sizes = {
    clients: options.clients ?? base.clients,
    ratePerS: options.ratePerS ?? base.ratePerS,
    warmupMs: base.warmupMs,
    measureMs: options.measureMs ?? base.measureMs,
    drainMs: base.drainMs,
    rounds: options.rounds ?? base.rounds,
    cpuProfDir: options.cpuProfDir,
  };
  if (sizes.clients < 2 || sizes.clients > 2000) throw new Error('--clients must be between 2 and 2000');
  if (sizes.ratePerS <= 0 || sizes.ratePerS > 20_000) throw new Error('--rate must be between 1 and 20000 events/s');
  if (sizes.measureMs < 1000 || sizes.measureMs > 300_000) throw new Error('--seconds must be between 1 and 300');
  if (sizes.rounds < 1 || sizes.rounds > 5) throw new Error('--rounds must be between 1 and 5');
  const fig = startFigure('p6-scale-out', `scale-out: ${sizes.clients} clients, ${sizes.ratePerS} events/s, one embedded node against two on Redis`, options.smoke);
  const services = await startBenchServices();
  const results: SetupResult[] = [];
  try {
    for (let r = 1; r <= sizes.rounds; r++) {
      // Taking turns the other way round each round, so a drift in the machine's load hits both setups.
      const order: Setup[] = r % 2 === 1 ? ['embedded', 'redis'] : ['redis', 'embedded'];
      for (const setup of order) {
        log(`P6 ${SETUP_NAME[setup]}${sizes.rounds > 1 ? `, round ${r} of ${sizes.rounds}` : ''}…`);
        results.push(await measureSetup(setup, r, sizes, services, log));
      }
    }
  } finally {
    await services.stop();
  }
  const a = bestOf(results, 'embedded');
  const b = bestOf(results, 'redis');
  const cross = b.latency.cross_node!;
  const notes: string[] = [];
  for (const r of results) {
    if (r.delivered_share < 0.999) notes.push(`${SETUP_NAME[r.setup]}, round ${r.round}: ${(r.delivered_share * 100).toFixed(2)} % of the expected messages arrived`);
    if (r.post_errors > 0 || r.stalled_ticks > 0) notes.push(`${SETUP_NAME[r.setup]}, round ${r.round}: ${r.post_errors} failed posts, ${r.stalled_ticks} stalled poster ticks (the load was not absorbed)`);
    if (r.server_closes > 0) notes.push(`${SETUP_NAME[r.setup]}, round ${r.round}: the nodes closed ${r.server_closes} clients`);
  }
  const result = publish(
    fig.finish({
      rows: [
        row('delivered per server CPU-second, nodes only', 'msgs', b.msgs_per_server_cpu_s, a.msgs_per_server_cpu_s, SETUP_NAME.embedded),
        row('delivered per server CPU-second, nodes + Redis', 'msgs', b.msgs_per_server_cpu_s_with_redis, a.msgs_per_server_cpu_s, SETUP_NAME.embedded),
        row('server CPU at this load, nodes', 'cores', b.nodes_cpu, a.nodes_cpu, SETUP_NAME.embedded),
        row('server CPU at this load, Redis', 'cores', b.redis_cpu),
        row('p50 latency, same-node', 'ms', b.latency.same_node.p50_ms, a.latency.same_node.p50_ms, SETUP_NAME.embedded),
        row('p99 latency, same-node', 'ms', b.latency.same_node.p99_ms, a.latency.same_node.p99_ms, SETUP_NAME.embedded),
        row('p50 latency, cross-node', 'ms', cross.p50_ms, a.latency.same_node.p50_ms, SETUP_NAME.embedded),
        row('p99 latency, cross-node', 'ms', cross.p99_ms, a.latency.same_node.p99_ms, SETUP_NAME.embedded),
      ],
      targets: [],
      details: { sizes, embedded: a, redis: b, rounds: results },
      notes,
    }),
  );
  // One line with the headline figures, for logs and scripts.
  log(
    JSON.stringify({
      figure: result.figure,
      loadavg_1m: result.machine.loadavg_1m,
      rate_events_per_s: sizes.ratePerS,
      clients: sizes.clients,
      msgs_per_cpu_s: { embedded: a.msgs_per_server_cpu_s, redis_nodes: b.msgs_per_server_cpu_s, redis_nodes_and_redis: b.msgs_per_server_cpu_s_with_redis },
      ratio: round(b.msgs_per_server_cpu_s / a.msgs_per_server_cpu_s, 3),
      ratio_with_redis: round(b.msgs_per_server_cpu_s_with_redis / a.msgs_per_server_cpu_s, 3),
      p99_ms: { embedded: a.latency.same_node.p99_ms, same_node: b.latency.same_node.p99_ms, cross_node: cross.p99_ms },
    }),
  );
  return result;
}

/** `--name=N` as a number, or undefined when not given. */
function numberArg(name: string): number | undefined {
  const value = argValue(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, not ${JSON.stringify(value)}`);
  return n;
}

if (isEntryPoint(import.meta.url)) {
  runAsScript((o) => {
    const seconds = numberArg('seconds');
    const measureMs = seconds === undefined ? undefined : seconds * 1000;
    return runScaleOut({ ...o, clients: numberArg('clients'), ratePerS: numberArg('rate'), rounds: numberArg('rounds'), measureMs, cpuProfDir: argValue('cpu-prof-dir') });
  });
}
