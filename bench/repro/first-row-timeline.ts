/**
 * Where a cold load's time goes before the first live row: opens the dashboard (production build) in a
 * fresh context `--runs` times under the mock stream at 100 events/s and prints, per run, the document,
 * the socket's open, each frame it sends and receives (the first event only once), and the first bet row
 * in the DOM, in ms since navigation. P4 gives the figure; this says which step is slow.
 *
 *   node --import tsx bench/repro/first-row-timeline.ts [--runs=3]
 */
import { probedPage } from '../lib/browser';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';
import { onLiveFloor } from './live-floor';

async function main() {
  const runs = Number(argValue('runs') ?? 3);
  await onLiveFloor(100, async ({ browser, dashboardUrl }) => {
    for (let run = 1; run <= runs; run++) {
      const { context, page } = await probedPage(browser);
      const started = Date.now();
      const marks: string[] = [];
      const mark = (what: string) => marks.push(`${String(Date.now() - started).padStart(6)} ms  ${what}`);
      page.on('requestfinished', (r) => r.resourceType() === 'document' && mark('document loaded'));
      page.on('websocket', (ws) => {
        mark(`socket open ${new URL(ws.url()).pathname}`);
        let sawEvent = false;
        ws.on('framesent', (f) => mark(`sent ${String(f.payload).slice(0, 48)}`));
        ws.on('framereceived', (f) => {
          const text = String(f.payload);
          if (!text.startsWith('{"type":"event"')) return mark(`received ${text.slice(0, 48)}`);
          if (!sawEvent) mark(`first event ${text.match(/"event":"[^"]+"/)?.[0] ?? ''}`);
          sawEvent = true;
        });
      });
      await page.goto(dashboardUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      mark('DOMContentLoaded');
      await page.waitForSelector('[data-testid="bet-row"]', { timeout: 30_000 });
      mark('first bet row in the DOM');
      console.log(`run ${run}\n${marks.join('\n')}\n`);
      await context.close();
    }
  });
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
