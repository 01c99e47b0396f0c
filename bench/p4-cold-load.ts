/**
 * P4 cold load: a fresh browser context (empty cache) navigates to the dashboard; measured from
 * navigation start to the first live bet row painted, plus the first-load JavaScript, gzipped here
 * (level 9) and summed: the scripts the initial HTML of `/` references (what the page needs before
 * it can run, the target's measure), and every script fetched until the first row (adds chunks
 * loaded on demand after hydration). Baseline: a bare static page served by node:http on the same
 * loopback path, navigation start → first paint.
 */
import { gzipSync } from 'node:zlib';
import { type FigureOptions, isEntryPoint, runAsScript } from './lib/cli';
import { browserAvailable, devLogin, ensureBuild, launchChromium, probedPage, waitForFirstRow } from './lib/browser';
import { type RunningServer, startBaseline, startGateway } from './lib/gateway';
import { median } from './lib/histogram';
import { publish, round, row, startFigure, target, type FigureResult } from './lib/report';

interface Sizes {
  runs: number;
  mockRate: number;
}

const FULL: Sizes = { runs: 7, mockRate: 100 };
const SMOKE: Sizes = { runs: 1, mockRate: 100 };

interface ColdLoad {
  first_row_ms: number;
  first_contentful_paint_ms: number;
  /** Every script fetched until the first row; `initial` when the document's HTML references it. */
  scripts: { url: string; bytes: number; gzip_bytes: number; initial: boolean }[];
}

async function paintTime(page: import('@playwright/test').Page, name: string): Promise<number> {
  const t = await page.evaluate(`(performance.getEntriesByName(${JSON.stringify(name)})[0] || { startTime: -1 }).startTime`);
  return round(Number(t), 1);
}

/** One cold navigation to the dashboard. */
async function coldDashboard(browser: import('@playwright/test').Browser, url: string): Promise<ColdLoad> {
  const { context, page } = await probedPage(browser);
  const pending: Promise<{ url: string; bytes: number; gzip_bytes: number } | null>[] = [];
  let html: Promise<string> = Promise.resolve('');
  page.on('response', (res) => {
    if (res.request().resourceType() === 'document' && res.request().frame() === page.mainFrame()) html = res.text().catch(() => '');
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res
        .body()
        .then((body) => ({ url: new URL(res.url()).pathname, bytes: body.length, gzip_bytes: gzipSync(body, { level: 9 }).length }))
        .catch(() => null),
    );
  });
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const firstRow = await waitForFirstRow(page, 60_000);
    const fcp = await paintTime(page, 'first-contentful-paint');
    const doc = await html;
    const scripts = (await Promise.all(pending))
      .filter((s): s is NonNullable<typeof s> => s !== null)
      .map((s) => ({ ...s, initial: doc.includes(s.url) }));
    return { first_row_ms: round(firstRow, 1), first_contentful_paint_ms: fcp, scripts };
  } finally {
    await context.close();
  }
}

/** One cold navigation to the static page: navigation start → first paint. */
async function coldStatic(browser: import('@playwright/test').Browser, url: string): Promise<number> {
  const { context, page } = await probedPage(browser);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForFunction(`performance.getEntriesByName('first-paint').length > 0`, undefined, { timeout: 10_000, polling: 20 });
    return await paintTime(page, 'first-paint');
  } finally {
    await context.close();
  }
}

/** Runs P4 and returns its result (also printed and written to bench/results/p4-cold-load.json). */
export async function runColdLoad(options: FigureOptions, log: (line: string) => void = console.log): Promise<FigureResult> {
  const fig = startFigure('p4-cold-load', 'cold load: navigation → first live row; first-load JS', options.smoke);
  if (!browserAvailable()) throw new Error('Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)');
  const sizes = options.smoke ? SMOKE : FULL;
  await ensureBuild(log);
  let server: RunningServer | null = null;
  let staticServer: RunningServer | null = null;
  const browser = await launchChromium();
  try {
    server = await startGateway({ next: true, mock: sizes.mockRate, env: { MOCK_SEED: '7' } });
    staticServer = await startBaseline('static-page');
    const token = await devLogin(server.baseUrl, 'Bench Operator', 'operator');
    // The first navigation after a start also warms the server (Next compiles nothing in production, but caches warm up).
    await coldDashboard(browser, `${server.baseUrl}/?token=${encodeURIComponent(token)}`);
    await coldStatic(browser, staticServer.baseUrl);
    const loads: ColdLoad[] = [];
    const statics: number[] = [];
    for (let i = 0; i < sizes.runs; i++) {
      loads.push(await coldDashboard(browser, `${server.baseUrl}/?token=${encodeURIComponent(token)}`));
      statics.push(await coldStatic(browser, staticServer.baseUrl));
      log(`  run ${i + 1}: first live row ${loads.at(-1)!.first_row_ms} ms (FCP ${loads.at(-1)!.first_contentful_paint_ms} ms); static first paint ${statics.at(-1)} ms`);
    }
    const firstRow = median(loads.map((l) => l.first_row_ms));
    const fcp = median(loads.map((l) => l.first_contentful_paint_ms));
    const staticPaint = median(statics);
    const scripts = loads[0].scripts;
    const kb = (list: typeof scripts, key: 'bytes' | 'gzip_bytes') => list.reduce((a, s) => a + s[key], 0) / 1024;
    const initial = scripts.filter((s) => s.initial);
    const gzipKb = kb(initial, 'gzip_bytes');
    const fetchedGzipKb = kb(scripts, 'gzip_bytes');
    log(
      `  first-load JS: ${initial.length} scripts in the initial HTML, ${round(gzipKb, 1)} KB gzip; ` +
        `${scripts.length} fetched before the first row, ${round(fetchedGzipKb, 1)} KB gzip`,
    );
    return publish(
      fig.finish({
        rows: [
          row('navigation → first live row', 'ms', firstRow, staticPaint, 'static page first paint'),
          row('navigation → first contentful paint', 'ms', fcp, staticPaint, 'static page first paint'),
          row('first-load JS, initial HTML (gzip)', 'KB', gzipKb),
          row('first-load JS, initial HTML (raw)', 'KB', kb(initial, 'bytes')),
          row('JS fetched before the first row (gzip)', 'KB', fetchedGzipKb),
        ],
        targets: [target('navigation → first live row', firstRow, '<=', 600, 'ms'), target('first-load JS gzip', gzipKb, '<=', 200, 'KB')],
        details: { sizes, loads, static_first_paint_ms: statics, scripts: scripts.sort((a, b) => b.gzip_bytes - a.gzip_bytes) },
        notes: [
          `the mock stream runs at ${sizes.mockRate} events/s, so a bet arrives within milliseconds of subscribing; the figure is dominated by loading and hydrating the page`,
          'first-load JS: the scripts the initial HTML of / references; "fetched before the first row" adds chunks loaded on demand that arrived before it',
        ],
      }),
    );
  } finally {
    await browser.close();
    await staticServer?.stop();
    await server?.stop();
  }
}

if (isEntryPoint(import.meta.url)) runAsScript(runColdLoad);
