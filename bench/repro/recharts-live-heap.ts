/**
 * Minimal reproduction for the question docs/PERFORMANCE.md asks of recharts: does a live chart
 * keep what it was fed? One page (`recharts-live-page.tsx`, bundled here with esbuild in production
 * mode, served on 127.0.0.1) draws six step-line charts with a reference line, updated ten times a
 * second, in two modes:
 *   advised: a bounded series appended to (old points keep their identity), `dataKey` as a string,
 *            module-level formatter and domain, `isAnimationActive={false}`
 *   naive:   a new array of new point objects each update, function `dataKey`, inline formatter and
 *            domain, animation on
 * and samples the page's JS heap after a forced GC. Both run for `--seconds=N` (default 120).
 *
 *   node --import tsx bench/repro/recharts-live-heap.ts [--seconds=120]
 */
import { argValue } from '../lib/cli';
import { jsHeapUsed, launchChromium } from '../lib/browser';
import { servePage } from './page-server';
import { sleep } from '../lib/processes';

const seconds = Number(argValue('seconds')) || 120;
const SAMPLE_S = 15;

async function main(): Promise<void> {
  const server = await servePage('recharts-live-page.tsx');
  const browser = await launchChromium();
  try {
    for (const mode of ['advised', 'naive']) {
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/?mode=${mode}`);
      const samples: string[] = [];
      for (let s = SAMPLE_S; s <= seconds; s += SAMPLE_S) {
        await sleep(SAMPLE_S * 1000);
        const heap = await jsHeapUsed(page, true);
        const updates = await page.evaluate(() => (window as unknown as { updates: number }).updates);
        samples.push(`${s}s ${(heap / 1e6).toFixed(2)} MB (${updates} updates)`);
      }
      console.log(`${mode}: ${samples.join(' · ')}`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
