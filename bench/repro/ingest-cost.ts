/**
 * What the ingest costs per item, in process, without HTTP: the gateway (memory engines, the bench floor,
 * no subscriber) takes `--batches` bodies of 100 `gameround` bets through `sources.ingest` after
 * `JSON.parse`, as `POST /api/v1/events` does; CPU time per item beside `JSON.parse` alone of the same
 * bodies, measured in the same run (the part the bare server of P2 also pays). Three rounds, alternating.
 * With `--cpu-prof` Node writes a profile of the whole run. `--allocations` samples, over one more ingest
 * round, every allocation (kept or collected since) and prints the functions that allocate the most
 * bytes per item: what the garbage collector then has to deal with.
 *
 *   node [--cpu-prof] --import tsx bench/repro/ingest-cost.ts [--batches=3000] [--items=100] [--allocations]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../lib/runtime/config';
import { createLogger } from '../../lib/runtime/logger';
import { createFloorMonitor } from '../../lib/server/floor-monitor';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';
import { BENCH_FLOOR, GameroundFactory } from '../lib/seed-items';

/** Bodies made at a time. */
const CHUNK = 20;

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function main() {
  const batches = Number(argValue('batches') ?? 3000);
  const items = Number(argValue('items') ?? 100);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ingest-cost-'));
  const floorFile = path.join(dir, 'floor.json');
  writeFileSync(floorFile, JSON.stringify(BENCH_FLOOR));
  const config = loadConfig({ DATA_DIR: path.join(dir, 'data'), FLOOR_FILE: floorFile, MOCK_STREAM: 'off', LOG_LEVEL: 'warn' });
  const monitor = createFloorMonitor(config, createLogger('warn'));
  try {
    await monitor.services.alarms.ready;
    const { sources } = monitor.services;
    const factory = new GameroundFactory();
    // Bodies made a few at a time, outside the timed part: the figure is the gateway's work, not the
    // bench's, and thousands of bodies held at once would make the collector's work the bench's too.
    const timed = async (run: (body: string) => Promise<void> | void) => {
      let us = 0;
      for (let done = 0; done < batches; done += CHUNK) {
        const bodies = Array.from({ length: Math.min(CHUNK, batches - done) }, () => factory.body(items));
        const t0 = cpuUs();
        for (const body of bodies) await run(body);
        us += cpuUs() - t0;
      }
      return us / (batches * items);
    };
    const parseOnly = () =>
      timed((body) => {
        if ((JSON.parse(body) as { items: unknown[] }).items.length !== items) throw new Error('a bench body lost items');
      });
    const ingest = () =>
      timed(async (body) => {
        const result = await sources.ingest(JSON.parse(body));
        if (!result.ok) throw new Error(`ingest refused a bench body: ${JSON.stringify(result)}`);
      });

    await ingest(); // warm-up: JIT, tables, the first history chunks
    for (let round = 1; round <= 3; round++) {
      const parse = await parseOnly();
      const total = await ingest();
      console.log(
        `round ${round}: ingest ${total.toFixed(2)} µs/item (JSON.parse ${parse.toFixed(2)} µs/item, the rest ${(total - parse).toFixed(2)} µs/item); ` +
          `JSON.parse alone is ${(parse / total).toFixed(2)}× of it`,
      );
    }
    if (process.argv.includes('--allocations')) await printAllocations(() => ingest(), batches * items);
  } finally {
    await monitor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

/** Runs `work` under V8's sampling heap profiler, collected objects included, and prints bytes per item by function. */
async function printAllocations(work: () => Promise<unknown>, itemCount: number): Promise<void> {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    await work();
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
    const bySite = new Map<string, number>();
    const visit = (node: SamplingNode) => {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      const site = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}:${columnNumber + 1}`;
      if (node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      node.children.forEach(visit);
    };
    visit(profile.head);
    const total = [...bySite.values()].reduce((a, b) => a + b, 0);
    console.log(`allocated in one ingest round: ${(total / itemCount).toFixed(0)} bytes per item (sampled), by function:`);
    for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(argValue('top') ?? 25))) {
      console.log(`${(bytes / itemCount).toFixed(0).padStart(7)} B/item  ${site}`);
    }
  } finally {
    session.disconnect();
  }
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
