/**
 * P5 memory soak: the dashboard open in headless Chromium against the server under a 2k events/s
 * mock stream. Server RSS and the page's JS heap (after a forced GC) at 1 and 10 minutes, and their
 * growth. A bare page on the same socket runs alongside as the baseline for heap growth.
 * `--minutes=N` changes the long mark; `--smoke` runs marks at 5 s and 15 s (a check that it runs).
 * `--warm=N` opens the pages on a floor that has already played N minutes (results in
 * `p5-soak-warm.json`): the pot charts then open with their 10-minute window full, as on a gateway that
 * has been running, so what still grows is the page's own, not its windows filling.
 * `--js-flags=…` runs the pages' V8 with those flags (results in `p5-soak-js-flags.json`): with
 * `--max-opt=1` no function is optimized past the baseline compiler, which tells the page's data from the
 * code V8's optimizing compilers add as the page warms up.
 */
import type { Page } from '@playwright/test';
import { subscriptionsFor } from '../lib/store/access';
import { argValue, type FigureOptions, isEntryPoint, runAsScript } from './lib/cli';
import { browserAvailable, devLogin, ensureBuild, jsHeapUsed, launchChromium, plainPage, tokenSubject, waitForRows } from './lib/browser';
import { type RunningServer, startBaseline, startGateway } from './lib/gateway';
import { barePageUrl } from './lib/page-probe';
import { rssBytes, sleep } from './lib/processes';
import { publish, round, row, startFigure, target, type FigureResult } from './lib/report';
import { serverGauge } from './lib/server-usage';

interface Sizes {
  rate: number;
  firstMarkS: number;
  lastMarkS: number;
  sampleEveryS: number;
}

const FULL: Sizes = { rate: 2000, firstMarkS: 60, lastMarkS: 600, sampleEveryS: 30 };
const SMOKE: Sizes = { rate: 200, firstMarkS: 5, lastMarkS: 15, sampleEveryS: 5 };

interface Sample {
  at_s: number;
  server_rss_mb: number;
  /** V8 heap in use and memory outside it (buffers), from the server's own /api/metrics. */
  server_heap_mb: number;
  server_external_mb: number;
  /**
   * What V8 holds from the system for its heap (in use or not), and of that the young generation's
   * share: RSS steps that are V8 growing its spaces show here, steps outside V8 (malloc) do not.
   */
  server_heap_committed_mb: number;
  server_new_space_mb: number;
  dashboard_heap_mb: number;
  bare_heap_mb: number;
}

const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

const growth = (from: number, to: number) => ((to - from) / from) * 100;

/** Readings per page heap figure, each after a full collection, this far apart; the smallest is kept. */
const HEAP_READINGS = 3;
const HEAP_READING_GAP_MS = 500;

/**
 * What a page retains: the smallest of a few heap readings, each after a full garbage collection, as P7
 * reads the server's memory. One reading also counts what is in flight at that instant (a batch of
 * frames not yet applied, a snapshot being read): at 2k events/s that moved single readings by a
 * megabyte either way, more than the growth the target looks for.
 */
async function retainedHeap(page: Page): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < HEAP_READINGS; i++) {
    if (i > 0) await sleep(HEAP_READING_GAP_MS);
    least = Math.min(least, await jsHeapUsed(page, true));
  }
  return least;
}

/** Runs P5 and returns its result (also printed and written to bench/results/p5-soak.json). */
export async function runSoak(
  options: FigureOptions & { minutes?: number; warmMinutes?: number; jsFlags?: string },
  log: (line: string) => void = console.log,
): Promise<FigureResult> {
  const sizes = { ...(options.smoke ? SMOKE : FULL) };
  const warmMs = (options.warmMinutes ?? 0) * 60_000;
  const title = `memory soak at ${sizes.rate / 1000}k events/s`;
  const fig = options.jsFlags
    ? startFigure('p5-soak-js-flags', `${title}, the pages' V8 run with ${options.jsFlags}`, options.smoke)
    : warmMs
      ? startFigure('p5-soak-warm', `${title}, pages opened after ${options.warmMinutes} min of play`, options.smoke)
      : startFigure('p5-soak', title, options.smoke);
  if (!browserAvailable()) throw new Error('Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)');
  if (options.minutes && !options.smoke) sizes.lastMarkS = Math.max(sizes.firstMarkS * 2, Math.round(options.minutes * 60));
  await ensureBuild(log);
  let server: RunningServer | null = null;
  let staticServer: RunningServer | null = null;
  const browser = await launchChromium(options.jsFlags);
  try {
    // The bare page is served from another origin: the gateway must allow it to open /v1/ws.
    staticServer = await startBaseline('static-page');
    server = await startGateway({ next: true, mock: sizes.rate, env: { MOCK_SEED: '7', ALLOWED_ORIGINS: new URL(staticServer.baseUrl).origin } });
    if (warmMs) {
      log(`  the floor plays ${options.warmMinutes} min before the pages open…`);
      await sleep(warmMs);
    }
    const token = await devLogin(server.baseUrl, 'Bench Operator', 'operator');
    const userId = tokenSubject(token);
    // Neither page carries the timing probe: its maps would be part of the heaps measured here.
    const dash = await plainPage(browser);
    const bare = await plainPage(browser);
    await dash.page.goto(`${server.baseUrl}/?token=${encodeURIComponent(token)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await bare.page.goto(barePageUrl(staticServer.baseUrl, server.port, token, subscriptionsFor('operator', userId)), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await Promise.all([waitForRows(dash.page, 30_000), waitForRows(bare.page, 30_000)]);
    // Both pages stay "visible" to the browser: background tabs would throttle their frames.
    const start = Date.now();
    const samples: Sample[] = [];
    const proc = server.proc;
    const baseUrl = server.baseUrl;
    const take = async (pages: Page[]): Promise<Sample> => {
      const [d, b] = [await retainedHeap(pages[0]), await retainedHeap(pages[1])];
      const [heap, external, committed, newSpace] = await serverGauge(baseUrl, [
        'floor_nodejs_heap_size_used_bytes',
        'floor_nodejs_external_memory_bytes',
        'floor_nodejs_heap_size_total_bytes',
        'floor_nodejs_heap_space_size_total_bytes{space="new"}',
      ]);
      const s: Sample = {
        at_s: Math.round((Date.now() - start) / 1000),
        server_rss_mb: mb(await rssBytes(proc.pid)),
        server_heap_mb: mb(heap),
        server_external_mb: mb(external),
        server_heap_committed_mb: mb(committed),
        server_new_space_mb: mb(newSpace),
        dashboard_heap_mb: mb(d),
        bare_heap_mb: mb(b),
      };
      samples.push(s);
      log(
        `  ${s.at_s} s: server RSS ${s.server_rss_mb} MB (heap ${s.server_heap_mb} of ${s.server_heap_committed_mb} committed, new space ${s.server_new_space_mb}, ` +
          `external ${s.server_external_mb}), ` +
          `dashboard heap ${s.dashboard_heap_mb} MB, bare page heap ${s.bare_heap_mb} MB`,
      );
      return s;
    };
    let first: Sample | null = null;
    let last: Sample | null = null;
    for (let t = sizes.sampleEveryS; t <= sizes.lastMarkS; t += sizes.sampleEveryS) {
      await sleep(Math.max(0, start + t * 1000 - Date.now()));
      if (proc.child.exitCode !== null) throw new Error(`the server exited during the soak:\n${proc.stderrTail()}`);
      const s = await take([dash.page, bare.page]);
      if (t === sizes.firstMarkS) first = s;
      if (t === sizes.lastMarkS) last = s;
    }
    if (!first || !last) throw new Error('soak marks were not sampled');
    // Bounded buffers fill for a while before memory levels off: growth over the second half tells a
    // leak (still growing) from a warm-up (flat once full).
    const mid = samples.reduce((a, b) => (Math.abs(b.at_s - last!.at_s / 2) < Math.abs(a.at_s - last!.at_s / 2) ? b : a), samples[0]);
    const rssGrowth = growth(first.server_rss_mb, last.server_rss_mb);
    const heapGrowth = growth(first.dashboard_heap_mb, last.dashboard_heap_mb);
    const bareGrowth = growth(first.bare_heap_mb, last.bare_heap_mb);
    const [m1, m2] = [sizes.firstMarkS, sizes.lastMarkS].map((s) => (s >= 60 ? `${round(s / 60, 1)} min` : `${s} s`));
    return publish(
      fig.finish({
        rows: [
          row(`server RSS at ${m2}`, 'MB', last.server_rss_mb, first.server_rss_mb, `at ${m1}`),
          row(`server V8 heap in use at ${m2}`, 'MB', last.server_heap_mb, first.server_heap_mb, `at ${m1}`),
          row(`server V8 heap committed at ${m2}`, 'MB', last.server_heap_committed_mb, first.server_heap_committed_mb, `at ${m1}`),
          row(`dashboard JS heap at ${m2}`, 'MB', last.dashboard_heap_mb, first.dashboard_heap_mb, `at ${m1}`),
          row(`bare page JS heap at ${m2}`, 'MB', last.bare_heap_mb, first.bare_heap_mb, `at ${m1}`),
          row('dashboard heap growth', '%', heapGrowth, bareGrowth, 'bare page'),
          row(`server RSS growth over the second half (${mid.at_s} s → ${last.at_s} s)`, '%', growth(mid.server_rss_mb, last.server_rss_mb)),
          row(`dashboard heap growth over the second half (${mid.at_s} s → ${last.at_s} s)`, '%', growth(mid.dashboard_heap_mb, last.dashboard_heap_mb)),
        ],
        targets: [target(`server RSS growth ${m1} → ${m2}`, rssGrowth, '<=', 10, '%'), target(`dashboard heap growth ${m1} → ${m2}`, heapGrowth, '<=', 10, '%')],
        details: { sizes, warm_minutes: options.warmMinutes ?? 0, js_flags: options.jsFlags ?? null, samples },
        notes: [
          `page heap: the smallest of ${HEAP_READINGS} readings ${HEAP_READING_GAP_MS} ms apart, each after a forced garbage collection (CDP HeapProfiler.collectGarbage), so it is what the page retains`,
        ],
      }),
    );
  } finally {
    await browser.close();
    await staticServer?.stop();
    await server?.stop();
  }
}

if (isEntryPoint(import.meta.url)) {
  const minutes = Number(argValue('minutes')) || undefined;
  const warmMinutes = Number(argValue('warm')) || undefined;
  const jsFlags = argValue('js-flags');
  runAsScript((o) => runSoak({ ...o, minutes, warmMinutes, jsFlags }));
}
