/**
 * What the server's RSS is made of as it runs: starts the server (with Next, production build) under the
 * mock stream at `--rate` events/s with two `game` subscribers, once per variant given (`--variants`:
 * `default` and/or `NAME=VALUE` environment settings, e.g. `MALLOC_ARENA_MAX=2`), side by side, and
 * samples every `--every` seconds: RSS, V8 heap committed and in use, memory outside the heap, and the
 * heap a full collection leaves. `--snapshots` takes heap snapshots of the first variant at the first and
 * the last sample and prints the retained size per constructor that grew most between them.
 *
 *   node --import tsx bench/repro/server-rss.ts [--rate=2000] [--seconds=240] [--every=30] [--variants=default,MALLOC_ARENA_MAX=2] [--snapshots]
 */
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';
import { type HeapSnapshot, sizesByName } from '../lib/heap-snapshot';
import { type ServerInspector, serverInspector } from '../lib/inspector';
import { benchToken, type RunningServer, startGateway } from '../lib/gateway';
import { rssBytes, sleep } from '../lib/processes';
import { connectFramePool, type LocalPool } from '../lib/receivers';
import { serverGauge } from '../lib/server-usage';

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function printGrowth(a: Map<string, { size: number; count: number }>, b: Map<string, { size: number; count: number }>): void {
  const names = new Set([...a.keys(), ...b.keys()]);
  const rows = [...names].map((n) => {
    const x = a.get(n) ?? { size: 0, count: 0 };
    const y = b.get(n) ?? { size: 0, count: 0 };
    return { n, size: y.size - x.size, count: y.count - x.count, total: y.size };
  });
  console.log('retained growth between the snapshots, by constructor (MB, objects, MB at the last):');
  for (const r of rows.sort((x, y) => y.size - x.size).slice(0, 30)) {
    console.log(`${mb(r.size).padStart(8)} ${String(r.count).padStart(9)} ${mb(r.total).padStart(8)}  ${r.n}`);
  }
}

async function main() {
  const rate = Number(argValue('rate') ?? 2000);
  const seconds = Number(argValue('seconds') ?? 240);
  const every = Number(argValue('every') ?? 30);
  const variants = (argValue('variants') ?? 'default,MALLOC_ARENA_MAX=2').split(',');
  const snapshots = process.argv.includes('--snapshots');
  const servers: { name: string; server: RunningServer; pool: LocalPool; inspector: ServerInspector }[] = [];
  const taken: Map<string, { size: number; count: number }>[] = [];
  try {
    for (const name of variants) {
      const env: Record<string, string> = { MOCK_SEED: '7' };
      if (name !== 'default') {
        const [k, v] = name.split('=');
        env[k] = v;
      }
      const inspector = await serverInspector();
      const server = await startGateway({ next: true, mock: rate, env, nodeArgs: inspector.nodeArgs });
      const pool = await connectFramePool(`ws://127.0.0.1:${server.port}/v1/ws`, 2, { authToken: await benchToken(), unfiltered: true });
      servers.push({ name, server, pool, inspector });
    }
    const started = Date.now();
    for (let t = every; t <= seconds; t += every) {
      await sleep(Math.max(0, started + t * 1000 - Date.now()));
      for (const [i, { name, server, inspector }] of servers.entries()) {
        const [committed, used, external] = await serverGauge(server.baseUrl, [
          'floor_nodejs_heap_size_total_bytes',
          'floor_nodejs_heap_size_used_bytes',
          'floor_nodejs_external_memory_bytes',
        ]);
        const rss = await rssBytes(server.proc.pid);
        const retained = await inspector.collectGarbage();
        console.log(
          `${String(t).padStart(4)} s ${name.padEnd(20)} RSS ${mb(rss)} MB, heap committed ${mb(committed)} used ${mb(used)} ` +
            `(${mb(retained)} after a full GC), external ${mb(external)}, other ${mb(rss - committed - external)}`,
        );
        if (snapshots && i === 0 && (t === every || t + every > seconds)) taken.push(sizesByName(JSON.parse(await inspector.heapSnapshot()) as HeapSnapshot));
      }
    }
    if (taken.length === 2) printGrowth(taken[0], taken[1]);
  } finally {
    for (const { pool, server } of servers) {
      await pool.close();
      await server.stop();
    }
  }
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
