/**
 * Alarm batches: `POST /api/v1/events` bodies of 1,000 `deviceOffline` items for devices not seen before,
 * each raising a new alarm, through the real ingest, floor events and alarm ledger (SQLite, fsync on commit).
 * Reports how long each batch holds the event loop (p50/p99/max over the batches) when the batch's alarms
 * commit in one transaction, against a baseline measured in the same run where each alarm commits on its own.
 *
 *   node --import tsx bench/alarm-batch.ts [--smoke]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createAlarmService } from '../lib/gateway/alarms';
import type { Publisher } from '../lib/gateway/types';
import type { PublishedEvent } from '../lib/protocol';
import { createMetrics } from '../lib/server/metrics';
import { DedupWindow } from '../lib/sources/dedup-window';
import { createFloorEvents } from '../lib/sources/floor-events';
import { createFloorRegistry } from '../lib/sources/floor-registry';
import { createIngest } from '../lib/sources/ingest';
import { isEntryPoint, parseFigureArgs } from './lib/cli';

const ITEMS = 1000;

const quietPublisher: Publisher = {
  publish: (channel, event, data, meta) => ({ channel, event, seq: 0, id: meta?.id ?? '', ts: meta?.ts ?? '', data }) as PublishedEvent<typeof data>,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Milliseconds each batch held the loop, for `batches` batches of new offline devices, and the CPU
 * milliseconds of each (wall time on a shared machine also counts other processes' turns and the disk's queue).
 */
async function measure(oneCommit: boolean, batches: number): Promise<{ held: number[]; cpu: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alarm-batch-bench-'));
  const alarms = createAlarmService({ dataDir: dir, publisher: quietPublisher, metrics: createMetrics(), logger: pino({ level: 'silent' }) });
  try {
    const floorEvents = createFloorEvents({ publisher: quietPublisher, alarms, registry: createFloorRegistry(null) });
    const ingest = createIngest({
      floorEvents,
      dedup: new DedupWindow(),
      reportBadInput: () => {},
      alarmBatch: oneCommit ? alarms.batch : (work) => work(),
      onAccepted: () => {},
    });
    const held: number[] = [];
    const cpu: number[] = [];
    for (let b = 0; b < batches; b++) {
      const lostAt = new Date().toISOString();
      const items = Array.from({ length: ITEMS }, (_, i) => ({ event: 'deviceOffline', timestamp: lostAt, data: { terminalId: `BENCH-${oneCommit ? 'B' : 'S'}-${b}-${i}`, lostAt } }));
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const result = ingest({ items });
      held.push(performance.now() - start);
      const used = process.cpuUsage(cpu0);
      cpu.push((used.user + used.system) / 1000);
      if (!result.ok) throw new Error(`batch refused: ${JSON.stringify(result)}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { held: held.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
  } finally {
    alarms.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs both modes and prints the loop hold per batch and the ratio to the baseline. */
export async function runAlarmBatch(smoke: boolean, log: (line: string) => void = console.log) {
  const batches = smoke ? 3 : 20;
  // The batched mode first: the baseline's thousands of fsyncs leave the disk flushing for a while after.
  const oneCommit = await measure(true, batches);
  const perAlarm = await measure(false, batches);
  const figures = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99), max: xs[xs.length - 1] });
  const base = figures(perAlarm.held);
  const now = figures(oneCommit.held);
  const fmt = (f: ReturnType<typeof figures>) => `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms`;
  log(`alarm batches of ${ITEMS} deviceOffline items, ${batches} batches each, loop held per batch:`);
  log(`  one commit per alarm (baseline): ${fmt(base)}`);
  log(`  one commit per batch:            ${fmt(now)}`);
  log(`  CPU per batch p50: ${percentile(perAlarm.cpu, 50).toFixed(1)} ms per alarm commit, ${percentile(oneCommit.cpu, 50).toFixed(1)} ms one commit`);
  log(`  p99 ratio: ${(now.p99 / base.p99).toFixed(3)} of baseline; target p99 < 50 ms: ${now.p99 < 50 ? 'met' : 'MISSED'}`);
  return { baseline: base, batched: now };
}

if (isEntryPoint(import.meta.url)) {
  runAlarmBatch(parseFigureArgs().smoke).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
