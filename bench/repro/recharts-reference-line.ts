/**
 * Minimal reproduction of what a re-rendered `ReferenceLine` costs in recharts 3: it registers itself
 * with the chart's store from an effect without dependencies (`ReportReferenceLine`), so every render
 * of one removes and adds its line again, two dispatches that each run the chart's selectors. One page
 * (`recharts-reference-line-page.tsx`, bundled with esbuild in production mode, served on 127.0.0.1)
 * draws a step line with five reference lines and gives it `--updates` new samples, each rendered
 * synchronously, with the lines written in the chart's render (`inline`) and as memoized components
 * keyed by their x (`memo`, what `components/jackpots/pot-chart.tsx` does). Prints ms per sample,
 * `--rounds` times each, alternating.
 *
 *   node --import tsx bench/repro/recharts-reference-line.ts [--updates=300] [--rounds=3]
 */
import { launchChromium } from '../lib/browser';
import { servePage } from './page-server';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';

async function main(): Promise<void> {
  const updates = Number(argValue('updates') ?? 300);
  const rounds = Number(argValue('rounds') ?? 3);
  const server = await servePage('recharts-reference-line-page.tsx');
  const browser = await launchChromium();
  const times: Record<string, number[]> = { inline: [], memo: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['inline', 'memo']) {
        const page = await browser.newPage();
        await page.goto(`${server.baseUrl}/?mode=${mode}&updates=${updates}`);
        const handle = await page.waitForFunction('window.msPerUpdate', undefined, { timeout: 120_000, polling: 100 });
        times[mode].push(Number(await handle.jsonValue()));
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const mode of ['inline', 'memo']) console.log(`${mode.padEnd(6)} ${times[mode].map((t) => t.toFixed(2)).join(', ')} ms per sample`);
  console.log(`memoized lines: ${(median(times.memo) / median(times.inline)).toFixed(2)}× the inline lines' time per sample (medians of ${rounds})`);
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
