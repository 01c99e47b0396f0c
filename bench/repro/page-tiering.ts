/**
 * What V8's optimizing compilers do on the dashboard as it runs: the dashboard (production build) under
 * the mock stream at `--rate` events/s in a Chromium started with `--trace-opt --trace-deopt`, and per
 * minute the functions compiled by Maglev and by TurboFan, their compile time (mostly on V8's
 * background threads), the deoptimizations, how many of the compiles were of a function already compiled
 * before for that tier (its optimized code dropped and made again), and how many were a first (the page's
 * code still warming up).
 *
 *   node --import tsx bench/repro/page-tiering.ts [--rate=2000] [--minutes=10]
 *
 * Chromium is started here rather than through Playwright's launcher so that its output, where V8
 * writes the trace, can be read; Playwright drives it over the DevTools protocol.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, devLogin, ensureBuild, plainPage, waitForRows } from '../lib/browser';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';
import { startGateway } from '../lib/gateway';
import { sleep } from '../lib/processes';

interface Minute {
  maglev: number;
  turbofan: number;
  /** Compiles of a function compiled before in the run. */
  again: number;
  compileMs: number;
  deopts: number;
}

const emptyMinute = (): Minute => ({ maglev: 0, turbofan: 0, again: 0, compileMs: 0, deopts: 0 });

/** `[completed compiling 0x… <JSFunction name (sfi = 0x…)> (target MAGLEV) - took a, b, c ms]` */
const COMPILED = /^\[completed compiling \S+ <JSFunction [^(]*\(sfi = (\w+)\)> \(target (\w+)\) - took ([\d.]+), ([\d.]+), ([\d.]+) ms/;

/** Reads V8's trace lines and counts them into the current minute. */
class TraceCounter {
  private now = emptyMinute();
  private readonly seen = new Set<string>();

  line(text: string): void {
    const compiled = COMPILED.exec(text);
    if (compiled) {
      const [, sfi, target, a, b, c] = compiled;
      if (target === 'MAGLEV') this.now.maglev++;
      else this.now.turbofan++;
      const key = `${sfi} ${target}`;
      if (this.seen.has(key)) this.now.again++;
      this.seen.add(key);
      this.now.compileMs += Number(a) + Number(b) + Number(c);
    } else if (text.startsWith('[bailout (kind:')) {
      this.now.deopts++;
    }
  }

  /** Ends the current minute and returns its counts. */
  nextMinute(): Minute {
    const done = this.now;
    this.now = emptyMinute();
    return done;
  }
}

/** Starts Chromium with V8's optimization trace on, and returns its DevTools address. */
async function startTracedChromium(profile: string, counter: TraceCounter) {
  const child = spawn(
    CHROMIUM,
    ['--headless', ...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--js-flags=--trace-opt --trace-deopt'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  createInterface({ input: child.stdout }).on('line', (l) => counter.line(l));
  try {
    const wsUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Chromium did not print its DevTools address in 30 s')), 30_000);
      createInterface({ input: child.stderr }).on('line', (l) => {
        const m = /DevTools listening on (ws:\S+)/.exec(l);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code})`)));
    });
    return { child, wsUrl };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

async function main() {
  const rate = Number(argValue('rate') ?? 2000);
  const minutes = Number(argValue('minutes') ?? 10);
  await ensureBuild(console.log);
  const server = await startGateway({ next: true, mock: rate, env: { MOCK_SEED: '7' } });
  const profile = mkdtempSync(path.join(tmpdir(), 'floor-tiering-'));
  const counter = new TraceCounter();
  let child: ChildProcess | null = null;
  try {
    const traced = await startTracedChromium(profile, counter);
    child = traced.child;
    const browser = await chromium.connectOverCDP(traced.wsUrl);
    const token = await devLogin(server.baseUrl, 'Bench Operator', 'operator');
    const { page } = await plainPage(browser);
    await page.goto(`${server.baseUrl}/?token=${encodeURIComponent(token)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForRows(page, 30_000);
    counter.nextMinute(); // the load itself is minute 0
    console.log(`minute  Maglev  TurboFan  of them again  first time  compile ms  deopts   (${rate} events/s)`);
    for (let m = 1; m <= minutes; m++) {
      await sleep(60_000);
      const d = counter.nextMinute();
      console.log(
        `${String(m).padStart(6)}  ${String(d.maglev).padStart(6)}  ${String(d.turbofan).padStart(8)}  ${String(d.again).padStart(13)}  ` +
          `${String(d.maglev + d.turbofan - d.again).padStart(10)}  ${d.compileMs.toFixed(0).padStart(10)}  ${String(d.deopts).padStart(6)}`,
      );
    }
    await browser.close();
  } finally {
    child?.kill('SIGKILL');
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
