import http from 'node:http';
import https from 'node:https';
import type { Logger } from '../runtime/logger';

const MAX_BATCH = 500;
const MAX_BUFFER = 20_000;
const LOG_EVERY_MS = 60_000;

/**
 * One POST over a kept-alive connection; answers the status and the start of the body. Plain
 * `node:http` rather than `fetch`: Next replaces the global `fetch` of the process it runs in with its
 * own caching one, which the stream should not go through thousands of times a second.
 */
function post(url: URL, agent: http.Agent, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 300) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Sends gamification-format items to the gateway's own `POST /api/v1/events` in batches, one request in flight at a time. */
export function createIngestPoster(apiKey: string, logger: Logger) {
  let url: URL | null = null;
  let agent: http.Agent | null = null;
  let buffer: object[] = [];
  let inFlight = false;
  let lastErrorLog = 0;

  function logFailure(message: string): void {
    const now = Date.now();
    if (now - lastErrorLog < LOG_EVERY_MS) return;
    lastErrorLog = now;
    logger.warn(`mock poster: ${message}`);
  }

  async function send(batch: object[]): Promise<void> {
    try {
      const res = await post(url!, agent!, { 'content-type': 'application/json', 'x-api-key': apiKey }, JSON.stringify({ items: batch }));
      if (res.status !== 204) logFailure(`ingest answered ${res.status}: ${res.text.slice(0, 300)}`);
    } catch (err) {
      logFailure(`ingest unreachable (${(err as Error).message})`);
    }
  }

  return {
    /** Where to post; nothing is sent before this. */
    start(baseUrl: string): void {
      url = new URL('/api/v1/events', baseUrl);
      agent = new (url.protocol === 'https:' ? https : http).Agent({ keepAlive: true, maxSockets: 1 });
    },
    /** Queues one item; the oldest are dropped if the gateway cannot keep up. */
    push(item: object): void {
      buffer.push(item);
      if (buffer.length > MAX_BUFFER) buffer = buffer.slice(-MAX_BUFFER / 2);
    },
    /** Posts what is queued, unless a request is still in flight. */
    async flush(): Promise<void> {
      if (!url || inFlight || buffer.length === 0) return;
      inFlight = true;
      try {
        while (buffer.length > 0 && url) {
          const batch = buffer.splice(0, MAX_BATCH);
          await send(batch);
        }
      } finally {
        inFlight = false;
      }
    },
    stop(): void {
      url = null;
      agent?.destroy();
      agent = null;
      buffer = [];
    },
  };
}
