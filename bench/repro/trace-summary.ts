/**
 * What a page's main thread spent its time on, from a Chromium trace saved by
 * `dashboard-profile.ts --trace=FILE`: the self time of each kind of trace event on the renderer's main
 * thread (events nested in another are taken out of their parent's time), per second of the trace, most
 * first. Event dispatches are split by event type (`EventDispatch message`, `EventDispatch pointermove`…)
 * and function calls by their script's file name, so that native work (dispatching a socket's messages,
 * styling, painting, collecting garbage) shows apart from the page's own script.
 *
 *   node --import tsx bench/repro/trace-summary.ts TRACE.json [--top=30]
 */
import { readFileSync } from 'node:fs';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { type?: string; url?: string } };
}

/** The renderer main threads in the trace: the one with the most complete events is the page's. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const counts = new Map<string, number>();
  const named = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && named.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best) throw new Error('no renderer main thread in the trace');
  const [pid, tid] = best[0].split(':').map(Number);
  return { pid, tid };
}

/** A readable label: the event's name, with the dispatched event's type or the called script's file. */
function label(e: TraceEvent): string {
  const data = e.args?.data;
  if (e.name === 'EventDispatch' && data?.type) return `EventDispatch ${data.type}`;
  if ((e.name === 'FunctionCall' || e.name === 'EvaluateScript') && data?.url) return `${e.name} ${data.url.split('/').pop()?.split('?')[0] || data.url}`;
  return e.name;
}

export function selfTimes(events: TraceEvent[]): { seconds: number; rows: { name: string; ms: number }[] } {
  const { pid, tid } = mainThread(events);
  const own = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const open: { end: number; name: string }[] = [];
  const add = (name: string, us: number) => self.set(name, (self.get(name) ?? 0) + us);
  for (const e of own) {
    while (open.length && open[open.length - 1].end <= e.ts) open.pop();
    const parent = open[open.length - 1];
    if (parent) add(parent.name, -Math.min(e.dur!, parent.end - e.ts));
    add(label(e), e.dur!);
    open.push({ end: e.ts + e.dur!, name: label(e) });
  }
  const span = own.length ? (own[own.length - 1].ts + own[own.length - 1].dur! - own[0].ts) / 1e6 : 0;
  const rows = [...self].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  return { seconds: span, rows };
}

async function main() {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: trace-summary.ts TRACE.json [--top=30]');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const { seconds, rows } = selfTimes(events);
  const total = rows.reduce((s, r) => s + r.ms, 0);
  console.log(`main thread: ${(total / seconds).toFixed(0)} ms of trace events per second over ${seconds.toFixed(1)} s`);
  for (const r of rows.slice(0, Number(argValue('top') ?? 30))) console.log(`${(r.ms / seconds).toFixed(1).padStart(8)} ms/s  ${r.name}`);
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
