import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from '@playwright/test';
import type { Role } from '../../lib/protocol';
import { median, percentile } from './histogram';
import { PAGE_PROBE, type ProbeSample } from './page-probe';
import { ROOT, cpuSeconds, sleep } from './processes';

/** Debian's Chromium, the one the e2e suite uses; the bench never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
/** The e2e suite's Chromium flags, which every Chromium the bench starts runs with. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Whether the browser figures can run here at all. */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Whether a production build of the dashboard exists. */
export function hasBuild(): boolean {
  return existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
}

function buildRunning(): boolean {
  return spawnSync('pgrep', ['-f', 'next build'], { encoding: 'utf8' }).stdout.trim().length > 0;
}

/**
 * Makes sure `.next` holds a production build: waits for a build already running (someone else's,
 * up to 10 minutes), then builds when none exists or `rebuild` is asked for.
 */
export async function ensureBuild(log: (line: string) => void, rebuild = false): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (buildRunning() && Date.now() < deadline) {
    log('  a `next build` is running: waiting for it…');
    await sleep(5000);
  }
  if (hasBuild() && !rebuild) return;
  if (buildRunning()) throw new Error('a `next build` is still running after 10 minutes; run the figure again later');
  log('  building the dashboard (`next build`)…');
  const build = spawnSync('npx', ['next', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' }, timeout: 900_000 });
  if (build.status !== 0 || !hasBuild()) throw new Error(`next build failed (${build.status ?? build.signal})`);
}

/**
 * Headless Chromium with the e2e suite's flags. `jsFlags` passes flags to the pages' V8 (`--max-opt=1`:
 * no optimizing compiler), for a diagnostic run; the figures run without.
 */
export function launchChromium(jsFlags?: string): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: jsFlags ? [...CHROMIUM_ARGS, `--js-flags=${jsFlags}`] : CHROMIUM_ARGS });
}

/** A fresh context (empty cache, no storage) with the probe installed before any page script. */
export async function probedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  // The probes evaluate expressions in the page, which the dashboard's CSP (no eval) would refuse:
  // a measuring harness is not an attacker, so its context bypasses the policy.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  await context.addInitScript(PAGE_PROBE);
  const page = await context.newPage();
  return { context, page };
}

/**
 * A fresh context with nothing of the bench's in the page: for memory figures, since the probe's own
 * maps (arrivals of the last 15 s, up to 20,000 row ids seen) live in the heap being measured and rise
 * and fall by about a megabyte at 2k events/s. Wait for rows with `waitForRows`.
 */
export async function plainPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return { context, page: await context.newPage() };
}

/** Waits until a page without the probe shows a live row. */
export async function waitForRows(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForSelector('[data-testid="bet-row"]', { timeout: timeoutMs });
}

/** Signs in through the dev login, as an operator opening the dashboard would. */
export async function devLogin(baseUrl: string, name: string, role: Role): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, role }),
  });
  if (!res.ok) throw new Error(`dev login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The user id (`sub`) a dev-login token names, for the subscriptions of that user. */
export function tokenSubject(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;
}

/** How many bet rows a page has in its document now (shown or within its table's overscan). */
export async function betRowsShown(page: Page): Promise<number> {
  return (await page.evaluate(`document.querySelectorAll('[data-testid="bet-row"]').length`)) as number;
}

/** The probe's raw sample of an open page over `measureMs`. */
export async function sampleOpenPage(page: Page, measureMs: number): Promise<ProbeSample> {
  await page.evaluate('window.__bench.start()');
  await sleep(measureMs);
  return (await page.evaluate('window.__bench.stop()')) as ProbeSample;
}

/** Waits until the probe's `mark` (a time in ms after navigation start) is set, and returns it. */
async function waitForMark(page: Page, mark: 'firstRowAt' | 'liveRowAt', timeoutMs: number): Promise<number> {
  // Expressions as text: the page evaluates them as written, with nothing of the bench's build in between.
  const handle = await page.waitForFunction(`window.__bench && window.__bench.${mark}() >= 0 ? window.__bench.${mark}() : null`, undefined, {
    timeout: timeoutMs,
    polling: 50,
  });
  return (await handle.jsonValue()) as number;
}

/** Waits until the page shows its first bet row, one it was rendered with or a live one; returns when it was rendered. */
export function waitForFirstRow(page: Page, timeoutMs: number): Promise<number> {
  return waitForMark(page, 'firstRowAt', timeoutMs);
}

/** Waits until the page shows a row of an event it received on its socket; returns when it was rendered. */
export function waitForLiveRow(page: Page, timeoutMs: number): Promise<number> {
  return waitForMark(page, 'liveRowAt', timeoutMs);
}

/** JS heap in use (bytes), after a full garbage collection when `gc` is set. */
export async function jsHeapUsed(page: Page, gc = false): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (gc) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

export interface PageMeasure {
  seconds: number;
  fps: number;
  median_frame_ms: number;
  p95_frame_ms: number;
  longtasks: number;
  longtask_ms_per_s: number;
  latency_samples: number;
  /** The page received the frame (message event) → the paint of the frame that drew the row: the page's own work. */
  latency_p50_ms: number;
  latency_p95_ms: number;
  /** The same to the first animation frame callback after the row entered the DOM (the earlier probe: a frame late when rows are added in a frame callback). */
  latency_next_frame_p95_ms: number;
  /** The event's own time (`ts`) → row presented: source, gateway, socket, and frames queued behind a busy page. */
  event_latency_p50_ms: number;
  event_latency_p95_ms: number;
  /** Rows that appeared without a matching frame arrival (e.g. rows present before the window). */
  unmatched_rows: number;
  ws_frames_per_s: number;
  heap_mb: number;
  /** CPU the server process used meanwhile, in cores (NaN when not asked for). */
  server_cpu: number;
}

/** Measures an open page for `measureMs`: frames, long tasks, arrival→visible latency, heap. */
export async function measureOpenPage(page: Page, measureMs: number, serverPid?: number): Promise<PageMeasure> {
  const cpu0 = serverPid ? await cpuSeconds(serverPid) : NaN;
  const s = await sampleOpenPage(page, measureMs);
  const cpu1 = serverPid ? await cpuSeconds(serverPid) : NaN;
  const pageWork: number[] = [];
  const event: number[] = [];
  const nextFrame: number[] = [];
  for (const [, arrival, eventTime, visible, frameAt] of s.rows) {
    pageWork.push(visible - arrival);
    if (Number.isFinite(frameAt)) nextFrame.push(frameAt - arrival);
    if (Number.isFinite(eventTime)) event.push(visible - eventTime);
  }
  const heap = await jsHeapUsed(page);
  const frameSum = s.frames.reduce((a, b) => a + b, 0);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    seconds: r(s.seconds),
    fps: frameSum > 0 ? r((s.frames.length * 1000) / frameSum) : 0,
    median_frame_ms: r(median(s.frames)),
    p95_frame_ms: r(percentile(s.frames, 0.95)),
    longtasks: s.longtasks.length,
    longtask_ms_per_s: r(s.longtasks.reduce((a, b) => a + b, 0) / s.seconds),
    latency_samples: pageWork.length,
    latency_p50_ms: r(median(pageWork)),
    latency_p95_ms: r(percentile(pageWork, 0.95)),
    latency_next_frame_p95_ms: r(percentile(nextFrame, 0.95)),
    event_latency_p50_ms: r(median(event)),
    event_latency_p95_ms: r(percentile(event, 0.95)),
    unmatched_rows: s.unmatched,
    ws_frames_per_s: Math.round(s.wsFrames / s.seconds),
    heap_mb: r(heap / 2 ** 20),
    server_cpu: Math.round(((cpu1 - cpu0) / s.seconds) * 100) / 100,
  };
}
