/**
 * Alarm batches: `POST /api/v1/events` bodies of 1,000 `deviceOffline` items for devices not seen before,
 * each raising a new alarm, through the real ingest, floor events and alarm ledger (SQLite, fsync on commit).
 * Reports the longest single turn of the event loop each batch takes (p50/p99/max over the batches) in
 * three modes measured in the same run: each alarm its own commit (the first baseline), the whole batch
 * one commit in one turn (the second), and the batch applied in slices of `APPLY_SLICE_MS`, each slice
 * one commit, with other work served between them (what the gateway does).
 *
 *   node --import tsx bench/alarm-batch.ts [--smoke]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createAlarmService } from '../lib/gateway/alarms';
import type { Publisher } from '../lib/gateway/types';
import { createMetrics } from '../lib/runtime/metrics';
import { DedupWindow } from '../lib/sources/dedup-window';
import { createFloorEvents } from '../lib/sources/floor-events';
import { createFloorRegistry } from '../lib/sources/floor-registry';
import { APPLY_SLICE_MS, createIngest } from '../lib/sources/ingest';
import { isEntryPoint, parseFigureArgs } from './lib/cli';

const ITEMS = 1000;

type Mode = 'per-alarm' | 'one-turn' | 'sliced';

const quietPublisher: Publisher = { publish: () => {} };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * For `batches` batches of new offline devices: the longest turn each batch held the loop (ms), its
 * turns, and its CPU milliseconds (wall time on a shared machine also counts other processes' turns).
 */
async function measure(mode: Mode, batches: number): Promise<{ held: number[]; turns: number[]; cpu: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alarm-batch-bench-'));
  const alarms = createAlarmService({ dataDir: dir, publisher: quietPublisher, metrics: createMetrics(), logger: pino({ level: 'silent' }) });
  let turnHeld: number[] = [];
  try {
    const floorEvents = createFloorEvents({ publisher: quietPublisher, alarms, registry: createFloorRegistry(null) });
    const ingest = createIngest({
      floorEvents,
      dedup: new DedupWindow(),
      reportBadInput: () => {},
      alarmBatch: (work) => {
        const start = performance.now();
        try {
          return mode === 'per-alarm' ? Promise.resolve(work()) : alarms.batch(work);
        } finally {
          turnHeld.push(performance.now() - start);
        }
      },
      onAccepted: () => {},
      sliceMs: mode === 'sliced' ? APPLY_SLICE_MS : Infinity,
    });
    const held: number[] = [];
    const turns: number[] = [];
    const cpu: number[] = [];
    for (let b = 0; b < batches; b++) {
      const lostAt = new Date().toISOString();
      const items = Array.from({ length: ITEMS }, (_, i) => ({ event: 'deviceOffline', timestamp: lostAt, data: { terminalId: `BENCH-${mode}-${b}-${i}`, lostAt } }));
      turnHeld = [];
      const cpu0 = process.cpuUsage();
      const result = await ingest({ items });
      const used = process.cpuUsage(cpu0);
      held.push(Math.max(...turnHeld));
      turns.push(turnHeld.length);
      cpu.push((used.user + used.system) / 1000);
      if (!result.ok) throw new Error(`batch refused: ${JSON.stringify(result)}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
    return { held: sorted(held), turns: sorted(turns), cpu: sorted(cpu) };
  } finally {
    alarms.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the three modes and prints the longest turn per batch and the ratio to each baseline. */
export async function runAlarmBatch(smoke: boolean, log: (line: string) => void = console.log) {
  const batches = smoke ? 3 : 20;
  // Batched modes first: the per-alarm baseline's thousands of fsyncs leave the disk flushing for a while after.
  const sliced = await measure('sliced', batches);
  const oneTurn = await measure('one-turn', batches);
  const perAlarm = await measure('per-alarm', batches);
  const figures = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99), max: xs[xs.length - 1] });
  const fmt = (f: ReturnType<typeof figures>) => `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms`;
  const rows = { perAlarm: figures(perAlarm.held), oneTurn: figures(oneTurn.held), sliced: figures(sliced.held) };
  const cpu = (m: { cpu: number[] }) => percentile(m.cpu, 50).toFixed(1);
  log(`alarm batches of ${ITEMS} deviceOffline items, ${batches} batches each, longest turn of the loop per batch:`);
  log(`  each alarm its own commit (baseline 1): ${fmt(rows.perAlarm)}`);
  log(`  one commit in one turn (baseline 2):    ${fmt(rows.oneTurn)}`);
  log(`  slices of ${APPLY_SLICE_MS} ms, one commit each:     ${fmt(rows.sliced)}; turns per batch p50 ${percentile(sliced.turns, 50)}`);
  log(`  CPU per batch p50: ${cpu(perAlarm)} ms / ${cpu(oneTurn)} ms / ${cpu(sliced)} ms`);
  log(`  p99 ratio: ${(rows.sliced.p99 / rows.perAlarm.p99).toFixed(3)} of baseline 1, ${(rows.sliced.p99 / rows.oneTurn.p99).toFixed(3)} of baseline 2; target p99 < 50 ms: ${rows.sliced.p99 < 50 ? 'met' : 'MISSED'}`);
  return { baseline: rows.perAlarm, oneTurn: rows.oneTurn, batched: rows.sliced };
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
