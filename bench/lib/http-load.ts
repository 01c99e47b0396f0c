import http from 'node:http';
import { LatencyHistogram } from './histogram';

/** A keep-alive POST client for one base URL: every request reuses a small pool of sockets. */
export class JsonPoster {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    endpoint: string,
    private readonly headers: Record<string, string> = {},
    maxSockets = 8,
  ) {
    this.url = new URL(endpoint);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** POSTs a JSON body; resolves with the status once the whole answer has been read. */
  post(body: string, timeoutMs = 30_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...this.headers },
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`POST ${this.url.pathname} timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface ClosedLoopResult {
  requests: number;
  items: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  items_per_s: number;
  requests_per_s: number;
  latency: ReturnType<LatencyHistogram['summary']>;
}

/**
 * `senders` concurrent loops, each POSTing a fresh body and waiting for the answer before the next,
 * for `warmupMs` unmeasured and then `measureMs` measured. Bounded by time and by `maxRequests`.
 */
export async function closedLoop(options: {
  poster: JsonPoster;
  senders: number;
  makeBody: () => string;
  itemsPerBody: number;
  warmupMs: number;
  measureMs: number;
  maxRequests?: number;
  expectStatus?: number;
}): Promise<ClosedLoopResult> {
  const { poster, senders, makeBody, itemsPerBody, warmupMs, measureMs, maxRequests = 10_000_000, expectStatus = 204 } = options;
  const hist = new LatencyHistogram();
  const statuses: Record<string, number> = {};
  let measuring = false;
  let stop = false;
  let requests = 0;
  let errors = 0;
  let issued = 0;
  let firstError: unknown = null;

  async function loop() {
    while (!stop && issued < maxRequests) {
      issued++;
      const body = makeBody();
      const t0 = performance.now();
      let status = 0;
      try {
        status = await poster.post(body);
      } catch (err) {
        firstError ??= err;
      }
      const t1 = performance.now();
      if (!measuring) continue;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== expectStatus) {
        errors++;
        continue;
      }
      requests++;
      hist.record(t1 - t0);
    }
  }

  const loops = Array.from({ length: senders }, () => loop());
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, measureMs));
  measuring = false;
  const seconds = (performance.now() - start) / 1000;
  stop = true;
  await Promise.all(loops);
  if (requests === 0 && firstError) throw firstError;
  return {
    requests,
    items: requests * itemsPerBody,
    errors,
    statuses,
    seconds,
    items_per_s: (requests * itemsPerBody) / seconds,
    requests_per_s: requests / seconds,
    latency: hist.summary(),
  };
}

export interface OpenLoopResult {
  offered_per_s: number;
  sent_items: number;
  /** Ticks where the poster could not send because `maxInFlight` requests were still unanswered. */
  stalled_ticks: number;
  errors: number;
  seconds: number;
}

/**
 * Sends items at a fixed rate whatever the server does: every `tickMs` the items due so far go out
 * as one body (split at `maxBatch`). At most `maxInFlight` requests wait for an answer; beyond that
 * the poster stalls, which means the server no longer absorbs the offered load.
 */
export async function openLoop(options: {
  poster: JsonPoster;
  ratePerS: number;
  durationMs: number;
  makeBody: (count: number) => string;
  tickMs?: number;
  maxBatch?: number;
  maxInFlight?: number;
}): Promise<OpenLoopResult> {
  const { poster, ratePerS, durationMs, makeBody, tickMs = 10, maxBatch = 1000, maxInFlight = 32 } = options;
  let inFlight = 0;
  let scheduled = 0;
  let sent = 0;
  let stalled = 0;
  let errors = 0;
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(Math.floor((Math.min(elapsed, durationMs) / 1000) * ratePerS), Math.ceil((durationMs / 1000) * ratePerS));
      while (scheduled < due) {
        if (inFlight >= maxInFlight) {
          stalled++;
          // Drop what could not be sent: an open-loop load does not queue up in the client.
          scheduled = due;
          break;
        }
        const count = Math.min(maxBatch, due - scheduled);
        scheduled += count;
        sent += count;
        inFlight++;
        const p = poster
          .post(makeBody(count))
          .then((status) => {
            if (status !== 204) errors++;
          })
          .catch(() => {
            errors++;
          })
          .finally(() => {
            inFlight--;
            pending.delete(p);
          });
        pending.add(p);
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    }, tickMs);
  });
  const seconds = (performance.now() - start) / 1000;
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 15_000))]);
  return { offered_per_s: ratePerS, sent_items: sent, stalled_ticks: stalled, errors, seconds };
}
