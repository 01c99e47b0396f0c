/**
 * Runs every figure in turn (P1–P5 and P7; `--skip-soak` leaves P5 out, `--smoke` runs tiny sizes),
 * then prints one summary (with a Markdown table for docs/PERFORMANCE.md) and writes it to
 * bench/results/summary.json.
 * A figure that crashes is reported and the others still run; the exit code says whether any did.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFigureArgs } from './lib/cli';
import { RESULTS_DIR, type FigureResult, formatResult, machineInfo } from './lib/report';
import { runFanout } from './p1-fanout';
import { runIngest } from './p2-ingest';
import { runBrowser } from './p3-browser';
import { runColdLoad } from './p4-cold-load';
import { runConnections } from './p7-connections';
import { runSoak } from './soak';

const FIGURES: [string, (o: { smoke: boolean }) => Promise<FigureResult>][] = [
  ['p1-fanout', runFanout],
  ['p2-ingest', runIngest],
  ['p3-browser', runBrowser],
  ['p4-cold-load', runColdLoad],
  ['p5-soak', runSoak],
  ['p7-connections', runConnections],
];

function fmt(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 100) / 100);
}

/** The summary as a Markdown table, ready for docs/PERFORMANCE.md. */
export function summaryMarkdown(results: FigureResult[], failures: { figure: string; error: string }[]): string {
  const m = machineInfo();
  const lines = [
    `Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memory_gb} GB, Node ${m.node}, ${m.platform}; ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| figure | metric | project | baseline | ratio |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    for (const x of r.rows) {
      lines.push(`| ${r.figure} | ${x.metric} (${x.unit}) | ${fmt(x.project)} | ${x.baseline === null ? '—' : `${fmt(x.baseline)} ${x.baseline_name ?? ''}`} | ${x.ratio === null ? '—' : `${x.ratio.toFixed(2)}×`} |`);
    }
  }
  lines.push('', '| figure | target | measured | result |', '| --- | --- | --- | --- |');
  for (const r of results) {
    for (const t of r.targets) lines.push(`| ${r.figure} | ${t.target} ${t.op} ${fmt(t.threshold)} ${t.unit} | ${fmt(t.value)} ${t.unit} | ${t.pass ? 'PASS' : 'FAIL'} |`);
  }
  for (const f of failures) lines.push('', `${f.figure} did not complete: ${f.error}`);
  return lines.join('\n');
}

async function main() {
  const { smoke } = parseFigureArgs();
  const skipSoak = process.argv.includes('--skip-soak');
  const results: FigureResult[] = [];
  const failures: { figure: string; error: string }[] = [];
  for (const [name, run] of FIGURES) {
    if (name === 'p5-soak' && skipSoak) continue;
    try {
      results.push(await run({ smoke }));
    } catch (err) {
      console.error(`\n${name} failed:`, err);
      failures.push({ figure: name, error: String(err instanceof Error ? err.message : err).split('\n')[0] });
    }
  }
  console.log(`\n${'='.repeat(72)}\nSummary (${os.availableParallelism()} CPUs, Node ${process.version})\n`);
  for (const r of results) console.log(`${formatResult(r)}\n`);
  const markdown = summaryMarkdown(results, failures);
  console.log(`${markdown}\n`);
  const file = path.join(RESULTS_DIR, `summary${smoke ? '.smoke' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ machine: machineInfo(), results, failures, markdown }, null, 2)}\n`);
  console.log(`summary: ${path.relative(process.cwd(), file)}`);
  process.exit(failures.length ? 1 : 0);
}

void main();
