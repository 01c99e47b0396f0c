import type { Logger } from '../server/logger';

const MAX_BATCH = 500;
const MAX_BUFFER = 20_000;
const LOG_EVERY_MS = 60_000;

/** Sends seed 001 items to the gateway's own `POST /api/v1/events` in batches, one request in flight at a time. */
export function createIngestPoster(apiKey: string, logger: Logger) {
  let url: string | null = null;
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
      const res = await fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ items: batch }),
      });
      if (res.status !== 204) logFailure(`ingest answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    } catch (err) {
      logFailure(`ingest unreachable (${(err as Error).message})`);
    }
  }

  return {
    /** Where to post; nothing is sent before this. */
    start(baseUrl: string): void {
      url = new URL('/api/v1/events', baseUrl).toString();
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
      buffer = [];
    },
  };
}
