/**
 * P4 cold load: a fresh browser context (empty cache) navigates to the dashboard; measured from
 * navigation start to the first frame with a bet row rendered (a row the document holds hidden, as a
 * streamed part not yet shown, does not count), or to the first contentful paint when that comes later,
 * plus the first-load JavaScript, gzipped here (level 9) and summed: the scripts the initial HTML of `/`
 * references (what the page needs before it can run, the target's measure, collected until the page's
 * load event), and the scripts that arrived before the first row. Baseline: a bare static page served by node:http on the same loopback path,
 * navigation start → first paint.
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
  /**
   * Every script fetched until the page's load event; `initial` when the document's HTML references it,
   * `before_first_row` when it arrived before the first row was seen.
   */
  scripts: { url: string; bytes: number; gzip_bytes: number; initial: boolean; before_first_row: boolean }[];
}

async function paintTime(page: import('@playwright/test').Page, name: string): Promise<number> {
  const t = await page.evaluate(`(performance.getEntriesByName(${JSON.stringify(name)})[0] || { startTime: -1 }).startTime`);
  return round(Number(t), 1);
}

/** One cold navigation to the dashboard. */
async function coldDashboard(browser: import('@playwright/test').Browser, url: string): Promise<ColdLoad> {
  const { context, page } = await probedPage(browser);
  const pending: Promise<{ url: string; bytes: number; gzip_bytes: number; before_first_row: boolean } | null>[] = [];
  let html: Promise<string> = Promise.resolve('');
  let rowSeen = false;
  page.on('response', (res) => {
    if (res.request().resourceType() === 'document' && res.request().frame() === page.mainFrame()) html = res.text().catch(() => '');
    if (res.request().resourceType() !== 'script') return;
    const before = !rowSeen;
    pending.push(
      res
        .body()
        .then((body) => ({ url: new URL(res.url()).pathname, bytes: body.length, gzip_bytes: gzipSync(body, { level: 9 }).length, before_first_row: before }))
        .catch(() => null),
    );
  });
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const firstRow = await waitForFirstRow(page, 60_000);
    rowSeen = true;
    // The paint's entry lands once the frame reached the screen, which may be after the row was seen.
    await page.waitForFunction(`performance.getEntriesByName('first-contentful-paint').length > 0`, undefined, { timeout: 10_000, polling: 20 }).catch(() => {});
    const fcp = await paintTime(page, 'first-contentful-paint');
    // A page rendered with its rows shows them before its scripts are in: the first-load JS is every
    // script the document's HTML references, so wait for them all.
    await page.waitForLoadState('load', { timeout: 60_000 });
    const doc = await html;
    const scripts = (await Promise.all(pending))
      .filter((s): s is NonNullable<typeof s> => s !== null)
      .map((s) => ({ ...s, initial: doc.includes(s.url) }));
    // A row rendered in a frame before the first contentful paint was painted with that paint: the
    // animation frame that saw it came before its frame reached the screen.
    return { first_row_ms: round(fcp > 0 ? Math.max(firstRow, fcp) : firstRow, 1), first_contentful_paint_ms: fcp, scripts };
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
    const beforeRow = scripts.filter((s) => s.before_first_row);
    const fetchedGzipKb = kb(beforeRow, 'gzip_bytes');
    log(
      `  first-load JS: ${initial.length} scripts in the initial HTML, ${round(gzipKb, 1)} KB gzip; ` +
        `${beforeRow.length} fetched before the first row, ${round(fetchedGzipKb, 1)} KB gzip`,
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
          'first-load JS: the scripts the initial HTML of / references, all fetched by the load event; "fetched before the first row": the scripts, referenced or loaded on demand, that arrived before the first row',
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
