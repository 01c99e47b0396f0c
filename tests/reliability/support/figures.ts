import fs from 'node:fs';
import path from 'node:path';

/** Where each check leaves its figures for the table printed at the end of the run. */
export const FIGURES_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'reports', 'reliability');

const written = new Set<string>();

/** Records one check's figures (name → value), merged with what the check recorded before in this run. */
export function recordFigures(check: string, figures: Record<string, string | number | boolean>): void {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  const file = path.join(FIGURES_DIR, `${check}.json`);
  const before = written.has(check) && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  written.add(check);
  fs.writeFileSync(file, JSON.stringify({ ...before, ...figures }, null, 2));
}

/** Empties the figures of a previous run. */
export function clearFigures(): void {
  fs.rmSync(FIGURES_DIR, { recursive: true, force: true });
}

/** The figures table: one row per figure, grouped by check. */
export function figuresTable(): string {
  if (!fs.existsSync(FIGURES_DIR)) return '(no figures recorded)';
  const rows: [string, string, string][] = [];
  for (const file of fs.readdirSync(FIGURES_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const figures = JSON.parse(fs.readFileSync(path.join(FIGURES_DIR, file), 'utf8')) as Record<string, unknown>;
    for (const [name, value] of Object.entries(figures)) rows.push([file.replace(/\.json$/, ''), name, String(value)]);
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), 6));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`;
  return [line(['check', 'figure', 'value']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Megabytes with one decimal. */
export const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
