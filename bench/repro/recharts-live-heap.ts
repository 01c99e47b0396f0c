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
import { createServer } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { argValue } from '../lib/cli';
import { jsHeapUsed, launchChromium } from '../lib/browser';
import { sleep } from '../lib/processes';

const seconds = Number(argValue('seconds')) || 120;
const SAMPLE_S = 15;

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'recharts-live-page.tsx')],
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
  const script = await bundle();
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/app.js')) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><div id="root"></div><script src="/app.js"></script>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const browser = await launchChromium();
  try {
    for (const mode of ['advised', 'naive']) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/?mode=${mode}`);
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
