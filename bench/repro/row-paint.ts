/**
 * Where a live row's time goes, per row: opens the dashboard and the bare page (production build) under the mock
 * stream at `--rate` events/s, lets P3's probe time every live row for `--seconds`, and prints, for each page, the
 * arrival→paint and arrival→next-frame-callback percentiles, how long the painting frame took from its start to its
 * paint (the next frame callback stands for the start of the frame after), the rows each painting frame drew, and the
 * gap between painting frames.
 *
 *   node --import tsx bench/repro/row-paint.ts [--rate=1000] [--seconds=8]
 */
import { subscriptionsFor } from '../../lib/store/access';
import { betRowsShown, devLogin, ensureBuild, launchChromium, probedPage, sampleOpenPage, tokenSubject, waitForLiveRow } from '../lib/browser';
import { argValue, isEntryPoint } from '../lib/cli';
import { startBaseline, startGateway } from '../lib/gateway';
import { percentile } from '../lib/histogram';
import { barePageUrl, type ProbeSample } from '../lib/page-probe';
import { sleep } from '../lib/processes';

const FRAME_MS = 1000 / 60;

function line(name: string, values: number[]): string {
  return `${name} p50 ${percentile(values, 0.5).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms`;
}

function describe(page: string, s: ProbeSample): string[] {
  const withNext = s.rows.filter((r) => Number.isFinite(r[4]));
  const perFrame = new Map<number, number>();
  for (const r of s.rows) perFrame.set(r[3], (perFrame.get(r[3]) ?? 0) + 1);
  const paints = [...perFrame.keys()].sort((a, b) => a - b);
  return [
    `${page}: ${s.rows.length} rows in ${paints.length} painting frames (${percentile([...perFrame.values()], 0.5)} rows each, median)`,
    `  ${line('arrival→paint', s.rows.map((r) => r[3] - r[1]))}; ${line('arrival→next frame callback', withNext.map((r) => r[4] - r[1]))}`,
    `  ${line('painting frame start→paint', withNext.map((r) => r[3] - (r[4] - FRAME_MS)))}; ${line('gap between painting frames', paints.slice(1).map((t, i) => t - paints[i]))}`,
  ];
}

async function main(): Promise<void> {
  const rate = Number(argValue('rate') ?? 1000);
  const seconds = Number(argValue('seconds') ?? 8);
  await ensureBuild(console.log);
  const browser = await launchChromium();
  const statics = await startBaseline('static-page');
  const server = await startGateway({ next: true, mock: rate, env: { MOCK_SEED: '7', ALLOWED_ORIGINS: new URL(statics.baseUrl).origin } });
  try {
    const token = await devLogin(server.baseUrl, 'Bench Operator', 'operator');
    const userId = tokenSubject(token);
    /** Samples one page and prints its rows' times; returns how many bet rows it had. */
    const sample = async (name: string, url: string): Promise<number> => {
      const { context, page } = await probedPage(browser);
      try {
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await waitForLiveRow(page, 30_000);
        await sleep(3000);
        for (const l of describe(name, await sampleOpenPage(page, seconds * 1000))) console.log(l);
        return await betRowsShown(page);
      } finally {
        await context.close();
      }
    };
    const rows = await sample('dashboard', `${server.baseUrl}/?token=${encodeURIComponent(token)}`);
    // As many rows as the dashboard's table had, as P3 does.
    await sample('bare page', barePageUrl(statics.baseUrl, server.port, token, subscriptionsFor('operator', userId), rows));
  } finally {
    await server.stop();
    await statics.stop();
    await browser.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
