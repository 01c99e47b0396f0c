/**
 * Where the dashboard's main thread goes under the mock stream: opens the dashboard (production build)
 * in headless Chromium at `--rate` events/s, records a CPU profile of the page for `--seconds`, and prints
 * the functions with the most self time, grouped by script, with the share each script takes. With a
 * build made with `PROFILE_SOURCE_MAPS=1` (browser source maps on), positions are mapped to sources.
 *
 * `--cold` profiles a cold load instead: from navigation to the first bet row, at `--rate` (P4 runs 100);
 * `--windows=100` adds what the main thread did in each 100 ms from the start.
 *
 * `--trace=FILE` also saves a Chromium trace of the window (`--categories=a,b` to choose its categories),
 * for `trace-summary.ts`.
 *
 *   node --import tsx bench/repro/dashboard-profile.ts [--rate=5000] [--seconds=8] [--cold [--windows=MS]] [--save=FILE] [--trace=FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { subscriptionsFor } from '../../lib/store/access';
import { probedPage, tokenSubject, waitForFirstRow, waitForLiveRow } from '../lib/browser';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';
import { type RunningServer, startBaseline } from '../lib/gateway';
import { barePageUrl } from '../lib/page-probe';
import { type LiveFloor, onLiveFloor } from './live-floor';
import { sleep } from '../lib/processes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMapConsumer | null>();

/** The source position of a bundle position, when the build kept its source map. */
function original(url: string, line: number, column: number): string | null {
  const file = url.match(/\/_next\/(static\/.+\.js)$/)?.[1];
  if (!file) return null;
  if (!maps.has(file)) {
    // The map is named by the script's own `sourceMappingURL` comment, beside it.
    const script = path.join('.next', file);
    const name = fs.existsSync(script) ? fs.readFileSync(script, 'utf8').match(/sourceMappingURL=(\S+\.map)\s*$/)?.[1] : undefined;
    const mapFile = name ? path.join(path.dirname(script), name) : '';
    maps.set(file, mapFile && fs.existsSync(mapFile) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null);
  }
  const pos = maps.get(file)?.originalPositionFor({ line: line + 1, column });
  return pos?.source ? `${pos.source.replace(/^.*node_modules\//, '')}:${pos.line} ${pos.name ?? ''}` : null;
}

/** The source file (or script) a profile node's position maps to. */
function sourceOf(node: ProfileNode): string {
  const { url, lineNumber, columnNumber } = node.callFrame;
  const where = original(url, lineNumber, columnNumber) ?? (url.split('/').pop() || '(native)');
  return where.replace(/^turbopack:\/\/\/\[project\]\//, '').split(':')[0].replace(/ .*$/, '');
}

/** Self time by source file in consecutive windows of `windowMs` from the profile's start: what the main thread did when. */
function timeline(profile: Profile, windowMs: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const windows: Map<string, number>[] = [];
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    const w = (windows[Math.floor(t / 1000 / windowMs)] ??= new Map());
    const key = node.callFrame.url ? sourceOf(node) : node.callFrame.functionName;
    w.set(key, (w.get(key) ?? 0) + profile.timeDeltas[i]);
  });
  const lines: string[] = [];
  windows.forEach((w, i) => {
    if (!w) return;
    const busy = [...w.values()].reduce((a, b) => a + b, 0) / 1000;
    const top = [...w].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, us]) => `${(us / 1000).toFixed(0)} ${k}`);
    lines.push(`${String(i * windowMs).padStart(6)} ms  busy ${busy.toFixed(0).padStart(3)}  ${top.join(' · ')}`);
  });
  return lines;
}

/** Self time per function, the top `limit`, and the share per script. */
function summarize(profile: Profile, limit: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]));
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  const bySource = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    const script = url.split('/').pop() || '(native)';
    const where = original(url, lineNumber, columnNumber) ?? `${script}:${lineNumber}:${columnNumber}`;
    const key = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byScript.set(script, (byScript.get(script) ?? 0) + us);
    const source = sourceOf(byId.get(id)!);
    bySource.set(source, (bySource.get(source) ?? 0) + us);
  }
  const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  return [
    `profiled ${ms(total).trim()} ms`,
    'by script:',
    ...[...byScript].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, us]) => `${ms(us)} ms ${pct(us)}  ${k}`),
    'by source file (self time):',
    ...[...bySource].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `${ms(us)} ms ${pct(us)}  ${k}`),
    'by function (self time):',
    ...[...byFunction].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([k, us]) => `${ms(us)} ms ${pct(us)}  ${k}`),
  ];
}

async function main() {
  const rate = Number(argValue('rate') ?? 5000);
  const seconds = Number(argValue('seconds') ?? 8);
  // --bare profiles the bare page (the P3 baseline) on the same stream instead of the dashboard.
  const bare = process.argv.includes('--bare');
  const staticServer: RunningServer | null = bare ? await startBaseline('static-page') : null;
  const env: Record<string, string> = staticServer ? { ALLOWED_ORIGINS: new URL(staticServer.baseUrl).origin } : {};
  try {
    await onLiveFloor(rate, (floor) => (process.argv.includes('--cold') ? profileColdLoad(floor) : profile(floor, staticServer, seconds)), env);
  } finally {
    await staticServer?.stop();
  }
}

/** Profiles one cold load of the dashboard, from navigation to the first bet row on screen. */
async function profileColdLoad({ browser, dashboardUrl }: LiveFloor): Promise<void> {
  // A first load warms the server, as P4 does; the profiled one is the second, in a fresh context.
  const warm = await probedPage(browser);
  await warm.page.goto(dashboardUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForFirstRow(warm.page, 30_000);
  await warm.context.close();
  const { context, page } = await probedPage(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(dashboardUrl, { waitUntil: 'commit', timeout: 60_000 });
  const firstRow = await waitForFirstRow(page, 30_000);
  const { profile: cpu } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const saved = argValue('save');
  if (saved) fs.writeFileSync(saved, JSON.stringify(cpu));
  console.log(`first bet row at ${firstRow.toFixed(0)} ms after navigation`);
  for (const line of summarize(cpu, Number(argValue('top') ?? 40))) console.log(line);
  const windowMs = Number(argValue('windows') ?? 0);
  if (windowMs > 0) for (const line of ['main thread by window (ms from the profile\'s start):', ...timeline(cpu, windowMs)]) console.log(line);
  await context.close();
}

/** Profiles the dashboard, or the bare page when `staticServer` serves it, for `seconds`. */
async function profile({ server, browser, token, dashboardUrl }: LiveFloor, staticServer: RunningServer | null, seconds: number): Promise<void> {
  const userId = tokenSubject(token);
  const { context, page } = await probedPage(browser);
  const url = staticServer
    ? barePageUrl(staticServer.baseUrl, server.port, token, subscriptionsFor('operator', userId))
    : dashboardUrl;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForLiveRow(page, 30_000);
  await sleep(3000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(list.map((m) => [m.name, m.value]));
  };
  const before = await metrics();
  const tracePath = argValue('trace');
  const categories = argValue('categories')?.split(',') ?? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'viz'];
  if (tracePath) await browser.startTracing(page, { path: tracePath, categories });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await sleep(seconds * 1000);
  const { profile: cpu } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const saved = argValue('save');
  if (saved) fs.writeFileSync(saved, JSON.stringify(cpu));
  const after = await metrics();
  if (tracePath) await browser.stopTracing();
  // Main-thread time per second of the window, by kind (Chromium's own counters; paint and raster are in task time).
  const perSecond = (name: string) => ((after[name] - before[name]) * 1000) / seconds;
  console.log(
    `main thread per second: task ${perSecond('TaskDuration').toFixed(0)} ms, script ${perSecond('ScriptDuration').toFixed(0)} ms, ` +
      `style ${perSecond('RecalcStyleDuration').toFixed(0)} ms, layout ${perSecond('LayoutDuration').toFixed(0)} ms; ` +
      `${((after.LayoutCount - before.LayoutCount) / seconds).toFixed(0)} layouts/s, ${((after.RecalcStyleCount - before.RecalcStyleCount) / seconds).toFixed(0)} style recalcs/s, ` +
      `${((after.Nodes ?? 0)).toFixed(0)} DOM nodes`,
  );
  for (const line of summarize(cpu, Number(argValue('top') ?? 40))) console.log(line);
  await context.close();
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
