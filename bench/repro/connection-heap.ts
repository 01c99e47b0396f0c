/**
 * What one dashboard connection costs the gateway: starts the gateway alone, warms it up, takes a heap
 * snapshot (after a full GC) with no connections, opens `--connections` clients that sign in and
 * subscribe to `game` as in P7, streams 10 events/s to them for `--stream-seconds`, takes a second
 * snapshot, and prints the difference per constructor in bytes and objects per connection, largest
 * first, beside the V8 heap per connection. (For RSS per connection run P7: a heap snapshot swells the
 * process's native memory for a while, so RSS read around snapshots says little.)
 *
 *   node --import tsx bench/repro/connection-heap.ts [--connections=2000] [--stream-seconds=5] [--top=40] [--save=DIR]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';
import { BENCH_INGEST_KEY, benchToken, startGateway } from '../lib/gateway';
import { type HeapSnapshot, sizesByName } from '../lib/heap-snapshot';
import { JsonPoster, openLoop } from '../lib/http-load';
import { serverInspector } from '../lib/inspector';
import { sleep } from '../lib/processes';
import { spawnReceivers } from '../lib/receiver-pool';
import { GameroundFactory } from '../lib/seed-items';

async function main() {
  const connections = Number(argValue('connections') ?? 2000);
  const streamMs = Number(argValue('stream-seconds') ?? 5) * 1000;
  const top = Number(argValue('top') ?? 40);
  const saveDir = argValue('save');
  const inspector = await serverInspector();
  const server = await startGateway({ next: false, floor: true, nodeArgs: inspector.nodeArgs });
  const poster = new JsonPoster(`${server.baseUrl}/api/v1/events`, { 'x-api-key': BENCH_INGEST_KEY });
  const factory = new GameroundFactory();
  const stream = (ms: number) => openLoop({ poster, ratePerS: 10, durationMs: ms, makeBody: (n) => factory.body(n) });
  const url = `ws://127.0.0.1:${server.port}/v1/ws`;
  const clients = { authToken: await benchToken(), unfiltered: true };
  try {
    const warm = await spawnReceivers('frames', url, 50, 1, clients);
    await stream(2000);
    await warm.close();
    await sleep(1000);
    const take = async (label: string) => {
      const text = await inspector.heapSnapshot();
      if (saveDir) writeFileSync(path.join(saveDir, `gateway-${label}.heapsnapshot`), text);
      return { sizes: sizesByName(JSON.parse(text) as HeapSnapshot) };
    };
    const a = await take('0');
    const pool = await spawnReceivers('frames', url, connections, Math.max(1, Math.min(8, Math.ceil(connections / 1000))), clients);
    if (streamMs > 0) await stream(streamMs);
    await sleep(2000);
    const b = await take(String(connections));
    await pool.close();

    const total = (m: Map<string, { size: number }>) => [...m.values()].reduce((s, e) => s + e.size, 0);
    const per = (bytes: number) => (bytes / connections).toFixed(1).padStart(8);
    console.log(`${connections} connections${streamMs > 0 ? `, after ${streamMs / 1000} s at 10 events/s` : ''}:`);
    console.log(`  V8 heap per connection ${per(total(b.sizes) - total(a.sizes))} B (with the array buffers' data outside the heap)`);
    const names = new Set([...a.sizes.keys(), ...b.sizes.keys()]);
    const rows = [...names].map((n) => {
      const x = a.sizes.get(n) ?? { size: 0, count: 0 };
      const y = b.sizes.get(n) ?? { size: 0, count: 0 };
      return { n, size: y.size - x.size, count: y.count - x.count };
    });
    console.log('bytes and objects per connection, by constructor:');
    for (const r of rows.sort((x, y) => y.size - x.size).slice(0, top)) {
      console.log(`${per(r.size)} B ${(r.count / connections).toFixed(2).padStart(7)}  ${r.n}`);
    }
  } finally {
    poster.close();
    await server.stop();
  }
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
