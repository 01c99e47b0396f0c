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
import { createServer } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { launchChromium } from '../lib/browser';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'recharts-reference-line-page.tsx')],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return out.outputFiles[0].text;
}

async function main(): Promise<void> {
  const updates = Number(argValue('updates') ?? 300);
  const rounds = Number(argValue('rounds') ?? 3);
  const script = await bundle();
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/app.js')) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><div id="root"></div><script src="/app.js"></script>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const browser = await launchChromium();
  const times: Record<string, number[]> = { inline: [], memo: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['inline', 'memo']) {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${port}/?mode=${mode}&updates=${updates}`);
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
