/**
 * Where a cold load's time goes before the first live row: opens the dashboard (production build) in a
 * fresh context `--runs` times under the mock stream at 100 events/s and prints, per run, the document,
 * the socket's open, each frame it sends and receives (the first event only once), and the first bet row
 * in the DOM, in ms since navigation; then, on the page's own clock, when the document and each script
 * arrived and when the paints fell. P4 gives the figure; this says which step is slow.
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
      console.log(`run ${run}\n${marks.join('\n')}`);
      // The page's own clock: when the document and each script arrived, and when the page's milestones fell.
      const timings = (await page.evaluate(`(() => {
        const n = performance.getEntriesByType('navigation')[0];
        const rows = [['document response end', n.responseEnd], ['DOM interactive', n.domInteractive], ['DOMContentLoaded', n.domContentLoadedEventEnd]];
        for (const r of performance.getEntriesByType('resource')) if (r.initiatorType === 'script' || r.initiatorType === 'link') rows.push([r.name.split('/').pop() + ' ' + Math.round(r.transferSize / 1024) + ' KB, requested at ' + Math.round(r.startTime) + ', sent at ' + Math.round(r.requestStart) + ', first byte at ' + Math.round(r.responseStart), r.responseEnd]);
        for (const p of performance.getEntriesByType('paint')) rows.push([p.name, p.startTime]);
        for (const m of performance.getEntriesByType('mark')) rows.push(['mark ' + m.name, m.startTime]);
        return rows.sort((a, b) => a[1] - b[1]);
      })()`)) as [string, number][];
      console.log(`page clock:\n${timings.map(([what, at]) => `${String(Math.round(at)).padStart(6)} ms  ${what}`).join('\n')}\n`);
      await context.close();
    }
  });
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
