import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where every figure writes its JSON result (gitignored except `.gitkeep`). */
export const RESULTS_DIR = path.resolve(import.meta.dirname, '..', 'results');

/** The machine a figure ran on; ratios are only comparable within one run on one machine. */
export interface MachineInfo {
  nproc: number;
  cpu: string;
  memory_gb: number;
  node: string;
  platform: string;
  /** One-minute load average when the figure started: other work on the machine skews absolute numbers. */
  loadavg_1m: number;
}

export function machineInfo(): MachineInfo {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadavg_1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

/** One printed line: the project's number next to a baseline's, measured in the same run. */
export interface ResultRow {
  metric: string;
  unit: string;
  project: number;
  baseline: number | null;
  baseline_name: string | null;
  /** project / baseline; for "lower is better" metrics a ratio above 1 means the project is slower. */
  ratio: number | null;
}

/** A target of the performance brief, checked against one measured value. */
export interface TargetCheck {
  target: string;
  value: number;
  op: '>=' | '<=';
  threshold: number;
  unit: string;
  pass: boolean;
}

export interface FigureResult {
  figure: string;
  title: string;
  smoke: boolean;
  started_at: string;
  duration_s: number;
  machine: MachineInfo;
  rows: ResultRow[];
  targets: TargetCheck[];
  /** Raw per-step measurements, for whoever wants to dig. */
  details: Record<string, unknown>;
  notes: string[];
}

/** Builds a row; the ratio is computed when both numbers are usable. */
export function row(metric: string, unit: string, project: number, baseline: number | null = null, baselineName: string | null = null): ResultRow {
  const ratio = baseline !== null && baseline > 0 && Number.isFinite(project) && project >= 0 ? round(project / baseline, 3) : null;
  return { metric, unit, project: round(project, 3), baseline: baseline === null ? null : round(baseline, 3), baseline_name: baselineName, ratio };
}

/** Checks one value against a threshold. */
export function target(name: string, value: number, op: '>=' | '<=', threshold: number, unit = ''): TargetCheck {
  const pass = Number.isFinite(value) && (op === '>=' ? value >= threshold : value <= threshold);
  return { target: name, value: round(value, 3), op, threshold, unit, pass };
}

export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Tracks a figure's start so its result carries the date, the duration and the machine. */
export function startFigure(figure: string, title: string, smoke: boolean) {
  const started = Date.now();
  const machine = machineInfo();
  return {
    finish(parts: { rows: ResultRow[]; targets: TargetCheck[]; details?: Record<string, unknown>; notes?: string[] }): FigureResult {
      return {
        figure,
        title,
        smoke,
        started_at: new Date(started).toISOString(),
        duration_s: round((Date.now() - started) / 1000, 1),
        machine,
        rows: parts.rows,
        targets: parts.targets,
        details: parts.details ?? {},
        notes: parts.notes ?? [],
      };
    },
  };
}

/** Writes `bench/results/<figure>.json` (smoke runs get a `.smoke` suffix so they never overwrite a full run). */
export function writeResult(result: FigureResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.figure}${result.smoke ? '.smoke' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

function fmt(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function table(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const out = [header, widths.map((w) => '-'.repeat(w)), ...lines].map((l) => l.map((c, i) => c.padEnd(widths[i])).join('  '));
  return out.join('\n');
}

/** The figure as text: each metric with its baseline and ratio, then each target with PASS or FAIL. */
export function formatResult(result: FigureResult): string {
  const head = `${result.figure} — ${result.title}${result.smoke ? ' (smoke: tiny sizes, numbers not meaningful)' : ''}`;
  const rows = table(
    ['metric', 'project', 'baseline', 'ratio'],
    result.rows.map((r) => [
      `${r.metric} (${r.unit})`,
      fmt(r.project),
      r.baseline === null ? '—' : `${fmt(r.baseline)} ${r.baseline_name ?? ''}`.trim(),
      r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    ]),
  );
  const targets = result.targets.length
    ? table(
        ['target', 'measured', 'result'],
        result.targets.map((t) => [`${t.target} ${t.op} ${fmt(t.threshold)}${t.unit ? ` ${t.unit}` : ''}`, `${fmt(t.value)}${t.unit ? ` ${t.unit}` : ''}`, t.pass ? 'PASS' : 'FAIL']),
      )
    : '';
  const notes = result.notes.map((n) => `note: ${n}`).join('\n');
  return [head, rows, targets, notes].filter(Boolean).join('\n\n');
}

/** Prints a figure and writes its JSON; returns the result for callers that chain figures. */
export function publish(result: FigureResult): FigureResult {
  console.log(`\n${formatResult(result)}`);
  console.log(`\nresult: ${path.relative(process.cwd(), writeResult(result))}`);
  return result;
}
