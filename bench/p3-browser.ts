/**
 * P3 browser: the dashboard in headless Chromium under the mock stream at 1k, 2k, 5k and 10k
 * events/s (production build, server restarted per rate). Per rate: frames per second (rAF
 * sampling), long tasks, p95 arrival→visible latency of live bet rows, JS heap. Baseline: a bare
 * page on the same socket, with the same subscriptions, that parses nothing and keeps a plain list of
 * the newest game events, as many as the dashboard's table shows.
 */
import type { Browser } from '@playwright/test';
import { subscriptionsFor } from '../lib/store/access';
import { argValue, type FigureOptions, isEntryPoint, runAsScript } from './lib/cli';
import { type PageMeasure, betRowsShown, browserAvailable, devLogin, ensureBuild, launchChromium, measureOpenPage, probedPage, tokenSubject, waitForLiveRow } from './lib/browser';
import { type RunningServer, startBaseline, startGateway } from './lib/gateway';
import { sleep } from './lib/processes';
import { barePageUrl } from './lib/page-probe';
import { publish, row, startFigure, target, type FigureResult, type ResultRow } from './lib/report';

interface Sizes {
  rates: number[];
  warmMs: number;
  measureMs: number;
  /** Rows the bare page keeps; by default as many as the dashboard showed at the same rate. */
  bareRows?: number;
}

const FULL: Sizes = { rates: [1000, 2000, 5000, 10000], warmMs: 3000, measureMs: 10_000 };
const SMOKE: Sizes = { rates: [200], warmMs: 500, measureMs: 1500 };
const USER = { name: 'Bench Operator', role: 'operator' as const };

/** A page's measure and how many bet rows it had in its document. */
type PageResult = PageMeasure & { rows_shown: number };

interface RateResult {
  rate: number;
  dashboard: PageResult;
  bare: PageResult;
}

/**
 * Opens a page, waits for its first live row (a row of an event it received: the dashboard's own first rows
 * come with the page), lets it settle, then measures it.
 */
async function measurePage(browser: Browser, url: string, sizes: Sizes, serverPid: number): Promise<PageResult> {
  const { context, page } = await probedPage(browser);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForLiveRow(page, 30_000);
    await sleep(sizes.warmMs);
    const measure = await measureOpenPage(page, sizes.measureMs, serverPid);
    return { ...measure, rows_shown: await betRowsShown(page) };
  } finally {
    await context.close();
  }
}

async function measureRate(browser: Browser, staticBase: string, rate: number, sizes: Sizes, log: (line: string) => void): Promise<RateResult> {
  let server: RunningServer | null = null;
  try {
    // The bare page is served from another origin: the gateway must allow it to open /v1/ws.
    server = await startGateway({ next: true, mock: rate, env: { MOCK_SEED: '7', ALLOWED_ORIGINS: new URL(staticBase).origin } });
    const token = await devLogin(server.baseUrl, USER.name, USER.role);
    const userId = tokenSubject(token);
    const dashboard = await measurePage(browser, `${server.baseUrl}/?token=${encodeURIComponent(token)}`, sizes, server.proc.pid);
    // The bare page shows as many of the newest events as the dashboard's table does, so the probe times the same rows on both.
    const bareRows = sizes.bareRows ?? dashboard.rows_shown;
    const bare = await measurePage(browser, barePageUrl(staticBase, server.port, token, subscriptionsFor(USER.role, userId), bareRows), sizes, server.proc.pid);
    log(
      `  ${rate} events/s: dashboard ${dashboard.fps} fps (median frame ${dashboard.median_frame_ms} ms), long tasks ${dashboard.longtask_ms_per_s} ms/s, ` +
        `p95 arrival→visible ${dashboard.latency_p95_ms} ms (next frame callback ${dashboard.latency_next_frame_p95_ms} ms), event→visible ${dashboard.event_latency_p95_ms} ms (${dashboard.latency_samples} rows), heap ${dashboard.heap_mb} MB, ${dashboard.ws_frames_per_s} frames/s, server CPU ${dashboard.server_cpu}; ` +
        `bare ${bare.fps} fps, p95 ${bare.latency_p95_ms} ms (next frame callback ${bare.latency_next_frame_p95_ms} ms) / ${bare.event_latency_p95_ms} ms, ${bare.ws_frames_per_s} frames/s, heap ${bare.heap_mb} MB`,
    );
    return { rate, dashboard, bare };
  } finally {
    await server?.stop();
  }
}

/** Runs P3 and returns its result (also printed and written to bench/results/p3-browser.json). */
export async function runBrowser(options: FigureOptions & { rates?: number[]; bareRows?: number }, log: (line: string) => void = console.log): Promise<FigureResult> {
  const fig = startFigure('p3-browser', 'dashboard in Chromium under the mock stream', options.smoke);
  if (!browserAvailable()) throw new Error('Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)');
  const sizes: Sizes = { ...(options.smoke ? SMOKE : FULL), ...(options.rates ? { rates: options.rates } : {}), bareRows: options.bareRows };
  await ensureBuild(log);
  const browser = await launchChromium();
  const results: RateResult[] = [];
  let staticServer: RunningServer | null = null;
  try {
    staticServer = await startBaseline('static-page');
    for (const rate of sizes.rates) {
      log(`P3 ${rate} events/s…`);
      results.push(await measureRate(browser, staticServer.baseUrl, rate, sizes, log));
    }
  } finally {
    await browser.close();
    await staticServer?.stop();
  }
  const rows: ResultRow[] = [];
  for (const { rate, dashboard: d, bare: b } of results) {
    const k = `${rate / 1000}k/s`;
    rows.push(
      row(`${k} median frame interval`, 'ms', d.median_frame_ms, b.median_frame_ms, 'bare page'),
      row(`${k} frames per second`, 'fps', d.fps, b.fps, 'bare page'),
      row(`${k} long tasks`, 'ms/s', d.longtask_ms_per_s, b.longtask_ms_per_s, 'bare page'),
      row(`${k} p95 arrival→visible`, 'ms', d.latency_p95_ms, b.latency_p95_ms, 'bare page'),
      row(`${k} p95 arrival→next frame callback (the earlier probe)`, 'ms', d.latency_next_frame_p95_ms, b.latency_next_frame_p95_ms, 'bare page'),
      row(`${k} p95 event→visible`, 'ms', d.event_latency_p95_ms, b.event_latency_p95_ms, 'bare page'),
      row(`${k} frames handled`, 'frames/s', d.ws_frames_per_s, b.ws_frames_per_s, 'bare page'),
      row(`${k} JS heap`, 'MB', d.heap_mb, b.heap_mb, 'bare page'),
      row(`${k} bet rows in the document`, 'rows', d.rows_shown, b.rows_shown, 'bare page'),
    );
  }
  const at5k = results.find((r) => r.rate === 5000) ?? results.at(-1)!;
  const notes = [
    'arrival→visible: from the WebSocket message event in the page to the paint of the frame that draws the row (the frame whose callbacks added it, or else the next; Element Timing on a marker the probe adds to every frame); rows the table never shows (scrolled past within one batch) are not counted',
    'arrival→next frame callback: the earlier probe, to the first animation frame callback after the row entered the DOM; both pages add rows inside a frame callback, so it is one frame late on both sides',
    "event→visible: from the event's own timestamp (set by the mock source) to the same paint: adds ingest, gateway, socket and any frames queued behind a busy page",
    'frames handled: WebSocket messages the page dispatched per second; fewer than the bare page means the dashboard falls behind the stream',
    "bet rows: the bare page puts each frame's new game events at the top of a list as long as the dashboard's table (its rows in the document at the end of its window), so both show, and the probe times, the same newest events",
  ];
  if (at5k.rate !== 5000) notes.push(`targets checked at ${at5k.rate} events/s: this run did not include 5k/s`);
  return publish(
    fig.finish({
      rows,
      targets: [
        target(`median frame interval at ${at5k.rate / 1000}k/s`, at5k.dashboard.median_frame_ms, '<=', 33, 'ms'),
        target(`p95 arrival→visible at ${at5k.rate / 1000}k/s`, at5k.dashboard.latency_p95_ms, '<=', 150, 'ms'),
        ...results
          .filter((r) => r.rate <= 5000)
          .map((r) => target(`p95 arrival→visible vs bare page at ${r.rate / 1000}k/s`, r.dashboard.latency_p95_ms / r.bare.latency_p95_ms, '<=', 2, '×')),
        // Not in the brief: a page that handles fewer frames than arrive falls further behind every second.
        target(`frames handled vs bare page at ${at5k.rate / 1000}k/s`, (at5k.dashboard.ws_frames_per_s / at5k.bare.ws_frames_per_s) * 100, '>=', 95, '%'),
      ],
      details: { sizes, rates: results },
      notes,
    }),
  );
}

if (isEntryPoint(import.meta.url)) {
  const rates = argValue('rates')?.split(',').map(Number).filter((n) => n > 0);
  // `--bare-rows=1`: the bare page shows only the latest event of each frame, as it did before 2026-12-01.
  const bareRows = argValue('bare-rows') ? Number(argValue('bare-rows')) : undefined;
  runAsScript((o) => runBrowser({ ...o, rates, bareRows }));
}
