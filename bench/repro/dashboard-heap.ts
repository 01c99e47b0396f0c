/**
 * What the dashboard's heap holds, and what grows: opens the dashboard (production build) in headless
 * Chromium under the mock stream at `--rate` events/s, takes a heap snapshot after a forced GC at
 * `--first` and `--second` seconds, and prints the retained size per constructor in each and the
 * difference, largest growth first.
 *
 *   node --import tsx bench/repro/dashboard-heap.ts [--rate=2000] [--first=60] [--second=240] [--at=60,300,600] [--save=DIR]
 *
 * `--at` takes any number of snapshots (the diff is between the first and the last); `--save` writes each
 * one as `DIR/heap-<seconds>s.heapsnapshot`, for `heap-growth.ts` to find what retains the growth.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { plainPage, waitForRows } from '../lib/browser';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';
import { type HeapSnapshot, sizesByName } from '../lib/heap-snapshot';
import { sleep } from '../lib/processes';
import { onLiveFloor } from './live-floor';

async function main() {
  const rate = Number(argValue('rate') ?? 2000);
  const at = (argValue('at') ?? `${argValue('first') ?? 60},${argValue('second') ?? 240}`).split(',').map(Number);
  const saveDir = argValue('save');
  const first = at[0];
  const second = at[at.length - 1];
  await onLiveFloor(rate, async ({ browser, dashboardUrl }) => {
    const { context, page } = await plainPage(browser);
    await page.goto(dashboardUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForRows(page, 30_000);
    const opened = Date.now();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const take = async (seconds: number): Promise<Map<string, { size: number; count: number }>> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const chunks: string[] = [];
      const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
      cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      const text = chunks.join('');
      if (saveDir) writeFileSync(path.join(saveDir, `heap-${seconds}s.heapsnapshot`), text);
      return sizesByName(JSON.parse(text) as HeapSnapshot);
    };
    const total = (m: Map<string, { size: number }>) => [...m.values()].reduce((s, e) => s + e.size, 0);
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
    const taken: Map<string, { size: number; count: number }>[] = [];
    for (const seconds of at) {
      await sleep(Math.max(0, seconds * 1000 - (Date.now() - opened)));
      taken.push(await take(seconds));
      console.log(`heap after GC at ${seconds} s: ${mb(total(taken[taken.length - 1]))} MB`);
    }
    const a = taken[0];
    const b = taken[taken.length - 1];
    console.log(`heap after GC: ${mb(total(a))} MB at ${first} s, ${mb(total(b))} MB at ${second} s (${rate} events/s)`);
    const names = new Set([...a.keys(), ...b.keys()]);
    const rows = [...names].map((n) => ({ n, a: a.get(n) ?? { size: 0, count: 0 }, b: b.get(n) ?? { size: 0, count: 0 } }));
    console.log('largest at the second snapshot:');
    for (const r of [...rows].sort((x, y) => y.b.size - x.b.size).slice(0, 25)) console.log(`${mb(r.b.size).padStart(8)} MB ${String(r.b.count).padStart(8)}  ${r.n}`);
    console.log('largest growth:');
    for (const r of [...rows].sort((x, y) => y.b.size - y.a.size - (x.b.size - x.a.size)).slice(0, 25)) {
      console.log(`${mb(r.b.size - r.a.size).padStart(8)} MB ${String(r.b.count - r.a.count).padStart(8)}  ${r.n}`);
    }
    await context.close();
  });
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
