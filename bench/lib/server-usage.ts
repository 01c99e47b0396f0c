/** What a server under test uses: settled memory, CPU over a window, and whether it may hold the sockets asked of it. */
import type { ServerInspector } from './inspector';
import { cpuSeconds, openFilesLimit, rssBytes, sleep } from './processes';

/** A server's memory once settled. */
export interface MemoryReading {
  /** RSS as the process left it, before the first forced collection: what a monitor would read. */
  rss_unforced_bytes: number;
  rss_bytes: number;
  heap_bytes: number;
  rss_samples: number[];
}

/** Full garbage collection, then RSS; `samples` times, the smallest kept: what the process retains once settled. */
export async function settledMemory(pid: number, inspector: ServerInspector, samples: number): Promise<MemoryReading> {
  const unforced = await rssBytes(pid);
  const rss: number[] = [];
  let heap = Infinity;
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(1000);
    heap = Math.min(heap, await inspector.collectGarbage());
    // The collector returns pages to the system a moment after it finishes.
    await sleep(300);
    rss.push(await rssBytes(pid));
  }
  return { rss_unforced_bytes: unforced, rss_bytes: Math.min(...rss), heap_bytes: heap, rss_samples: rss };
}

/** Server CPU over `ms` of waiting, in % of one core. */
export async function cpuOver(pid: number, ms: number): Promise<number> {
  const cpu0 = await cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(ms);
  return ((await cpuSeconds(pid)) - cpu0) / ((performance.now() - t0) / 1000) * 100;
}

/** Fails early, saying what to raise, when a process cannot hold its share of the sockets. */
export async function checkOpenFiles(serverPid: number, connections: number, receiverProcesses: number): Promise<void> {
  const need = { self: Math.ceil(connections / receiverProcesses) + 256, server: connections + 256 };
  const [self, server] = [await openFilesLimit('self'), await openFilesLimit(serverPid)];
  if (self < need.self || server < need.server) {
    throw new Error(
      `open-files limit too low: ${server} for the server (needs ${need.server}), ${self} here (receivers inherit it, each needs ${need.self}); ` +
        `raise it (\`ulimit -n ${need.server}\`) or pass fewer --connections`,
    );
  }
}

/**
 * Reads gauges from the Prometheus text of `/api/metrics` (NaN when absent): a bare name matches its first
 * series, whatever its labels; a name with labels (`name{space="new"}`) matches that series only.
 */
export async function serverGauge(baseUrl: string, names: string[]): Promise<number[]> {
  try {
    const text = await (await fetch(`${baseUrl}/api/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    return names.map((name) => {
      const literal = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const m = new RegExp(`^${literal}${name.includes('{') ? '' : '(?:\\{[^}]*\\})?'} ([0-9.e+-]+)$`, 'm').exec(text);
      return m ? Number(m[1]) : NaN;
    });
  } catch {
    return names.map(() => NaN);
  }
}
