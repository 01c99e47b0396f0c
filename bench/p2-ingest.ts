/**
 * P2 ingest: batches of 100 `gameround` items (docs/protocol.md §11.1) POSTed over keep-alive
 * connections by several concurrent senders, each waiting for its answer before sending the next.
 * Reports items/s and p99 request latency for the gateway (`POST /api/v1/events`: validation, dedup,
 * pairing, publish) and for a bare node:http server that only reads and JSON.parses the same bodies
 * and answers 204.
 */
import { type FigureOptions, isEntryPoint, runAsScript } from './lib/cli';
import { BENCH_INGEST_KEY, type RunningServer, startBaseline, startGateway } from './lib/gateway';
import { type ClosedLoopResult, JsonPoster, closedLoop } from './lib/http-load';
import { cpuSeconds } from './lib/processes';
import { publish, round, row, startFigure, target, type FigureResult } from './lib/report';
import { GameroundFactory } from './lib/seed-items';

interface Sizes {
  senders: number;
  itemsPerBatch: number;
  warmupMs: number;
  measureMs: number;
}

const FULL: Sizes = { senders: 8, itemsPerBatch: 100, warmupMs: 2000, measureMs: 8000 };
const SMOKE: Sizes = { senders: 2, itemsPerBatch: 100, warmupMs: 300, measureMs: 700 };

interface IngestMeasure extends ClosedLoopResult {
  server_cpu: number;
  items_per_server_cpu_s: number;
}

async function measure(system: 'gateway' | 'bare node:http', sizes: Sizes, log: (line: string) => void): Promise<IngestMeasure> {
  let server: RunningServer | null = null;
  let poster: JsonPoster | null = null;
  try {
    server = system === 'gateway' ? await startGateway({ floor: true }) : await startBaseline('ingest-http');
    poster = new JsonPoster(`${server.baseUrl}/api/v1/events`, { 'x-api-key': BENCH_INGEST_KEY }, sizes.senders);
    const factory = new GameroundFactory();
    const load = { poster, senders: sizes.senders, makeBody: () => factory.body(sizes.itemsPerBatch), itemsPerBody: sizes.itemsPerBatch };
    await closedLoop({ ...load, warmupMs: 0, measureMs: sizes.warmupMs });
    const cpu0 = await cpuSeconds(server.proc.pid);
    const result = await closedLoop({ ...load, warmupMs: 0, measureMs: sizes.measureMs });
    const serverCpu = ((await cpuSeconds(server.proc.pid)) - cpu0) / result.seconds;
    if (result.requests === 0) throw new Error(`${system}: no request answered 204 (${JSON.stringify(result.statuses)})`);
    log(
      `  ${system}: ${Math.round(result.items_per_s).toLocaleString('en-US')} items/s, p99 ${result.latency.p99_ms} ms, ` +
        `server CPU ${round(serverCpu, 2)}, errors ${result.errors}`,
    );
    return { ...result, server_cpu: round(serverCpu, 2), items_per_server_cpu_s: serverCpu > 0 ? Math.round(result.items_per_s / serverCpu) : 0 };
  } finally {
    poster?.close();
    await server?.stop();
  }
}

/** Runs P2 and returns its result (also printed and written to bench/results/p2-ingest.json). */
export async function runIngest(options: FigureOptions, log: (line: string) => void = console.log): Promise<FigureResult> {
  const fig = startFigure('p2-ingest', `ingest: batches of 100 items, concurrent keep-alive senders`, options.smoke);
  const sizes = options.smoke ? SMOKE : FULL;
  log('P2 gateway…');
  const g = await measure('gateway', sizes, log);
  log('P2 bare node:http…');
  const bare = await measure('bare node:http', sizes, log);
  const notes: string[] = [];
  if (g.errors > 0) notes.push(`the gateway answered ${g.errors} requests with something else than 204: ${JSON.stringify(g.statuses)}`);
  if (g.server_cpu < 0.85) notes.push(`the gateway used ${g.server_cpu} of a core: the senders or other work on the machine held it back`);
  if (bare.server_cpu < 0.85) {
    notes.push(`the bare baseline used ${bare.server_cpu} of a core: the senders, not the server, bounded it; items per server CPU-second compares the two servers more fairly`);
  }
  return publish(
    fig.finish({
      rows: [
        row('items ingested', 'items/s', g.items_per_s, bare.items_per_s, 'bare node:http'),
        row('p50 request latency', 'ms', g.latency.p50_ms, bare.latency.p50_ms, 'bare node:http'),
        row('p99 request latency', 'ms', g.latency.p99_ms, bare.latency.p99_ms, 'bare node:http'),
        row('items per server CPU-second', 'items', g.items_per_server_cpu_s, bare.items_per_server_cpu_s, 'bare node:http'),
      ],
      targets: [target('ingest throughput', g.items_per_s, '>=', 50_000, 'items/s')],
      details: { sizes, gateway: g, baseline: bare },
      notes,
    }),
  );
}

if (isEntryPoint(import.meta.url)) runAsScript(runIngest);
